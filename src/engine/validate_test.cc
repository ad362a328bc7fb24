// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Configuration validation: where validators run, with which paths and values, in which
// order, what happens when they throw, and deprecation warnings; then the same through the
// Engine's Validate* RPCs with msgpack-encoded configurations.

#include "src/engine/validate.h"

#include <functional>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "src/engine/engine.h"
#include "src/value/msgpack_codec.h"
#include "tfsdk/convert.h"
#include "tfsdk/provider.h"

namespace tfsdk::internal {
namespace {

// --- validators written for these tests ------------------------------------------------

// What one validator call saw.
struct Call {
  std::string path;
  std::string value;
  std::string parent;
  bool unknown = false;
};

// Records every call.
class Recorder final : public Validator {
 public:
  std::string Description() const override { return "records calls"; }
  void Validate(const ValidatorRequest& req, Diagnostics&) const override {
    calls.push_back({req.path.ToString(), req.value.ToString(), req.parent.ToString(),
                     req.value.IsUnknown()});
  }
  std::vector<std::string> Paths() const {
    std::vector<std::string> out;
    for (const Call& c : calls) out.push_back(c.path);
    return out;
  }
  mutable std::vector<Call> calls;
};

// Calls a function: for validators that fail, throw or look at siblings.
class FnValidator final : public Validator {
 public:
  explicit FnValidator(std::function<void(const ValidatorRequest&, Diagnostics&)> fn)
      : fn_(std::move(fn)) {}
  std::string Description() const override { return "test validator"; }
  void Validate(const ValidatorRequest& req, Diagnostics& diags) const override {
    fn_(req, diags);
  }

 private:
  std::function<void(const ValidatorRequest&, Diagnostics&)> fn_;
};

class FnConfigValidator final : public ConfigValidator {
 public:
  explicit FnConfigValidator(std::function<void(const Attributes&, Diagnostics&)> fn)
      : fn_(std::move(fn)) {}
  std::string Description() const override { return "test config validator"; }
  void Validate(const Attributes& config, Diagnostics& diags) const override {
    fn_(config, diags);
  }

 private:
  std::function<void(const Attributes&, Diagnostics&)> fn_;
};

std::shared_ptr<const Validator> Fn(std::function<void(const ValidatorRequest&, Diagnostics&)> f) {
  return std::make_shared<FnValidator>(std::move(f));
}

std::shared_ptr<const ConfigValidator> ConfigFn(
    std::function<void(const Attributes&, Diagnostics&)> f) {
  return std::make_shared<FnConfigValidator>(std::move(f));
}

// An error "Bad <value>" at the validator's path for every known value.
std::shared_ptr<const Validator> RejectKnown() {
  return Fn([](const ValidatorRequest& req, Diagnostics& diags) {
    if (req.value.IsKnown()) diags.AddError("Bad " + req.value.ToString(), "", req.path);
  });
}

// --- value helpers -----------------------------------------------------------------------

Value S(const char* s) { return Value::StringVal(s); }
Value N(int64_t i) { return Value::IntVal(i); }
Value Obj(const Type& type, std::map<std::string, Value> attrs) {
  return Value::ObjectVal(type, std::move(attrs));
}
// The type of attribute or block `name` of `schema`'s objects.
Type TypeOf(const Schema& schema, const std::string& name) {
  return schema.ImpliedType().AttributeType(name);
}
// The element (object) type of a list, set or map attribute or block `name`.
Type ElementOf(const Schema& schema, const std::string& name) {
  return TypeOf(schema, name).ElementType();
}

Diagnostics Validate(const Schema& schema, const Value& config) {
  return ValidateConfiguration(schema, config, {}, nullptr, "resource \"test_thing\"");
}

std::vector<std::string> Summaries(const Diagnostics& diags) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diags) out.push_back(d.summary);
  return out;
}

// --- where attribute validators run ------------------------------------------------------

struct PathCase {
  std::string name;
  // Builds the schema with the recorder attached where the case wants it.
  std::function<Schema(std::shared_ptr<const Validator>)> schema;
  // Builds the configuration for that schema.
  std::function<Value(const Schema&)> config;
  std::vector<std::string> want_paths;
};

void PrintTo(const PathCase& c, std::ostream* os) { *os << c.name; }

class ValidatorPathTest : public ::testing::TestWithParam<PathCase> {};

TEST_P(ValidatorPathTest, ValidatorsRunOncePerOccurrenceWithItsPath) {
  const PathCase& c = GetParam();
  auto rec = std::make_shared<Recorder>();
  Schema schema = c.schema(rec);
  ASSERT_TRUE(schema.Validate().empty()) << schema.Validate().ToString();
  Diagnostics diags = Validate(schema, c.config(schema));
  EXPECT_TRUE(diags.empty()) << diags.ToString();
  EXPECT_EQ(rec->Paths(), c.want_paths);
}

Attribute Port(std::shared_ptr<const Validator> v) {
  return Attribute::Number("port").Optional().Validators({std::move(v)});
}

INSTANTIATE_TEST_SUITE_P(
    Paths, ValidatorPathTest,
    ::testing::Values(
        PathCase{"TopLevel",
                 [](auto v) {
                   return Schema{.attributes = {Attribute::String("name").Optional().Validators(
                                     {v})}};
                 },
                 [](const Schema& s) { return Obj(s.ImpliedType(), {{"name", S("x")}}); },
                 {"name"}},
        PathCase{"TopLevelNullStillValidated",
                 [](auto v) {
                   return Schema{.attributes = {Attribute::String("name").Optional().Validators(
                                     {v})}};
                 },
                 [](const Schema& s) { return Obj(s.ImpliedType(), {}); },
                 {"name"}},
        PathCase{"ListNestedAttribute",
                 [](auto v) {
                   return Schema{.attributes = {
                                     Attribute::ListNested("rule", {Port(v)}).Optional()}};
                 },
                 [](const Schema& s) {
                   Type e = ElementOf(s, "rule");
                   return Obj(s.ImpliedType(),
                              {{"rule", Value::ListVal(e, {Obj(e, {{"port", N(1)}}),
                                                           Obj(e, {{"port", N(2)}}),
                                                           Obj(e, {{"port", N(3)}})})}});
                 },
                 {"rule[0].port", "rule[1].port", "rule[2].port"}},
        PathCase{"MapNestedAttribute",
                 [](auto v) {
                   return Schema{.attributes = {
                                     Attribute::MapNested("rule", {Port(v)}).Optional()}};
                 },
                 [](const Schema& s) {
                   Type e = ElementOf(s, "rule");
                   return Obj(s.ImpliedType(),
                              {{"rule", Value::MapVal(e, {{"a", Obj(e, {{"port", N(1)}})},
                                                          {"k", Obj(e, {{"port", N(2)}})}})}});
                 },
                 {"rule[\"a\"].port", "rule[\"k\"].port"}},
        PathCase{"SetNestedAttributeStopsAtTheSet",
                 [](auto v) {
                   return Schema{.attributes = {
                                     Attribute::SetNested("rule", {Port(v)}).Optional()}};
                 },
                 [](const Schema& s) {
                   Type e = ElementOf(s, "rule");
                   return Obj(s.ImpliedType(),
                              {{"rule", Value::SetVal(e, {Obj(e, {{"port", N(1)}}),
                                                          Obj(e, {{"port", N(2)}})})}});
                 },
                 {"rule", "rule"}},
        PathCase{"SingleNestedAttribute",
                 [](auto v) {
                   return Schema{.attributes = {
                                     Attribute::SingleNested("conn", {Port(v)}).Optional()}};
                 },
                 [](const Schema& s) {
                   return Obj(s.ImpliedType(),
                              {{"conn", Obj(TypeOf(s, "conn"), {{"port", N(5)}})}});
                 },
                 {"conn.port"}},
        PathCase{"NullNestedAttributeIsNotDescended",
                 [](auto v) {
                   return Schema{.attributes = {
                                     Attribute::SingleNested("conn", {Port(v)}).Optional()}};
                 },
                 [](const Schema& s) { return Obj(s.ImpliedType(), {}); },
                 {}},
        PathCase{"UnknownListIsNotDescended",
                 [](auto v) {
                   return Schema{.attributes = {
                                     Attribute::ListNested("rule", {Port(v)}).Optional()}};
                 },
                 [](const Schema& s) {
                   return Obj(s.ImpliedType(),
                              {{"rule", Value::UnknownVal(TypeOf(s, "rule"))}});
                 },
                 {}},
        PathCase{"UnknownElementIsSkipped",
                 [](auto v) {
                   return Schema{.attributes = {
                                     Attribute::ListNested("rule", {Port(v)}).Optional()}};
                 },
                 [](const Schema& s) {
                   Type e = ElementOf(s, "rule");
                   return Obj(s.ImpliedType(),
                              {{"rule", Value::ListVal(e, {Value::UnknownVal(e),
                                                           Obj(e, {{"port", N(2)}})})}});
                 },
                 {"rule[1].port"}},
        PathCase{"ListBlock",
                 [](auto v) {
                   return Schema{.blocks = {Block::List("ingress", {.attributes = {Port(v)}})}};
                 },
                 [](const Schema& s) {
                   Type e = ElementOf(s, "ingress");
                   return Obj(s.ImpliedType(),
                              {{"ingress", Value::ListVal(e, {Obj(e, {{"port", N(1)}}),
                                                              Obj(e, {{"port", N(2)}})})}});
                 },
                 {"ingress[0].port", "ingress[1].port"}},
        PathCase{"SetBlockStopsAtTheSet",
                 [](auto v) {
                   return Schema{.blocks = {Block::Set("ingress", {.attributes = {Port(v)}})}};
                 },
                 [](const Schema& s) {
                   Type e = ElementOf(s, "ingress");
                   return Obj(s.ImpliedType(),
                              {{"ingress", Value::SetVal(e, {Obj(e, {{"port", N(1)}}),
                                                             Obj(e, {{"port", N(2)}})})}});
                 },
                 {"ingress", "ingress"}},
        PathCase{"SingleBlock",
                 [](auto v) {
                   return Schema{
                       .blocks = {Block::Single("ingress", {.attributes = {Port(v)}})}};
                 },
                 [](const Schema& s) {
                   return Obj(s.ImpliedType(),
                              {{"ingress", Obj(TypeOf(s, "ingress"), {{"port", N(1)}})}});
                 },
                 {"ingress.port"}},
        PathCase{"AbsentSingleBlockIsNotDescended",
                 [](auto v) {
                   return Schema{
                       .blocks = {Block::Single("ingress", {.attributes = {Port(v)}})}};
                 },
                 [](const Schema& s) { return Obj(s.ImpliedType(), {}); },
                 {}},
        PathCase{"GroupBlock",
                 [](auto v) {
                   return Schema{
                       .blocks = {Block::Group("ingress", {.attributes = {Port(v)}})}};
                 },
                 [](const Schema& s) {
                   return Obj(s.ImpliedType(),
                              {{"ingress", Obj(TypeOf(s, "ingress"), {{"port", N(1)}})}});
                 },
                 {"ingress.port"}},
        PathCase{"MapBlock",
                 [](auto v) {
                   return Schema{.blocks = {Block::Map("ingress", {.attributes = {Port(v)}})}};
                 },
                 [](const Schema& s) {
                   Type e = ElementOf(s, "ingress");
                   return Obj(s.ImpliedType(),
                              {{"ingress", Value::MapVal(e, {{"web", Obj(e, {{"port", N(1)}})}})}});
                 },
                 {"ingress[\"web\"].port"}},
        PathCase{"ListBlockWithDynamicTravelsAsTuple",
                 [](auto v) {
                   return Schema{.blocks = {Block::List(
                                     "ingress", {.attributes = {Port(v), Attribute::Dynamic("any")
                                                                             .Optional()}})}};
                 },
                 [](const Schema& s) {
                   Type e1 = Type::Object({{"port", Type::Number()}, {"any", Type::String()}});
                   Type e2 = Type::Object({{"port", Type::Number()}, {"any", Type::Bool()}});
                   return Obj(s.ImpliedType(),
                              {{"ingress",
                                Value::TupleVal({Obj(e1, {{"port", N(1)}, {"any", S("a")}}),
                                                 Obj(e2, {{"port", N(2)},
                                                          {"any", Value::BoolVal(true)}})})}});
                 },
                 {"ingress[0].port", "ingress[1].port"}},
        PathCase{"MapBlockWithDynamicTravelsAsObject",
                 [](auto v) {
                   return Schema{.blocks = {Block::Map(
                                     "ingress", {.attributes = {Port(v), Attribute::Dynamic("any")
                                                                             .Optional()}})}};
                 },
                 [](const Schema& s) {
                   Type e = Type::Object({{"port", Type::Number()}, {"any", Type::String()}});
                   return Obj(s.ImpliedType(),
                              {{"ingress", Value::ObjectVal({{"b", Obj(e, {{"port", N(2)}})},
                                                             {"a", Obj(e, {{"port", N(1)}})}})}});
                 },
                 {"ingress[\"a\"].port", "ingress[\"b\"].port"}},
        PathCase{"NestedAttributeInsideListBlock",
                 [](auto v) {
                   return Schema{.blocks = {Block::List(
                                     "ingress", {.attributes = {Attribute::ListNested(
                                                                    "rule", {Port(v)})
                                                                    .Optional()}})}};
                 },
                 [](const Schema& s) {
                   Type b = ElementOf(s, "ingress");
                   Type r = b.AttributeType("rule").ElementType();
                   Value rules = Value::ListVal(r, {Obj(r, {{"port", N(1)}}),
                                                    Obj(r, {{"port", N(2)}})});
                   return Obj(s.ImpliedType(),
                              {{"ingress", Value::ListVal(b, {Obj(b, {}),
                                                              Obj(b, {{"rule", rules}})})}});
                 },
                 {"ingress[1].rule[0].port", "ingress[1].rule[1].port"}},
        PathCase{"ListBlockInsideSetBlockStopsAtTheOuterSet",
                 [](auto v) {
                   return Schema{.blocks = {Block::Set(
                                     "outer", {.blocks = {Block::List(
                                                   "inner", {.attributes = {Port(v)}})}})}};
                 },
                 [](const Schema& s) {
                   Type o = ElementOf(s, "outer");
                   Type i = o.AttributeType("inner").ElementType();
                   Value inner = Value::ListVal(i, {Obj(i, {{"port", N(1)}})});
                   return Obj(s.ImpliedType(),
                              {{"outer", Value::SetVal(o, {Obj(o, {{"inner", inner}})})}});
                 },
                 {"outer"}}),
    [](const ::testing::TestParamInfo<PathCase>& info) { return info.param.name; });

TEST(ValidateTest, ValidatorSeesValueParentAndWholeConfig) {
  auto rec = std::make_shared<Recorder>();
  std::string seen_config;
  auto whole = Fn([&](const ValidatorRequest& req, Diagnostics&) {
    seen_config = req.config.GetValue("top").ToString();
  });
  Schema schema{.attributes = {Attribute::String("top").Optional(),
                               Attribute::ListNested("rule", {Port(rec).Validators({whole}),
                                                              Attribute::String("proto")
                                                                  .Optional()})
                                   .Optional()}};
  Type e = ElementOf(schema, "rule");
  Value config = Obj(
      schema.ImpliedType(),
      {{"top", S("t")},
       {"rule", Value::ListVal(e, {Obj(e, {{"port", N(80)}, {"proto", S("tcp")}})})}});
  ASSERT_TRUE(Validate(schema, config).empty());
  ASSERT_EQ(rec->calls.size(), 1u);
  EXPECT_EQ(rec->calls[0].path, "rule[0].port");
  EXPECT_EQ(rec->calls[0].value, "80");
  EXPECT_EQ(rec->calls[0].parent, Obj(e, {{"port", N(80)}, {"proto", S("tcp")}}).ToString());
  EXPECT_EQ(seen_config, "\"t\"");
}

TEST(ValidateTest, TopLevelValidatorsParentIsTheWholeConfiguration) {
  auto rec = std::make_shared<Recorder>();
  Schema schema{.attributes = {Attribute::String("a").Optional().Validators({rec}),
                               Attribute::String("b").Optional()}};
  Value config = Obj(schema.ImpliedType(), {{"a", S("x")}, {"b", S("y")}});
  Validate(schema, config);
  ASSERT_EQ(rec->calls.size(), 1u);
  EXPECT_EQ(rec->calls[0].parent, config.ToString());
}

TEST(ValidateTest, ValidatorComparesWithASibling) {
  // port must be null when proto is "icmp": a check a per-element validator can only make
  // through its parent.
  auto no_port_for_icmp = Fn([](const ValidatorRequest& req, Diagnostics& diags) {
    if (req.value.IsNull()) return;
    const Value* proto = req.parent.FindAttr("proto");
    if (proto != nullptr && proto->IsKnown() && proto->AsString() == "icmp") {
      diags.AddError("Port with ICMP", "ICMP has no ports.", req.path);
    }
  });
  Schema schema{.attributes = {Attribute::ListNested("rule", {Port(no_port_for_icmp),
                                                             Attribute::String("proto")
                                                                 .Optional()})
                                   .Optional()}};
  Type e = ElementOf(schema, "rule");
  Value config = Obj(schema.ImpliedType(),
                     {{"rule", Value::ListVal(e, {Obj(e, {{"port", N(80)}, {"proto", S("tcp")}}),
                                                  Obj(e, {{"port", N(1)}, {"proto", S("icmp")}}),
                                                  Obj(e, {{"proto", S("icmp")}})})}});
  Diagnostics diags = Validate(schema, config);
  ASSERT_EQ(diags.size(), 1u) << diags.ToString();
  EXPECT_EQ(diags[0].summary, "Port with ICMP");
  EXPECT_EQ(diags[0].path, Path::Root("rule").Index(1).Attr("port"));
}

TEST(ValidateTest, UnknownValuesReachValidatorsAsUnknown) {
  auto rec = std::make_shared<Recorder>();
  Schema schema{.attributes = {Attribute::String("name").Optional().Validators({rec}),
                               Attribute::ListNested("rule", {Port(rec)})
                                   .Optional()
                                   .Validators({rec})}};
  Type e = ElementOf(schema, "rule");
  Value config = Obj(schema.ImpliedType(),
                     {{"name", Value::UnknownVal(Type::String())},
                      {"rule", Value::ListVal(e, {Obj(e, {{"port", Value::UnknownVal(
                                                                          Type::Number())}})})}});
  EXPECT_TRUE(Validate(schema, config).empty());
  ASSERT_EQ(rec->calls.size(), 3u);
  EXPECT_EQ(rec->calls[0].path, "name");
  EXPECT_TRUE(rec->calls[0].unknown);
  EXPECT_EQ(rec->calls[1].path, "rule");
  EXPECT_FALSE(rec->calls[1].unknown);
  EXPECT_EQ(rec->calls[2].path, "rule[0].port");
  EXPECT_TRUE(rec->calls[2].unknown);
}

TEST(ValidateTest, UnknownOrNullWholeConfigurationRunsNoAttributeValidators) {
  auto rec = std::make_shared<Recorder>();
  Schema schema{.attributes = {Attribute::String("name").Optional().Validators({rec})}};
  EXPECT_TRUE(Validate(schema, Value::UnknownVal(schema.ImpliedType())).empty());
  EXPECT_TRUE(Validate(schema, Value::NullVal(schema.ImpliedType())).empty());
  EXPECT_TRUE(rec->calls.empty());
}

TEST(ValidateTest, BlockValidatorsSeeTheWholeBlockValue) {
  struct Case {
    const char* name;
    NestedBlock block;
    std::function<Value(const Type&)> value;  // from the block's attribute type
  };
  Block content{.attributes = {Attribute::Number("port").Optional()}};
  std::vector<Case> cases = {
      {"list", Block::List("ingress", content),
       [](const Type& t) {
         return Value::ListVal(t.ElementType(), {Obj(t.ElementType(), {{"port", N(1)}}),
                                                 Obj(t.ElementType(), {{"port", N(2)}})});
       }},
      {"set", Block::Set("ingress", content),
       [](const Type& t) {
         return Value::SetVal(t.ElementType(), {Obj(t.ElementType(), {{"port", N(1)}})});
       }},
      {"map", Block::Map("ingress", content),
       [](const Type& t) {
         return Value::MapVal(t.ElementType(), {{"x", Obj(t.ElementType(), {{"port", N(1)}})}});
       }},
      {"single", Block::Single("ingress", content),
       [](const Type& t) { return Obj(t, {{"port", N(1)}}); }},
      {"group", Block::Group("ingress", content),
       [](const Type& t) { return Obj(t, {{"port", N(1)}}); }},
  };
  for (Case& c : cases) {
    SCOPED_TRACE(c.name);
    auto rec = std::make_shared<Recorder>();
    Schema schema{.blocks = {c.block.Validators({rec})}};
    Value block_value = c.value(TypeOf(schema, "ingress"));
    Value config = Obj(schema.ImpliedType(), {{"ingress", block_value}});
    EXPECT_TRUE(Validate(schema, config).empty());
    ASSERT_EQ(rec->calls.size(), 1u);
    EXPECT_EQ(rec->calls[0].path, "ingress");
    EXPECT_EQ(rec->calls[0].value, block_value.ToString());
    EXPECT_EQ(rec->calls[0].parent, config.ToString());
  }
}

TEST(ValidateTest, NestedBlockValidatorsRunForEachEnclosingElement) {
  auto rec = std::make_shared<Recorder>();
  Schema schema{.blocks = {Block::List(
      "outer", {.blocks = {Block::List("inner", {.attributes = {Attribute::Number("port")
                                                                    .Optional()}})
                               .Validators({rec})}})}};
  Type o = ElementOf(schema, "outer");
  Type i = o.AttributeType("inner").ElementType();
  Value config = Obj(schema.ImpliedType(),
                     {{"outer", Value::ListVal(o, {Obj(o, {{"inner", Value::ListVal(i, {})}}),
                                                   Obj(o, {{"inner", Value::ListVal(i, {})}})})}});
  Validate(schema, config);
  EXPECT_EQ(rec->Paths(), (std::vector<std::string>{"outer[0].inner", "outer[1].inner"}));
}

TEST(ValidateTest, ErrorsFromEveryValidatorAreKept) {
  Schema schema{.attributes = {
                    Attribute::String("a").Optional().Validators({RejectKnown(), RejectKnown()}),
                    Attribute::String("b").Optional().Validators({RejectKnown()}),
                }};
  Value config = Obj(schema.ImpliedType(), {{"a", S("x")}, {"b", S("y")}});
  Diagnostics diags = Validate(schema, config);
  EXPECT_EQ(Summaries(diags),
            (std::vector<std::string>{"Bad \"x\"", "Bad \"x\"", "Bad \"y\""}));
  EXPECT_EQ(diags[2].path, Path::Root("b"));
}

// --- config validators, the hook and their order ------------------------------------------

TEST(ValidateTest, AttributeValidatorsThenConfigValidatorsThenTheHook) {
  std::vector<std::string> order;
  auto attr = Fn([&](const ValidatorRequest&, Diagnostics& d) {
    order.push_back("attribute");
    d.AddError("attribute error");
  });
  Schema schema{.attributes = {Attribute::String("a").Optional().Validators({attr}),
                               Attribute::String("b").Optional()}};
  auto exactly_one = ConfigFn([&](const Attributes& config, Diagnostics& d) {
    order.push_back("config validator 1");
    if (!config.GetValue("a").IsNull() && !config.GetValue("b").IsNull()) {
      d.AddError("Conflicting attributes", "Set a or b, not both.", Path::Root("b"));
    }
  });
  auto second = ConfigFn([&](const Attributes&, Diagnostics&) {
    order.push_back("config validator 2");
  });
  std::string hook_saw;
  ValidateConfigHook hook = [&](const ValidateConfigRequest& req, ValidateConfigResponse& resp) {
    order.push_back("hook");
    hook_saw = req.config.Get<std::string>("a");
    resp.diagnostics.AddWarning("hook warning");
  };
  Value config = Obj(schema.ImpliedType(), {{"a", S("x")}, {"b", S("y")}});
  Diagnostics diags =
      ValidateConfiguration(schema, config, {exactly_one, nullptr, second}, hook, "resource");
  EXPECT_EQ(order, (std::vector<std::string>{"attribute", "config validator 1",
                                             "config validator 2", "hook"}));
  EXPECT_EQ(Summaries(diags), (std::vector<std::string>{"attribute error",
                                                        "Conflicting attributes",
                                                        "hook warning"}));
  EXPECT_EQ(diags[1].path, Path::Root("b"));
  EXPECT_EQ(hook_saw, "x");
}

TEST(ValidateTest, ConfigValidatorsSeeUnknowns) {
  Schema schema{.attributes = {Attribute::String("a").Optional()}};
  bool saw_unknown = false;
  auto v = ConfigFn([&](const Attributes& config, Diagnostics&) {
    saw_unknown = config.GetValue("a").IsUnknown();
  });
  Value config = Obj(schema.ImpliedType(), {{"a", Value::UnknownVal(Type::String())}});
  EXPECT_TRUE(ValidateConfiguration(schema, config, {v}, nullptr, "resource").empty());
  EXPECT_TRUE(saw_unknown);
}

// --- exceptions ------------------------------------------------------------------------------

struct ThrowCase {
  const char* name;
  std::function<void()> thrower;
  std::string want_summary;
  std::optional<Path> want_path;
  std::string want_detail_part;
};

TEST(ValidateTest, ExceptionsFromValidatorsBecomeErrorsAtAPath) {
  std::vector<ThrowCase> cases = {
      {"runtime_error", [] { throw std::runtime_error("boom"); },
       "Unexpected error in attribute validator", Path::Root("rule").Index(0).Attr("port"),
       "boom"},
      {"conversion error keeps its path",
       [] { throw ConversionError(Path::Root("elsewhere"), "not a number"); },
       "Invalid value in attribute validator", Path::Root("elsewhere"), "not a number"},
      {"conversion error without a path gets the attribute's",
       [] { throw ConversionError(Path(), "bad"); }, "Invalid value in attribute validator",
       Path::Root("rule").Index(0).Attr("port"), "bad"},
      {"not a std::exception", [] { throw 42; }, "Unexpected error in attribute validator",
       Path::Root("rule").Index(0).Attr("port"), "not a std::exception"},
  };
  for (const ThrowCase& c : cases) {
    SCOPED_TRACE(c.name);
    auto thrower = Fn([&](const ValidatorRequest& req, Diagnostics& d) {
      d.AddWarning("before throwing", "", req.path);
      c.thrower();
    });
    auto after = std::make_shared<Recorder>();
    Schema schema{.attributes = {Attribute::ListNested(
                                     "rule", {Attribute::Number("port").Optional().Validators(
                                                 {thrower, after})})
                                     .Optional()}};
    Type e = ElementOf(schema, "rule");
    Value config = Obj(schema.ImpliedType(),
                       {{"rule", Value::ListVal(e, {Obj(e, {{"port", N(1)}})})}});
    Diagnostics diags = Validate(schema, config);
    ASSERT_EQ(diags.size(), 2u) << diags.ToString();
    EXPECT_EQ(diags[0].summary, "before throwing");  // what it said before is kept
    EXPECT_TRUE(diags[1].IsError());
    EXPECT_EQ(diags[1].summary, c.want_summary);
    EXPECT_EQ(diags[1].path, c.want_path);
    EXPECT_NE(diags[1].detail.find(c.want_detail_part), std::string::npos) << diags[1].detail;
    EXPECT_EQ(after->calls.size(), 1u);  // the next validator still ran
  }
}

TEST(ValidateTest, ExceptionsFromConfigValidatorsAndTheHookBecomeErrors) {
  Schema schema{.attributes = {Attribute::String("a").Optional()}};
  auto throws = ConfigFn([](const Attributes& config, Diagnostics& d) {
    d.AddWarning("config validator warning");
    config.Get<std::string>("a");  // null: throws ConversionError at "a"
  });
  ValidateConfigHook hook = [](const ValidateConfigRequest&, ValidateConfigResponse& resp) {
    resp.diagnostics.AddWarning("hook warning");
    throw std::logic_error("hook failed");
  };
  Diagnostics diags = ValidateConfiguration(schema, Obj(schema.ImpliedType(), {}), {throws},
                                            hook, "resource \"test_thing\"");
  ASSERT_EQ(diags.size(), 4u) << diags.ToString();
  EXPECT_EQ(diags[0].summary, "config validator warning");
  EXPECT_EQ(diags[1].summary,
            "Invalid value in configuration validator of resource \"test_thing\"");
  EXPECT_EQ(diags[1].path, Path::Root("a"));
  EXPECT_EQ(diags[2].summary, "hook warning");
  EXPECT_EQ(diags[3].summary, "Unexpected error in ValidateConfig of resource \"test_thing\"");
  EXPECT_EQ(diags[3].detail, "hook failed");
  EXPECT_FALSE(diags[3].path.has_value());
}

// --- deprecation -------------------------------------------------------------------------------

TEST(ValidateTest, DeprecatedAttributeWarnsOnlyWhenSetToAKnownValue) {
  Schema schema{.attributes = {Attribute::String("old").Optional().Deprecated("Use new."),
                               Attribute::String("plain").Optional().Deprecated()}};
  struct Case {
    const char* name;
    Value old_value;
    bool want_warning;
  };
  std::vector<Case> cases = {{"known", S("x"), true},
                             {"empty string is still set", S(""), true},
                             {"null", Value::NullVal(Type::String()), false},
                             {"unknown", Value::UnknownVal(Type::String()), false}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Diagnostics diags = Validate(schema, Obj(schema.ImpliedType(), {{"old", c.old_value}}));
    if (!c.want_warning) {
      EXPECT_TRUE(diags.empty()) << diags.ToString();
      continue;
    }
    ASSERT_EQ(diags.size(), 1u) << diags.ToString();
    EXPECT_EQ(diags[0].severity, Severity::kWarning);
    EXPECT_EQ(diags[0].summary, "Attribute Deprecated");
    EXPECT_EQ(diags[0].detail, "Use new.");
    EXPECT_EQ(diags[0].path, Path::Root("old"));
  }
  // Without a message the detail names the attribute.
  Diagnostics diags = Validate(schema, Obj(schema.ImpliedType(), {{"plain", S("x")}}));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_NE(diags[0].detail.find("\"plain\" is deprecated"), std::string::npos);
}

TEST(ValidateTest, DeprecatedNestedAttributeWarnsPerAddressableElementOncePerSet) {
  Schema schema{.attributes = {
                    Attribute::ListNested("l", {Attribute::String("old").Optional().Deprecated(
                                                   "gone")})
                        .Optional(),
                    Attribute::SetNested("s", {Attribute::String("old").Optional().Deprecated(
                                                  "gone")})
                        .Optional(),
                }};
  Type l = ElementOf(schema, "l");
  Type s = ElementOf(schema, "s");
  Value config = Obj(schema.ImpliedType(),
                     {{"l", Value::ListVal(l, {Obj(l, {{"old", S("a")}}), Obj(l, {}),
                                               Obj(l, {{"old", S("b")}})})},
                      {"s", Value::SetVal(s, {Obj(s, {{"old", S("a")}}),
                                              Obj(s, {{"old", S("b")}})})}});
  Diagnostics diags = Validate(schema, config);
  ASSERT_EQ(diags.size(), 3u) << diags.ToString();
  EXPECT_EQ(diags[0].path, Path::Root("l").Index(0).Attr("old"));
  EXPECT_EQ(diags[1].path, Path::Root("l").Index(2).Attr("old"));
  EXPECT_EQ(diags[2].path, Path::Root("s"));
}

TEST(ValidateTest, DeprecatedBlockWarnsOnlyWhenWritten) {
  Block content{.attributes = {Attribute::String("x").Optional()}};
  content.deprecated = true;
  content.deprecation_message = "Use the attribute.";
  struct Case {
    const char* name;
    NestedBlock block;
    std::function<Value(const Type&)> value;
    bool want_warning;
  };
  std::vector<Case> cases = {
      {"empty list", Block::List("b", content),
       [](const Type& t) { return Value::ListVal(t.ElementType(), {}); }, false},
      {"list with one", Block::List("b", content),
       [](const Type& t) {
         return Value::ListVal(t.ElementType(), {Obj(t.ElementType(), {})});
       },
       true},
      {"empty set", Block::Set("b", content),
       [](const Type& t) { return Value::SetVal(t.ElementType(), {}); }, false},
      {"empty map", Block::Map("b", content),
       [](const Type& t) { return Value::MapVal(t.ElementType(), {}); }, false},
      {"absent single", Block::Single("b", content),
       [](const Type& t) { return Value::NullVal(t); }, false},
      {"present single", Block::Single("b", content),
       [](const Type& t) { return Obj(t, {}); }, true},
      {"absent group", Block::Group("b", content), [](const Type& t) { return Obj(t, {}); },
       false},
      {"group with a value", Block::Group("b", content),
       [](const Type& t) { return Obj(t, {{"x", S("v")}}); }, true},
      {"unknown list", Block::List("b", content),
       [](const Type& t) { return Value::UnknownVal(t); }, false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Schema schema{.blocks = {c.block}};
    Diagnostics diags =
        Validate(schema, Obj(schema.ImpliedType(), {{"b", c.value(TypeOf(schema, "b"))}}));
    if (!c.want_warning) {
      EXPECT_TRUE(diags.empty()) << diags.ToString();
      continue;
    }
    ASSERT_EQ(diags.size(), 1u) << diags.ToString();
    EXPECT_EQ(diags[0].severity, Severity::kWarning);
    EXPECT_EQ(diags[0].summary, "Block Deprecated");
    EXPECT_EQ(diags[0].detail, "Use the attribute.");
    EXPECT_EQ(diags[0].path, Path::Root("b"));
  }
}

TEST(ValidateTest, DeprecatedSchemaWarnsOnEveryValidation) {
  Schema schema{.attributes = {Attribute::String("a").Optional()},
                .deprecated = true,
                .deprecation_message = "Use test_other."};
  Diagnostics diags = Validate(schema, Obj(schema.ImpliedType(), {}));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].severity, Severity::kWarning);
  EXPECT_EQ(diags[0].summary, "Deprecated");
  EXPECT_EQ(diags[0].detail, "Use test_other.");
  schema.deprecation_message.clear();
  diags = Validate(schema, Obj(schema.ImpliedType(), {}));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].detail,
            "The resource \"test_thing\" is deprecated. Refer to the provider documentation for "
            "details.");
}

// --- through the Engine ---------------------------------------------------------------------

// A resource, data source and provider whose schemas carry validators; what each hook saw
// is recorded.
struct Seen {
  int config_validator_calls = 0;
  int config_validators_queries = 0;
  std::vector<std::string> hooks;
};

Schema ThingSchema() {
  return Schema{
      .attributes = {Attribute::String("name").Required().Validators({RejectKnown()}),
                     Attribute::ListNested("rule", {Port(RejectKnown())}).Optional()},
      .blocks = {Block::Set("tag", {.attributes = {Attribute::String("key").Optional()
                                                       .Validators({RejectKnown()})}})}};
}

class ValidatingResource final : public Resource {
 public:
  explicit ValidatingResource(Seen& seen) : seen_(seen) {}
  std::string TypeName() const override { return "test_thing"; }
  Schema GetSchema() const override { return ThingSchema(); }
  void Create(const CreateRequest&, CreateResponse&) override {}
  void Read(const ReadRequest&, ReadResponse&) override {}
  void Update(const UpdateRequest&, UpdateResponse&) override {}
  void Delete(const DeleteRequest&, DeleteResponse&) override {}
  void ValidateConfig(const ValidateConfigRequest& req, ValidateConfigResponse& resp) override {
    seen_.hooks.push_back("resource " + req.config.GetValue("name").ToString());
    resp.diagnostics.AddWarning("resource hook");
  }
  std::vector<std::shared_ptr<const ConfigValidator>> ConfigValidators() const override {
    ++seen_.config_validators_queries;
    Seen* seen = &seen_;
    return {ConfigFn([seen](const Attributes&, Diagnostics& d) {
      ++seen->config_validator_calls;
      d.AddWarning("resource config validator");
    })};
  }

 private:
  Seen& seen_;
};

class ValidatingData final : public DataSource {
 public:
  explicit ValidatingData(Seen& seen) : seen_(seen) {}
  std::string TypeName() const override { return "test_thing"; }
  Schema GetSchema() const override { return ThingSchema(); }
  void Read(const DataSourceReadRequest&, DataSourceReadResponse&) override {}
  void ValidateConfig(const ValidateConfigRequest& req, ValidateConfigResponse& resp) override {
    seen_.hooks.push_back("data " + req.config.GetValue("name").ToString());
    resp.diagnostics.AddWarning("data hook");
  }
  std::vector<std::shared_ptr<const ConfigValidator>> ConfigValidators() const override {
    ++seen_.config_validators_queries;
    return {ConfigFn([](const Attributes&, Diagnostics& d) {
      d.AddWarning("data config validator");
    })};
  }

 private:
  Seen& seen_;
};

class ValidatingProvider final : public Provider {
 public:
  ValidatingProvider() : Provider("test") {
    AddResource(std::make_unique<ValidatingResource>(seen));
    AddDataSource(std::make_unique<ValidatingData>(seen));
  }
  Schema GetSchema() const override {
    return Schema{.attributes = {Attribute::String("endpoint").Optional().Validators(
                      {RejectKnown()})}};
  }
  void ValidateConfig(const ValidateProviderConfigRequest& req,
                      ValidateProviderConfigResponse& resp) override {
    seen.hooks.push_back("provider " + req.config.GetValue("endpoint").ToString());
    resp.diagnostics.AddWarning("provider hook");
    if (throw_in_hook) throw std::runtime_error("provider hook failed");
  }
  std::vector<std::shared_ptr<const ConfigValidator>> ConfigValidators() const override {
    return {ConfigFn([](const Attributes&, Diagnostics& d) {
      d.AddWarning("provider config validator");
    })};
  }

  mutable Seen seen;
  bool throw_in_hook = false;
};

class EngineValidateTest : public ::testing::Test {
 protected:
  EngineValidateTest() : engine_(provider_), schema_(ThingSchema()) {}

  RawValue Raw(const Value& v, const Type& type) {
    return RawValue{EncodeMsgpack(v, type).value(), {}};
  }
  // A configuration of ThingSchema with one bad value in each place.
  Value BadThing() {
    Type rule = ElementOf(schema_, "rule");
    Type tag = ElementOf(schema_, "tag");
    return Obj(schema_.ImpliedType(),
               {{"name", S("n")},
                {"rule", Value::ListVal(rule, {Obj(rule, {}), Obj(rule, {{"port", N(7)}})})},
                {"tag", Value::SetVal(tag, {Obj(tag, {{"key", S("k")}})})}});
  }
  static std::vector<std::string> PathStrings(const Diagnostics& diags) {
    std::vector<std::string> out;
    for (const Diagnostic& d : diags) out.push_back(d.path ? d.path->ToString() : "-");
    return out;
  }

  ValidatingProvider provider_;
  Engine engine_;
  Schema schema_;
};

TEST_F(EngineValidateTest, ValidateResourceConfigRunsEverything) {
  ASSERT_FALSE(engine_.schema_diagnostics().HasError())
      << engine_.schema_diagnostics().ToString();
  Diagnostics diags = engine_.ValidateResourceConfig(
      "test_thing", Raw(BadThing(), schema_.ImpliedType()), ClientCapabilities{});
  EXPECT_EQ(Summaries(diags),
            (std::vector<std::string>{"Bad \"n\"", "Bad 7", "Bad \"k\"",
                                      "resource config validator", "resource hook"}));
  EXPECT_EQ(PathStrings(diags),
            (std::vector<std::string>{"name", "rule[1].port", "tag", "-", "-"}));
  EXPECT_EQ(provider_.seen.hooks, (std::vector<std::string>{"resource \"n\""}));
  EXPECT_EQ(provider_.seen.config_validator_calls, 1);
}

TEST_F(EngineValidateTest, ConfigValidatorsAreQueriedOnceAtStartup) {
  EXPECT_EQ(provider_.seen.config_validators_queries, 2);  // resource + data source
  for (int i = 0; i < 3; ++i) {
    engine_.ValidateResourceConfig("test_thing", Raw(BadThing(), schema_.ImpliedType()), {});
    engine_.ValidateDataResourceConfig("test_thing", Raw(BadThing(), schema_.ImpliedType()));
  }
  EXPECT_EQ(provider_.seen.config_validators_queries, 2);
  EXPECT_EQ(provider_.seen.config_validator_calls, 3);
}

TEST_F(EngineValidateTest, ValidateDataResourceConfigRunsEverything) {
  Diagnostics diags =
      engine_.ValidateDataResourceConfig("test_thing", Raw(BadThing(), schema_.ImpliedType()));
  EXPECT_EQ(Summaries(diags),
            (std::vector<std::string>{"Bad \"n\"", "Bad 7", "Bad \"k\"", "data config validator",
                                      "data hook"}));
  EXPECT_EQ(PathStrings(diags),
            (std::vector<std::string>{"name", "rule[1].port", "tag", "-", "-"}));
  EXPECT_EQ(provider_.seen.hooks, (std::vector<std::string>{"data \"n\""}));
}

TEST_F(EngineValidateTest, ValidateProviderConfigRunsEverything) {
  Schema schema = provider_.GetSchema();
  Value config = Obj(schema.ImpliedType(), {{"endpoint", S("e")}});
  Diagnostics diags = engine_.ValidateProviderConfig(Raw(config, schema.ImpliedType()));
  EXPECT_EQ(Summaries(diags), (std::vector<std::string>{"Bad \"e\"", "provider config validator",
                                                        "provider hook"}));
  EXPECT_EQ(diags[0].path, Path::Root("endpoint"));
  EXPECT_EQ(provider_.seen.hooks, (std::vector<std::string>{"provider \"e\""}));
}

TEST_F(EngineValidateTest, ProviderHookThatThrowsKeepsWhatItReported) {
  provider_.throw_in_hook = true;
  Schema schema = provider_.GetSchema();
  Value config = Obj(schema.ImpliedType(), {{"endpoint", Value::UnknownVal(Type::String())}});
  Diagnostics diags = engine_.ValidateProviderConfig(Raw(config, schema.ImpliedType()));
  EXPECT_EQ(Summaries(diags),
            (std::vector<std::string>{"provider config validator", "provider hook",
                                      "Unexpected error in ValidateConfig of provider \"test\""}));
  EXPECT_EQ(diags[2].detail, "provider hook failed");
}

TEST_F(EngineValidateTest, UndecodableConfigurationStopsBeforeAnyAuthorCode) {
  Diagnostics diags =
      engine_.ValidateResourceConfig("test_thing", RawValue{std::string("\x92\x01", 2), {}}, {});
  ASSERT_EQ(diags.size(), 1u) << diags.ToString();
  EXPECT_EQ(diags[0].summary, "Invalid resource configuration received from Terraform");
  diags = engine_.ValidateDataResourceConfig("test_thing", RawValue{std::string("\xc3"), {}});
  ASSERT_EQ(diags.size(), 1u) << diags.ToString();
  EXPECT_EQ(diags[0].summary, "Invalid data source configuration received from Terraform");
  EXPECT_TRUE(provider_.seen.hooks.empty());
  EXPECT_EQ(provider_.seen.config_validator_calls, 0);
}

TEST_F(EngineValidateTest, UnknownTypeNamesAreUnsupported) {
  Diagnostics diags = engine_.ValidateResourceConfig("test_nope", {}, {});
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].summary, "Unsupported resource type");
  diags = engine_.ValidateDataResourceConfig("test_nope", {});
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].summary, "Unsupported data source");
}

TEST_F(EngineValidateTest, UnknownValuesFromTerraformPassValidators) {
  // Values from other resources are unknown at validation: RejectKnown lets them through.
  Value config = Obj(schema_.ImpliedType(),
                     {{"name", Value::UnknownVal(Type::String())},
                      {"rule", Value::UnknownVal(TypeOf(schema_, "rule"))},
                      {"tag", Value::SetVal(ElementOf(schema_, "tag"), {})}});
  Diagnostics diags =
      engine_.ValidateResourceConfig("test_thing", Raw(config, schema_.ImpliedType()), {});
  EXPECT_EQ(Summaries(diags),
            (std::vector<std::string>{"resource config validator", "resource hook"}));
  EXPECT_EQ(provider_.seen.hooks, (std::vector<std::string>{"resource (known after apply)"}));
}

}  // namespace
}  // namespace tfsdk::internal
