// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "src/value/json_codec.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tfsdk/number.h"
#include "tfsdk/type.h"
#include "tfsdk/value.h"

namespace tfsdk::internal {
namespace {

using ::testing::HasSubstr;

Number Num(std::string_view text) { return *Number::Parse(text); }

std::string Message(const absl::Status& s) { return std::string(s.message()); }

// --- Golden encodings, each written by hand, checked in both directions. ---------------

struct GoldenCase {
  std::string name;
  Value value;
  Type type;
  std::string json;
};

std::vector<GoldenCase> GoldenCases() {
  Type rule = Type::Object({{"port", Type::Number()}, {"cidr", Type::String()}});
  Type with_dynamic = Type::Object({{"a", Type::Dynamic()}, {"b", Type::String()}});
  return {
      {"null_string", Value::NullVal(Type::String()), Type::String(), "null"},
      {"null_object", Value::NullVal(rule), rule, "null"},
      {"true", Value::BoolVal(true), Type::Bool(), "true"},
      {"false", Value::BoolVal(false), Type::Bool(), "false"},
      {"int", Value::IntVal(42), Type::Number(), "42"},
      {"negative_int", Value::IntVal(-7), Type::Number(), "-7"},
      {"int64_min", Value::IntVal(INT64_MIN), Type::Number(), "-9223372036854775808"},
      {"decimal", Value::NumberVal(Num("0.1")), Type::Number(), "0.1"},
      {"double", Value::FloatVal(1.5), Type::Number(), "1.5"},
      {"two_pow_63", Value::NumberVal(Num("9223372036854775808")), Type::Number(),
       "9223372036854775808"},
      {"huge", Value::NumberVal(Num("1e400")), Type::Number(), "1e+400"},
      {"big_integer", Value::NumberVal(Num("123456789012345678901234567890")), Type::Number(),
       "123456789012345678901234567890"},
      {"string", Value::StringVal("web"), Type::String(), R"("web")"},
      {"empty_string", Value::StringVal(""), Type::String(), R"("")"},
      {"escaped_string", Value::StringVal("a\"b\\c\nd\te\r\b\f\x01\x1f/"), Type::String(),
       R"("a\"b\\c\nd\te\r\b\f\u0001\u001f/")"},
      {"utf8_string", Value::StringVal("gr\xc3\xbc\xc3\x9f \xe2\x82\xac \xf0\x9f\x98\x80"),
       Type::String(), "\"gr\xc3\xbc\xc3\x9f \xe2\x82\xac \xf0\x9f\x98\x80\""},
      {"list", Value::ListVal(Type::String(), {Value::StringVal("a"), Value::StringVal("b")}),
       Type::List(Type::String()), R"(["a","b"])"},
      {"empty_list", Value::ListVal(Type::String(), {}), Type::List(Type::String()), "[]"},
      {"list_with_null",
       Value::ListVal(Type::Number(), {Value::IntVal(1), Value::NullVal(Type::Number())}),
       Type::List(Type::Number()), "[1,null]"},
      {"set", Value::SetVal(Type::Number(), {Value::IntVal(3), Value::IntVal(1)}),
       Type::Set(Type::Number()), "[3,1]"},
      {"map",
       Value::MapVal(Type::Number(), {{"b", Value::IntVal(2)}, {"a", Value::IntVal(1)}}),
       Type::Map(Type::Number()), R"({"a":1,"b":2})"},
      {"empty_map", Value::MapVal(Type::Number(), {}), Type::Map(Type::Number()), "{}"},
      {"object",
       Value::ObjectVal({{"name", Value::StringVal("web")},
                         {"port", Value::IntVal(80)},
                         {"tags", Value::NullVal(Type::Map(Type::String()))}}),
       Type::Object({{"name", Type::String()},
                     {"port", Type::Number()},
                     {"tags", Type::Map(Type::String())}}),
       R"({"name":"web","port":80,"tags":null})"},
      {"empty_object", Value::ObjectVal({}), Type::Object({}), "{}"},
      {"tuple",
       Value::TupleVal({Value::StringVal("x"), Value::IntVal(1), Value::BoolVal(true)}),
       Type::Tuple({Type::String(), Type::Number(), Type::Bool()}), R"(["x",1,true])"},
      {"list_of_objects",
       Value::ListVal(rule, {Value::ObjectVal(rule, {{"port", Value::IntVal(80)},
                                                     {"cidr", Value::StringVal("0.0.0.0/0")}}),
                             Value::ObjectVal(rule, {{"port", Value::IntVal(443)}})}),
       Type::List(rule), R"([{"cidr":"0.0.0.0/0","port":80},{"cidr":null,"port":443}])"},
      {"dynamic_string", Value::StringVal("x"), Type::Dynamic(),
       R"({"value":"x","type":"string"})"},
      {"dynamic_null_of_dynamic", Value::NullVal(Type::Dynamic()), Type::Dynamic(), "null"},
      {"dynamic_typed_null", Value::NullVal(Type::String()), Type::Dynamic(),
       R"({"value":null,"type":"string"})"},
      {"dynamic_list", Value::ListVal(Type::Number(), {Value::IntVal(1), Value::IntVal(2)}),
       Type::Dynamic(), R"({"value":[1,2],"type":["list","number"]})"},
      {"dynamic_object", Value::ObjectVal({{"k", Value::BoolVal(true)}}), Type::Dynamic(),
       R"({"value":{"k":true},"type":["object",{"k":"bool"}]})"},
      {"dynamic_attribute",
       Value::ObjectVal(with_dynamic, {{"a", Value::ListVal(Type::Number(), {Value::IntVal(1)})},
                                       {"b", Value::StringVal("s")}}),
       with_dynamic, R"({"a":{"value":[1],"type":["list","number"]},"b":"s"})"},
      {"list_of_dynamic",
       Value::ListVal(Type::Dynamic(), {Value::StringVal("s"), Value::IntVal(1)}),
       Type::List(Type::Dynamic()),
       R"([{"value":"s","type":"string"},{"value":1,"type":"number"}])"},
  };
}

TEST(JsonCodecTest, EncodesGoldenStrings) {
  for (const auto& c : GoldenCases()) {
    absl::StatusOr<std::string> json = EncodeJsonValue(c.value, c.type);
    ASSERT_TRUE(json.ok()) << c.name << ": " << json.status();
    EXPECT_EQ(*json, c.json) << c.name;
  }
}

TEST(JsonCodecTest, DecodesGoldenStrings) {
  for (const auto& c : GoldenCases()) {
    absl::StatusOr<Value> value = DecodeJsonValue(c.json, c.type);
    ASSERT_TRUE(value.ok()) << c.name << ": " << value.status();
    EXPECT_EQ(*value, c.value) << c.name << ": got " << value->ToString() << ", want "
                               << c.value.ToString();
  }
}

// --- Numbers keep their exact value. -------------------------------------------------

TEST(JsonCodecTest, NumbersAreExact) {
  struct Case {
    std::string json;
    std::string text;  // Number::ToString() of the decoded value
  };
  const std::vector<Case> cases = {
      {"0.1", "0.1"},
      {"1e400", "1e+400"},
      {"-1e400", "-1e+400"},
      {"1e-400", "1e-400"},
      {"9223372036854775807", "9223372036854775807"},
      {"9223372036854775808", "9223372036854775808"},
      {"18446744073709551615", "18446744073709551615"},
      {"18446744073709551616", "18446744073709551616"},
      {"-9223372036854775809", "-9223372036854775809"},
      {"123456789012345678901234567890.5", "123456789012345678901234567890.5"},
      {"-0", "0"},
      {"-0.0", "0"},
      {"1.5", "1.5"},
      {"1.50", "1.5"},
      {"1E2", "100"},
      {"-12.5e-3", "-0.0125"},
      {"0.30000000000000004", "0.30000000000000004"},
      // cty accepts a string holding a number.
      {R"("0.1")", "0.1"},
      {R"("1e400")", "1e+400"},
      {R"("-7")", "-7"},
  };
  for (const auto& c : cases) {
    absl::StatusOr<Value> v = DecodeJsonValue(c.json, Type::Number());
    ASSERT_TRUE(v.ok()) << c.json << ": " << v.status();
    EXPECT_EQ(v->AsNumber().ToString(), c.text) << c.json;
    absl::StatusOr<std::string> back = EncodeJsonValue(*v, Type::Number());
    ASSERT_TRUE(back.ok()) << c.json << ": " << back.status();
    EXPECT_EQ(*back, c.text) << c.json;
  }
  // 0.1 is the decimal, not the nearest double.
  absl::StatusOr<Value> tenth = DecodeJsonValue("0.1", Type::Number());
  ASSERT_TRUE(tenth.ok());
  EXPECT_NE(tenth->AsNumber(), Number::FromDouble(0.1));
  EXPECT_EQ(tenth->AsNumber().form(), Number::Form::kDecimal);
  absl::StatusOr<Value> two63 = DecodeJsonValue("9223372036854775808", Type::Number());
  ASSERT_TRUE(two63.ok());
  EXPECT_EQ(two63->AsNumber(), Number::FromDouble(9223372036854775808.0));
}

TEST(JsonCodecTest, LiteralsBeyondLongDoubleRangeAreRejected) {
  // The SAX parser converts each literal to long double and refuses overflow (about
  // 1e4932); such a number can still arrive as a string.
  absl::StatusOr<Value> v = DecodeJsonValue("[1e5000]", Type::List(Type::Number()));
  ASSERT_FALSE(v.ok());
  EXPECT_THAT(Message(v.status()), HasSubstr("number overflow"));
  absl::StatusOr<Value> s = DecodeJsonValue(R"(["1e5000"])", Type::List(Type::Number()));
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->Index(0).AsNumber().ToString(), "1e+5000");
}

TEST(JsonCodecTest, InfinityCannotBeEncoded) {
  Value inf = Value::NumberVal(*Number::Parse("Infinity"));
  absl::StatusOr<std::string> json = EncodeJsonValue(inf, Type::Number());
  ASSERT_FALSE(json.ok());
  EXPECT_THAT(Message(json.status()), HasSubstr("infinity"));

  Value nested = Value::ObjectVal({{"n", Value::NumberVal(*Number::Parse("-Infinity"))}});
  json = EncodeJsonValue(nested, nested.type());
  ASSERT_FALSE(json.ok());
  EXPECT_EQ(Message(json.status()), "at n: infinity cannot be encoded as JSON");
}

// --- cty's lenient primitive conversions. --------------------------------------------

TEST(JsonCodecTest, PrimitiveConversionsAsCtyDoes) {
  struct Case {
    std::string json;
    Type type;
    Value want;
  };
  const std::vector<Case> cases = {
      {"42", Type::String(), Value::StringVal("42")},
      {"-42", Type::String(), Value::StringVal("-42")},
      {"18446744073709551615", Type::String(), Value::StringVal("18446744073709551615")},
      {"1.50", Type::String(), Value::StringVal("1.50")},
      {"true", Type::String(), Value::StringVal("true")},
      {"false", Type::String(), Value::StringVal("false")},
      {R"("true")", Type::Bool(), Value::BoolVal(true)},
      {R"("1")", Type::Bool(), Value::BoolVal(true)},
      {R"("false")", Type::Bool(), Value::BoolVal(false)},
      {R"("0")", Type::Bool(), Value::BoolVal(false)},
      {R"("12")", Type::Number(), Value::IntVal(12)},
  };
  for (const auto& c : cases) {
    absl::StatusOr<Value> v = DecodeJsonValue(c.json, c.type);
    ASSERT_TRUE(v.ok()) << c.json << ": " << v.status();
    EXPECT_EQ(*v, c.want) << c.json << " got " << v->ToString();
  }
}

// --- Objects. -----------------------------------------------------------------------

Type ServerType() {
  return Type::Object({{"name", Type::String()},
                       {"port", Type::Number()},
                       {"nested", Type::Object({{"x", Type::Bool()}})}});
}

TEST(JsonCodecTest, MissingAttributesAreNull) {
  absl::StatusOr<Value> v = DecodeJsonValue(R"({"name":"web"})", ServerType());
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(v->GetAttr("name"), Value::StringVal("web"));
  EXPECT_EQ(v->GetAttr("port"), Value::NullVal(Type::Number()));
  EXPECT_EQ(v->GetAttr("nested"), Value::NullVal(Type::Object({{"x", Type::Bool()}})));
  EXPECT_EQ(v->type(), ServerType());

  absl::StatusOr<Value> nested = DecodeJsonValue(R"({"nested":{}})", ServerType());
  ASSERT_TRUE(nested.ok()) << nested.status();
  EXPECT_EQ(nested->GetAttr("nested").GetAttr("x"), Value::NullVal(Type::Bool()));
}

TEST(JsonCodecTest, AttributesInAnyOrder) {
  absl::StatusOr<Value> v =
      DecodeJsonValue(R"({"port":1,"nested":{"x":true},"name":"a"})", ServerType());
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(*EncodeJsonValue(*v, ServerType()), R"({"name":"a","nested":{"x":true},"port":1})");
}

TEST(JsonCodecTest, UnknownAttributesAreAnErrorUnlessIgnored) {
  const std::string json = R"({"name":"web","extra":[1,{"deep":2}],"nested":{"x":true,"y":1}})";
  absl::StatusOr<Value> strict = DecodeJsonValue(json, ServerType());
  ASSERT_FALSE(strict.ok());
  EXPECT_EQ(Message(strict.status()), R"(unsupported attribute "extra")");

  absl::StatusOr<Value> nested_strict =
      DecodeJsonValue(R"({"nested":{"x":true,"y":1}})", ServerType());
  ASSERT_FALSE(nested_strict.ok());
  EXPECT_EQ(Message(nested_strict.status()), R"(at nested: unsupported attribute "y")");

  absl::StatusOr<Value> lenient = DecodeJsonValue(json, ServerType(), true);
  ASSERT_TRUE(lenient.ok()) << lenient.status();
  EXPECT_EQ(*EncodeJsonValue(*lenient, ServerType()),
            R"({"name":"web","nested":{"x":true},"port":null})");
}

TEST(JsonCodecTest, RepeatedKeysKeepTheLastValue) {
  absl::StatusOr<Value> obj = DecodeJsonValue(R"({"name":"a","name":"b"})", ServerType());
  ASSERT_TRUE(obj.ok()) << obj.status();
  EXPECT_EQ(obj->GetAttr("name"), Value::StringVal("b"));

  absl::StatusOr<Value> map =
      DecodeJsonValue(R"({"b":1,"a":2,"b":3,"c":4})", Type::Map(Type::Number()));
  ASSERT_TRUE(map.ok()) << map.status();
  EXPECT_EQ(*EncodeJsonValue(*map, Type::Map(Type::Number())), R"({"a":2,"b":3,"c":4})");
}

// --- Sets. --------------------------------------------------------------------------

TEST(JsonCodecTest, SetsDeduplicate) {
  absl::StatusOr<Value> v =
      DecodeJsonValue(R"([1,2,1,"2",2.0,null,null])", Type::Set(Type::Number()));
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(v->Length(), 3u);  // 1, 2 and null
  EXPECT_TRUE(v->Contains(Value::IntVal(1)));
  EXPECT_TRUE(v->Contains(Value::IntVal(2)));

  std::string big = "[";
  for (int i = 0; i < 10000; ++i) absl::StrAppend(&big, i == 0 ? "" : ",", i % 5000);
  big += "]";
  absl::StatusOr<Value> large = DecodeJsonValue(big, Type::Set(Type::Number()));
  ASSERT_TRUE(large.ok()) << large.status();
  EXPECT_EQ(large->Length(), 5000u);
}

// --- Dynamic values. ----------------------------------------------------------------

TEST(JsonCodecTest, DynamicValues) {
  absl::StatusOr<Value> type_first =
      DecodeJsonValue(R"({"type":["map","string"],"value":{"k":"v"}})", Type::Dynamic());
  ASSERT_TRUE(type_first.ok()) << type_first.status();
  EXPECT_EQ(*type_first, Value::MapVal(Type::String(), {{"k", Value::StringVal("v")}}));

  absl::StatusOr<Value> nested = DecodeJsonValue(
      R"({"value":{"value":true,"type":"bool"},"type":"dynamic"})", Type::Dynamic());
  ASSERT_TRUE(nested.ok()) << nested.status();
  EXPECT_EQ(*nested, Value::BoolVal(true));

  absl::StatusOr<Value> null = DecodeJsonValue("null", Type::Dynamic());
  ASSERT_TRUE(null.ok());
  EXPECT_EQ(*null, Value::NullVal(Type::Dynamic()));

  // The same type in many elements (the type cache) decodes each one.
  absl::StatusOr<Value> many = DecodeJsonValue(
      R"([{"value":[1],"type":["list","number"]},{"value":[2,3],"type":["list","number"]}])",
      Type::List(Type::Dynamic()));
  ASSERT_TRUE(many.ok()) << many.status();
  EXPECT_EQ(many->Index(1), Value::ListVal(Type::Number(), {Value::IntVal(2), Value::IntVal(3)}));
}

TEST(JsonCodecTest, InvalidDynamicValues) {
  Type t = Type::Object({{"d", Type::Dynamic()}});
  struct Case {
    std::string json;
    std::string error;
  };
  const std::vector<Case> cases = {
      {R"({"d":"x"})",
       R"(at d: a JSON object {"value": ..., "type": ...} is required for a dynamically-typed )"
       "value, got a JSON string"},
      {R"({"d":{"value":1}})", R"(at d: missing "type" in dynamically-typed value)"},
      {R"({"d":{"type":"number"}})", R"(at d: missing "value" in dynamically-typed value)"},
      {R"({"d":{"value":1,"type":"number","extra":1}})",
       R"(at d: invalid key "extra" in dynamically-typed value)"},
      {R"({"d":{"value":1,"type":"nmber"}})",
       R"(at d: invalid "type" in dynamically-typed value: invalid type JSON: )"
       R"(unknown primitive type "nmber")"},
      {R"({"d":{"value":1,"type":["list",1.5]}})",
       R"(at d: invalid "type" in dynamically-typed value: invalid type JSON at [1]: )"
       "a type must be a string or an array, got a number"},
      {R"({"d":{"value":"x","type":["list","number"]}})",
       R"(at d: a JSON array is required for list of number, got a JSON string)"},
      {R"({"d":{"value":["x"],"type":["list","number"]}})",
       R"(at d[0]: a number is required, got the string "x")"},
  };
  for (const auto& c : cases) {
    absl::StatusOr<Value> v = DecodeJsonValue(c.json, t);
    ASSERT_FALSE(v.ok()) << c.json;
    EXPECT_EQ(Message(v.status()), c.error) << c.json;
  }
}

// --- Errors name the path. -----------------------------------------------------------

TEST(JsonCodecTest, DecodeErrorsNameThePath) {
  Type rule = Type::Object({{"port", Type::Number()}});
  Type t = Type::Object({{"rule", Type::List(rule)},
                         {"rules", Type::Set(rule)},
                         {"tags", Type::Map(Type::Bool())},
                         {"pair", Type::Tuple({Type::String(), Type::Number()})}});
  struct Case {
    std::string json;
    std::string error;
  };
  const std::vector<Case> cases = {
      {R"({"rule":[{"port":1},{"port":2},{"port":"x"}]})",
       R"(at rule[2].port: a number is required, got the string "x")"},
      {R"({"rule":[{"port":[]}]})", "at rule[0].port: a number is required, got a JSON array"},
      {R"({"rules":[{"port":{}}]})",
       "at rules (in a set element): a number is required, got a JSON object"},
      {R"({"tags":{"k\"q":"maybe"}})",
       R"(at tags["k\"q"]: a bool is required, got the string "maybe")"},
      {R"({"tags":{"k":1}})", R"(at tags["k"]: a bool is required, got a JSON number)"},
      {R"({"pair":["a"]})", "at pair: a tuple of 2 elements is required, got 1 elements"},
      {R"({"pair":["a",2,3]})", "at pair: a tuple of 2 elements is required, got 3 elements"},
      {R"({"pair":["a",true]})", "at pair[1]: a number is required, got a JSON boolean"},
      {R"({"pair":[{},1]})", "at pair[0]: a string is required, got a JSON object"},
      {R"({"rule":{}})",
       "at rule: a JSON array is required for list of object, got a JSON object"},
      {R"({"tags":[]})", "at tags: a JSON object is required for map of bool, got a JSON array"},
      {"[]", "a JSON object is required for object, got a JSON array"},
  };
  for (const auto& c : cases) {
    absl::StatusOr<Value> v = DecodeJsonValue(c.json, t);
    ASSERT_FALSE(v.ok()) << c.json;
    EXPECT_TRUE(absl::IsInvalidArgument(v.status()));
    EXPECT_EQ(Message(v.status()), c.error) << c.json;
  }
}

TEST(JsonCodecTest, WrongKinds) {
  struct Case {
    std::string json;
    Type type;
  };
  const std::vector<Case> cases = {
      {"[]", Type::String()},          {"{}", Type::String()},
      {"[]", Type::Number()},          {"true", Type::Number()},
      {R"("abc")", Type::Number()},    {R"("")", Type::Number()},
      {R"("0x10")", Type::Number()},   {"1", Type::Bool()},
      {R"("yes")", Type::Bool()},      {"{}", Type::List(Type::String())},
      {R"("a")", Type::Set(Type::String())},
      {"[]", Type::Map(Type::String())},
      {"1", Type::Object({})},         {"[1]", Type::Tuple({Type::Number(), Type::Number()})},
      {"{}", Type::Tuple({})},         {"[]", Type::Dynamic()},
      {"1", Type::Dynamic()},
  };
  for (const auto& c : cases) {
    absl::StatusOr<Value> v = DecodeJsonValue(c.json, c.type);
    EXPECT_FALSE(v.ok()) << c.json << " as " << c.type.ToJson() << " gave " << v->ToString();
  }
}

// --- Malformed input never crashes. --------------------------------------------------

TEST(JsonCodecTest, MalformedJson) {
  const std::vector<std::string> cases = {
      "",           " ",        "{",           "}",         "[1,]",          "[,1]",
      R"({"a":})",  R"({"a"})", R"({"a" 1})",  R"({a:1})",  R"({'a':1})",    "nul",
      "tru",        "01",       "1.",          ".5",        "+1",            "-",
      "1e",         "NaN",      "Infinity",    "0x10",      R"("\x")",       R"("\u12")",
      R"("\ud800")", "\"\xff\"", "\"\xc3\"",   "\"\xed\xa0\x80\"",  // surrogate as UTF-8
      "\"\xc0\xaf\"",                                                 // overlong
      "\"a\x01\"",  "\"a\nb\"", "{} {}",       "[1] x",     "// c\n1",       "\"abc",
  };
  Type types[] = {Type::Dynamic(), Type::String(), Type::Number(), Type::List(Type::Number()),
                  Type::Object({{"a", Type::Number()}})};
  for (const auto& json : cases) {
    for (const Type& t : types) {
      absl::StatusOr<Value> v = DecodeJsonValue(json, t);
      ASSERT_FALSE(v.ok()) << json << " as " << t.ToJson();
      EXPECT_TRUE(absl::IsInvalidArgument(v.status()));
    }
    absl::StatusOr<Value> v = DecodeJsonValue(json, Type::String());
    EXPECT_THAT(Message(v.status()), HasSubstr("malformed JSON")) << json;
  }
}

TEST(JsonCodecTest, EveryTruncationIsAnError) {
  Type t = Type::Object({{"name", Type::String()},
                         {"n", Type::Number()},
                         {"list", Type::List(Type::Dynamic())},
                         {"map", Type::Map(Type::Bool())}});
  const std::string json =
      R"({"name":"w\u00e9b \"x\"","n":-12.5e-3,"list":[{"value":[1,2],"type":["list","number"]},)"
      R"(null],"map":{"a":true,"b":false}})";
  ASSERT_TRUE(DecodeJsonValue(json, t).ok()) << DecodeJsonValue(json, t).status();
  for (size_t n = 0; n < json.size(); ++n) {
    EXPECT_FALSE(DecodeJsonValue(json.substr(0, n), t).ok()) << json.substr(0, n);
  }
  // Deleting any single byte or replacing it gives an error or a value, never a crash.
  for (size_t i = 0; i < json.size(); ++i) {
    std::string cut = json;
    cut.erase(i, 1);
    (void)DecodeJsonValue(cut, t);
    for (char c : {'\0', '"', '[', '}', '\xff', '9'}) {
      std::string changed = json;
      changed[i] = c;
      (void)DecodeJsonValue(changed, t);
    }
  }
}

TEST(JsonCodecTest, DeepNestingIsAnError) {
  std::string arrays = std::string(10000, '[') + std::string(10000, ']');
  Type nested = Type::String();
  for (int i = 0; i < 600; ++i) nested = Type::List(nested);
  for (const Type& t : {Type::Dynamic(), Type::List(Type::String()), nested}) {
    absl::StatusOr<Value> v = DecodeJsonValue(arrays, t);
    ASSERT_FALSE(v.ok());
    EXPECT_THAT(Message(v.status()), HasSubstr("nested deeper than 512 levels"));
  }
  std::string dynamic;
  for (int i = 0; i < 10000; ++i) dynamic += R"({"type":"dynamic","value":)";
  dynamic += "null" + std::string(10000, '}');
  EXPECT_FALSE(DecodeJsonValue(dynamic, Type::Dynamic()).ok());

  // Within the limit, deep values decode.
  Type deep = Type::Number();
  std::string json = "1";
  for (int i = 0; i < 500; ++i) {
    deep = Type::List(deep);
    json = "[" + json + "]";
  }
  absl::StatusOr<Value> v = DecodeJsonValue(json, deep);
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(*EncodeJsonValue(*v, deep), json);
}

// --- Encoding errors. ----------------------------------------------------------------

TEST(JsonCodecTest, UnknownValuesCannotBeEncoded) {
  absl::StatusOr<std::string> top =
      EncodeJsonValue(Value::UnknownVal(Type::String()), Type::String());
  ASSERT_FALSE(top.ok());
  EXPECT_EQ(Message(top.status()), "value is not known; unknown values cannot be encoded as JSON");

  Type t = Type::Object({{"a", Type::List(Type::Map(Type::String()))}, {"d", Type::Dynamic()}});
  Value v = Value::ObjectVal(
      t, {{"a", Value::ListVal(Type::Map(Type::String()),
                               {Value::MapVal(Type::String(),
                                              {{"k", Value::UnknownVal(Type::String())}})})}});
  absl::StatusOr<std::string> nested = EncodeJsonValue(v, t);
  ASSERT_FALSE(nested.ok());
  EXPECT_EQ(Message(nested.status()),
            R"(at a[0]["k"]: value is not known; unknown values cannot be encoded as JSON)");

  Value dyn = Value::ObjectVal(t, {{"d", Value::UnknownVal(Type::Dynamic())}});
  absl::StatusOr<std::string> dynamic = EncodeJsonValue(dyn, t);
  ASSERT_FALSE(dynamic.ok());
  EXPECT_THAT(Message(dynamic.status()), HasSubstr("at d: value is not known"));

  Value set = Value::SetVal(Type::String(), {Value::UnknownVal(Type::String())});
  absl::StatusOr<std::string> in_set = EncodeJsonValue(set, set.type());
  ASSERT_FALSE(in_set.ok());
  EXPECT_THAT(Message(in_set.status()), HasSubstr("(in a set element): value is not known"));
}

TEST(JsonCodecTest, EncodeRejectsInvalidUtf8AndWrongTypes) {
  absl::StatusOr<std::string> bad = EncodeJsonValue(
      Value::ObjectVal({{"s", Value::StringVal("a\xff")}}),
      Type::Object({{"s", Type::String()}}));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(Message(bad.status()), "at s: string is not valid UTF-8");

  absl::StatusOr<std::string> key = EncodeJsonValue(
      Value::MapVal(Type::String(), {{"\xc3", Value::StringVal("v")}}), Type::Map(Type::String()));
  EXPECT_FALSE(key.ok());

  absl::StatusOr<std::string> wrong = EncodeJsonValue(Value::IntVal(1), Type::String());
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(Message(wrong.status()), "string is required, got number");

  absl::StatusOr<std::string> attrs =
      EncodeJsonValue(Value::ObjectVal({{"a", Value::IntVal(1)}}),
                      Type::Object({{"b", Type::Number()}}));
  EXPECT_FALSE(attrs.ok());
}

TEST(JsonCodecTest, RoundTripsAStateDocument) {
  Type rule = Type::Object({{"port", Type::Number()}, {"cidr", Type::String()}});
  Type t = Type::Object({{"id", Type::String()},
                         {"rules", Type::List(rule)},
                         {"ids", Type::Set(Type::Number())},
                         {"tags", Type::Map(Type::String())},
                         {"extra", Type::Dynamic()},
                         {"pair", Type::Tuple({Type::Bool(), Type::Number()})}});
  const std::string json =
      R"({"extra":{"value":{"a":[0.1,"x"]},"type":["object",{"a":["tuple",["number","string"]]}]},)"
      R"("id":"i-123","ids":[3,1,2],"pair":[false,1e+400],)"
      R"("rules":[{"cidr":"10.0.0.0/8","port":22},{"cidr":null,"port":null}],)"
      R"("tags":{"env":"prod","\u00fcber":"\u2603"}})";
  absl::StatusOr<Value> v = DecodeJsonValue(json, t);
  ASSERT_TRUE(v.ok()) << v.status();
  absl::StatusOr<std::string> back = EncodeJsonValue(*v, t);
  ASSERT_TRUE(back.ok()) << back.status();
  const std::string expected =
      R"({"extra":{"value":{"a":[0.1,"x"]},"type":["object",{"a":["tuple",["number","string"]]}]},)"
      R"("id":"i-123","ids":[3,1,2],"pair":[false,1e+400],)"
      R"("rules":[{"cidr":"10.0.0.0/8","port":22},{"cidr":null,"port":null}],)"
      "\"tags\":{\"env\":\"prod\",\"\xc3\xbc" "ber\":\"\xe2\x98\x83\"}}";
  EXPECT_EQ(*back, expected);
  absl::StatusOr<Value> again = DecodeJsonValue(*back, t);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *v);
}

}  // namespace
}  // namespace tfsdk::internal
