// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "tfsdk/validators.h"

#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tfsdk/attributes.h"
#include "tfsdk/schema.h"

namespace tfsdk::validators {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Number Num(const char* text) { return *Number::Parse(text); }

Value Unknown(Type t) { return Value::UnknownVal(std::move(t)); }

Value UnknownNotNull(Type t) {
  Refinements r;
  r.not_null = true;
  return Value::UnknownVal(std::move(t), r);
}

Value Strings(std::vector<std::string> items) {
  ValueList l;
  for (auto& s : items) l.push_back(Value::StringVal(s));
  return Value::ListVal(Type::String(), l);
}

// Runs `v` on `value` at `path` with `parent` as the holding object.
Diagnostics Check(const ValidatorPtr& v, const Value& value, const Path& path,
                const Value& parent) {
  Attributes config;
  Diagnostics diags;
  v->Validate(ValidatorRequest{path, value, parent, config}, diags);
  return diags;
}

Diagnostics Check(const ValidatorPtr& v, const Value& value) {
  return Check(v, value, Path::Root("attr"), Value());
}

// One row of a table: a validator, a value, how many errors, and a fragment of the first
// error's detail (or "" when no error is expected).
struct Case {
  std::string name;
  ValidatorPtr validator;
  Value value;
  size_t errors;
  std::string fragment;
  std::string summary = {};
};

void RunTable(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Diagnostics d = Check(c.validator, c.value);
    EXPECT_EQ(d.ErrorCount(), c.errors) << d.ToString();
    EXPECT_EQ(d.size(), c.errors) << d.ToString();
    if (c.errors > 0 && !d.empty()) {
      EXPECT_THAT(d[0].detail, HasSubstr(c.fragment));
      EXPECT_EQ(d[0].path, Path::Root("attr"));
      if (!c.summary.empty()) {
        EXPECT_EQ(d[0].summary, c.summary);
      }
    }
  }
}

// --- Strings ---------------------------------------------------------------------------

TEST(StringValidatorsTest, Table) {
  const Type s = Type::String();
  RunTable({
      {"at least: empty", LengthAtLeast(1), Value::StringVal(""), 1,
       "Attribute attr string length must be at least 1, got: 0",
       "Invalid Attribute Value Length"},
      {"at least: ok", LengthAtLeast(1), Value::StringVal("a"), 0, ""},
      {"at least: null", LengthAtLeast(1), Value::NullVal(s), 0, ""},
      {"at least: unknown", LengthAtLeast(1), Unknown(s), 0, ""},
      {"at most: ok", LengthAtMost(3), Value::StringVal("abc"), 0, ""},
      {"at most: long", LengthAtMost(3), Value::StringVal("abcd"), 1,
       "string length must be at most 3, got: 4"},
      {"between: low", LengthBetween(2, 3), Value::StringVal("a"), 1,
       "string length must be between 2 and 3, got: 1"},
      {"between: high", LengthBetween(2, 3), Value::StringVal("abcd"), 1, "got: 4"},
      {"between: ok", LengthBetween(2, 3), Value::StringVal("ab"), 0, ""},
      // UTF-8: characters, not bytes.
      {"utf8: accented", LengthAtMost(5), Value::StringVal("h\xC3\xA9llo"), 0, ""},
      {"utf8: accented over", LengthAtMost(4), Value::StringVal("h\xC3\xA9llo"), 1, "got: 5"},
      {"utf8: cjk", LengthBetween(3, 3), Value::StringVal("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E"),
       0, ""},
      {"utf8: emoji is one", LengthAtMost(0), Value::StringVal("\xF0\x9F\x98\x80"), 1, "got: 1"},
      {"utf8: invalid bytes count one each", LengthAtMost(0), Value::StringVal("\xFF\xFE"), 1,
       "got: 2"},
      {"utf8: truncated sequence", LengthAtMost(0), Value::StringVal("\xE6\x97"), 1, "got: 2"},
      {"utf8: overlong form", LengthAtMost(0), Value::StringVal("\xC0\xAF"), 1, "got: 2"},
      {"regex: match", RegexMatches("^[a-z]+$"), Value::StringVal("abc"), 0, ""},
      {"regex: search, not full match", RegexMatches("[0-9]"), Value::StringVal("a1b"), 0, ""},
      {"regex: no match", RegexMatches("^[a-z]+$"), Value::StringVal("ABC"), 1,
       "Attribute attr value must match regular expression '^[a-z]+$', got: \"ABC\"",
       "Invalid Attribute Value Match"},
      {"regex: message", RegexMatches("^[a-z]+$", "must be lowercase letters"),
       Value::StringVal("A"), 1, "Attribute attr must be lowercase letters, got: \"A\""},
      {"regex: null", RegexMatches("^x$"), Value::NullVal(s), 0, ""},
      {"one of: ok", OneOf({"rw", "ro"}), Value::StringVal("ro"), 0, ""},
      {"one of: bad", OneOf({"rw", "ro"}), Value::StringVal("RO"), 1,
       "Attribute attr value must be one of: [\"rw\" \"ro\"], got: \"RO\"",
       "Invalid Attribute Value Match"},
      {"one of: unknown", OneOf({"rw"}), Unknown(s), 0, ""},
      {"none of: ok", NoneOf({"root"}), Value::StringVal("admin"), 0, ""},
      {"none of: bad", NoneOf({"root", "admin"}), Value::StringVal("root"), 1,
       "value must be none of: [\"root\" \"admin\"], got: \"root\""},
      {"one of ci: ok", OneOfCaseInsensitive({"Read", "Write"}), Value::StringVal("READ"), 0,
       ""},
      {"one of ci: bad", OneOfCaseInsensitive({"Read"}), Value::StringVal("Reads"), 1,
       "value must be one of (ignoring case): [\"Read\"], got: \"Reads\""},
      {"quote escapes", OneOf({"a"}), Value::StringVal("x\"y\n"), 1, "got: \"x\\\"y\\n\""},
      {"duration: ok", IsDuration(), Value::StringVal("1h30m"), 0, ""},
      {"duration: bad", IsDuration(), Value::StringVal("10x"), 1,
       "Attribute attr value must be a duration", "Invalid Attribute Value Time Duration"},
      {"duration: missing unit", IsDuration(), Value::StringVal("10"), 1, "got: \"10\""},
      {"wrong kind", LengthAtLeast(1), Value::IntVal(3), 1, "checks string values",
       "Invalid Validator Usage"},
  });
}

TEST(StringValidatorsTest, ExampleFromTheBrief) {
  Diagnostics d =
      Check(LengthBetween(1, 64), Value::StringVal(""), Path::Root("name"), Value());
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].summary, "Invalid Attribute Value Length");
  EXPECT_EQ(d[0].detail, "Attribute name string length must be between 1 and 64, got: 0");
  EXPECT_EQ(d[0].path, Path::Root("name"));
  EXPECT_TRUE(d[0].IsError());
}

TEST(StringValidatorsTest, BadArgumentsThrowAtConstruction) {
  EXPECT_THROW(RegexMatches("("), std::invalid_argument);
  EXPECT_THROW(RegexMatches("[a-"), std::invalid_argument);
  EXPECT_THROW(LengthAtLeast(-1), std::invalid_argument);
  EXPECT_THROW(LengthAtMost(-1), std::invalid_argument);
  EXPECT_THROW(LengthBetween(3, 2), std::invalid_argument);
  EXPECT_THROW(LengthBetween(-1, 2), std::invalid_argument);
  EXPECT_NO_THROW(LengthBetween(2, 2));
}

// --- Numbers ---------------------------------------------------------------------------

TEST(NumberValidatorsTest, Table) {
  const Type n = Type::Number();
  RunTable({
      {"at least: ok", AtLeast(1), Value::IntVal(1), 0, ""},
      {"at least: low", AtLeast(1), Value::IntVal(0), 1,
       "Attribute attr value must be at least 1, got: 0", "Invalid Attribute Value"},
      {"at least: null", AtLeast(1), Value::NullVal(n), 0, ""},
      {"at least: unknown", AtLeast(1), Unknown(n), 0, ""},
      {"at most: ok", AtMost(10), Value::IntVal(10), 0, ""},
      {"at most: high", AtMost(10), Value::FloatVal(10.5), 1,
       "value must be at most 10, got: 10.5"},
      {"between: port ok", Between(1, 65535), Value::IntVal(443), 0, ""},
      {"between: port high", Between(1, 65535), Value::IntVal(65536), 1,
       "value must be between 1 and 65535, got: 65536"},
      {"between: mixed bounds", Between(0, 2.5), Value::NumberVal(Num("2.5")), 0, ""},
      {"between: mixed bounds high", Between(0, 2.5), Value::NumberVal(Num("2.5000001")), 1,
       "between 0 and 2.5"},
      // A double bound means its shortest decimal: 0.1 as written in configuration.
      {"double bound: equal decimal", AtLeast(0.1), Value::NumberVal(Num("0.1")), 0, ""},
      {"double bound: at most equal", AtMost(0.1), Value::NumberVal(Num("0.1")), 0, ""},
      {"double bound: exact above", AtMost(0.1),
       Value::NumberVal(Num("0.10000000000000000001")), 1, "at most 0.1"},
      // Exact comparison beyond the double range of precision.
      {"exact: 2^63 above int64 max", AtMost(std::numeric_limits<int64_t>::max()),
       Value::NumberVal(Num("9223372036854775808")), 1, "got: 9223372036854775808"},
      {"exact: huge decimal", AtLeast(0), Value::NumberVal(Num("1e400")), 0, ""},
      {"exact: tiny negative", AtLeast(0), Value::NumberVal(Num("-1e-400")), 1, "at least 0"},
      {"uint64 bound", AtMost(std::numeric_limits<uint64_t>::max()),
       Value::NumberVal(Num("18446744073709551615")), 0, ""},
      {"negative bound", AtLeast(-5), Value::IntVal(-6), 1, "at least -5, got: -6"},
      {"number bound", AtLeast(Num("0.3")), Value::NumberVal(Num("0.3")), 0, ""},
      {"whole: ok", IsWholeNumber(), Value::IntVal(7), 0, ""},
      {"whole: big ok", IsWholeNumber(), Value::NumberVal(Num("123456789012345678901234567890")),
       0, ""},
      {"whole: fraction", IsWholeNumber(), Value::FloatVal(1.5), 1,
       "Attribute attr value must be a whole number, got: 1.5"},
      {"whole: unknown", IsWholeNumber(), Unknown(n), 0, ""},
      {"wrong kind", AtLeast(1), Value::StringVal("5"), 1, "checks number values",
       "Invalid Validator Usage"},
  });
}

TEST(NumberValidatorsTest, BadArgumentsThrowAtConstruction) {
  EXPECT_THROW(Between(5, 1), std::invalid_argument);
  EXPECT_THROW(Between(1.5, 1.25), std::invalid_argument);
  EXPECT_THROW(AtLeast(std::numeric_limits<double>::quiet_NaN()), std::invalid_argument);
  EXPECT_NO_THROW(Between(1, 1));
  EXPECT_NO_THROW(AtMost(std::numeric_limits<double>::infinity()));
  // Every arithmetic type resolves without ambiguity.
  EXPECT_NO_THROW(AtLeast(short{1}));
  EXPECT_NO_THROW(AtLeast(1u));
  EXPECT_NO_THROW(AtLeast(1L));
  EXPECT_NO_THROW(AtLeast(1.5f));
  EXPECT_NO_THROW(Between(int8_t{0}, 1ull));
}

// --- Collections -----------------------------------------------------------------------

TEST(CollectionValidatorsTest, Table) {
  const Type s = Type::String();
  Value empty_list = Value::ListVal(s, {});
  Value two_list = Strings({"a", "b"});
  Value map1 = Value::MapVal(s, {{"k", Value::StringVal("v")}});
  Value set3 = Value::SetVal(s, {Value::StringVal("a"), Value::StringVal("b"),
                                 Value::StringVal("c")});
  Value tuple2 = Value::TupleVal({Value::StringVal("a"), Value::IntVal(1)});
  Value obj1 = Value::ObjectVal({{"x", Value::IntVal(1)}});
  RunTable({
      {"size at least: empty list", SizeAtLeast(1), empty_list, 1,
       "Attribute attr list must contain at least 1 element, got: 0", "Invalid Attribute Value"},
      {"size at least: ok", SizeAtLeast(2), two_list, 0, ""},
      {"size at least: null", SizeAtLeast(1), Value::NullVal(Type::List(s)), 0, ""},
      {"size at least: unknown", SizeAtLeast(1), Unknown(Type::List(s)), 0, ""},
      {"size at most: set", SizeAtMost(2), set3, 1,
       "Attribute attr set must contain at most 2 elements, got: 3"},
      {"size at most: map ok", SizeAtMost(1), map1, 0, ""},
      {"size at least: map", SizeAtLeast(2), map1, 1, "map must contain at least 2 elements"},
      {"size between: tuple ok", SizeBetween(1, 2), tuple2, 0, ""},
      {"size between: list low", SizeBetween(1, 2), empty_list, 1,
       "list must contain at least 1 and at most 2 elements, got: 0"},
      {"size between: object", SizeBetween(2, 3), obj1, 1, "object must contain"},
      {"size: wrong kind", SizeAtLeast(1), Value::StringVal("abc"), 1,
       "checks list, set, map, tuple or object values", "Invalid Validator Usage"},
      {"unique: ok", UniqueValues(), Strings({"a", "b", "c"}), 0, ""},
      {"unique: duplicate", UniqueValues(), Strings({"a", "b", "a"}), 1,
       "Attribute attr must not contain duplicate values, got \"a\" at [0], [2]",
       "Duplicate List Value"},
      {"unique: one error per value", UniqueValues(), Strings({"a", "a", "a", "b", "b"}), 2,
       "got \"a\" at [0], [1], [2]"},
      {"unique: numbers compare by value", UniqueValues(),
       Value::ListVal(Type::Number(), {Value::IntVal(1), Value::FloatVal(1.0)}), 1, "got 1"},
      {"unique: unknown elements skipped", UniqueValues(),
       Value::ListVal(s, {Unknown(s), Unknown(s)}), 0, ""},
      {"unique: null elements compare", UniqueValues(),
       Value::ListVal(s, {Value::NullVal(s), Value::NullVal(s)}), 1, "got null"},
      {"unique: set passes", UniqueValues(), set3, 0, ""},
      {"unique: unknown list", UniqueValues(), Unknown(Type::List(s)), 0, ""},
      {"unique: wrong kind", UniqueValues(), map1, 1, "checks list values"},
  });
  EXPECT_THROW(SizeAtLeast(-1), std::invalid_argument);
  EXPECT_THROW(SizeBetween(2, 1), std::invalid_argument);
}

// Records every request it sees.
class Recorder final : public Validator {
 public:
  struct Seen {
    Path path;
    Value value;
    Value parent;
  };
  std::string Description() const override { return "records"; }
  void Validate(const ValidatorRequest& req, Diagnostics&) const override {
    seen.push_back({req.path, req.value, req.parent});
  }
  mutable std::vector<Seen> seen;
};

TEST(EachTest, ElementPathsAndParent) {
  auto rec = std::make_shared<Recorder>();
  ValidatorPtr each = Each({rec});
  const Type s = Type::String();

  Value list = Strings({"x", "y"});
  Check(each, list, Path::Root("names"), Value());
  ASSERT_EQ(rec->seen.size(), 2u);
  EXPECT_EQ(rec->seen[0].path, Path::Root("names").Index(0));
  EXPECT_EQ(rec->seen[1].path, Path::Root("names").Index(1));
  EXPECT_EQ(rec->seen[1].value, Value::StringVal("y"));
  EXPECT_EQ(rec->seen[1].parent, list);

  rec->seen.clear();
  Value map = Value::MapVal(s, {{"b", Value::StringVal("2")}, {"a", Value::StringVal("1")}});
  Check(each, map, Path::Root("labels"), Value());
  ASSERT_EQ(rec->seen.size(), 2u);
  EXPECT_EQ(rec->seen[0].path, Path::Root("labels").Key("a"));
  EXPECT_EQ(rec->seen[1].path, Path::Root("labels").Key("b"));
  EXPECT_EQ(rec->seen[0].parent, map);

  rec->seen.clear();
  Value set = Value::SetVal(s, {Value::StringVal("p"), Value::StringVal("q")});
  Check(each, set, Path::Root("tags"), Value());
  ASSERT_EQ(rec->seen.size(), 2u);
  EXPECT_EQ(rec->seen[0].path, Path::Root("tags"));  // set elements have no address
  EXPECT_EQ(rec->seen[1].path, Path::Root("tags"));

  rec->seen.clear();
  Check(each, Value::NullVal(Type::List(s)), Path::Root("names"), Value());
  Check(each, Unknown(Type::List(s)), Path::Root("names"), Value());
  EXPECT_TRUE(rec->seen.empty());

  // Unknown elements are passed on; the element validators decide.
  Check(each, Value::ListVal(s, {Unknown(s)}), Path::Root("names"), Value());
  ASSERT_EQ(rec->seen.size(), 1u);
  EXPECT_TRUE(rec->seen[0].value.IsUnknown());
}

TEST(EachTest, ReportsEveryBadElementAtItsPath) {
  Diagnostics d = Check(Each({LengthAtLeast(1), NoneOf({"bad"})}), Strings({"ok", "", "bad"}),
                      Path::Root("names"), Value());
  ASSERT_EQ(d.size(), 2u) << d.ToString();
  EXPECT_EQ(d[0].path, Path::Root("names").Index(1));
  EXPECT_EQ(d[0].detail, "Attribute names[1] string length must be at least 1, got: 0");
  EXPECT_EQ(d[1].path, Path::Root("names").Index(2));
  EXPECT_THAT(d[1].detail, HasSubstr("none of"));

  d = Check(Each({LengthAtLeast(2)}), Value::MapVal(Type::String(), {{"k", Value::StringVal("")}}),
          Path::Root("labels"), Value());
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].path, Path::Root("labels").Key("k"));
  EXPECT_THAT(d[0].detail, HasSubstr("Attribute labels[\"k\"] string length"));

  d = Check(Each({LengthAtLeast(1)}), Value::StringVal("x"), Path::Root("s"), Value());
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].summary, "Invalid Validator Usage");
  EXPECT_THROW(Each({nullptr}), std::invalid_argument);
}

// --- Across attributes -----------------------------------------------------------------

Value Obj(Value a, Value b, Value c) {
  return Value::ObjectVal({{"a", std::move(a)}, {"b", std::move(b)}, {"c", std::move(c)}});
}

struct CrossCase {
  std::string name;
  ValidatorPtr validator;
  Value parent;  // {a, b, c}; the validator is on "a"
  size_t errors;
  std::string detail;  // the exact detail of the first error
};

TEST(CrossAttributeTest, Table) {
  const Type s = Type::String();
  Value x = Value::StringVal("x");
  Value null = Value::NullVal(s);
  Value unk = Unknown(s);
  Value unk_nn = UnknownNotNull(s);
  std::vector<CrossCase> cases = {
      // ConflictsWith: only when this value is known and non-null.
      {"conflicts: both set", ConflictsWith({"b"}), Obj(x, x, null), 1,
       "Attribute \"b\" cannot be specified when \"a\" is specified"},
      {"conflicts: other null", ConflictsWith({"b"}), Obj(x, null, null), 0, ""},
      {"conflicts: this null", ConflictsWith({"b"}), Obj(null, x, null), 0, ""},
      {"conflicts: this unknown", ConflictsWith({"b"}), Obj(unk, x, null), 0, ""},
      {"conflicts: other unknown waits", ConflictsWith({"b"}), Obj(x, unk, null), 0, ""},
      {"conflicts: other unknown not null", ConflictsWith({"b"}), Obj(x, unk_nn, null), 1,
       "Attribute \"b\" cannot be specified when \"a\" is specified"},
      {"conflicts: two others", ConflictsWith({"b", "c"}), Obj(x, x, x), 2,
       "Attribute \"b\" cannot be specified when \"a\" is specified"},
      // As in Go, an unknown stops the check: errors found before it stay, later ones wait.
      {"conflicts: unknown stops later", ConflictsWith({"c", "b"}), Obj(x, x, unk), 0, ""},
      {"conflicts: error before unknown", ConflictsWith({"b", "c"}), Obj(x, x, unk), 1,
       "Attribute \"b\" cannot be specified when \"a\" is specified"},
      {"conflicts: self named is skipped", ConflictsWith({"a", "b"}), Obj(x, null, null), 0, ""},
      // AlsoRequires.
      {"also requires: missing", AlsoRequires({"b"}), Obj(x, null, null), 1,
       "Attribute \"b\" must be specified when \"a\" is specified"},
      {"also requires: ok", AlsoRequires({"b", "c"}), Obj(x, x, x), 0, ""},
      {"also requires: this null", AlsoRequires({"b"}), Obj(null, null, null), 0, ""},
      {"also requires: this unknown", AlsoRequires({"b"}), Obj(unk, null, null), 0, ""},
      {"also requires: other unknown", AlsoRequires({"b"}), Obj(x, unk, null), 0, ""},
      {"also requires: both missing", AlsoRequires({"b", "c"}), Obj(x, null, null), 2,
       "Attribute \"b\" must be specified when \"a\" is specified"},
      // AtLeastOneOf.
      {"at least one: none", AtLeastOneOf({"b", "c"}), Obj(null, null, null), 1,
       "At least one attribute out of [b,c,a] must be specified"},
      {"at least one: this", AtLeastOneOf({"b", "c"}), Obj(x, null, null), 0, ""},
      {"at least one: other", AtLeastOneOf({"b", "c"}), Obj(null, null, x), 0, ""},
      {"at least one: this unknown", AtLeastOneOf({"b"}), Obj(unk, null, null), 0, ""},
      {"at least one: other unknown", AtLeastOneOf({"b"}), Obj(null, unk, null), 0, ""},
      {"at least one: self named", AtLeastOneOf({"a", "b"}), Obj(null, null, null), 1,
       "At least one attribute out of [b,a] must be specified"},
      // ExactlyOneOf.
      {"exactly one: none", ExactlyOneOf({"b"}), Obj(null, null, null), 1,
       "No attribute specified when one (and only one) of [b,a] is required"},
      {"exactly one: this", ExactlyOneOf({"b"}), Obj(x, null, null), 0, ""},
      {"exactly one: other", ExactlyOneOf({"b"}), Obj(null, x, null), 0, ""},
      {"exactly one: two", ExactlyOneOf({"b"}), Obj(x, x, null), 1,
       "2 attributes specified when one (and only one) of [b,a] is required"},
      {"exactly one: three", ExactlyOneOf({"b", "c"}), Obj(x, x, x), 1,
       "3 attributes specified when one (and only one) of [b,c,a] is required"},
      {"exactly one: this unknown", ExactlyOneOf({"b"}), Obj(unk, null, null), 0, ""},
      {"exactly one: other unknown", ExactlyOneOf({"b"}), Obj(x, unk, x), 0, ""},
      {"exactly one: self named, counted once", ExactlyOneOf({"a", "b", "b"}),
       Obj(x, null, null), 0, ""},
      // Unknown names are the provider's bug.
      {"unknown name", ConflictsWith({"nope"}), Obj(x, null, null), 1, ""},
  };
  for (const CrossCase& c : cases) {
    SCOPED_TRACE(c.name);
    Diagnostics d = Check(c.validator, c.parent.GetAttr("a"), Path::Root("a"), c.parent);
    EXPECT_EQ(d.ErrorCount(), c.errors) << d.ToString();
    if (c.errors == 0 || d.empty()) continue;
    EXPECT_EQ(d[0].path, Path::Root("a"));
    if (c.detail.empty()) {
      EXPECT_EQ(d[0].summary, "Invalid Validator Usage");
      EXPECT_THAT(d[0].detail, HasSubstr("\"nope\""));
    } else {
      EXPECT_EQ(d[0].summary, "Invalid Attribute Combination");
      EXPECT_EQ(d[0].detail, c.detail);
    }
  }
}

TEST(CrossAttributeTest, InsideAListOfNestedObjects) {
  // rule[2] = {a = "x", b = "y", c = null}: siblings come from the element, and messages
  // name the element's paths.
  const Type s = Type::String();
  Value element = Obj(Value::StringVal("x"), Value::StringVal("y"), Value::NullVal(s));
  Path a = Path::Root("rule").Index(2).Attr("a");
  Diagnostics d = Check(ConflictsWith({"b"}), element.GetAttr("a"), a, element);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].path, a);
  EXPECT_EQ(d[0].detail,
            "Attribute \"rule[2].b\" cannot be specified when \"rule[2].a\" is specified");

  d = Check(AlsoRequires({"c"}), element.GetAttr("a"), a, element);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].detail,
            "Attribute \"rule[2].c\" must be specified when \"rule[2].a\" is specified");

  Value empty = Obj(Value::NullVal(s), Value::NullVal(s), Value::NullVal(s));
  d = Check(ExactlyOneOf({"b", "c"}), empty.GetAttr("a"), Path::Root("m").Key("k").Attr("a"),
          empty);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].detail,
            "No attribute specified when one (and only one) of [m[\"k\"].b,m[\"k\"].c,"
            "m[\"k\"].a] is required");
}

TEST(CrossAttributeTest, InsideASetThePathStopsAtTheSet) {
  const Type s = Type::String();
  Value element = Obj(Value::StringVal("x"), Value::StringVal("y"), Value::NullVal(s));
  Diagnostics d = Check(ConflictsWith({"b"}), element.GetAttr("a"), Path::Root("rules"), element);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].path, Path::Root("rules"));
  EXPECT_EQ(d[0].detail,
            "Attribute \"rules.b\" cannot be specified when \"rules\" is specified");
}

TEST(CrossAttributeTest, TopLevelParentIsTheWholeConfiguration) {
  Schema schema{.attributes = {Attribute::String("a").Optional(),
                               Attribute::String("b").Optional(),
                               Attribute::String("c").Optional()}};
  Value whole = Value::ObjectVal(schema.ImpliedType(),
                                 {{"a", Value::StringVal("x")}, {"b", Value::StringVal("y")}});
  Attributes config(&schema, whole);
  Diagnostics d;
  ConflictsWith({"b"})->Validate(
      ValidatorRequest{Path::Root("a"), whole.GetAttr("a"), whole, config}, d);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].detail, "Attribute \"b\" cannot be specified when \"a\" is specified");
}

TEST(CrossAttributeTest, UnknownOrNullParent) {
  const Type obj = Type::Object({{"a", Type::String()}, {"b", Type::String()}});
  const Value x = Value::StringVal("x");
  // An unknown parent holds unknown siblings: checks wait, AtLeastOneOf passes.
  EXPECT_TRUE(Check(ConflictsWith({"b"}), x, Path::Root("a"), Unknown(obj)).empty());
  EXPECT_TRUE(Check(AlsoRequires({"b"}), x, Path::Root("a"), Unknown(obj)).empty());
  EXPECT_TRUE(
      Check(AtLeastOneOf({"b"}), Value::NullVal(Type::String()), Path::Root("a"), Unknown(obj))
          .empty());
  // A name the unknown parent's type lacks is still reported.
  Diagnostics d = Check(ConflictsWith({"zzz"}), x, Path::Root("a"), Unknown(obj));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].summary, "Invalid Validator Usage");
  // A null parent: siblings are null too.
  d = Check(AlsoRequires({"b"}), x, Path::Root("a"), Value::NullVal(obj));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].summary, "Invalid Attribute Combination");
}

// --- Combinators -----------------------------------------------------------------------

class WarnOnly final : public Validator {
 public:
  std::string Description() const override { return "warns"; }
  void Validate(const ValidatorRequest& req, Diagnostics& diags) const override {
    diags.AddWarning("Careful", "just a warning", req.path);
  }
};

TEST(CombinatorTest, AllAndAny) {
  ValidatorPtr all = All({LengthAtLeast(3), OneOf({"abcd"})});
  EXPECT_EQ(Check(all, Value::StringVal("abcd")).size(), 0u);
  EXPECT_EQ(Check(all, Value::StringVal("ab")).ErrorCount(), 2u);
  EXPECT_EQ(Check(all, Value::StringVal("abc")).ErrorCount(), 1u);

  ValidatorPtr any = Any({LengthAtLeast(5), OneOf({"x"})});
  EXPECT_EQ(Check(any, Value::StringVal("x")).size(), 0u);
  EXPECT_EQ(Check(any, Value::StringVal("longer")).size(), 0u);
  Diagnostics d = Check(any, Value::StringVal("y"));
  ASSERT_EQ(d.ErrorCount(), 2u);  // none passed: every failure is reported
  EXPECT_EQ(d[0].summary, "Invalid Attribute Value Length");
  EXPECT_EQ(d[1].summary, "Invalid Attribute Value Match");

  // The passing validator's warnings are kept; the failing ones' errors are dropped.
  d = Check(Any({OneOf({"q"}), std::make_shared<WarnOnly>()}), Value::StringVal("y"));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_FALSE(d[0].IsError());
  EXPECT_EQ(d[0].summary, "Careful");

  EXPECT_THAT(all->Description(), HasSubstr("string length must be at least 3"));
  EXPECT_THAT(all->Description(), HasSubstr("all of"));
  EXPECT_THAT(any->Description(), HasSubstr("at least one of"));
  EXPECT_THAT(any->Description(), HasSubstr("value must be one of: [\"x\"]"));
  EXPECT_THROW(All({nullptr}), std::invalid_argument);
  EXPECT_THROW(Any({LengthAtLeast(1), nullptr}), std::invalid_argument);
}

// --- Descriptions ----------------------------------------------------------------------

TEST(DescriptionTest, EveryValidatorSaysWhatItChecks) {
  struct Row {
    ValidatorPtr v;
    std::string want;
  };
  std::vector<Row> rows = {
      {LengthAtLeast(1), "string length must be at least 1"},
      {LengthAtMost(9), "string length must be at most 9"},
      {LengthBetween(1, 64), "string length must be between 1 and 64"},
      {RegexMatches("^a$"), "value must match regular expression '^a$'"},
      {RegexMatches("^a$", "must be a"), "must be a"},
      {OneOf({"a", "b"}), "value must be one of: [\"a\" \"b\"]"},
      {NoneOf({"a"}), "value must be none of: [\"a\"]"},
      {OneOfCaseInsensitive({"a"}), "ignoring case"},
      {IsDuration(), "\"2h45m\""},
      {AtLeast(1), "value must be at least 1"},
      {AtMost(2.5), "value must be at most 2.5"},
      {Between(1, 65535), "value must be between 1 and 65535"},
      {IsWholeNumber(), "value must be a whole number"},
      {SizeAtLeast(1), "must contain at least 1 element"},
      {SizeAtMost(3), "must contain at most 3 elements"},
      {SizeBetween(1, 3), "at least 1 and at most 3 elements"},
      {UniqueValues(), "all values must be unique"},
      {Each({LengthAtLeast(1)}), "element value must satisfy all validations: string length"},
      {ConflictsWith({"b"}), "must not be set: [\"b\"]"},
      {AlsoRequires({"b"}), "must be set too: [\"b\"]"},
      {AtLeastOneOf({"b"}), "at least one of this attribute and these must be set: [\"b\"]"},
      {ExactlyOneOf({"b"}), "exactly one of this attribute and these must be set: [\"b\"]"},
  };
  for (const Row& r : rows) EXPECT_THAT(r.v->Description(), HasSubstr(r.want));
}

// --- Whole configuration ---------------------------------------------------------------

class ConfigValidatorTest : public ::testing::Test {
 protected:
  ConfigValidatorTest()
      : schema_{.attributes = {
                    Attribute::String("a").Optional(),
                    Attribute::String("b").Optional(),
                    Attribute::String("c").Optional(),
                    Attribute::Map("labels", Type::String()).Optional(),
                    Attribute::ListNested("rule", {Attribute::Number("port").Optional()})
                        .Optional(),
                }} {}

  // A configuration with the given top-level attributes (the others null).
  Attributes Config(std::map<std::string, Value> attrs) const {
    return Attributes(&schema_, Value::ObjectVal(schema_.ImpliedType(), std::move(attrs)));
  }

  static Diagnostics Check(const ConfigValidatorPtr& v, const Attributes& config) {
    Diagnostics d;
    v->Validate(config, d);
    return d;
  }

  Schema schema_;
};

TEST_F(ConfigValidatorTest, Conflicting) {
  auto v = ConfigConflicting({Path::Root("a"), Path::Root("b"), Path::Root("c")});
  const Value x = Value::StringVal("x");
  EXPECT_TRUE(Check(v, Config({})).empty());
  EXPECT_TRUE(Check(v, Config({{"b", x}})).empty());
  // Unknown values do not count.
  EXPECT_TRUE(Check(v, Config({{"a", x}, {"b", Unknown(Type::String())}})).empty());
  Diagnostics d = Check(v, Config({{"b", x}, {"c", x}}));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].summary, "Invalid Attribute Combination");
  EXPECT_EQ(d[0].path, Path::Root("b"));  // the first configured one
  EXPECT_THAT(d[0].detail, HasSubstr("These attributes cannot be configured together: [a,b,c]"));
  EXPECT_THAT(d[0].detail, HasSubstr("configured: [b,c]"));
}

TEST_F(ConfigValidatorTest, ExactlyOneOf) {
  auto v = ConfigExactlyOneOf({Path::Root("a"), Path::Root("b")});
  const Value x = Value::StringVal("x");
  EXPECT_TRUE(Check(v, Config({{"a", x}})).empty());
  EXPECT_TRUE(Check(v, Config({{"b", x}})).empty());
  Diagnostics d = Check(v, Config({}));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].summary, "Missing Attribute Configuration");
  EXPECT_EQ(d[0].detail, "Exactly one of these attributes must be configured: [a,b]");
  EXPECT_FALSE(d[0].path.has_value());
  // None configured but one unknown: wait.
  EXPECT_TRUE(Check(v, Config({{"b", Unknown(Type::String())}})).empty());
  // Two configured is an error even with unknowns around.
  auto v3 = ConfigExactlyOneOf({Path::Root("a"), Path::Root("b"), Path::Root("c")});
  d = Check(v3, Config({{"a", x}, {"b", x}, {"c", Unknown(Type::String())}}));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].summary, "Invalid Attribute Combination");
  EXPECT_EQ(d[0].path, Path::Root("a"));
}

TEST_F(ConfigValidatorTest, AtLeastOneOf) {
  auto v = ConfigAtLeastOneOf({Path::Root("a"), Path::Root("labels")});
  EXPECT_TRUE(Check(v, Config({{"a", Value::StringVal("")}})).empty());
  EXPECT_TRUE(
      Check(v, Config({{"labels", Value::MapVal(Type::String(), {})}})).empty());  // empty != null
  EXPECT_TRUE(Check(v, Config({{"a", Unknown(Type::String())}})).empty());
  Diagnostics d = Check(v, Config({}));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].summary, "Missing Attribute Configuration");
  EXPECT_EQ(d[0].detail, "At least one of these attributes must be configured: [a,labels]");
}

TEST_F(ConfigValidatorTest, RequiredTogether) {
  auto v = ConfigRequiredTogether({Path::Root("a"), Path::Root("b"), Path::Root("c")});
  const Value x = Value::StringVal("x");
  EXPECT_TRUE(Check(v, Config({})).empty());
  EXPECT_TRUE(Check(v, Config({{"a", x}, {"b", x}, {"c", x}})).empty());
  EXPECT_TRUE(Check(v, Config({{"a", x}, {"b", Unknown(Type::String())}})).empty());
  Diagnostics d = Check(v, Config({{"b", x}}));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].summary, "Invalid Attribute Combination");
  EXPECT_EQ(d[0].path, Path::Root("b"));
  EXPECT_EQ(d[0].detail,
            "These attributes must be configured together: [a,b,c] (missing: [a,c])");
}

TEST_F(ConfigValidatorTest, NestedPathsAndBadPaths) {
  Type rule_type = schema_.ImpliedType().AttributeType("rule");
  Type elem = rule_type.ElementType();
  Value rules = Value::ListVal(elem, {Value::ObjectVal(elem, {{"port", Value::IntVal(80)}})});
  auto v = ConfigConflicting({Path::Root("a"), Path::Root("rule").Index(0).Attr("port")});
  Diagnostics d = Check(v, Config({{"a", Value::StringVal("x")}, {"rule", rules}}));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].path, Path::Root("a"));
  // Past the end of the list, through a null list, a missing map key: not configured.
  auto past = ConfigAtLeastOneOf({Path::Root("rule").Index(5).Attr("port"),
                                  Path::Root("labels").Key("env")});
  d = Check(past, Config({{"rule", rules},
                        {"labels", Value::MapVal(Type::String(), {{"x", Value::StringVal("")}})}}));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].summary, "Missing Attribute Configuration");
  EXPECT_EQ(Check(past, Config({})).size(), 1u);
  // Through an unknown list: unknown, so the check waits.
  EXPECT_TRUE(Check(past, Config({{"rule", Unknown(rule_type)}})).empty());
  // A path that does not fit the schema is the provider's bug.
  auto bad = ConfigAtLeastOneOf({Path::Root("nope"), Path::Root("a").Attr("x")});
  d = Check(bad, Config({}));
  ASSERT_EQ(d.size(), 2u) << d.ToString();
  EXPECT_EQ(d[0].summary, "Invalid Validator Usage");
  EXPECT_THAT(d[0].detail, HasSubstr("\"nope\""));
  EXPECT_THAT(d[1].detail, HasSubstr("\"a.x\""));
}

TEST_F(ConfigValidatorTest, Descriptions) {
  std::vector<Path> p = {Path::Root("a"), Path::Root("rule").Index(0).Attr("port")};
  EXPECT_EQ(ConfigConflicting(p)->Description(),
            "These attributes cannot be configured together: [a,rule[0].port]");
  EXPECT_THAT(ConfigExactlyOneOf(p)->Description(), HasSubstr("Exactly one of"));
  EXPECT_THAT(ConfigAtLeastOneOf(p)->Description(), HasSubstr("At least one of"));
  EXPECT_THAT(ConfigRequiredTogether(p)->Description(), HasSubstr("configured together"));
  EXPECT_THAT(ConfigRequiredTogether(p)->Description(), Not(HasSubstr("cannot")));
}

}  // namespace
}  // namespace tfsdk::validators
