// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// The provider's schemas as `terraform providers schema -json` prints them (format 1.0),
// so `terraform-provider-NAME --schema-json` gives documentation generators and tests the
// same document without running Terraform:
//
//   {"format_version":"1.0","provider_schemas":{"registry.terraform.io/tfsdk/local":{
//     "provider":{"version":0,"block":{...}},"resource_schemas":{...},
//     "data_source_schemas":{...},"ephemeral_resource_schemas":{...},
//     "functions":{"name":{"return_type":"string","parameters":[...]}},
//     "list_resource_schemas":{...},"resource_identity_schemas":{"local_file":{
//       "version":0,"attributes":{"path":{"type":"string","required_for_import":true}}}}}}}
//
// Shape rules follow Terraform's: empty strings, false flags, zero item bounds and empty
// maps are left out; description_kind is always there; a schema always has "version".
// Attributes with nested attributes carry "nested_type" and no "type" (protocol 6 view).
// Functions are Terraform's jsonfunction signatures: summary, description,
// deprecation_message (each left out when empty), return_type, parameters and
// variadic_parameter ({name, description, is_nullable, type}; no description kind and no
// allow-unknown flag, which the CLI does not print either). Identity schemas are
// {version, attributes{type, description, required_for_import, optional_for_import}}.
// Terraform 1.15 prints no action or state store schemas in this document.
#ifndef TFSDK_SRC_SERVE_SCHEMA_JSON_H_
#define TFSDK_SRC_SERVE_SCHEMA_JSON_H_

#include <map>
#include <string>

#include "tfsdk/function.h"
#include "tfsdk/identity.h"
#include "tfsdk/schema.h"

namespace tfsdk::internal {

struct ProviderSchemas {
  Schema provider{};
  std::map<std::string, Schema> resources{};
  std::map<std::string, Schema> data_sources{};
  std::map<std::string, Schema> ephemeral_resources{};
  std::map<std::string, FunctionDefinition> functions{};
  std::map<std::string, Schema> list_resources{};
  std::map<std::string, IdentitySchema> identities{};  // by resource type
};

// One schema as Terraform's jsonprovider.Schema object ({"version":N,"block":{...}}).
std::string SchemaToTerraformJson(const Schema& schema);

// One function as Terraform's jsonfunction.FunctionSignature object.
std::string FunctionToTerraformJson(const FunctionDefinition& function);

// The whole document; `address` is the provider source address used as the key
// (e.g. "registry.terraform.io/tfsdk/local"). Compact JSON with sorted keys, no newline.
std::string ProviderSchemasToTerraformJson(const std::string& address,
                                           const ProviderSchemas& schemas);

}  // namespace tfsdk::internal

#endif  // TFSDK_SRC_SERVE_SCHEMA_JSON_H_
