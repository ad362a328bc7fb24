// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tfsdk/type.h"

namespace tfsdk {
namespace {

using ::testing::HasSubstr;

struct RoundTripCase {
  std::string name;
  Type type;
  std::string json;  // the exact ToJson output, written by hand
};

std::vector<RoundTripCase> RoundTripCases() {
  return {
      {"string", Type::String(), R"("string")"},
      {"number", Type::Number(), R"("number")"},
      {"bool", Type::Bool(), R"("bool")"},
      {"dynamic", Type::Dynamic(), R"("dynamic")"},
      {"list", Type::List(Type::String()), R"(["list","string"])"},
      {"set", Type::Set(Type::Number()), R"(["set","number"])"},
      {"map", Type::Map(Type::Bool()), R"(["map","bool"])"},
      {"list_of_dynamic", Type::List(Type::Dynamic()), R"(["list","dynamic"])"},
      {"empty_object", Type::Object({}), R"(["object",{}])"},
      {"object_sorted_keys",
       Type::Object({{"b", Type::String()}, {"a", Type::Number()}}),
       R"(["object",{"a":"number","b":"string"}])"},
      {"object_optional",
       Type::Object({{"c", Type::Bool()}, {"a", Type::Number()}, {"b", Type::String()}},
                    {"c", "a"}),
       R"(["object",{"a":"number","b":"string","c":"bool"},["a","c"]])"},
      {"empty_tuple", Type::Tuple({}), R"(["tuple",[]])"},
      {"tuple", Type::Tuple({Type::String(), Type::List(Type::Number())}),
       R"(["tuple",["string",["list","number"]]])"},
      {"nested",
       Type::List(Type::Object(
           {{"x", Type::Map(Type::Set(Type::Dynamic()))},
            {"y", Type::Tuple({Type::Bool(), Type::Object({{"z", Type::Number()}}, {"z"})})}},
           {"y"})),
       R"(["list",["object",{"x":["map",["set","dynamic"]],)"
       R"("y":["tuple",["bool",["object",{"z":"number"},["z"]]]]},["y"]]])"},
      {"escaped_names",
       Type::Object({{"a\"b\\c\n\x01", Type::String()}, {"\xc3\xbc", Type::Number()}}),
       "[\"object\",{\"a\\\"b\\\\c\\n\\u0001\":\"string\",\"\xc3\xbc\":\"number\"}]"},
  };
}

TEST(TypeJsonTest, ToJsonIsCompactAndSorted) {
  for (const auto& c : RoundTripCases()) {
    EXPECT_EQ(c.type.ToJson(), c.json) << c.name;
  }
}

TEST(TypeJsonTest, FromJsonRoundTrips) {
  for (const auto& c : RoundTripCases()) {
    absl::StatusOr<Type> parsed = Type::FromJson(c.json);
    ASSERT_TRUE(parsed.ok()) << c.name << ": " << parsed.status();
    EXPECT_EQ(*parsed, c.type) << c.name;
    EXPECT_EQ(parsed->ToJson(), c.json) << c.name;
  }
}

TEST(TypeJsonTest, FromJsonAcceptsWhitespaceUnsortedOptionalsAndEmptyOptionals) {
  absl::StatusOr<Type> t = Type::FromJson(
      " [ \"object\" , { \"b\" : \"bool\" ,\n\t\"a\" : [\"list\", \"string\"] } , "
      "[ \"b\" , \"a\" ] ] ");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(*t, Type::Object({{"a", Type::List(Type::String())}, {"b", Type::Bool()}},
                             {"a", "b"}));

  absl::StatusOr<Type> no_optionals = Type::FromJson(R"(["object",{"a":"string"},[]])");
  ASSERT_TRUE(no_optionals.ok()) << no_optionals.status();
  EXPECT_EQ(*no_optionals, Type::Object({{"a", Type::String()}}));
  EXPECT_EQ(no_optionals->ToJson(), R"(["object",{"a":"string"}])");

  // Escapes in attribute names are decoded.
  absl::StatusOr<Type> escaped = Type::FromJson(R"(["object",{"\u00fc\n":"string"}])");
  ASSERT_TRUE(escaped.ok()) << escaped.status();
  EXPECT_TRUE(escaped->HasAttribute("\xc3\xbc\n"));
}

struct InvalidCase {
  std::string json;
  std::string error;  // the whole message, or a distinctive part of it
  bool exact = true;
};

TEST(TypeJsonTest, FromJsonRejectsInvalidTypes) {
  const std::vector<InvalidCase> cases = {
      {R"("strng")", R"(invalid type JSON: unknown primitive type "strng")"},
      {R"("String")", R"(invalid type JSON: unknown primitive type "String")"},
      {"42", "invalid type JSON: a type must be a string or an array, got a number"},
      {"null", "invalid type JSON: a type must be a string or an array, got null"},
      {"true", "invalid type JSON: a type must be a string or an array, got a boolean"},
      {R"({"list":"string"})",
       "invalid type JSON: a type must be a string or an array, got an object"},
      {"[]", "invalid type JSON: an empty array is not a type"},
      {"[1]", "invalid type JSON at [0]: the type kind must be a string, got a number"},
      {R"(["lst","string"])", R"(invalid type JSON at [0]: unknown type kind "lst")"},
      {R"(["string"])", R"(invalid type JSON at [0]: unknown type kind "string")"},
      {R"(["list"])", "a list type must be [\"list\", element type], got 1 elements", false},
      {R"(["set","string","string"])", "got 3 elements", false},
      {R"(["map"])", "a map type must be", false},
      {R"(["list","strng"])", R"(invalid type JSON at [1]: unknown primitive type "strng")"},
      {R"(["list",["set",[]]])",
       "invalid type JSON at [1][1]: an empty array is not a type"},
      {R"(["object",{"a":"strng"}])",
       R"(invalid type JSON at [1]["a"]: unknown primitive type "strng")"},
      {R"(["object",{"a":1}])",
       R"(invalid type JSON at [1]["a"]: a type must be a string or an array, got a number)"},
      {R"(["object",{"a":["list",{"b":"c"}]}])",
       R"(invalid type JSON at [1]["a"][1]: a type must be a string or an array, got an object)"},
      {R"(["object",["a"]])",
       "invalid type JSON at [1]: object attributes must be a JSON object, got an array"},
      {R"(["object"])", "an object type must be", false},
      {R"(["object",{},[],[]])", "got 4 elements", false},
      {R"(["object",{"a":"string","a":"number"}])",
       R"(invalid type JSON at [1]["a"]: duplicate attribute "a")"},
      {R"(["object",{"a":"string"},["b"]])",
       R"(invalid type JSON at [2][0]: optional attribute "b" is not an attribute of the object)"},
      {R"(["object",{"a":"string"},["a","a"]])",
       R"(invalid type JSON at [2][1]: optional attribute "a" is listed twice)"},
      {R"(["object",{"a":"string"},[1]])",
       "invalid type JSON at [2][0]: an optional attribute name must be a string, got a number"},
      {R"(["object",{"a":"string"},"a"])",
       "invalid type JSON at [2]: optional attribute names must be an array, got a string"},
      {R"(["tuple"])", "a tuple type must be", false},
      {R"(["tuple","string"])",
       "invalid type JSON at [1]: tuple element types must be an array, got a string"},
      {R"(["tuple",["string","nope"]])",
       R"(invalid type JSON at [1][1]: unknown primitive type "nope")"},
      {R"(["tuple",["string"],[]])", "got 3 elements", false},
      // Malformed JSON.
      {"", "invalid type JSON: malformed JSON", false},
      {"string", "invalid type JSON: malformed JSON", false},
      {R"(["list","string")", "invalid type JSON: malformed JSON", false},
      {R"(["list","string"]])", "invalid type JSON: malformed JSON", false},
      {R"("string" "string")", "invalid type JSON: malformed JSON", false},
      {R"(["list",'string'])", "invalid type JSON: malformed JSON", false},
      {R"("str\ud800ing")", "invalid type JSON: malformed JSON", false},
      {"\"str\xff\"", "invalid type JSON: malformed JSON", false},
      {"\"str\x01\"", "invalid type JSON: malformed JSON", false},
      {R"(["object",{"a":"string",}])", "invalid type JSON: malformed JSON", false},
      {R"(["object",{1:"string"}])", "invalid type JSON: malformed JSON", false},
      {R"(["object",{a:"string"}])", "invalid type JSON: malformed JSON", false},
  };
  for (const auto& c : cases) {
    absl::StatusOr<Type> t = Type::FromJson(c.json);
    ASSERT_FALSE(t.ok()) << c.json << " parsed as " << t->ToJson();
    EXPECT_TRUE(absl::IsInvalidArgument(t.status())) << c.json;
    if (c.exact) {
      EXPECT_EQ(t.status().message(), c.error) << c.json;
    } else {
      EXPECT_THAT(std::string(t.status().message()), HasSubstr(c.error)) << c.json;
    }
  }
}

TEST(TypeJsonTest, EveryTruncationIsAnError) {
  const std::string json = RoundTripCases().back().json + "";
  const std::string nested =
      R"(["list",["object",{"x":["map",["set","dynamic"]],"y":["tuple",["bool"]]},["y"]]])";
  for (const std::string& doc : {json, nested}) {
    ASSERT_TRUE(Type::FromJson(doc).ok());
    for (size_t n = 0; n < doc.size(); ++n) {
      EXPECT_FALSE(Type::FromJson(doc.substr(0, n)).ok()) << doc.substr(0, n);
    }
  }
}

TEST(TypeJsonTest, DeepNesting) {
  // Within the limit: 200 nested lists parse and print back.
  std::string ok;
  Type expected = Type::String();
  for (int i = 0; i < 200; ++i) {
    ok += "[\"list\",";
    expected = Type::List(expected);
  }
  ok += "\"string\"" + std::string(200, ']');
  absl::StatusOr<Type> t = Type::FromJson(ok);
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(*t, expected);
  EXPECT_EQ(t->ToJson(), ok);

  // Far beyond it: an error, not a stack overflow.
  std::string deep;
  for (int i = 0; i < 10000; ++i) deep += "[\"list\",";
  deep += "\"string\"" + std::string(10000, ']');
  absl::StatusOr<Type> too_deep = Type::FromJson(deep);
  ASSERT_FALSE(too_deep.ok());
  EXPECT_THAT(std::string(too_deep.status().message()), HasSubstr("nested deeper than"));

  std::string brackets = std::string(100000, '[') + std::string(100000, ']');
  EXPECT_FALSE(Type::FromJson(brackets).ok());
}

}  // namespace
}  // namespace tfsdk
