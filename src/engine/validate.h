// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Configuration validation, shared by ValidateResourceConfig, ValidateDataResourceConfig and
// ValidateProviderConfig (the Go framework's fwserver schema validation plus its
// ValidateConfig / ConfigValidators calls):
//
//   Diagnostics d = ValidateConfiguration(
//       entry.schema, config, entry.config_validators,
//       [&](const ValidateConfigRequest& req, ValidateConfigResponse& resp) {
//         resource.ValidateConfig(req, resp);
//       },
//       "resource \"local_file\"");
//
// In order:
//  1. every attribute's validators, wherever the attribute occurs: top level, inside nested
//     attributes and nested blocks of every nesting mode, once per element of a list, set or
//     map of objects. Paths name the element (rule[2].port, rule["k"].port) except inside a
//     set, whose elements have no address: there the path stops at the set (rule).
//     Every nested block's validators see the whole block value (list, set, map or object).
//     Unknown and null objects are not descended into: their attributes have no values yet.
//  2. a warning "Attribute Deprecated" / "Block Deprecated" where the configuration sets a
//     deprecated attribute or block (see below), and "Deprecated" for a deprecated schema;
//  3. the whole-configuration validators (ConfigValidator), in order;
//  4. the ValidateConfig hook.
// All of them run even when an earlier one reported errors, so a practitioner sees every
// problem at once. Every author call is guarded: an exception becomes an error diagnostic
// (a ConversionError keeps its path; anything else gets the path being validated).
//
// Deprecation warnings: Terraform core never warns when a configuration *sets* a deprecated
// provider attribute. It only warns about *references* to one (1.2.7+: "Deprecated
// attribute" from static traversal checks; 1.15+: "Deprecated value used" from deprecation
// marks), so the SDK warns about assignments itself, as the Go SDKs do. Like the Go
// framework it warns only for known values: Terraform validates again once values are known,
// and an unknown value may still turn out null. Lists, sets and maps of blocks count as set
// when they have elements (Terraform sends an empty collection for an absent block), GROUP
// blocks when anything inside is set.
//
// Thread-safe as long as the validators and hooks are (they must be: see tfsdk/validator.h).
#ifndef TFSDK_SRC_ENGINE_VALIDATE_H_
#define TFSDK_SRC_ENGINE_VALIDATE_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "src/engine/guard.h"
#include "tfsdk/attributes.h"
#include "tfsdk/diagnostics.h"
#include "tfsdk/path.h"
#include "tfsdk/resource.h"
#include "tfsdk/schema.h"
#include "tfsdk/validator.h"
#include "tfsdk/value.h"

namespace tfsdk::internal {

// The author's cross-attribute hook (Resource::ValidateConfig, DataSource::ValidateConfig, or
// an adapter around Provider::ValidateConfig). May be empty.
using ValidateConfigHook =
    std::function<void(const ValidateConfigRequest& req, ValidateConfigResponse& resp)>;

// Step 1 and 2 above: attribute and block validators and deprecation warnings for `config`,
// which must follow config.schema(). Adds to `diags`. Does nothing for a null or unknown
// configuration object.
void ValidateAgainstSchema(const Attributes& config, Diagnostics& diags);

// The whole validation (steps 1 to 4). `schema` must outlive the call; `config` is the
// decoded configuration (an object of schema.ImpliedType(), possibly with unknowns).
// `what` names the thing validated in diagnostics, e.g. `resource "local_file"`.
Diagnostics ValidateConfiguration(
    const Schema& schema, const Value& config,
    const std::vector<std::shared_ptr<const ConfigValidator>>& config_validators,
    const ValidateConfigHook& hook, std::string_view what);

}  // namespace tfsdk::internal

#endif  // TFSDK_SRC_ENGINE_VALIDATE_H_
