// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "src/serve/schema_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tfsdk/type.h"

namespace tfsdk::internal {
namespace {

using Json = nlohmann::json;

struct AttributeCase {
  const char* name;
  Attribute attribute;
  const char* want;  // the attribute's JSON object
};

class AttributeJsonTest : public ::testing::TestWithParam<AttributeCase> {};

TEST_P(AttributeJsonTest, MatchesTerraformShape) {
  const AttributeCase& c = GetParam();
  Schema schema{.attributes = {c.attribute}};
  Json got = Json::parse(SchemaToTerraformJson(schema));
  EXPECT_EQ(got["block"]["attributes"][c.attribute.name], Json::parse(c.want)) << got.dump();
}

Attribute Deprecated() {
  Attribute a = Attribute::String("d").Optional();
  a.deprecated = true;
  a.deprecation_message = "use e";
  return a;
}

Attribute NestedList() {
  Attribute a;
  a.name = "rules";
  a.optional = true;
  a.nested = std::make_shared<NestedAttributes>(NestedAttributes{
      .nesting = NestingMode::kList,
      .attributes = {Attribute::Number("port").Required()},
      .min_items = 1});
  return a;
}

Attribute Markdown() {
  Attribute a = Attribute::Bool("m").Computed().Sensitive();
  a.description = "**bold**";
  a.description_kind = StringKind::kMarkdown;
  return a;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, AttributeJsonTest,
    ::testing::Values(
        AttributeCase{"required_string", Attribute::String("s").Required(),
                      R"({"type":"string","description_kind":"plain","required":true})"},
        AttributeCase{"markdown_sensitive", Markdown(),
                      R"({"type":"bool","description":"**bold**","description_kind":"markdown",
                          "computed":true,"sensitive":true})"},
        AttributeCase{"list_of_string",
                      Attribute::List("l", Type::String()).Optional().Computed(),
                      R"({"type":["list","string"],"description_kind":"plain",
                          "optional":true,"computed":true})"},
        AttributeCase{"deprecated", Deprecated(),
                      R"({"type":"string","description_kind":"plain","optional":true,
                          "deprecated":true,"deprecation_message":"use e"})"},
        // Nested attributes: nested_type and no type; min/max items are not shown.
        AttributeCase{"nested_list", NestedList(),
                      R"({"nested_type":{"nesting_mode":"list","attributes":{
                            "port":{"type":"number","description_kind":"plain",
                                    "required":true}}},
                          "description_kind":"plain","optional":true})"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(SchemaJsonTest, BlocksVersionAndDescriptions) {
  Schema schema{
      .version = 3,
      .description = "A thing.",
      .attributes = {Attribute::String("id").Computed()},
      .blocks = {NestedBlock{.type_name = "rule",
                             .nesting = NestingMode::kSet,
                             .block = Block{.attributes = {Attribute::Number("port").Required()}},
                             .min_items = 1,
                             .max_items = 0},
                 NestedBlock{.type_name = "timeouts",
                             .nesting = NestingMode::kSingle,
                             .block = Block{.description = "Timeouts."}}},
      .deprecated = true,
      .deprecation_message = "not shown by terraform",
  };
  Json want = Json::parse(R"({
    "version": 3,
    "block": {
      "attributes": {"id": {"type": "string", "description_kind": "plain", "computed": true}},
      "block_types": {
        "rule": {"nesting_mode": "set", "min_items": 1, "block": {
          "attributes": {"port": {"type": "number", "description_kind": "plain",
                                  "required": true}},
          "description_kind": "plain"}},
        "timeouts": {"nesting_mode": "single",
                     "block": {"description": "Timeouts.", "description_kind": "plain"}}
      },
      "description": "A thing.",
      "description_kind": "plain",
      "deprecated": true
    }})");
  EXPECT_EQ(Json::parse(SchemaToTerraformJson(schema)), want);
}

TEST(SchemaJsonTest, EmptySchemaStillHasVersionAndKind) {
  EXPECT_EQ(Json::parse(SchemaToTerraformJson(Schema{})),
            Json::parse(R"({"version":0,"block":{"description_kind":"plain"}})"));
}

TEST(SchemaJsonTest, DocumentKeysByAddressAndOmitsEmptyMaps) {
  ProviderSchemas schemas;
  schemas.resources["x_thing"] = Schema{.attributes = {Attribute::String("a").Optional()}};
  Json got = Json::parse(ProviderSchemasToTerraformJson("example.com/ns/x", schemas));
  EXPECT_EQ(got["format_version"], "1.0");
  ASSERT_TRUE(got["provider_schemas"].contains("example.com/ns/x")) << got.dump();
  const Json& p = got["provider_schemas"]["example.com/ns/x"];
  EXPECT_EQ(p["provider"], Json::parse(R"({"version":0,"block":{"description_kind":"plain"}})"));
  EXPECT_TRUE(p.contains("resource_schemas"));
  EXPECT_FALSE(p.contains("data_source_schemas"));
  EXPECT_EQ(p.size(), 2u);
}

struct FunctionCase {
  const char* name;
  FunctionDefinition definition;
  const char* want;  // the function's JSON object
};

class FunctionJsonTest : public ::testing::TestWithParam<FunctionCase> {};

TEST_P(FunctionJsonTest, MatchesTerraformShape) {
  const FunctionCase& c = GetParam();
  EXPECT_EQ(Json::parse(FunctionToTerraformJson(c.definition)), Json::parse(c.want));
}

INSTANTIATE_TEST_SUITE_P(
    Cases, FunctionJsonTest,
    ::testing::Values(
        // No parameters: "parameters" is left out, return_type always there.
        FunctionCase{"no_parameters", FunctionDefinition{.return_type = Type::Number()},
                     R"({"return_type":"number"})"},
        FunctionCase{"documented",
                     FunctionDefinition{
                         .parameters = {{.name = "a",
                                         .type = Type::List(Type::String()),
                                         .description = "The list.",
                                         .allow_unknown_values = true}},
                         .return_type = Type::Bool(),
                         .summary = "Short.",
                         .description = "Long.",
                         .description_kind = StringKind::kMarkdown,
                         .deprecation_message = "use b"},
                     R"({"summary":"Short.","description":"Long.","deprecation_message":"use b",
                         "return_type":"bool","parameters":[
                           {"name":"a","description":"The list.","type":["list","string"]}]})"},
        FunctionCase{"nullable_and_variadic",
                     FunctionDefinition{
                         .parameters = {{.name = "x",
                                         .type = Type::String(),
                                         .allow_null_value = true},
                                        {.name = "y", .type = Type::Dynamic()}},
                         .variadic_parameter = FunctionParameter{.name = "rest",
                                                                 .type = Type::Number()},
                         .return_type = Type::String()},
                     R"({"return_type":"string","parameters":[
                           {"name":"x","is_nullable":true,"type":"string"},
                           {"name":"y","type":"dynamic"}],
                         "variadic_parameter":{"name":"rest","type":"number"}})"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(SchemaJsonTest, DocumentHasEphemeralResourcesAndFunctions) {
  ProviderSchemas schemas;
  schemas.ephemeral_resources["x_secret"] =
      Schema{.attributes = {Attribute::String("v").Computed().Sensitive()}};
  schemas.functions["echo"] = FunctionDefinition{
      .parameters = {{.name = "s", .type = Type::String()}}, .return_type = Type::String()};
  Json got = Json::parse(ProviderSchemasToTerraformJson("example.com/ns/x", schemas));
  const Json& p = got["provider_schemas"]["example.com/ns/x"];
  EXPECT_EQ(p["ephemeral_resource_schemas"]["x_secret"]["block"]["attributes"]["v"]["sensitive"],
            true);
  EXPECT_EQ(p["functions"]["echo"],
            Json::parse(R"({"return_type":"string","parameters":[{"name":"s","type":"string"}]})"));
  EXPECT_FALSE(p.contains("resource_schemas"));
  EXPECT_EQ(p.size(), 3u) << p.dump();
}

TEST(SchemaJsonTest, DocumentHasListResourcesAndIdentities) {
  ProviderSchemas schemas;
  schemas.list_resources["x_thing"] =
      Schema{.attributes = {Attribute::String("region").Optional()}};
  IdentitySchema identity{.version = 3};
  identity.attributes = {IdentityAttribute::String("name").RequiredForImport().Description("N."),
                         IdentityAttribute::String("region").OptionalForImport(),
                         IdentityAttribute::List("ids", Type::Number())};
  schemas.identities["x_thing"] = identity;
  schemas.identities["x_bare"] = IdentitySchema{};
  Json got = Json::parse(ProviderSchemasToTerraformJson("example.com/ns/x", schemas));
  const Json& p = got["provider_schemas"]["example.com/ns/x"];
  EXPECT_EQ(p["list_resource_schemas"]["x_thing"]["block"]["attributes"]["region"]["optional"],
            true);
  EXPECT_EQ(p["resource_identity_schemas"], Json::parse(R"({
    "x_bare": {"version": 0},
    "x_thing": {"version": 3, "attributes": {
      "name": {"type": "string", "description": "N.", "required_for_import": true},
      "region": {"type": "string", "optional_for_import": true},
      "ids": {"type": ["list", "number"]}}}})"));
  EXPECT_EQ(p.size(), 3u) << p.dump();
}

}  // namespace
}  // namespace tfsdk::internal
