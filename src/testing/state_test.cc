// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include <map>
#include <string>

#include <gtest/gtest.h>

#include "tfsdk/testing/acceptance.h"

namespace tfsdk::testing {
namespace {

// Shaped like `terraform show -json` / `tofu show -json` output.
constexpr char kShowJson[] = R"({
  "format_version": "1.0",
  "terraform_version": "1.15.5",
  "values": {
    "root_module": {
      "resources": [
        {"address": "local_file.a", "mode": "managed", "type": "local_file", "name": "a",
         "provider_name": "registry.terraform.io/tfsdk/local", "schema_version": 0,
         "values": {"path": "/tmp/a", "content": "hi", "id": "/tmp/a",
                    "file_permission": null, "count": 3, "ratio": 0.5, "enabled": true,
                    "tags": ["x", "y"], "labels": {"k": "v", "n": null},
                    "rule": [{"port": 80, "names": []}]},
         "sensitive_values": {}},
        {"address": "data.local_file.b", "mode": "data", "type": "local_file", "name": "b",
         "values": {"path": "/tmp/a", "content": "hi"}}
      ],
      "child_modules": [
        {"address": "module.m",
         "resources": [
           {"address": "module.m.local_file.c", "mode": "managed", "type": "local_file",
            "name": "c", "values": {"content": "hi"}}],
         "child_modules": [
           {"address": "module.m.module.n",
            "resources": [
              {"address": "module.m.module.n.local_file.d[0]", "mode": "managed",
               "type": "local_file", "name": "d", "index": 0, "values": {"content": "deep"}}]}
         ]}
      ]
    }
  }
})";

State Parsed() {
  State s;
  std::string error;
  EXPECT_TRUE(ParseShowJson(kShowJson, s, &error)) << error;
  return s;
}

TEST(ParseShowJsonTest, CollectsResourcesFromAllModules) {
  State s = Parsed();
  ASSERT_EQ(s.resources.size(), 4u);
  ASSERT_NE(s.Find("local_file.a"), nullptr);
  EXPECT_EQ(s.Find("local_file.a")->mode, "managed");
  EXPECT_EQ(s.Find("local_file.a")->type, "local_file");
  EXPECT_EQ(s.Find("local_file.a")->name, "a");
  ASSERT_NE(s.Find("data.local_file.b"), nullptr);
  EXPECT_EQ(s.Find("data.local_file.b")->mode, "data");
  EXPECT_NE(s.Find("module.m.local_file.c"), nullptr);
  ASSERT_NE(s.Find("module.m.module.n.local_file.d[0]"), nullptr);
  EXPECT_EQ(s.Find("module.m.module.n.local_file.d[0]")->attributes.at("content"), "deep");
  EXPECT_EQ(s.Find("nope"), nullptr);
  EXPECT_EQ(s.json, kShowJson);
}

TEST(ParseShowJsonTest, FlattensAttributes) {
  State s = Parsed();
  const std::map<std::string, std::string> want = {
      {"path", "/tmp/a"}, {"content", "hi"},   {"id", "/tmp/a"},    {"count", "3"},
      {"ratio", "0.5"},   {"enabled", "true"}, {"tags.#", "2"},     {"tags.0", "x"},
      {"tags.1", "y"},    {"labels.%", "2"},   {"labels.k", "v"},   {"rule.#", "1"},
      {"rule.0.%", "2"},  {"rule.0.port", "80"}, {"rule.0.names.#", "0"},
  };
  EXPECT_EQ(s.Find("local_file.a")->attributes, want);
}

TEST(ParseShowJsonTest, EmptyStateHasNoResources) {
  for (const char* json : {R"({"format_version":"1.0"})",
                           R"({"format_version":"1.0","values":{"root_module":{}}})"}) {
    State s;
    EXPECT_TRUE(ParseShowJson(json, s)) << json;
    EXPECT_TRUE(s.resources.empty()) << json;
  }
}

TEST(ParseShowJsonTest, RejectsMalformedOutput) {
  for (const char* text : {"", "not json", "[1,2]", "\"x\""}) {
    State s;
    std::string error;
    EXPECT_FALSE(ParseShowJson(text, s, &error)) << text;
    EXPECT_FALSE(error.empty());
  }
}

TEST(FlattenJsonAttributesTest, ObjectsOnly) {
  std::map<std::string, std::string> out;
  EXPECT_TRUE(FlattenJsonAttributes(R"({"a":{"b":[true,null]}})", out));
  EXPECT_EQ(out, (std::map<std::string, std::string>{
                     {"a.%", "1"}, {"a.b.#", "2"}, {"a.b.0", "true"}}));
  EXPECT_FALSE(FlattenJsonAttributes("[]", out));
  EXPECT_FALSE(FlattenJsonAttributes("{", out));
}

struct CheckCase {
  std::string name;
  Check check;
  bool passes;
  std::string message_part;  // expected in the failure message
};

class CheckTest : public ::testing::TestWithParam<CheckCase> {};

TEST_P(CheckTest, EvaluatesAgainstState) {
  const CheckCase& c = GetParam();
  std::string problem = c.check.fn(Parsed());
  if (c.passes) {
    EXPECT_EQ(problem, "") << c.check.description;
  } else {
    EXPECT_NE(problem.find(c.message_part), std::string::npos)
        << c.check.description << ": " << problem;
  }
  EXPECT_FALSE(c.check.description.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Checks, CheckTest,
    ::testing::Values(
        CheckCase{"AttrEqual", CheckAttr("local_file.a", "content", "hi"), true, ""},
        CheckCase{"AttrDiffers", CheckAttr("local_file.a", "content", "bye"), false,
                  R"(is "hi", want "bye")"},
        CheckCase{"AttrNumber", CheckAttr("local_file.a", "count", "3"), true, ""},
        CheckCase{"AttrNested", CheckAttr("local_file.a", "rule.0.port", "80"), true, ""},
        CheckCase{"AttrNullIsUnset", CheckAttr("local_file.a", "file_permission", ""), false,
                  "is not set"},
        CheckCase{"AttrNoResource", CheckAttr("local_file.zz", "content", "hi"), false,
                  "no resource \"local_file.zz\" in the state (it has: data.local_file.b"},
        CheckCase{"AttrSet", CheckAttrSet("local_file.a", "id"), true, ""},
        CheckCase{"AttrSetMissing", CheckAttrSet("local_file.a", "file_permission"), false,
                  "not set"},
        CheckCase{"NoAttr", CheckNoAttr("local_file.a", "file_permission"), true, ""},
        CheckCase{"NoAttrPresent", CheckNoAttr("local_file.a", "content"), false,
                  "want it unset"},
        CheckCase{"Matches", CheckAttrMatches("local_file.a", "path", "^/tmp/"), true, ""},
        CheckCase{"DoesNotMatch", CheckAttrMatches("local_file.a", "path", "^/var/"), false,
                  "does not match"},
        CheckCase{"BadRegex", CheckAttrMatches("local_file.a", "path", "("), false,
                  "invalid regex"},
        CheckCase{"PairEqual",
                  CheckAttrPair("local_file.a", "content", "data.local_file.b", "content"), true,
                  ""},
        CheckCase{"PairDiffers",
                  CheckAttrPair("local_file.a", "path", "module.m.local_file.c", "content"),
                  false, "but module.m.local_file.c.content is"},
        CheckCase{"Exists", CheckResourceExists("data.local_file.b"), true, ""},
        CheckCase{"DoesNotExist", CheckResourceExists("local_file.b"), false, "no resource"},
        CheckCase{"Absent", CheckResourceAbsent("local_file.b"), true, ""},
        CheckCase{"NotAbsent", CheckResourceAbsent("local_file.a"), false, "still in the state"},
        CheckCase{"Func", CheckFunc("always", [](const State&) { return std::string(); }), true,
                  ""},
        CheckCase{"FuncFails",
                  CheckFunc("never", [](const State&) { return std::string("custom why"); }),
                  false, "custom why"}),
    [](const ::testing::TestParamInfo<CheckCase>& info) { return info.param.name; });

}  // namespace
}  // namespace tfsdk::testing
