// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// The legacy flatmap state format, read the way Terraform's hcl2shim reads it (plus the
// stricter count checks documented in flatmap_codec.h).

#include "src/value/flatmap_codec.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace tfsdk::internal {
namespace {

using Flatmap = std::map<std::string, std::string>;

const std::string kUnknown(kFlatmapUnknown);

Value S(const char* s) { return Value::StringVal(s); }
Value N(const char* text) { return Value::NumberVal(Number::Parse(text).value()); }
Value B(bool b) { return Value::BoolVal(b); }

Type RuleType() {
  return Type::Object({{"cidr", Type::String()},
                       {"port", Type::Number()},
                       {"labels", Type::Map(Type::String())}});
}
Type SetRuleType() {
  return Type::Object({{"name", Type::String()}, {"ports", Type::List(Type::Number())}});
}

// One type with every kind of value a flatmap can hold.
Type StateType() {
  return Type::Object({
      {"id", Type::String()},
      {"port", Type::Number()},
      {"enabled", Type::Bool()},
      {"ports", Type::List(Type::Number())},
      {"zones", Type::Set(Type::String())},
      {"tags", Type::Map(Type::String())},
      {"rule", Type::List(RuleType())},
      {"rules_set", Type::Set(SetRuleType())},
      {"endpoint", Type::Object({{"host", Type::String()}})},
      {"pair", Type::Tuple({Type::String(), Type::Number()})},
      {"nested", Type::List(Type::List(Type::String()))},
      {"matrix", Type::Map(Type::List(Type::String()))},
      {"any", Type::Dynamic()},
  });
}

// The state object with `attrs` set and every other attribute null.
Value State(std::map<std::string, Value> attrs) {
  return Value::ObjectVal(StateType(), std::move(attrs));
}
Value Rule(std::map<std::string, Value> attrs) {
  return Value::ObjectVal(RuleType(), std::move(attrs));
}
Value Numbers(std::vector<const char*> texts) {
  ValueList elements;
  for (const char* t : texts) elements.push_back(N(t));
  return Value::ListVal(Type::Number(), elements);
}
Value Strings(std::vector<Value> elements) {
  return Value::ListVal(Type::String(), std::move(elements));
}
Value StringMap(std::map<std::string, Value> elements) {
  return Value::MapVal(Type::String(), std::move(elements));
}

struct DecodeCase {
  const char* name;
  Flatmap flat;
  Value want;
};

class DecodeTest : public ::testing::TestWithParam<DecodeCase> {};

TEST_P(DecodeTest, Decodes) {
  const DecodeCase& c = GetParam();
  absl::StatusOr<Value> got = DecodeFlatmap(c.flat, StateType());
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(*got, c.want) << "got  " << got->ToString() << "\nwant " << c.want.ToString();
}

INSTANTIATE_TEST_SUITE_P(
    Flatmap, DecodeTest,
    ::testing::Values(
        DecodeCase{"Primitives",
                   {{"id", "i-1"}, {"port", "80"}, {"enabled", "true"}},
                   State({{"id", S("i-1")}, {"port", N("80")}, {"enabled", B(true)}})},
        DecodeCase{"BoolFalse", {{"enabled", "false"}}, State({{"enabled", B(false)}})},
        // cty's string-to-bool conversion also takes "1" and "0".
        DecodeCase{"BoolOne", {{"enabled", "1"}}, State({{"enabled", B(true)}})},
        DecodeCase{"BoolZero", {{"enabled", "0"}}, State({{"enabled", B(false)}})},
        DecodeCase{"DecimalIsExact", {{"port", "0.1"}}, State({{"port", N("0.1")}})},
        DecodeCase{"HugeIntegerIsExact",
                   {{"port", "123456789012345678901234567890"}},
                   State({{"port", N("123456789012345678901234567890")}})},
        DecodeCase{"Exponent", {{"port", "-1.5e3"}}, State({{"port", N("-1500")}})},
        DecodeCase{"DigitsStayAStringForStrings", {{"id", "007"}}, State({{"id", S("007")}})},
        DecodeCase{"EmptyStringIsAString", {{"id", ""}}, State({{"id", S("")}})},
        DecodeCase{"AbsentKeysAreNull", {{"id", "x"}}, State({{"id", S("x")}})},
        DecodeCase{"EmptyFlatmapIsNullObject", {}, Value::NullVal(StateType())},
        DecodeCase{"RemovedAttributesAreIgnored",
                   {{"id", "x"}, {"old", "1"}, {"gone.#", "1"}, {"gone.0", "a"}},
                   State({{"id", S("x")}})},
        DecodeCase{"List",
                   {{"ports.#", "2"}, {"ports.0", "80"}, {"ports.1", "443"}},
                   State({{"ports", Numbers({"80", "443"})}})},
        DecodeCase{"ListOrderIsNumericNotLexical",
                   {{"ports.#", "11"}, {"ports.0", "0"}, {"ports.1", "1"}, {"ports.2", "2"},
                    {"ports.3", "3"}, {"ports.4", "4"}, {"ports.5", "5"}, {"ports.6", "6"},
                    {"ports.7", "7"}, {"ports.8", "8"}, {"ports.9", "9"}, {"ports.10", "10"}},
                   State({{"ports", Numbers({"0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
                                             "10"})}})},
        DecodeCase{"EmptyListIsNotNull",
                   {{"ports.#", "0"}},
                   State({{"ports", Value::ListVal(Type::Number(), {})}})},
        DecodeCase{"ListElementWithoutKeyIsNull",
                   {{"ports.#", "2"}, {"ports.0", "80"}},
                   State({{"ports", Value::ListVal(Type::Number(),
                                                   {N("80"), Value::NullVal(Type::Number())})}})},
        DecodeCase{"SetWithHashKeys",
                   {{"zones.#", "2"}, {"zones.99", "b"}, {"zones.1234", "a"}},
                   State({{"zones", Value::SetVal(Type::String(), {S("a"), S("b")})}})},
        DecodeCase{"EmptySet",
                   {{"zones.#", "0"}},
                   State({{"zones", Value::SetVal(Type::String(), {})}})},
        DecodeCase{
            "SetOfObjectsWithHashKeys",
            {{"rules_set.#", "2"},
             {"rules_set.111.name", "x"},
             {"rules_set.111.ports.#", "1"},
             {"rules_set.111.ports.0", "1"},
             {"rules_set.~222.name", "y"},  // "~" marked computed hashes in the old SDK
             {"rules_set.~222.ports.#", "0"}},
            State({{"rules_set",
                    Value::SetVal(SetRuleType(),
                                  {Value::ObjectVal(SetRuleType(), {{"name", S("x")},
                                                                    {"ports", Numbers({"1"})}}),
                                   Value::ObjectVal(SetRuleType(),
                                                    {{"name", S("y")},
                                                     {"ports", Numbers({})}})})}})},
        // hcl2shim: an element whose values are all empty writes no keys, so a count of
        // one with nothing after it is one empty element.
        DecodeCase{"SetCountOneWithoutKeysIsOneEmptyElement",
                   {{"rules_set.#", "1"}},
                   State({{"rules_set", Value::SetVal(SetRuleType(),
                                                      {Value::ObjectVal(SetRuleType(), {})})}})},
        DecodeCase{"MapWithDottedKeys",
                   {{"tags.%", "2"}, {"tags.app.tier", "web"}, {"tags.env", "prod"}},
                   State({{"tags", StringMap({{"app.tier", S("web")}, {"env", S("prod")}})}})},
        DecodeCase{"EmptyMapIsNotNull", {{"tags.%", "0"}}, State({{"tags", StringMap({})}})},
        DecodeCase{
            "ListOfObjectsWithNestedMaps",
            {{"rule.#", "2"},
             {"rule.0.cidr", "10.0.0.0/8"},
             {"rule.0.port", "22"},
             {"rule.0.labels.%", "1"},
             {"rule.0.labels.a.b", "c"},
             {"rule.1.cidr", "0.0.0.0/0"}},
            State({{"rule", Value::ListVal(RuleType(),
                                           {Rule({{"cidr", S("10.0.0.0/8")},
                                                  {"port", N("22")},
                                                  {"labels", StringMap({{"a.b", S("c")}})}}),
                                            Rule({{"cidr", S("0.0.0.0/0")}})})}})},
        DecodeCase{"ListElementObjectWithoutKeysHasNullAttributes",
                   {{"rule.#", "1"}},
                   State({{"rule", Value::ListVal(RuleType(), {Rule({})})}})},
        DecodeCase{"ObjectAttribute",
                   {{"endpoint.host", "h"}},
                   State({{"endpoint", Value::ObjectVal({{"host", S("h")}})}})},
        DecodeCase{"Tuple",
                   {{"pair.#", "2"}, {"pair.0", "a"}, {"pair.1", "3"}},
                   State({{"pair", Value::TupleVal({S("a"), N("3")})}})},
        DecodeCase{"ListOfLists",
                   {{"nested.#", "1"}, {"nested.0.#", "2"}, {"nested.0.0", "a"},
                    {"nested.0.1", "b"}},
                   State({{"nested", Value::ListVal(Type::List(Type::String()),
                                                    {Strings({S("a"), S("b")})})}})},
        DecodeCase{"MapOfLists",
                   {{"matrix.%", "2"}, {"matrix.k.#", "1"}, {"matrix.k.0", "v"},
                    {"matrix.z.#", "0"}},
                   State({{"matrix", Value::MapVal(Type::List(Type::String()),
                                                   {{"k", Strings({S("v")})},
                                                    {"z", Strings({})}})}})},
        DecodeCase{"DynamicReadsText", {{"any", "text"}}, State({{"any", S("text")}})},
        DecodeCase{"UnknownPrimitive",
                   {{"id", kUnknown}, {"port", kUnknown}, {"enabled", kUnknown}},
                   State({{"id", Value::UnknownVal(Type::String())},
                          {"port", Value::UnknownVal(Type::Number())},
                          {"enabled", Value::UnknownVal(Type::Bool())}})},
        DecodeCase{"UnknownCounts",
                   {{"ports.#", kUnknown}, {"zones.#", kUnknown}, {"tags.%", kUnknown}},
                   State({{"ports", Value::UnknownVal(Type::List(Type::Number()))},
                          {"zones", Value::UnknownVal(Type::Set(Type::String()))},
                          {"tags", Value::UnknownVal(Type::Map(Type::String()))}})},
        DecodeCase{"UnknownCollectionKeys",
                   {{"ports", kUnknown}, {"tags", kUnknown}, {"endpoint", kUnknown},
                    {"any", kUnknown}},
                   State({{"ports", Value::UnknownVal(Type::List(Type::Number()))},
                          {"tags", Value::UnknownVal(Type::Map(Type::String()))},
                          {"endpoint", Value::UnknownVal(Type::Object({{"host", Type::String()}}))},
                          {"any", Value::UnknownVal(Type::Dynamic())}})},
        DecodeCase{"UnknownElements",
                   {{"ports.#", "1"}, {"ports.0", kUnknown}, {"tags.%", "1"},
                    {"tags.k", kUnknown}},
                   State({{"ports", Value::ListVal(Type::Number(),
                                                   {Value::UnknownVal(Type::Number())})},
                          {"tags", StringMap({{"k", Value::UnknownVal(Type::String())}})}})}),
    [](const ::testing::TestParamInfo<DecodeCase>& info) { return info.param.name; });

struct ErrorCase {
  const char* name;
  Flatmap flat;
  const char* want;  // the start of the error message
};

class DecodeErrorTest : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(DecodeErrorTest, FailsNamingTheKey) {
  const ErrorCase& c = GetParam();
  absl::StatusOr<Value> got = DecodeFlatmap(c.flat, StateType());
  ASSERT_FALSE(got.ok()) << "decoded " << got->ToString();
  EXPECT_EQ(got.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(got.status().message().substr(0, std::string(c.want).size()), c.want)
      << got.status();
}

INSTANTIATE_TEST_SUITE_P(
    Flatmap, DecodeErrorTest,
    ::testing::Values(
        ErrorCase{"BadNumber", {{"port", "eighty"}},
                  "flatmap key \"port\": \"eighty\" is not a number"},
        ErrorCase{"EmptyNumber", {{"port", ""}}, "flatmap key \"port\": \"\" is not a number"},
        ErrorCase{"NumberWithSpace", {{"port", " 80"}}, "flatmap key \"port\": \" 80\" is not"},
        ErrorCase{"BadBool", {{"enabled", "yes"}},
                  "flatmap key \"enabled\": \"yes\" is not a bool"},
        ErrorCase{"BadCount", {{"ports.#", "two"}},
                  "flatmap key \"ports.#\": \"two\" is not a count"},
        ErrorCase{"NegativeCount", {{"ports.#", "-1"}},
                  "flatmap key \"ports.#\": \"-1\" is not a count"},
        ErrorCase{"HugeCount", {{"ports.#", "999999999"}},
                  "flatmap key \"ports.#\": count 999999999 is larger"},
        ErrorCase{"ListKeyPastCount", {{"ports.#", "1"}, {"ports.0", "1"}, {"ports.1", "2"}},
                  "flatmap key \"ports.1\": index out of range: \"ports.#\" is 1"},
        ErrorCase{"ListKeyNotAnIndex", {{"ports.#", "1"}, {"ports.x", "1"}},
                  "flatmap key \"ports.x\": not a list index"},
        ErrorCase{"ListIndexWithLeadingZero", {{"ports.#", "2"}, {"ports.01", "1"}},
                  "flatmap key \"ports.01\": not a list index"},
        ErrorCase{"NestedListKeyPastCount",
                  {{"rule.#", "1"}, {"rule.0.cidr", "a"}, {"rule.1.cidr", "b"}},
                  "flatmap key \"rule.1\": index out of range"},
        ErrorCase{"SetCountAboveKeys", {{"zones.#", "3"}, {"zones.1", "a"}, {"zones.2", "b"}},
                  "flatmap key \"zones.#\": the set's count is 3 but 2 element(s) follow"},
        ErrorCase{"SetCountBelowKeys", {{"zones.#", "0"}, {"zones.1", "a"}},
                  "flatmap key \"zones.#\": the set's count is 0 but 1 element(s) follow"},
        ErrorCase{"MapCountBelowKeys", {{"tags.%", "1"}, {"tags.a", "x"}, {"tags.b", "y"}},
                  "flatmap key \"tags.%\": the map's count is 1 but 2 element(s) follow"},
        ErrorCase{"MapCountAboveKeys", {{"tags.%", "3"}},
                  "flatmap key \"tags.%\": the map's count is 3 but 0 element(s) follow"},
        ErrorCase{"TupleOfWrongLength", {{"pair.#", "3"}},
                  "flatmap key \"pair.#\": a tuple of 2 elements, but the count is 3"},
        ErrorCase{"BadNumberInListOfObjects", {{"rule.#", "1"}, {"rule.0.port", "x"}},
                  "flatmap key \"rule.0.port\": \"x\" is not a number"},
        ErrorCase{"BadCountDeepInside", {{"rule.#", "1"}, {"rule.0.labels.%", "x"}},
                  "flatmap key \"rule.0.labels.%\": \"x\" is not a count"},
        ErrorCase{"BadElementInSet", {{"rules_set.#", "1"}, {"rules_set.9.ports.#", "y"}},
                  "flatmap key \"rules_set.9.ports.#\": \"y\" is not a count"},
        ErrorCase{"StructuredDynamic", {{"any.#", "1"}, {"any.0", "x"}},
                  "flatmap key \"any.#\": a structured value of dynamic type"}),
    [](const ::testing::TestParamInfo<ErrorCase>& info) { return info.param.name; });

TEST(FlatmapTest, TypeMustBeAnObject) {
  absl::StatusOr<Value> got = DecodeFlatmap({{"a", "b"}}, Type::String());
  ASSERT_FALSE(got.ok());
  EXPECT_NE(got.status().message().find("not a string"), std::string::npos) << got.status();
}

TEST(FlatmapTest, EncodesAsLegacyTerraformWrote) {
  Value v = State({{"id", S("i-1")},
                   {"port", N("0.1")},
                   {"enabled", B(false)},
                   {"ports", Numbers({"80"})},
                   {"zones", Value::SetVal(Type::String(), {})},
                   {"tags", StringMap({{"app.tier", S("web")}})},
                   {"rule", Value::ListVal(RuleType(), {Rule({{"cidr", S("c")}})})},
                   {"endpoint", Value::UnknownVal(Type::Object({{"host", Type::String()}}))}});
  absl::StatusOr<Flatmap> got = EncodeFlatmap(v);
  ASSERT_TRUE(got.ok()) << got.status();
  Flatmap want = {{"id", "i-1"},          {"port", "0.1"},       {"enabled", "false"},
                  {"ports.#", "1"},       {"ports.0", "80"},     {"zones.#", "0"},
                  {"tags.%", "1"},        {"tags.app.tier", "web"}, {"rule.#", "1"},
                  {"rule.0.cidr", "c"},   {"endpoint.host", kUnknown}};
  EXPECT_EQ(*got, want);
}

TEST(FlatmapTest, RoundTrips) {
  std::vector<Value> values = {
      Value::NullVal(StateType()),
      State({{"id", S("x")}, {"port", N("1e400")}, {"enabled", B(true)}}),
      State({{"zones", Value::SetVal(Type::String(), {S("a"), S("b"), S("c")})},
             {"tags", StringMap({{"a.b.c", S("1")}, {"d", S("")}})},
             {"pair", Value::TupleVal({S("p"), N("-2")})}}),
      State({{"rule", Value::ListVal(RuleType(),
                                     {Rule({{"labels", StringMap({{"x.y", S("z")}})}}),
                                      Rule({{"port", N("443")}})})},
             {"nested", Value::ListVal(Type::List(Type::String()),
                                       {Strings({}), Strings({S("q")})})},
             {"matrix", Value::MapVal(Type::List(Type::String()), {{"k", Strings({S("v")})}})}}),
      State({{"ports", Value::UnknownVal(Type::List(Type::Number()))},
             {"tags", Value::UnknownVal(Type::Map(Type::String()))},
             {"id", Value::UnknownVal(Type::String())}}),
  };
  for (const Value& v : values) {
    absl::StatusOr<Flatmap> flat = EncodeFlatmap(v);
    ASSERT_TRUE(flat.ok()) << v.ToString() << ": " << flat.status();
    absl::StatusOr<Value> back = DecodeFlatmap(*flat, StateType());
    ASSERT_TRUE(back.ok()) << v.ToString() << ": " << back.status();
    EXPECT_EQ(*back, v) << "got  " << back->ToString() << "\nwant " << v.ToString();
  }
}

// The one thing a flatmap cannot tell apart: an object of null attributes writes no keys,
// which reads back as a null object.
TEST(FlatmapTest, ObjectOfNullsEncodesAsEmpty) {
  absl::StatusOr<Flatmap> got = EncodeFlatmap(State({}));
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_TRUE(got->empty());
}

TEST(FlatmapTest, EncodeRejectsWhatCannotBeReadBack) {
  Value dotted = State({{"matrix", Value::MapVal(Type::List(Type::String()),
                                                 {{"a.b", Strings({S("v")})}})}});
  absl::StatusOr<Flatmap> got = EncodeFlatmap(dotted);
  ASSERT_FALSE(got.ok());
  EXPECT_NE(got.status().message().find("\"matrix.a.b\""), std::string::npos) << got.status();

  Value count_key = State({{"tags", StringMap({{"%", S("v")}})}});
  EXPECT_FALSE(EncodeFlatmap(count_key).ok());
  EXPECT_FALSE(EncodeFlatmap(S("not an object")).ok());
  EXPECT_FALSE(EncodeFlatmap(Value::UnknownVal(StateType())).ok());
}

}  // namespace
}  // namespace tfsdk::internal
