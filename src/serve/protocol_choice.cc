// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "src/serve/protocol_choice.h"

#include <algorithm>

namespace tfsdk::internal {
namespace {

// The dotted path of the first nested attribute in `attributes` / `blocks`, below `prefix`.
std::optional<std::string> FirstNestedAttribute(const std::vector<Attribute>& attributes,
                                                const std::vector<NestedBlock>& blocks,
                                                const std::string& prefix) {
  for (const Attribute& a : attributes) {
    if (a.IsNested()) return prefix + a.name;
  }
  for (const NestedBlock& b : blocks) {
    if (auto found = FirstNestedAttribute(b.block.attributes, b.block.blocks,
                                          prefix + b.type_name + ".")) {
      return found;
    }
  }
  return std::nullopt;
}

std::optional<std::string> InSchema(const Schema& schema, const std::string& where) {
  if (auto path = FirstNestedAttribute(schema.attributes, schema.blocks, "")) {
    return where + ": attribute \"" + *path + "\" is a nested attribute";
  }
  return std::nullopt;
}

std::optional<std::string> InEach(const std::map<std::string, Schema>& schemas,
                                  const std::string& kind) {
  for (const auto& [name, schema] : schemas) {
    if (auto found = InSchema(schema, kind + " \"" + name + "\"")) return found;
  }
  return std::nullopt;
}

bool Has(const std::vector<int>& versions, int v) {
  return std::find(versions.begin(), versions.end(), v) != versions.end();
}

}  // namespace

std::optional<std::string> FindProtocol5Obstacle(const ProviderSchemaResult& schemas,
                                                 const std::map<std::string, Schema>& actions) {
  if (auto found = InSchema(schemas.provider, "the provider configuration")) return found;
  if (schemas.provider_meta) {
    if (auto found = InSchema(*schemas.provider_meta, "provider_meta")) return found;
  }
  if (auto found = InEach(schemas.resources, "resource")) return found;
  if (auto found = InEach(schemas.data_sources, "data source")) return found;
  if (auto found = InEach(schemas.ephemeral_resources, "ephemeral resource")) return found;
  if (auto found = InEach(schemas.list_resources, "list resource")) return found;
  return InEach(actions, "action");
}

ProtocolChoice ChooseProtocols(const std::vector<int>& requested,
                               const std::optional<std::string>& protocol5_obstacle) {
  ProtocolChoice choice;
  if (!Has(requested, 5) || !protocol5_obstacle) {
    choice.served = requested;
    return choice;
  }
  if (Has(requested, 6)) {
    for (int v : requested) {
      if (v != 5) choice.served.push_back(v);
    }
    choice.note = "not offering plugin protocol 5: " + *protocol5_obstacle +
                  ", which protocol 5 cannot express (clients that speak only protocol 5, "
                  "such as Terraform 0.12 to 0.14, cannot use this provider)";
    return choice;
  }
  choice.error = "this provider is set to serve plugin protocol 5 only "
                 "(ServeOptions::protocol_versions), but " + *protocol5_obstacle +
                 ", which protocol 5 cannot express. Use a block instead "
                 "(tfsdk::Block::Single/List/Set/Map), or serve protocol 6 "
                 "(protocol_versions = {6}, or {5, 6} to offer both where possible).";
  return choice;
}

}  // namespace tfsdk::internal
