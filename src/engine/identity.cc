// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "src/engine/identity.h"
#include "src/engine/guard.h"

#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "src/log/log_internal.h"
#include "src/value/json_codec.h"
#include "src/value/msgpack_codec.h"
#include "tfsdk/convert.h"

namespace tfsdk::internal {
namespace {

constexpr const char* kReportToDeveloper =
    "This is always an issue with the provider and should be reported to the provider "
    "developer.";

}  // namespace

bool IsEmptyIdentity(const Value& identity) {
  if (identity.IsNull()) return true;
  if (!identity.IsKnown()) return false;
  bool all_null = true;
  identity.Walk([&](const Path& p, const Value& x) {
    if (p.empty()) return true;
    if (!x.IsNull()) all_null = false;
    return false;
  });
  return all_null;
}

bool DecodeIdentity(const IdentityInfo& info, const std::optional<RawValue>& raw,
                    const char* what, Value& out, Diagnostics& diags) {
  if (!raw.has_value() || raw->empty()) {
    out = Value::NullVal(info.type);
    return true;
  }
  absl::StatusOr<Value> v = !raw->msgpack.empty() ? DecodeMsgpack(raw->msgpack, info.type)
                                                  : DecodeJsonValue(raw->json, info.type);
  if (!v.ok()) {
    diags.AddError(absl::StrCat("Invalid ", what, " received from Terraform"),
                   absl::StrCat("The identity does not match the identity schema: ",
                                std::string(v.status().message())));
    return false;
  }
  out = *std::move(v);
  return true;
}

RawValue EncodeIdentity(const IdentityInfo& info, const Value& identity, Diagnostics& diags) {
  absl::StatusOr<std::string> bytes = EncodeMsgpack(identity, info.type);
  if (!bytes.ok()) {
    diags.AddError("Provider produced an identity that does not match its identity schema",
                   std::string(bytes.status().message()));
    absl::StatusOr<std::string> null = EncodeMsgpack(Value::NullVal(info.type), info.type);
    return RawValue{null.ok() ? *null : std::string(1, '\xc0'), {}};
  }
  return RawValue{*std::move(bytes), {}};
}

bool IdentityChanged(const Value& prior, const Value& now) {
  if (prior.IsNull() || !prior.IsKnown()) return false;
  if (now.IsNull() || !now.IsKnown()) return true;
  for (const auto& [name, type] : prior.type().AttributeTypes()) {
    const Value& p = prior.GetAttr(name);
    if (!p.IsNull() && !p.RawEquals(now.GetAttr(name))) return true;
  }
  return false;
}

Value SettableIdentity(const IdentityInfo& info, const Value& identity) {
  if (!identity.IsNull()) return identity;
  std::map<std::string, Value> attrs;
  for (const IdentityAttribute& a : info.identity_schema.attributes) {
    attrs.emplace(a.name, Value::NullVal(a.type));
  }
  return Value::ObjectVal(info.type, std::move(attrs));
}

bool CheckIdentityResult(const IdentityInfo& info, const std::string& type_name,
                         const std::string& operation, const Value& prior,
                         const Value& identity, Diagnostics& diags) {
  if (absl::Status s = identity.CheckConforms(info.type); !s.ok()) {
    diags.AddError("Provider produced an identity that does not match its identity schema",
                   absl::StrCat("The identity returned by ", operation, " of ", type_name, ": ",
                                std::string(s.message())));
    return false;
  }
  if (IsEmptyIdentity(identity)) {
    diags.AddError(absl::StrCat("Missing Resource Identity After ", operation),
                   absl::StrCat(operation, " of ", type_name,
                                " returned no resource identity. A resource with an identity "
                                "schema must set resp.identity. ",
                                kReportToDeveloper));
    return false;
  }
  bool reported = false;
  identity.Walk([&](const Path& p, const Value& x) {
    if (reported) return false;
    if (x.IsUnknown()) {
      reported = true;
      diags.AddError(absl::StrCat("Unknown Resource Identity After ", operation),
                     absl::StrCat(operation, " of ", type_name, " left the identity attribute \"",
                                  p.ToString(), "\" unknown. An identity must be wholly known. ",
                                  kReportToDeveloper),
                     p);
    }
    return true;
  });
  if (reported) return false;
  bool may_change = info.identity_schema.mutable_identity && operation != "Read";
  if (!may_change && IdentityChanged(prior, identity)) {
    diags.AddError("Unexpected Identity Change",
                   absl::StrCat(operation, " of ", type_name, " changed the resource identity "
                                "from ", prior.ToString(), " to ", identity.ToString(),
                                ". An identity names one remote object and must not change",
                                operation == "Read"
                                    ? " during refresh (Terraform rejects it). "
                                    : "; set IdentitySchema::mutable_identity if it may. ",
                                kReportToDeveloper));
    return false;
  }
  return true;
}

// --- Engine methods --------------------------------------------------------------------

void Engine::LoadIdentities() {
  for (const auto& r : provider_.resources()) {
    std::string name;
    std::optional<IdentitySchema> schema;
    std::map<int64_t, IdentityUpgrader> upgraders;
    Diagnostics diags;
    GuardAuthorCall(diags, "resource identity schema", [&] {
      name = r->TypeName();
      schema = r->GetIdentitySchema();
      if (schema) upgraders = r->IdentityUpgraders();
    });
    schema_diagnostics_.Append(diags);
    if (!schema) continue;
    for (const Diagnostic& d : schema->Validate()) {
      Diagnostic copy = d;
      copy.summary = absl::StrCat("resource ", name, " identity: ", d.summary);
      schema_diagnostics_.Add(std::move(copy));
    }
    auto info = std::make_unique<IdentityInfo>();
    info->identity_schema = *schema;
    info->schema = schema->AsSchema();
    info->type = schema->ImpliedType();
    for (auto& [version, upgrader] : upgraders) {
      if (version >= schema->version) {
        schema_diagnostics_.AddError(
            absl::StrCat("resource ", name, " identity: upgrader for version ", version),
            absl::StrCat("Identity upgraders read older versions; the identity schema is at "
                         "version ",
                         schema->version, "."));
      }
      if (upgrader.prior_schema) {
        info->prior_schemas.emplace(version, upgrader.prior_schema->AsSchema());
      }
    }
    info->upgraders = std::move(upgraders);
    identities_[name] = std::move(info);
  }
}

const IdentityInfo* Engine::FindIdentity(const std::string& type_name) const {
  auto it = identities_.find(type_name);
  return it == identities_.end() ? nullptr : it->second.get();
}

ResourceIdentitySchemasResult Engine::GetResourceIdentitySchemas() const {
  ResourceIdentitySchemasResult r;
  for (const auto& [name, info] : identities_) {
    r.identity_schemas.emplace(name, info->identity_schema);
  }
  return r;
}

UpgradeResourceIdentityResult Engine::UpgradeResourceIdentity(const std::string& type_name,
                                                              int64_t version,
                                                              const RawState& raw_identity) {
  UpgradeResourceIdentityResult r;
  const std::string summary = "Unable to Upgrade Resource Identity";
  if (!resources_.count(type_name)) {
    r.diagnostics.Append(Unsupported("resource type", type_name));
    return r;
  }
  const IdentityInfo* info = FindIdentity(type_name);
  if (info == nullptr) {
    r.diagnostics.Append(Unsupported("resource identity", type_name));
    return r;
  }
  auto done = [&](const Value& v) {
    r.upgraded_identity = EncodeIdentity(*info, v, r.diagnostics);
  };
  const int64_t current = info->identity_schema.version;
  if (version > current) {
    r.diagnostics.AddError(
        summary, absl::StrCat("The stored identity of this ", type_name, " has version ",
                              version, ", newer than this provider's identity schema (version ",
                              current, "). Was it written by a newer version of the provider?"));
    return r;
  }
  if (raw_identity.json.empty()) {
    done(Value::NullVal(info->type));
    return r;
  }
  auto it = info->upgraders.find(version);
  if (it == info->upgraders.end()) {
    if (version != current) {
      r.diagnostics.AddError(
          summary, absl::StrCat("The provider's identity schema of ", type_name,
                                " is at version ", current,
                                " and it has no identity upgrader for version ", version, ". ",
                                kReportToDeveloper));
      return r;
    }
    absl::StatusOr<Value> v =
        DecodeJsonValue(raw_identity.json, info->type, /*ignore_unknown_attributes=*/true);
    if (!v.ok()) {
      r.diagnostics.AddError(
          summary, absl::StrCat("The stored identity of this ", type_name,
                                " does not match the identity schema: ",
                                std::string(v.status().message())));
      return r;
    }
    done(*v);
    return r;
  }
  const IdentityUpgrader& upgrader = it->second;
  if (!upgrader.upgrade) {
    r.diagnostics.AddError(summary, absl::StrCat("The identity upgrader of ", type_name,
                                                 " for version ", version,
                                                 " has no upgrade function. ",
                                                 kReportToDeveloper));
    return r;
  }
  UpgradeIdentityRequest req;
  static_cast<CallContext&>(req) = Context();
  req.version = version;
  req.raw_json = raw_identity.json;
  if (auto ps = info->prior_schemas.find(version); ps != info->prior_schemas.end()) {
    absl::StatusOr<Value> prior = DecodeJsonValue(raw_identity.json, ps->second.ImpliedType(),
                                                  /*ignore_unknown_attributes=*/true);
    if (!prior.ok()) {
      r.diagnostics.AddError(
          summary, absl::StrCat("The stored identity of this ", type_name,
                                " does not match the prior identity schema its upgrader "
                                "declares for version ",
                                version, ": ", std::string(prior.status().message()), ". ",
                                kReportToDeveloper));
      return r;
    }
    req.identity = Attributes(&ps->second, *std::move(prior));
  }
  UpgradeIdentityResponse resp;
  resp.identity = Attributes(&info->schema, SettableIdentity(*info, Value::NullVal(info->type)));
  GuardAuthorCall(resp.diagnostics, "identity upgrade of " + type_name,
                [&] { upgrader.upgrade(req, resp); });
  r.diagnostics.Append(resp.diagnostics);
  if (r.diagnostics.HasError()) return r;
  Value out = resp.identity.value();
  if (absl::Status s = out.CheckConforms(info->type); !s.ok()) {
    r.diagnostics.AddError(summary, absl::StrCat("The identity upgrader of ", type_name,
                                                 " for version ", version,
                                                 " returned a value that does not match the "
                                                 "identity schema: ",
                                                 std::string(s.message())));
    return r;
  }
  if (IsEmptyIdentity(out) || !out.IsWhollyKnown()) {
    r.diagnostics.AddError(summary, absl::StrCat("The identity upgrader of ", type_name,
                                                 " for version ", version,
                                                 " returned a null or unknown identity. ",
                                                 kReportToDeveloper));
    return r;
  }
  done(out);
  return r;
}

}  // namespace tfsdk::internal
