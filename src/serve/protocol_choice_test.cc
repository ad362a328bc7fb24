// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "src/serve/protocol_choice.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace tfsdk::internal {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Schema Flat() {
  return Schema{.attributes = {Attribute::String("name").Required(),
                               Attribute::List("ports", Type::Number()).Optional()},
                .blocks = {Block::List("rule", Block{.attributes = {
                                                         Attribute::String("cidr").Required(),
                                                     }})}};
}

Schema WithNestedAttribute() {
  return Schema{.attributes = {
                    Attribute::String("name").Required(),
                    Attribute::SingleNested("settings",
                                            {Attribute::Number("size").Optional().Computed(),
                                             Attribute::Set("labels", Type::String()).Optional()})
                        .Optional(),
                }};
}

TEST(ProtocolChoiceTest, SchemasWithoutNestedAttributesFitProtocol5) {
  ProviderSchemaResult schemas;
  schemas.provider = Flat();
  schemas.resources["acme_server"] = Flat();
  schemas.data_sources["acme_server"] = Flat();
  EXPECT_EQ(FindProtocol5Obstacle(schemas, {{"acme_reboot", Flat()}}), std::nullopt);
}

TEST(ProtocolChoiceTest, NamesTheFirstNestedAttributeByKindTypeAndPath) {
  ProviderSchemaResult schemas;
  schemas.provider = Flat();
  schemas.resources["acme_a"] = Flat();
  schemas.resources["acme_b"] = WithNestedAttribute();
  schemas.resources["acme_c"] = WithNestedAttribute();
  EXPECT_EQ(FindProtocol5Obstacle(schemas, {}),
            "resource \"acme_b\": attribute \"settings\" is a nested attribute");
}

TEST(ProtocolChoiceTest, FindsNestedAttributesInsideBlocksAndEveryKindOfSchema) {
  Schema in_block{.blocks = {Block::Set(
                      "rule", Block{.blocks = {Block::Single(
                                        "match", Block{.attributes = {
                                                           Attribute::ListNested(
                                                               "headers",
                                                               {Attribute::String("name")
                                                                    .Required()})
                                                               .Optional(),
                                                       }})}})}};
  struct Case {
    std::string want;
    void (*fill)(ProviderSchemaResult&, std::map<std::string, Schema>&, const Schema&);
  };
  const Case cases[] = {
      {"the provider configuration",
       [](ProviderSchemaResult& r, auto&, const Schema& s) { r.provider = s; }},
      {"provider_meta", [](ProviderSchemaResult& r, auto&, const Schema& s) { r.provider_meta = s; }},
      {"data source \"acme_x\"",
       [](ProviderSchemaResult& r, auto&, const Schema& s) { r.data_sources["acme_x"] = s; }},
      {"ephemeral resource \"acme_x\"",
       [](ProviderSchemaResult& r, auto&, const Schema& s) { r.ephemeral_resources["acme_x"] = s; }},
      {"list resource \"acme_x\"",
       [](ProviderSchemaResult& r, auto&, const Schema& s) { r.list_resources["acme_x"] = s; }},
      {"action \"acme_x\"",
       [](ProviderSchemaResult&, std::map<std::string, Schema>& a, const Schema& s) {
         a["acme_x"] = s;
       }},
  };
  for (const Case& c : cases) {
    ProviderSchemaResult schemas;
    std::map<std::string, Schema> actions;
    c.fill(schemas, actions, in_block);
    EXPECT_EQ(FindProtocol5Obstacle(schemas, actions),
              c.want + ": attribute \"rule.match.headers\" is a nested attribute");
  }
}

TEST(ProtocolChoiceTest, FittingSchemasServeWhatWasAsked) {
  ProtocolChoice c = ChooseProtocols({6, 5}, std::nullopt);
  EXPECT_THAT(c.served, ElementsAre(6, 5));
  EXPECT_EQ(c.note, "");
  EXPECT_EQ(c.error, "");
}

TEST(ProtocolChoiceTest, AnObstacleDropsProtocol5AndSaysWhy) {
  ProtocolChoice c = ChooseProtocols({5, 6}, "resource \"acme_b\": attribute \"settings\" is a nested attribute");
  EXPECT_THAT(c.served, ElementsAre(6));
  EXPECT_THAT(c.note, HasSubstr("not offering plugin protocol 5: resource \"acme_b\": "
                                "attribute \"settings\" is a nested attribute"));
  EXPECT_EQ(c.error, "");
}

TEST(ProtocolChoiceTest, Protocol5OnlyWithAnObstacleCannotStart) {
  ProtocolChoice c = ChooseProtocols({5}, "resource \"acme_b\": attribute \"settings\" is a nested attribute");
  EXPECT_TRUE(c.served.empty());
  EXPECT_THAT(c.error, HasSubstr("attribute \"settings\" is a nested attribute"));
  EXPECT_THAT(c.error, HasSubstr("Block::Single/List/Set/Map"));
  EXPECT_THAT(c.error, HasSubstr("protocol_versions = {6}"));
}

TEST(ProtocolChoiceTest, Protocol6OnlyIgnoresTheObstacle) {
  ProtocolChoice c = ChooseProtocols({6}, "resource \"acme_b\": attribute \"settings\" is a nested attribute");
  EXPECT_THAT(c.served, ElementsAre(6));
  EXPECT_EQ(c.note, "");
}

}  // namespace
}  // namespace tfsdk::internal
