// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "src/serve/schema_json.h"

#include <nlohmann/json.hpp>

namespace tfsdk::internal {
namespace {

using Json = nlohmann::json;

const char* KindName(StringKind kind) {
  return kind == StringKind::kMarkdown ? "markdown" : "plain";
}

const char* NestingName(NestingMode mode) {
  switch (mode) {
    case NestingMode::kSingle:
      return "single";
    case NestingMode::kList:
      return "list";
    case NestingMode::kSet:
      return "set";
    case NestingMode::kMap:
      return "map";
    case NestingMode::kGroup:
      return "group";
    default:
      return "invalid";
  }
}

Json AttributeJson(const Attribute& a) {
  Json out = Json::object();
  if (a.IsNested()) {
    Json attrs = Json::object();
    for (const Attribute& child : a.nested->attributes) attrs[child.name] = AttributeJson(child);
    Json nested = Json::object();
    if (!attrs.empty()) nested["attributes"] = std::move(attrs);
    nested["nesting_mode"] = NestingName(a.nested->nesting);
    out["nested_type"] = std::move(nested);
  } else {
    // The type exactly as the plugin protocol carries it (see src/protocol/translate.h).
    Type t = a.type.has_value() ? *a.type : a.ImpliedType();
    out["type"] = Json::parse(t.ToJson());
  }
  if (!a.description.empty()) out["description"] = a.description;
  out["description_kind"] = KindName(a.description_kind);
  if (a.deprecated) out["deprecated"] = true;
  if (!a.deprecation_message.empty()) out["deprecation_message"] = a.deprecation_message;
  if (a.required) out["required"] = true;
  if (a.optional) out["optional"] = true;
  if (a.computed) out["computed"] = true;
  if (a.sensitive) out["sensitive"] = true;
  if (a.write_only) out["write_only"] = true;
  return out;
}

// `Source` is Schema (the root block) or Block.
template <class Source>
Json BlockJson(const Source& src) {
  Json out = Json::object();
  Json attrs = Json::object();
  for (const Attribute& a : src.attributes) attrs[a.name] = AttributeJson(a);
  if (!attrs.empty()) out["attributes"] = std::move(attrs);
  Json blocks = Json::object();
  for (const NestedBlock& nb : src.blocks) {
    Json bt = Json::object();
    bt["nesting_mode"] = NestingName(nb.nesting);
    bt["block"] = BlockJson(nb.block);
    if (nb.min_items > 0) bt["min_items"] = nb.min_items;
    if (nb.max_items > 0) bt["max_items"] = nb.max_items;
    blocks[nb.type_name] = std::move(bt);
  }
  if (!blocks.empty()) out["block_types"] = std::move(blocks);
  if (!src.description.empty()) out["description"] = src.description;
  out["description_kind"] = KindName(src.description_kind);
  if (src.deprecated) out["deprecated"] = true;
  return out;
}

Json SchemaJson(const Schema& schema) {
  Json out = Json::object();
  out["version"] = schema.version < 0 ? 0 : schema.version;
  out["block"] = BlockJson(schema);
  return out;
}

Json SchemaMapJson(const std::map<std::string, Schema>& schemas) {
  Json out = Json::object();
  for (const auto& [name, schema] : schemas) out[name] = SchemaJson(schema);
  return out;
}

Json ParameterJson(const FunctionParameter& p) {
  Json out = Json::object();
  if (!p.name.empty()) out["name"] = p.name;
  if (!p.description.empty()) out["description"] = p.description;
  if (p.allow_null_value) out["is_nullable"] = true;
  out["type"] = Json::parse(p.type.ToJson());
  return out;
}

Json FunctionJson(const FunctionDefinition& f) {
  Json out = Json::object();
  if (!f.description.empty()) out["description"] = f.description;
  if (!f.summary.empty()) out["summary"] = f.summary;
  if (!f.deprecation_message.empty()) out["deprecation_message"] = f.deprecation_message;
  out["return_type"] = Json::parse(f.return_type.ToJson());
  if (!f.parameters.empty()) {
    Json params = Json::array();
    for (const FunctionParameter& p : f.parameters) params.push_back(ParameterJson(p));
    out["parameters"] = std::move(params);
  }
  if (f.variadic_parameter.has_value()) {
    out["variadic_parameter"] = ParameterJson(*f.variadic_parameter);
  }
  return out;
}

Json IdentityJson(const IdentitySchema& identity) {
  Json out = Json::object();
  out["version"] = identity.version;
  if (!identity.attributes.empty()) {
    Json attributes = Json::object();
    for (const IdentityAttribute& a : identity.attributes) {
      Json attr = Json::object();
      attr["type"] = Json::parse(a.type.ToJson());
      if (!a.description.empty()) attr["description"] = a.description;
      if (a.required_for_import) attr["required_for_import"] = true;
      if (a.optional_for_import) attr["optional_for_import"] = true;
      attributes[a.name] = std::move(attr);
    }
    out["attributes"] = std::move(attributes);
  }
  return out;
}

}  // namespace

std::string FunctionToTerraformJson(const FunctionDefinition& function) {
  return FunctionJson(function).dump();
}

std::string SchemaToTerraformJson(const Schema& schema) { return SchemaJson(schema).dump(); }

std::string ProviderSchemasToTerraformJson(const std::string& address,
                                           const ProviderSchemas& schemas) {
  Json provider = Json::object();
  provider["provider"] = SchemaJson(schemas.provider);
  if (!schemas.resources.empty()) provider["resource_schemas"] = SchemaMapJson(schemas.resources);
  if (!schemas.data_sources.empty()) {
    provider["data_source_schemas"] = SchemaMapJson(schemas.data_sources);
  }
  if (!schemas.ephemeral_resources.empty()) {
    provider["ephemeral_resource_schemas"] = SchemaMapJson(schemas.ephemeral_resources);
  }
  if (!schemas.functions.empty()) {
    Json functions = Json::object();
    for (const auto& [name, f] : schemas.functions) functions[name] = FunctionJson(f);
    provider["functions"] = std::move(functions);
  }
  if (!schemas.list_resources.empty()) {
    provider["list_resource_schemas"] = SchemaMapJson(schemas.list_resources);
  }
  if (!schemas.identities.empty()) {
    Json identities = Json::object();
    for (const auto& [type, identity] : schemas.identities) {
      identities[type] = IdentityJson(identity);
    }
    provider["resource_identity_schemas"] = std::move(identities);
  }
  Json doc = Json::object();
  doc["format_version"] = "1.0";
  doc["provider_schemas"] = Json::object();
  doc["provider_schemas"][address] = std::move(provider);
  return doc.dump();
}

}  // namespace tfsdk::internal
