// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "src/engine/upgrade.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "src/value/flatmap_codec.h"
#include "src/value/json_codec.h"

namespace tfsdk::internal {
namespace {

constexpr const char* kReportToDeveloper =
    "This is always an issue with the provider and should be reported to the provider "
    "developer.";

// The raw state decoded as `type`: JSON when Terraform sent JSON, else the flatmap. JSON
// attributes that `type` lacks are dropped; flatmap keys nothing reads are ignored.
absl::StatusOr<Value> DecodeRawState(const RawState& raw, const Type& type) {
  if (!raw.json.empty()) {
    return DecodeJsonValue(raw.json, type, /*ignore_unknown_attributes=*/true);
  }
  return DecodeFlatmap(raw.flatmap, type);
}

const char* FormatName(const RawState& raw) {
  return raw.json.empty() ? "legacy flatmap" : "JSON";
}

// A stored state has no unknown values; Terraform cannot save one (its JSON encoding
// refuses unknowns), so report the first one here, by path.
bool RequireWhollyKnown(const Value& v, const std::string& summary, const std::string& what,
                        Diagnostics& diags) {
  bool found = false;
  v.Walk([&](const Path& p, const Value& x) {
    if (found) return false;
    if (x.IsUnknown()) {
      found = true;
      diags.AddError(summary,
                     absl::StrCat(what, " leaves \"", p.ToString(),
                                  "\" unknown, but a stored state must be wholly known."),
                     p);
    }
    return true;
  });
  return !found;
}

std::optional<Value> RunUpgrader(const UpgradeTarget& target, int64_t version,
                                 const StateUpgrader& upgrader, const RawState& raw,
                                 const CallContext& context, const GuardFunction& guard,
                                 Diagnostics& diags) {
  const std::string summary = "Unable to Upgrade Resource State";
  if (!upgrader.upgrade) {
    diags.AddError(summary, absl::StrCat("The state upgrader of ", target.type_name,
                                         " for schema version ", version,
                                         " has no upgrade function. ", kReportToDeveloper));
    return std::nullopt;
  }
  UpgradeStateRequest req;
  static_cast<CallContext&>(req) = context;
  req.version = version;
  req.raw_json = raw.json;
  req.raw_flatmap = raw.flatmap;
  if (upgrader.prior_schema) {
    absl::StatusOr<Value> prior = DecodeRawState(raw, upgrader.prior_schema->ImpliedType());
    if (!prior.ok()) {
      diags.AddError(
          "Unable to Read Previously Saved State for UpgradeResourceState",
          absl::StrCat("The stored ", FormatName(raw), " state of this ", target.type_name,
                       " does not match the prior schema its upgrader declares for version ",
                       version, ": ", std::string(prior.status().message()), ". ",
                       kReportToDeveloper));
      return std::nullopt;
    }
    req.state = Attributes(&*upgrader.prior_schema, *std::move(prior));
  }
  UpgradeStateResponse resp;
  resp.state = Attributes(target.schema, Value::NullVal(*target.type));
  guard(resp.diagnostics,
        absl::StrCat("state upgrade of ", target.type_name, " from version ", version),
        [&] { upgrader.upgrade(req, resp); });
  diags.Append(resp.diagnostics);
  if (resp.diagnostics.HasError()) return std::nullopt;

  Value upgraded = resp.state.value();
  if (upgraded.IsNull()) {
    diags.AddError(
        "Missing Upgraded Resource State",
        absl::StrCat("After upgrading the state of this ", target.type_name,
                     " from schema version ", version,
                     ", the provider returned no state (a null object). The SDK refuses to "
                     "lose the stored state. ",
                     kReportToDeveloper));
    return std::nullopt;
  }
  absl::Status conforms = upgraded.CheckConforms(*target.type);
  if (!conforms.ok()) {
    diags.AddError(
        summary,
        absl::StrCat("After upgrading the state of this ", target.type_name,
                     " from schema version ", version, ", the provider returned a state that "
                     "does not match the current schema (version ", target.schema->version,
                     "): ", std::string(conforms.message()), ". ", kReportToDeveloper));
    return std::nullopt;
  }
  if (!RequireWhollyKnown(upgraded, summary,
                          absl::StrCat("The upgraded state of this ", target.type_name),
                          diags)) {
    return std::nullopt;
  }
  return upgraded;
}

}  // namespace

std::optional<Value> UpgradeState(const UpgradeTarget& target, int64_t version,
                                  const RawState& raw_state, const CallContext& context,
                                  const GuardFunction& guard, Diagnostics& diags) {
  const int64_t current = target.schema->version;
  if (version > current) {
    diags.AddError(
        "State is from a newer provider",
        absl::StrCat("The state of this ", target.type_name, " was written with schema version ",
                     version, ", but this provider only knows versions up to ", current,
                     ". Use a newer version of the provider."));
    return std::nullopt;
  }
  if (raw_state.json.empty() && raw_state.flatmap.empty()) {
    return Value::NullVal(*target.type);
  }

  auto it = target.upgraders->find(version);
  if (it != target.upgraders->end()) {
    return RunUpgrader(target, version, it->second, raw_state, context, guard, diags);
  }

  if (version == current) {
    absl::StatusOr<Value> v = DecodeRawState(raw_state, *target.type);
    if (!v.ok()) {
      diags.AddError(
          "Unable to read prior state",
          absl::StrCat("The stored ", FormatName(raw_state), " state of this ",
                       target.type_name, " (schema version ", version,
                       ") does not match the current schema: ",
                       std::string(v.status().message()),
                       ". If you edited the state by hand, make it match the schema; "
                       "otherwise report this to the provider developer."));
      return std::nullopt;
    }
    if (!RequireWhollyKnown(*v, "Unable to read prior state",
                            absl::StrCat("The stored state of this ", target.type_name),
                            diags)) {
      return std::nullopt;
    }
    return *std::move(v);
  }

  diags.AddError(
      "Unable to Upgrade Resource State",
      absl::StrCat("The state of this ", target.type_name, " was written with schema version ",
                   version, ", but the resource (now at version ", current,
                   ") has no state upgrader for version ", version,
                   ". Terraform cannot use this state until the provider can upgrade it. ",
                   kReportToDeveloper));
  return std::nullopt;
}

}  // namespace tfsdk::internal
