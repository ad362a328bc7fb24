// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "tfsdk/identity.h"

#include <map>
#include <set>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "tfsdk/resource.h"

namespace tfsdk {
namespace {

bool IsIdentityName(const std::string& name) {
  if (name.empty()) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

Type IdentitySchema::ImpliedType() const {
  std::map<std::string, Type> types;
  for (const IdentityAttribute& a : attributes) types.emplace(a.name, a.type);
  return Type::Object(std::move(types));
}

Schema IdentitySchema::AsSchema() const {
  Schema s;
  s.version = version;
  for (const IdentityAttribute& a : attributes) {
    s.attributes.push_back(Attribute::Typed(a.name, a.type).Optional().Description(a.description));
  }
  return s;
}

Diagnostics IdentitySchema::Validate() const {
  Diagnostics diags;
  if (attributes.empty()) {
    diags.AddError("Identity schema has no attributes",
                   "An identity schema needs at least one attribute.");
  }
  std::set<std::string> seen;
  for (const IdentityAttribute& a : attributes) {
    Path at = Path::Root(a.name);
    if (!IsIdentityName(a.name)) {
      diags.AddError("Invalid identity attribute name",
                     absl::StrCat("\"", a.name,
                                  "\" is not a valid name: use lowercase letters, digits and "
                                  "underscores."),
                     at);
    }
    if (!seen.insert(a.name).second) {
      diags.AddError("Duplicate identity attribute",
                     absl::StrCat("The identity attribute \"", a.name, "\" is declared twice."),
                     at);
    }
    bool primitive = a.type.IsPrimitive() && !a.type.IsDynamic();
    bool list_of_primitive = a.type.IsList() && a.type.ElementType().IsPrimitive() &&
                             !a.type.ElementType().IsDynamic();
    if (!primitive && !list_of_primitive) {
      diags.AddError("Invalid identity attribute type",
                     absl::StrCat("The identity attribute \"", a.name, "\" has type ",
                                  a.type.FriendlyName(),
                                  "; identity attributes are strings, numbers, bools or lists "
                                  "of them."),
                     at);
    }
    if (a.required_for_import && a.optional_for_import) {
      diags.AddError("Invalid identity attribute",
                     absl::StrCat("The identity attribute \"", a.name,
                                  "\" is both required and optional for import."),
                     at);
    } else if (!a.required_for_import && !a.optional_for_import) {
      // Terraform refuses such a schema ("must set Optional, Required or Computed").
      diags.AddError("Invalid identity attribute",
                     absl::StrCat("The identity attribute \"", a.name,
                                  "\" must be RequiredForImport() or OptionalForImport()."),
                     at);
    }
  }
  return diags;
}

void Resource::ImportStatePassthroughWithIdentity(const ImportStateRequest& req,
                                                  ImportStateResponse& resp,
                                                  const std::string& state_attribute,
                                                  const std::string& identity_attribute) {
  if (!req.id.empty()) {
    resp.state.Set(state_attribute, req.id);
    return;
  }
  resp.state.SetValue(Path::Root(state_attribute), req.identity.GetValue(identity_attribute));
}

}  // namespace tfsdk
