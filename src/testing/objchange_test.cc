// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Terraform's rules around plan and apply, one table per rule. Values are written as cty
// JSON of the test schema (missing attributes null, absent blocks empty); unknowns are
// marked by path.

#include "src/testing/objchange.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "src/value/json_codec.h"

namespace tfsdk::internal {
namespace {

Block TestBlock() {
  Block nested{
      .attributes = {Attribute::String("x").Optional(), Attribute::String("y").Computed()}};
  return Block{
      .attributes =
          {
              Attribute::String("name").Required(),
              Attribute::String("opt").Optional(),
              Attribute::String("comp").Computed(),
              Attribute::String("oc").Optional().Computed(),
              Attribute::String("secret").Optional().Sensitive(),
              Attribute::String("wo").Optional().WriteOnly(),
              Attribute::ListNested(
                  "ln", {Attribute::String("a").Required(), Attribute::String("c").Computed()})
                  .Optional(),
              Attribute::SetNested(
                  "sn", {Attribute::String("a").Required(), Attribute::String("c").Computed()})
                  .Optional(),
              Attribute::MapNested(
                  "mn", {Attribute::String("a").Optional(), Attribute::String("c").Computed()})
                  .Optional(),
              Attribute::SingleNested(
                  "one_n", {Attribute::String("a").Optional(), Attribute::String("c").Computed()})
                  .Optional(),
          },
      .blocks =
          {
              Block::List("lb", nested),
              Block::Set("sb", nested),
              Block::Single("one", nested),
              Block::Map("mb", nested),
          },
  };
}

class ObjChangeTest : public ::testing::Test {
 protected:
  // A value from cty JSON; "null" is the null object.
  Value V(const std::string& json, const std::vector<Path>& unknown = {}) {
    absl::StatusOr<Value> v = DecodeJsonValue(json, type_);
    EXPECT_TRUE(v.ok()) << json << ": " << v.status();
    if (!v.ok()) return Value::NullVal(type_);
    Value out = FillEmptyBlocks(block_, *v);
    for (const Path& p : unknown) {
      absl::StatusOr<Value> at = out.At(p);
      EXPECT_TRUE(at.ok()) << p.ToString();
      if (!at.ok()) continue;
      absl::StatusOr<Value> with = out.WithAt(p, Value::UnknownVal(at->type()));
      EXPECT_TRUE(with.ok()) << p.ToString() << ": " << with.status();
      if (with.ok()) out = *with;
    }
    return out;
  }

  static std::string Describe(const std::vector<PathProblem>& problems) {
    std::string s;
    for (const PathProblem& p : problems) s += "[" + p.path.ToString() + "] " + p.message + "\n";
    return s;
  }

  Block block_ = TestBlock();
  Type type_ = block_.ImpliedType();
};

TEST_F(ObjChangeTest, ProposedNewState) {
  struct Case {
    const char* name;
    const char* prior;
    const char* config;
    const char* want;
  };
  const Case cases[] = {
      {"create takes the configuration", "null", R"({"name": "a", "oc": "o"})",
       R"({"name": "a", "oc": "o"})"},
      {"computed attributes keep prior values", R"({"name": "a", "comp": "c", "oc": "p"})",
       R"({"name": "a"})", R"({"name": "a", "comp": "c", "oc": "p"})"},
      {"a configured optional+computed value wins", R"({"name": "a", "oc": "p"})",
       R"({"name": "a", "oc": "q"})", R"({"name": "a", "oc": "q"})"},
      {"an optional value removed from the configuration goes", R"({"name": "a", "opt": "p"})",
       R"({"name": "a"})", R"({"name": "a"})"},
      {"list nested attributes correlate by index",
       R"({"name": "a", "ln": [{"a": "1", "c": "c1"}, {"a": "2", "c": "c2"}]})",
       R"({"name": "a", "ln": [{"a": "1"}, {"a": "3"}, {"a": "4"}]})",
       R"({"name": "a", "ln": [{"a": "1", "c": "c1"}, {"a": "3", "c": "c2"}, {"a": "4"}]})"},
      {"set nested attributes correlate by configured values",
       R"({"name": "a", "sn": [{"a": "1", "c": "c1"}, {"a": "2", "c": "c2"}]})",
       R"({"name": "a", "sn": [{"a": "2"}, {"a": "3"}]})",
       R"({"name": "a", "sn": [{"a": "2", "c": "c2"}, {"a": "3"}]})"},
      {"map nested attributes correlate by key",
       R"({"name": "a", "mn": {"k": {"a": "1", "c": "c1"}}})",
       R"({"name": "a", "mn": {"k": {"a": "9"}, "n": {"a": "2"}}})",
       R"({"name": "a", "mn": {"k": {"a": "9", "c": "c1"}, "n": {"a": "2"}}})"},
      {"single nested attribute keeps computed values",
       R"({"name": "a", "one_n": {"a": "1", "c": "c1"}})", R"({"name": "a", "one_n": {"a": "2"}})",
       R"({"name": "a", "one_n": {"a": "2", "c": "c1"}})"},
      {"a removed single nested attribute goes", R"({"name": "a", "one_n": {"a": "1", "c": "c1"}})",
       R"({"name": "a"})", R"({"name": "a"})"},
      {"list blocks correlate by index", R"({"name": "a", "lb": [{"x": "1", "y": "y1"}]})",
       R"({"name": "a", "lb": [{"x": "1"}, {"x": "2"}]})",
       R"({"name": "a", "lb": [{"x": "1", "y": "y1"}, {"x": "2"}]})"},
      {"set blocks correlate by non-computed values",
       R"({"name": "a", "sb": [{"x": "1", "y": "y1"}, {"x": "2", "y": "y2"}]})",
       R"({"name": "a", "sb": [{"x": "2"}, {"x": "3"}]})",
       R"({"name": "a", "sb": [{"x": "2", "y": "y2"}, {"x": "3"}]})"},
      {"a single block keeps computed values", R"({"name": "a", "one": {"x": "1", "y": "y1"}})",
       R"({"name": "a", "one": {"x": "5"}})", R"({"name": "a", "one": {"x": "5", "y": "y1"}})"},
      {"a removed single block goes", R"({"name": "a", "one": {"x": "1", "y": "y1"}})",
       R"({"name": "a"})", R"({"name": "a"})"},
      {"list nested attributes on create", "null", R"({"name": "a", "ln": [{"a": "1"}]})",
       R"({"name": "a", "ln": [{"a": "1"}]})"},
      {"list nested attributes added to a prior without them", R"({"name": "a"})",
       R"({"name": "a", "ln": [{"a": "1"}]})", R"({"name": "a", "ln": [{"a": "1"}]})"},
      {"list blocks on create", "null", R"({"name": "a", "lb": [{"x": "1"}]})",
       R"({"name": "a", "lb": [{"x": "1"}]})"},
      {"map blocks correlate by key", R"({"name": "a", "mb": {"k": {"x": "1", "y": "y1"}}})",
       R"({"name": "a", "mb": {"k": {"x": "1"}, "j": {"x": "2"}}})",
       R"({"name": "a", "mb": {"k": {"x": "1", "y": "y1"}, "j": {"x": "2"}}})"},
  };
  for (const Case& c : cases) {
    Value got = ProposedNewState(block_, V(c.prior), V(c.config));
    EXPECT_EQ(got, V(c.want)) << c.name << "\n got: " << got.ToString();
  }
}

TEST_F(ObjChangeTest, ProposedNewKeepsUnknownConfiguration) {
  Value config = V(R"({"name": "a"})", {Path::Root("opt"), Path::Root("oc")});
  Value got = ProposedNewState(block_, V(R"({"name": "a", "oc": "p"})"), config);
  EXPECT_TRUE(got.GetAttr("opt").IsUnknown());
  EXPECT_TRUE(got.GetAttr("oc").IsUnknown());
}

TEST_F(ObjChangeTest, PlannedDataSourceStateIsUnknownWhereComputed) {
  Value got = PlannedDataSourceState(block_, V(R"({"name": "a", "oc": "o", "lb": [{"x": "1"}]})"));
  EXPECT_EQ(got.GetAttr("name").AsString(), "a");
  EXPECT_EQ(got.GetAttr("oc").AsString(), "o");
  EXPECT_TRUE(got.GetAttr("comp").IsUnknown());
  EXPECT_TRUE(got.At(Path::Root("lb").Index(0).Attr("y"))->IsUnknown());
}

TEST_F(ObjChangeTest, CheckPlanValid) {
  struct Case {
    const char* name;
    const char* prior;
    const char* config;
    const char* planned;
    std::vector<Path> planned_unknown;
    std::vector<Path> want;  // paths of the expected problems, in order
  };
  const Case cases[] = {
      {"the configuration itself", "null", R"({"name": "a"})", R"({"name": "a"})", {}, {}},
      {"computed values unknown",
       "null",
       R"({"name": "a"})",
       R"({"name": "a"})",
       {Path::Root("comp"), Path::Root("oc")},
       {}},
      {"a default for unconfigured optional+computed",
       "null",
       R"({"name": "a"})",
       R"({"name": "a", "oc": "d"})",
       {},
       {}},
      {"a computed-only value",
       "null",
       R"({"name": "a"})",
       R"({"name": "a", "comp": "c"})",
       {},
       {}},
      {"a changed required value",
       "null",
       R"({"name": "a"})",
       R"({"name": "b"})",
       {},
       {Path::Root("name")}},
      {"a value for an unconfigured optional attribute",
       "null",
       R"({"name": "a"})",
       R"({"name": "a", "opt": "x"})",
       {},
       {Path::Root("opt")}},
      {"a changed configured optional+computed value",
       "null",
       R"({"name": "a", "oc": "x"})",
       R"({"name": "a", "oc": "y"})",
       {},
       {Path::Root("oc")}},
      {"an unknown for a configured optional+computed value",
       "null",
       R"({"name": "a", "oc": "x"})",
       R"({"name": "a"})",
       {Path::Root("oc")},
       {Path::Root("oc")}},
      {"the prior value over an equivalent configured one",
       R"({"name": "A"})",
       R"({"name": "a"})",
       R"({"name": "A"})",
       {},
       {}},
      {"a value for a write-only attribute",
       "null",
       R"({"name": "a"})",
       R"({"name": "a", "wo": "w"})",
       {},
       {Path::Root("wo")}},
      {"a changed sensitive value",
       "null",
       R"({"name": "a", "secret": "s"})",
       R"({"name": "a", "secret": "t"})",
       {},
       {Path::Root("secret")}},
      {"a changed value inside a list nested attribute",
       "null",
       R"({"name": "a", "ln": [{"a": "1"}]})",
       R"({"name": "a", "ln": [{"a": "2"}]})",
       {},
       {Path::Root("ln").Index(0).Attr("a")}},
      {"computed values inside nested attributes",
       "null",
       R"({"name": "a", "ln": [{"a": "1"}], "mn": {"k": {"a": "1"}}})",
       R"({"name": "a", "ln": [{"a": "1"}], "mn": {"k": {"a": "1"}}})",
       {Path::Root("ln").Index(0).Attr("c"), Path::Root("mn").Key("k").Attr("c")},
       {}},
      {"a configured nested attribute planned unknown",
       "null",
       R"({"name": "a", "ln": [{"a": "1"}]})",
       R"({"name": "a"})",
       {Path::Root("ln")},
       {Path::Root("ln")}},
      {"an extra list nested element",
       "null",
       R"({"name": "a", "ln": [{"a": "1"}]})",
       R"({"name": "a", "ln": [{"a": "1"}, {"a": "2"}]})",
       {},
       {Path::Root("ln")}},
      {"an extra block",
       "null",
       R"({"name": "a", "lb": [{"x": "1"}]})",
       R"({"name": "a", "lb": [{"x": "1"}, {"x": "2"}]})",
       {},
       {Path::Root("lb")}},
      {"a changed value inside a block",
       "null",
       R"({"name": "a", "lb": [{"x": "1"}]})",
       R"({"name": "a", "lb": [{"x": "2"}]})",
       {},
       {Path::Root("lb").Index(0).Attr("x")}},
      {"a computed value inside set blocks",
       "null",
       R"({"name": "a", "sb": [{"x": "1"}]})",
       R"({"name": "a", "sb": [{"x": "1"}]})",
       {Path::Root("sb").Index(0).Attr("y")},
       {}},
      {"a changed value inside a single block",
       "null",
       R"({"name": "a", "one": {"x": "1"}})",
       R"({"name": "a", "one": {"x": "2"}})",
       {},
       {Path::Root("one").Attr("x")}},
      {"a block key the configuration does not have",
       "null",
       R"({"name": "a", "mb": {"k": {"x": "1"}}})",
       R"({"name": "a", "mb": {"k": {"x": "1"}, "j": {"x": "1"}}})",
       {},
       {Path::Root("mb")}},
  };
  for (const Case& c : cases) {
    std::vector<PathProblem> got =
        CheckPlanValid(block_, V(c.prior), V(c.config), V(c.planned, c.planned_unknown));
    std::vector<Path> paths;
    for (const PathProblem& p : got) paths.push_back(p.path);
    EXPECT_EQ(paths, c.want) << c.name << "\n" << Describe(got);
  }
}

TEST_F(ObjChangeTest, CheckPlanValidSpecialShapes) {
  Value config = V(R"({"name": "a"})");
  // A null collection of blocks instead of an empty one.
  Value planned = *config.WithAt(Path::Root("lb"), Value::NullVal(type_.AttributeType("lb")));
  std::vector<PathProblem> got = CheckPlanValid(block_, Value::NullVal(type_), config, planned);
  ASSERT_EQ(got.size(), 1u) << Describe(got);
  EXPECT_EQ(got[0].path, Path::Root("lb"));
  EXPECT_NE(got[0].message.find("not null"), std::string::npos);

  // Planning absence for a configured object, and presence for a destroy.
  got = CheckPlanValid(block_, Value::NullVal(type_), config, Value::NullVal(type_));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_TRUE(got[0].path.empty());
  got = CheckPlanValid(block_, config, Value::NullVal(type_), config);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_TRUE(got[0].path.empty());

  // A sensitive value is never shown.
  got = CheckPlanValid(block_, Value::NullVal(type_), V(R"({"name": "a", "secret": "hunter2"})"),
                       V(R"({"name": "a", "secret": "other"})"));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].message.find("hunter2"), std::string::npos) << got[0].message;
  EXPECT_EQ(got[0].message.find("other"), std::string::npos) << got[0].message;
}

TEST_F(ObjChangeTest, CheckCompatible) {
  struct Case {
    const char* name;
    const char* planned;
    std::vector<Path> planned_unknown;
    const char* actual;
    std::vector<Path> want;
  };
  const Case cases[] = {
      {"identical", R"({"name": "a"})", {}, R"({"name": "a"})", {}},
      {"unknowns filled in",
       R"({"name": "a"})",
       {Path::Root("comp"), Path::Root("oc")},
       R"({"name": "a", "comp": "c", "oc": "o"})",
       {}},
      {"an unknown left null", R"({"name": "a"})", {Path::Root("comp")}, R"({"name": "a"})", {}},
      {"a known value changed", R"({"name": "a"})", {}, R"({"name": "b"})", {Path::Root("name")}},
      {"a null value set",
       R"({"name": "a"})",
       {},
       R"({"name": "a", "comp": "c"})",
       {Path::Root("comp")}},
      {"a known value removed",
       R"({"name": "a", "opt": "o"})",
       {},
       R"({"name": "a"})",
       {Path::Root("opt")}},
      {"a nested value changed",
       R"({"name": "a", "ln": [{"a": "1"}]})",
       {},
       R"({"name": "a", "ln": [{"a": "2"}]})",
       {Path::Root("ln").Index(0).Attr("a")}},
      {"a list nested element added",
       R"({"name": "a", "ln": [{"a": "1"}]})",
       {},
       R"({"name": "a", "ln": [{"a": "1"}, {"a": "2"}]})",
       {Path::Root("ln")}},
      {"set block unknowns filled in",
       R"({"name": "a", "sb": [{"x": "1"}, {"x": "2"}]})",
       {Path::Root("sb").Index(0).Attr("y"), Path::Root("sb").Index(1).Attr("y")},
       R"({"name": "a", "sb": [{"x": "1", "y": "p"}, {"x": "2", "y": "q"}]})",
       {}},
      {"a set block element changed",
       R"({"name": "a", "sb": [{"x": "1"}]})",
       {Path::Root("sb").Index(0).Attr("y")},
       R"({"name": "a", "sb": [{"x": "9", "y": "p"}]})",
       {Path::Root("sb")}},
      {"a set block grown",
       R"({"name": "a", "sb": [{"x": "1"}]})",
       {Path::Root("sb").Index(0).Attr("y")},
       R"({"name": "a", "sb": [{"x": "1", "y": "p"}, {"x": "1", "y": "q"}]})",
       {Path::Root("sb")}},
      {"a list block removed",
       R"({"name": "a", "lb": [{"x": "1"}]})",
       {},
       R"({"name": "a"})",
       {Path::Root("lb")}},
      {"a value inside a list block changed",
       R"({"name": "a", "lb": [{"x": "1"}]})",
       {},
       R"({"name": "a", "lb": [{"x": "2"}]})",
       {Path::Root("lb").Index(0).Attr("x")}},
      {"a map block key vanished",
       R"({"name": "a", "mb": {"k": {"x": "1"}}})",
       {},
       R"({"name": "a"})",
       {Path::Root("mb")}},
      {"a single block removed",
       R"({"name": "a", "one": {"x": "1"}})",
       {},
       R"({"name": "a"})",
       {Path::Root("one")}},
      {"the object removed", R"({"name": "a"})", {}, "null", {Path()}},
  };
  for (const Case& c : cases) {
    std::vector<PathProblem> got =
        CheckCompatible(block_, V(c.planned, c.planned_unknown), V(c.actual));
    std::vector<Path> paths;
    for (const PathProblem& p : got) paths.push_back(p.path);
    EXPECT_EQ(paths, c.want) << c.name << "\n" << Describe(got);
  }
}

TEST_F(ObjChangeTest, CheckCompatibleHonoursRefinements) {
  Value base = V(R"({"name": "a"})");
  struct Case {
    const char* name;
    Refinements refinements;
    Value actual;
    bool ok;
  };
  Refinements not_null{.not_null = true};
  Refinements prefix{.string_prefix = std::string("ab")};
  const Case cases[] = {
      {"not null, got a value", not_null, Value::StringVal("x"), true},
      {"not null, got null", not_null, Value::NullVal(Type::String()), false},
      {"prefix kept", prefix, Value::StringVal("abc"), true},
      {"prefix broken", prefix, Value::StringVal("xbc"), false},
  };
  for (const Case& c : cases) {
    Value planned =
        *base.WithAt(Path::Root("comp"), Value::UnknownVal(Type::String(), c.refinements));
    Value actual = *base.WithAt(Path::Root("comp"), c.actual);
    std::vector<PathProblem> got = CheckCompatible(block_, planned, actual);
    EXPECT_EQ(got.empty(), c.ok) << c.name << "\n" << Describe(got);
  }
}

TEST_F(ObjChangeTest, CheckCompatibleHidesSensitiveValues) {
  std::vector<PathProblem> got = CheckCompatible(block_, V(R"({"name": "a", "secret": "hunter2"})"),
                                                 V(R"({"name": "a", "secret": "other"})"));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].path, Path::Root("secret"));
  EXPECT_EQ(got[0].message.find("hunter2"), std::string::npos);
}

TEST(ObjChangeConfigTest, CheckConfig) {
  Block block{
      .attributes = {Attribute::String("req").Required(), Attribute::String("id").Computed(),
                     Attribute::String("oc").Optional().Computed(),
                     Attribute::ListNested("n", {Attribute::String("a").Required()}).Optional()},
      .blocks = {Block::List("rule", {.attributes = {Attribute::String("x").Required()}})
                     .MinItems(1)
                     .MaxItems(2)},
  };
  Type type = block.ImpliedType();
  struct Case {
    const char* config;
    std::vector<std::pair<std::string, Path>> want;  // summary, path
  };
  const Case cases[] = {
      {R"({"req": "r", "oc": "o", "rule": [{"x": "1"}]})", {}},
      {R"({"rule": [{"x": "1"}]})", {{"Missing required argument", Path::Root("req")}}},
      {R"({"req": "r", "id": "i", "rule": [{"x": "1"}]})",
       {{"Value for unconfigurable attribute", Path::Root("id")}}},
      {R"({"req": "r", "n": [{}], "rule": [{"x": "1"}]})",
       {{"Missing required argument", Path::Root("n").Index(0).Attr("a")}}},
      {R"({"req": "r", "rule": [{}]})",
       {{"Missing required argument", Path::Root("rule").Index(0).Attr("x")}}},
      {R"({"req": "r"})", {{"Insufficient rule blocks", Path::Root("rule")}}},
      {R"({"req": "r", "rule": [{"x": "1"}, {"x": "2"}, {"x": "3"}]})",
       {{"Too many rule blocks", Path::Root("rule")}}},
  };
  for (const Case& c : cases) {
    Value config = FillEmptyBlocks(block, *DecodeJsonValue(c.config, type));
    std::vector<std::pair<std::string, Path>> got;
    for (const PathProblem& p : CheckConfig(block, config)) got.emplace_back(p.summary, p.path);
    EXPECT_EQ(got, c.want) << c.config;
  }
  // Unknown values may still turn out fine.
  Value config = *FillEmptyBlocks(block, *DecodeJsonValue(R"({"rule": [{"x": "1"}]})", type))
                      .WithAt(Path::Root("req"), Value::UnknownVal(Type::String()));
  EXPECT_TRUE(CheckConfig(block, config).empty());
}

TEST(ObjChangeEmptyTest, EmptyBlockValueHasEmptyCollections) {
  Block block = TestBlock();
  Value v = EmptyBlockValue(block);
  EXPECT_TRUE(v.GetAttr("name").IsNull());
  EXPECT_EQ(v.GetAttr("lb").Length(), 0u);
  EXPECT_EQ(v.GetAttr("sb").Length(), 0u);
  EXPECT_EQ(v.GetAttr("mb").Length(), 0u);
  EXPECT_TRUE(v.GetAttr("one").IsNull());
}

}  // namespace
}  // namespace tfsdk::internal
