// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "src/engine/engine.h"

#include <algorithm>
#include <exception>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "src/engine/guard.h"
#include "src/engine/identity.h"
#include "src/engine/list.h"
#include "src/engine/deferral.h"
#include "src/engine/upgrade.h"
#include "src/engine/validate.h"
#include "src/engine/plan.h"
#include "src/log/log_internal.h"
#include "src/value/json_codec.h"
#include "src/value/msgpack_codec.h"
#include "tfsdk/convert.h"

namespace tfsdk::internal {

struct Engine::ResourceEntry {
  Resource* resource = nullptr;
  Schema schema;
  Type type;
  std::map<int64_t, StateUpgrader> upgraders;  // Resource::StateUpgraders(), read once
  std::vector<StateMover> movers;  // Resource::StateMovers(), read once
  std::vector<std::shared_ptr<const ConfigValidator>> config_validators;
  std::unique_ptr<PlanSchema> plan;  // built from `schema`
};

struct Engine::DataSourceEntry {
  DataSource* data_source = nullptr;
  Schema schema;
  Type type;
  std::vector<std::shared_ptr<const ConfigValidator>> config_validators;
};

struct Engine::EphemeralEntry {
  EphemeralResource* ephemeral = nullptr;
  Schema schema;
  Type type;
  std::vector<std::shared_ptr<const ConfigValidator>> config_validators;
};

namespace {

// Runs author code; anything it throws becomes an error diagnostic, never a crash.
void Guard(Diagnostics& diags, const std::string& where, const std::function<void()>& fn) {
  GuardAuthorCall(diags, where, std::nullopt, fn);
}

absl::StatusOr<Value> Decode(const RawValue& raw, const Type& type) {
  if (!raw.msgpack.empty()) return DecodeMsgpack(raw.msgpack, type);
  if (!raw.json.empty()) return DecodeJsonValue(raw.json, type);
  return Value::NullVal(type);
}

// Decodes or adds an error diagnostic; returns false on error.
bool DecodeInto(const RawValue& raw, const Type& type, const char* what, Value& out,
                Diagnostics& diags) {
  absl::StatusOr<Value> v = Decode(raw, type);
  if (!v.ok()) {
    diags.AddError(absl::StrCat("Invalid ", what, " received from Terraform"),
                   std::string(v.status().message()));
    return false;
  }
  out = *std::move(v);
  return true;
}

RawValue Encode(const Value& v, const Type& type, Diagnostics& diags) {
  absl::StatusOr<std::string> bytes = EncodeMsgpack(v, type);
  if (!bytes.ok()) {
    diags.AddError("Provider produced a value that does not match its schema",
                   std::string(bytes.status().message()));
    absl::StatusOr<std::string> null = EncodeMsgpack(Value::NullVal(type), type);
    return RawValue{null.ok() ? *null : std::string(1, '\xc0'), {}};
  }
  return RawValue{*std::move(bytes), {}};
}

// An object of `block`'s type whose attributes are null, nested collections empty and
// GROUP blocks present, as a freshly imported resource starts.
Value EmptyObject(const Block& block) {
  Type type = block.ImpliedType();
  std::map<std::string, Value> attrs;
  for (const NestedBlock& nb : block.blocks) {
    const Type& t = type.AttributeType(nb.type_name);
    switch (nb.nesting) {
      case NestingMode::kList:
        if (t.IsList()) attrs.emplace(nb.type_name, Value::ListVal(t.ElementType(), {}));
        break;
      case NestingMode::kSet:
        attrs.emplace(nb.type_name, Value::SetVal(t.ElementType(), {}));
        break;
      case NestingMode::kMap:
        if (t.IsMap()) attrs.emplace(nb.type_name, Value::MapVal(t.ElementType(), {}));
        break;
      case NestingMode::kGroup:
        attrs.emplace(nb.type_name, EmptyObject(nb.block));
        break;
      default:
        break;
    }
  }
  return Value::ObjectVal(type, std::move(attrs));
}

Block AsBlock(const Schema& s) {
  Block b;
  b.description = s.description;
  b.description_kind = s.description_kind;
  b.attributes = s.attributes;
  b.blocks = s.blocks;
  b.deprecated = s.deprecated;
  b.deprecation_message = s.deprecation_message;
  return b;
}

// Reports the first unknown value in a result that must be wholly known.
void RequireWhollyKnown(const Value& v, const std::string& what, Diagnostics& diags) {
  bool reported = false;
  v.Walk([&](const Path& p, const Value& x) {
    if (reported) return false;
    if (x.IsUnknown()) {
      reported = true;
      diags.AddError(
          absl::StrCat("Provider returned an unknown value after ", what),
          absl::StrCat("The provider left \"", p.ToString(),
                       "\" unknown. Every value must be known once the operation ends; set it "
                       "in the response state."),
          p);
    }
    return true;
  });
}

// After apply, every value that was known in the plan must come back unchanged;
// Terraform rejects the result otherwise ("Provider produced inconsistent result after
// apply"). Naming the attribute here saves the author a confusing Terraform error.
void CheckConsistentWithPlan(const Value& planned, const Value& actual, Diagnostics& diags) {
  planned.Walk([&](const Path& p, const Value& pv) {
    if (pv.IsUnknown()) return false;
    absl::StatusOr<Value> av = actual.At(p);
    if (!av.ok()) return false;
    bool leaf = pv.IsNull() || pv.type().IsPrimitive();
    if (leaf || pv.type().IsSet()) {
      if (!pv.RawEquals(*av) && !(pv.type().IsSet() && !pv.IsWhollyKnown())) {
        diags.AddError(
            "Provider produced inconsistent result after apply",
            absl::StrCat("The plan said \"", p.ToString(), "\" would be ", pv.ToString(),
                         " but the provider set it to ", av->ToString(),
                         ". A value that is known in the plan (for example one from the "
                         "configuration) must not change during apply."),
            p);
      }
      return false;
    }
    if (!av->IsKnown() || pv.Length() != av->Length()) {
      diags.AddError("Provider produced inconsistent result after apply",
                     absl::StrCat("The plan said \"", p.ToString(), "\" would be ",
                                  pv.ToString(), " but the provider set it to ",
                                  av->ToString(), "."),
                     p);
      return false;
    }
    return true;
  });
}

// The wire form of a private state after a callback: the original bytes when the callback
// left it as it was (so bytes written by another SDK, which parse as empty, survive), else
// the new serialization.
std::string PrivateBytes(const std::string& original, const PrivateState& before,
                         const PrivateState& after) {
  return after == before ? original : after.Serialize();
}

// Returns the paths sorted by their rendering, without duplicates, as the Go framework
// does, so that plans are deterministic.
std::vector<Path> NormalizePaths(std::vector<Path> paths) {
  std::vector<std::pair<std::string, Path>> keyed;
  keyed.reserve(paths.size());
  for (Path& p : paths) keyed.emplace_back(p.ToString(), std::move(p));
  std::stable_sort(keyed.begin(), keyed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Path> out;
  for (auto& [key, p] : keyed) {
    if (!out.empty() && out.back() == p) continue;
    out.push_back(std::move(p));
  }
  return out;
}

// A client that does not support write-only attributes (before Terraform 1.11) would
// store their values in plan and state: report every write-only attribute that is set.
void RejectWriteOnly(const PlanSchema& plan, const Value& config, const std::string& type_name,
                     Diagnostics& diags) {
  const Value nulled = NullWriteOnly(plan, config);
  config.Walk([&](const Path& p, const Value& x) {
    absl::StatusOr<Value> n = nulled.At(p);
    if (!n.ok() || x.IsNull() || !n->IsNull()) return true;
    diags.AddError("Write-only attribute not allowed",
                   absl::StrCat("The resource ", type_name, " sets the write-only attribute \"",
                                p.ToString(), "\", but this Terraform or OpenTofu version does not "
                                "support write-only attributes (Terraform 1.11 or later, OpenTofu "
                                "1.11 or later do). Remove the value or upgrade."),
                   p);
    return false;
  });
}

}  // namespace

Engine::Engine(Provider& provider) : provider_(provider) {
  Guard(schema_diagnostics_, "provider schema", [&] {
    provider_schema_ = provider_.GetSchema();
    provider_meta_schema_ = provider_.GetMetaSchema();
    provider_config_validators_ = provider_.ConfigValidators();
  });
  schema_diagnostics_.AppendAt(Path(), provider_schema_.Validate());
  provider_type_ = provider_schema_.ImpliedType();
  if (provider_meta_schema_) schema_diagnostics_.Append(provider_meta_schema_->Validate());
  provider_meta_type_ = provider_meta_schema_ ? provider_meta_schema_->ImpliedType()
                                              : no_meta_schema_.ImpliedType();
  for (const auto& r : provider_.resources()) {
    auto entry = std::make_unique<ResourceEntry>();
    entry->resource = r.get();
    std::string name;
    Guard(schema_diagnostics_, "resource schema", [&] {
      name = r->TypeName();
      entry->schema = r->GetSchema();
      entry->upgraders = r->StateUpgraders();
      entry->movers = r->StateMovers();
      entry->config_validators = r->ConfigValidators();
    });
    for (const Diagnostic& d : entry->schema.Validate()) {
      Diagnostic copy = d;
      copy.summary = absl::StrCat("resource ", name, ": ", d.summary);
      schema_diagnostics_.Add(std::move(copy));
    }
    entry->type = entry->schema.ImpliedType();
    entry->plan = std::make_unique<PlanSchema>(entry->schema);
    if (resources_.count(name)) {
      schema_diagnostics_.AddError(absl::StrCat("Duplicate resource type \"", name, "\""));
    }
    resources_[name] = std::move(entry);
  }
  for (const auto& d : provider_.data_sources()) {
    auto entry = std::make_unique<DataSourceEntry>();
    entry->data_source = d.get();
    std::string name;
    Guard(schema_diagnostics_, "data source schema", [&] {
      name = d->TypeName();
      entry->schema = d->GetSchema();
      entry->config_validators = d->ConfigValidators();
    });
    for (const Diagnostic& diag : entry->schema.Validate()) {
      Diagnostic copy = diag;
      copy.summary = absl::StrCat("data source ", name, ": ", diag.summary);
      schema_diagnostics_.Add(std::move(copy));
    }
    entry->type = entry->schema.ImpliedType();
    if (data_sources_.count(name)) {
      schema_diagnostics_.AddError(absl::StrCat("Duplicate data source type \"", name, "\""));
    }
    data_sources_[name] = std::move(entry);
  }
  AddEphemeralSchemas();
  LoadFunctions();
  LoadIdentities();
  LoadListResources();
  LoadActions();
  LoadStateStores();
}

Engine::~Engine() = default;

const Engine::ResourceEntry* Engine::FindResource(const std::string& type_name,
                                                  Diagnostics& diags) const {
  auto it = resources_.find(type_name);
  if (it == resources_.end()) {
    diags.Append(Unsupported("resource type", type_name));
    return nullptr;
  }
  return it->second.get();
}

const Engine::DataSourceEntry* Engine::FindDataSource(const std::string& type_name,
                                                      Diagnostics& diags) const {
  auto it = data_sources_.find(type_name);
  if (it == data_sources_.end()) {
    diags.Append(Unsupported("data source", type_name));
    return nullptr;
  }
  return it->second.get();
}

CallContext Engine::Context() const {
  CallContext ctx;
  ctx.cancel = cancel_;
  ctx.provider_meta =
      Attributes(provider_meta_schema_ ? &*provider_meta_schema_ : &no_meta_schema_,
                 Value::NullVal(provider_meta_type_));
  std::shared_lock lock(configure_mu_);
  ctx.provider_data = provider_data_;
  return ctx;
}

bool Engine::ContextWithMeta(const RawValue& provider_meta, CallContext& ctx,
                             Diagnostics& diags) const {
  ctx = Context();
  // Terraform sends provider_meta only to providers that declare a meta schema.
  if (!provider_meta_schema_ || provider_meta.empty()) return true;
  Value meta;
  if (!DecodeInto(provider_meta, provider_meta_type_, "provider_meta", meta, diags)) {
    return false;
  }
  ctx.provider_meta.SetWhole(std::move(meta));
  return true;
}

Diagnostics Engine::Unsupported(const std::string& feature, const std::string& name) {
  Diagnostics d;
  d.AddError(absl::StrCat("Unsupported ", feature),
             name.empty()
                 ? absl::StrCat("This provider does not support ", feature, "s.")
                 : absl::StrCat("The ", feature, " \"", name,
                                "\" is not supported by this provider."));
  return d;
}

MetadataResult Engine::GetMetadata() const {
  MetadataResult r;
  // Like the Go framework: every resource can answer these (with an error when it has no
  // movers; the default generated configuration otherwise).
  r.server_capabilities.move_resource_state = true;
  r.server_capabilities.generate_resource_config = true;
  for (const auto& [name, e] : resources_) r.resources.push_back(name);
  for (const auto& [name, e] : data_sources_) r.data_sources.push_back(name);
  for (const auto& [name, e] : ephemeral_resources_) r.ephemeral_resources.push_back(name);
  for (const auto& [name, e] : functions_) r.functions.push_back(name);
  AddListResourceNames(r);
  return r;
}

ProviderSchemaResult Engine::GetProviderSchema() const {
  ProviderSchemaResult r;
  r.provider = provider_schema_;
  r.provider_meta = provider_meta_schema_;
  for (const auto& [name, e] : resources_) r.resources.emplace(name, e->schema);
  for (const auto& [name, e] : data_sources_) r.data_sources.emplace(name, e->schema);
  for (const auto& [name, e] : ephemeral_resources_) {
    r.ephemeral_resources.emplace(name, e->schema);
  }
  r.functions = GetFunctions().functions;
  AddListResourceSchemas(r);
  r.server_capabilities = GetMetadata().server_capabilities;
  r.diagnostics = schema_diagnostics_;
  return r;
}

Diagnostics Engine::ValidateProviderConfig(const RawValue& config) {
  Diagnostics diags;
  Value v;
  if (!DecodeInto(config, provider_type_, "provider configuration", v, diags)) {
    return diags;
  }
  // Provider::ValidateConfig has its own request type; adapt it to the common hook and keep
  // what it reported before throwing.
  auto hook = [this](const ValidateConfigRequest& req, ValidateConfigResponse& resp) {
    ValidateProviderConfigRequest provider_req{req.config};
    ValidateProviderConfigResponse provider_resp;
    try {
      provider_.ValidateConfig(provider_req, provider_resp);
    } catch (...) {
      resp.diagnostics.Append(provider_resp.diagnostics);
      throw;
    }
    resp.diagnostics.Append(provider_resp.diagnostics);
  };
  diags.Append(ValidateConfiguration(provider_schema_, v, provider_config_validators_, hook,
                                     absl::StrCat("provider \"", provider_.type_name(), "\"")));
  return diags;
}

Diagnostics Engine::ConfigureProvider(const std::string& terraform_version,
                                      const RawValue& config, const ClientCapabilities& caps) {
  Diagnostics diags;
  Value v;
  if (!DecodeInto(config, provider_type_, "provider configuration", v, diags)) {
    return diags;
  }
  ConfigureProviderRequest req;
  req.cancel = cancel_;
  req.terraform_version = terraform_version;
  req.config = Attributes(&provider_schema_, v);
  req.deferral_allowed = caps.deferral_allowed;
  ConfigureProviderResponse resp;
  Guard(resp.diagnostics, "provider configuration", [&] { provider_.Configure(req, resp); });
  std::optional<DeferredReason> deferred = AcceptDeferral(
      resp.deferred, caps.deferral_allowed, "The provider's Configure", resp.diagnostics);
  diags.Append(resp.diagnostics);
  if (!resp.diagnostics.HasError()) {
    std::unique_lock lock(configure_mu_);
    provider_data_ = resp.provider_data;
    provider_deferred_ = deferred;
  }
  return diags;
}

Diagnostics Engine::ValidateResourceConfig(const std::string& type_name, const RawValue& config,
                                           const ClientCapabilities& caps) {
  Diagnostics diags;
  const ResourceEntry* e = FindResource(type_name, diags);
  if (e == nullptr) return diags;
  Value v;
  if (!DecodeInto(config, e->type, "resource configuration", v, diags)) return diags;
  if (!caps.write_only_attributes_allowed) RejectWriteOnly(*e->plan, v, type_name, diags);
  Resource* resource = e->resource;
  diags.Append(ValidateConfiguration(
      e->schema, v, e->config_validators,
      [resource](const ValidateConfigRequest& req, ValidateConfigResponse& resp) {
        resource->ValidateConfig(req, resp);
      },
      absl::StrCat("resource \"", type_name, "\"")));
  return diags;
}

Diagnostics Engine::ValidateDataResourceConfig(const std::string& type_name,
                                               const RawValue& config) {
  Diagnostics diags;
  const DataSourceEntry* e = FindDataSource(type_name, diags);
  if (e == nullptr) return diags;
  Value v;
  if (!DecodeInto(config, e->type, "data source configuration", v, diags)) return diags;
  DataSource* data_source = e->data_source;
  diags.Append(ValidateConfiguration(
      e->schema, v, e->config_validators,
      [data_source](const ValidateConfigRequest& req, ValidateConfigResponse& resp) {
        data_source->ValidateConfig(req, resp);
      },
      absl::StrCat("data source \"", type_name, "\"")));
  return diags;
}

UpgradeResourceStateResult Engine::UpgradeResourceState(const std::string& type_name,
                                                        int64_t version,
                                                        const RawState& raw_state) {
  UpgradeResourceStateResult r;
  const ResourceEntry* e = FindResource(type_name, r.diagnostics);
  if (e == nullptr) return r;
  UpgradeTarget target{type_name, &e->schema, &e->type, &e->upgraders};
  std::optional<Value> upgraded =
      UpgradeState(target, version, raw_state, Context(), Guard, r.diagnostics);
  if (upgraded) r.upgraded_state = Encode(*upgraded, e->type, r.diagnostics);
  return r;
}

ReadResourceResult Engine::ReadResource(const ReadResourceRequest& in) {
  ReadResourceResult r;
  r.private_state = in.private_state;
  const ResourceEntry* e = FindResource(in.type_name, r.diagnostics);
  if (e == nullptr) return r;
  Value prior;
  if (!DecodeInto(in.current_state, e->type, "prior state", prior, r.diagnostics)) return r;
  if (prior.IsNull()) {
    r.new_state = Encode(prior, e->type, r.diagnostics);
    return r;
  }
  if (std::optional<DeferredReason> deferred = ProviderDeferred()) {
    // The provider deferred everything (see src/engine/deferral.h): keep the prior state.
    r.deferred = deferred;
    r.new_state = Encode(prior, e->type, r.diagnostics);
    return r;
  }
  ReadRequest req;
  const IdentityInfo* identity_info = FindIdentity(in.type_name);
  Value prior_identity;
  if (identity_info != nullptr) {
    r.new_identity = in.current_identity;
    if (!DecodeIdentity(*identity_info, in.current_identity, "current identity",
                        prior_identity, r.diagnostics)) {
      r.new_state = Encode(prior, e->type, r.diagnostics);
      return r;
    }
    req.identity = Attributes(&identity_info->schema, prior_identity);
  }
  if (!ContextWithMeta(in.provider_meta, req, r.diagnostics)) {
    r.new_state = Encode(prior, e->type, r.diagnostics);
    return r;
  }
  req.state = Attributes(&e->schema, prior);
  req.private_state = PrivateState::Parse(in.private_state);
  req.deferral_allowed = in.client_capabilities.deferral_allowed;
  ReadResponse resp;
  resp.state = req.state;
  resp.private_state = req.private_state;
  if (identity_info != nullptr) {
    resp.identity = Attributes(&identity_info->schema,
                               SettableIdentity(*identity_info, prior_identity));
  }
  Guard(resp.diagnostics, "Read of " + in.type_name, [&] { e->resource->Read(req, resp); });
  r.deferred = AcceptDeferral(resp.deferred, req.deferral_allowed, "Read of " + in.type_name,
                              resp.diagnostics);
  r.diagnostics.Append(resp.diagnostics);
  Value out = resp.state.value();
  if (!out.IsNull()) {
    if (absl::Status s = out.CheckConforms(e->type); !s.ok()) {
      r.diagnostics.AddError("Provider produced a value that does not match its schema",
                             absl::StrCat("The state returned by Read of ", in.type_name,
                                          ": ", std::string(s.message())));
      out = prior;
    }
    out = NullWriteOnly(*e->plan, out);
    RequireWhollyKnown(out, "Read", r.diagnostics);
  }
  if (r.diagnostics.HasError() && !out.IsWhollyKnown()) out = prior;
  r.private_state = PrivateBytes(in.private_state, req.private_state, resp.private_state);
  r.new_state = Encode(out, e->type, r.diagnostics);
  if (identity_info != nullptr) {
    Value identity = resp.identity.value();
    if (out.IsNull()) {
      identity = Value::NullVal(identity_info->type);
    } else if (r.diagnostics.HasError() ||
               !CheckIdentityResult(*identity_info, in.type_name, "Read", prior_identity,
                                    identity, r.diagnostics)) {
      identity = prior_identity;
    }
    r.new_identity = EncodeIdentity(*identity_info, identity, r.diagnostics);
  }
  return r;
}

PlanResourceChangeResult Engine::PlanResourceChange(const PlanResourceChangeRequest& in) {
  PlanResourceChangeResult r;
  r.planned_private = in.prior_private;
  const ResourceEntry* e = FindResource(in.type_name, r.diagnostics);
  if (e == nullptr) return r;
  Value prior, proposed, config;
  if (!DecodeInto(in.prior_state, e->type, "prior state", prior, r.diagnostics) ||
      !DecodeInto(in.proposed_new_state, e->type, "proposed new state", proposed,
                  r.diagnostics) ||
      !DecodeInto(in.config, e->type, "configuration", config, r.diagnostics)) {
    return r;
  }
  const bool destroy = proposed.IsNull();
  // On any error Terraform ignores the planned state; the proposed one always encodes.
  auto fail = [&] {
    r.requires_replace.clear();
    r.planned_state = Encode(proposed, e->type, r.diagnostics);
    return r;
  };
  if (std::optional<DeferredReason> deferred = ProviderDeferred()) {
    // The provider deferred everything (see src/engine/deferral.h).
    r.deferred = deferred;
    r.planned_state = Encode(MarkComputedNullsUnknown(e->schema, proposed, config), e->type,
                             r.diagnostics);
    return r;
  }
  CallContext ctx;
  if (!ContextWithMeta(in.provider_meta, ctx, r.diagnostics)) return fail();
  const PrivateState prior_private = PrivateState::Parse(in.prior_private);
  // Identity: the prior one is kept; a create plans none (Terraform cannot render a planned
  // identity with unknown values: `show -json` of such a plan fails), Create sets it.
  const IdentityInfo* identity_info = FindIdentity(in.type_name);
  Value prior_identity, planned_identity;
  if (identity_info != nullptr) {
    if (!DecodeIdentity(*identity_info, in.prior_identity, "prior identity", prior_identity,
                        r.diagnostics)) {
      return fail();
    }
    planned_identity = prior.IsNull() ? Value::NullVal(identity_info->type) : prior_identity;
  }

  // Steps 1-3 of tfsdk/plan_modifier.h: defaults, unknowns, attribute plan modifiers.
  Value planned = proposed;
  if (!destroy) {
    PlanStepsResult steps =
        PlanAttributeSteps(*e->plan, PlanStepsInput{prior, proposed, config, &prior_private});
    r.diagnostics.Append(steps.diagnostics);
    if (r.diagnostics.HasError()) return fail();
    planned = std::move(steps.planned);
    r.requires_replace = std::move(steps.requires_replace);
  }

  // Step 4: the resource's ModifyPlan, also for a destroy (plan and config null objects).
  ModifyPlanRequest req;
  static_cast<CallContext&>(req) = ctx;
  req.config = Attributes(&e->schema, config);
  req.state = Attributes(&e->schema, prior);
  req.plan = Attributes(&e->schema, planned);
  req.private_state = prior_private;
  if (identity_info != nullptr) {
    req.identity = Attributes(&identity_info->schema, planned_identity);
  }
  req.deferral_allowed = in.client_capabilities.deferral_allowed;
  ModifyPlanResponse resp;
  resp.plan = req.plan;
  resp.private_state = prior_private;
  if (identity_info != nullptr) {
    resp.identity = Attributes(&identity_info->schema,
                               SettableIdentity(*identity_info, planned_identity));
  }
  Guard(resp.diagnostics, "ModifyPlan of " + in.type_name,
        [&] { e->resource->ModifyPlan(req, resp); });
  r.deferred = AcceptDeferral(resp.deferred, req.deferral_allowed,
                              "ModifyPlan of " + in.type_name, resp.diagnostics);
  r.diagnostics.Append(resp.diagnostics);
  if (r.diagnostics.HasError()) return fail();
  planned = resp.plan.value();
  for (Path& p : resp.requires_replace) r.requires_replace.push_back(std::move(p));
  r.planned_private = PrivateBytes(in.prior_private, prior_private, resp.private_state);
  if (identity_info != nullptr) {
    planned_identity = resp.identity.value();
    if (absl::Status s = planned_identity.CheckConforms(identity_info->type); !s.ok()) {
      r.diagnostics.AddError(
          "Provider produced invalid plan",
          absl::StrCat("ModifyPlan of ", in.type_name,
                       " left an identity that does not match the identity schema: ",
                       std::string(s.message())));
      return fail();
    }
    if (!destroy && !prior.IsNull() && !identity_info->identity_schema.mutable_identity &&
        IdentityChanged(prior_identity, planned_identity)) {
      r.diagnostics.AddError(
          "Unexpected Identity Change",
          absl::StrCat("ModifyPlan of ", in.type_name, " changed the planned identity from ",
                       prior_identity.ToString(), " to ", planned_identity.ToString(),
                       ". An identity must not change unless the identity schema sets "
                       "mutable_identity."));
      return fail();
    }
    if (IsEmptyIdentity(planned_identity)) planned_identity = Value::NullVal(identity_info->type);
    r.planned_identity = EncodeIdentity(*identity_info, planned_identity, r.diagnostics);
  }

  if (destroy) {
    if (!planned.IsNull()) {
      r.diagnostics.AddError(
          "Provider produced invalid plan",
          absl::StrCat("ModifyPlan of ", in.type_name,
                       " set a planned state while the resource is being destroyed. A "
                       "destroy plan must stay null: leave resp.plan as it is, or add an "
                       "error diagnostic to refuse the destroy."));
      return fail();
    }
    r.requires_replace.clear();
    r.planned_state = Encode(planned, e->type, r.diagnostics);
    return r;
  }
  if (absl::Status s = planned.CheckConforms(e->type); !s.ok()) {
    r.diagnostics.AddError("Provider produced invalid plan",
                           absl::StrCat("ModifyPlan of ", in.type_name,
                                        " left a plan that does not match the schema: ",
                                        std::string(s.message())));
    return fail();
  }
  planned = NullWriteOnly(*e->plan, planned);
  CheckPlanValid(*e->plan, prior, config, planned, r.diagnostics);
  if (r.diagnostics.HasError()) return fail();
  // Replacement only means something for an existing object.
  if (prior.IsNull()) {
    r.requires_replace.clear();
  } else {
    r.requires_replace = NormalizePaths(std::move(r.requires_replace));
  }
  r.planned_state = Encode(planned, e->type, r.diagnostics);
  return r;
}

ApplyResourceChangeResult Engine::ApplyResourceChange(const ApplyResourceChangeRequest& in) {
  ApplyResourceChangeResult r;
  r.private_state = in.planned_private;
  const ResourceEntry* e = FindResource(in.type_name, r.diagnostics);
  if (e == nullptr) return r;
  Value prior, planned, config;
  if (!DecodeInto(in.prior_state, e->type, "prior state", prior, r.diagnostics) ||
      !DecodeInto(in.planned_state, e->type, "planned state", planned, r.diagnostics) ||
      !DecodeInto(in.config, e->type, "configuration", config, r.diagnostics)) {
    // Keep what Terraform had: losing state on a failed apply is never acceptable.
    r.new_state = in.prior_state;
    return r;
  }
  CallContext ctx;
  if (!ContextWithMeta(in.provider_meta, ctx, r.diagnostics)) {
    r.new_state = Encode(prior, e->type, r.diagnostics);
    return r;
  }
  const PrivateState planned_private = PrivateState::Parse(in.planned_private);
  const IdentityInfo* identity_info = FindIdentity(in.type_name);
  Value planned_identity;
  Attributes identity_attrs;  // the planned identity as callbacks see it
  if (identity_info != nullptr) {
    if (!DecodeIdentity(*identity_info, in.planned_identity, "planned identity",
                        planned_identity, r.diagnostics)) {
      r.new_state = Encode(prior, e->type, r.diagnostics);
      r.new_identity = in.planned_identity;
      return r;
    }
    identity_attrs = Attributes(&identity_info->schema, planned_identity);
  }

  if (planned.IsNull()) {  // delete
    DeleteRequest req;
    static_cast<CallContext&>(req) = ctx;
    req.state = Attributes(&e->schema, prior);
    req.private_state = planned_private;
    req.identity = identity_attrs;
    DeleteResponse resp;
    Guard(resp.diagnostics, "Delete of " + in.type_name, [&] { e->resource->Delete(req, resp); });
    r.diagnostics.Append(resp.diagnostics);
    // On failure the object still exists: return the prior state so it stays tracked.
    bool failed = resp.diagnostics.HasError();
    r.new_state = Encode(failed ? prior : planned, e->type, r.diagnostics);
    r.private_state = failed ? in.planned_private : std::string();
    if (identity_info != nullptr && failed) {
      r.new_identity = EncodeIdentity(*identity_info, planned_identity, r.diagnostics);
    }
    return r;
  }

  Value result;
  Value result_identity;
  PrivateState result_private;
  Diagnostics callback_diags;
  if (prior.IsNull()) {
    CreateRequest req;
    static_cast<CallContext&>(req) = ctx;
    req.config = Attributes(&e->schema, config);
    req.plan = Attributes(&e->schema, planned);
    req.identity = identity_attrs;
    CreateResponse resp;
    resp.state = req.plan;
    resp.private_state = planned_private;
    if (identity_info != nullptr) {
      resp.identity = Attributes(&identity_info->schema,
                                 SettableIdentity(*identity_info, planned_identity));
    }
    Guard(resp.diagnostics, "Create of " + in.type_name, [&] { e->resource->Create(req, resp); });
    callback_diags = resp.diagnostics;
    result = resp.state.value();
    result_private = resp.private_state;
    result_identity = resp.identity.value();
  } else {
    UpdateRequest req;
    static_cast<CallContext&>(req) = ctx;
    req.config = Attributes(&e->schema, config);
    req.plan = Attributes(&e->schema, planned);
    req.state = Attributes(&e->schema, prior);
    req.private_state = planned_private;
    req.identity = identity_attrs;
    UpdateResponse resp;
    resp.state = req.plan;
    resp.private_state = planned_private;
    resp.identity = req.identity;
    if (identity_info != nullptr) {
      resp.identity.SetWhole(SettableIdentity(*identity_info, planned_identity));
    }
    Guard(resp.diagnostics, "Update of " + in.type_name, [&] { e->resource->Update(req, resp); });
    callback_diags = resp.diagnostics;
    result = resp.state.value();
    result_private = resp.private_state;
    result_identity = resp.identity.value();
  }
  r.diagnostics.Append(callback_diags);
  // What stays tracked when the author's state cannot be used: the prior object, or
  // nothing after a failed create.
  bool fell_back = false;
  auto fall_back = [&] {
    result = prior.IsNull() ? Value::NullVal(e->type) : prior;
    fell_back = true;
  };
  if (!result.IsNull()) {
    if (absl::Status s = result.CheckConforms(e->type); !s.ok()) {
      r.diagnostics.AddError("Provider produced a value that does not match its schema",
                             absl::StrCat("The state returned by ",
                                          prior.IsNull() ? "Create" : "Update", " of ",
                                          in.type_name, ": ", std::string(s.message())));
      fall_back();
    } else {
      result = NullWriteOnly(*e->plan, result);
    }
  }
  if (!fell_back && callback_diags.HasError() && !result.IsWhollyKnown()) fall_back();
  if (!fell_back && !callback_diags.HasError() && !result.IsNull()) {
    RequireWhollyKnown(result, "apply", r.diagnostics);
    CheckConsistentWithPlan(planned, result, r.diagnostics);
    if (r.diagnostics.HasError() && !result.IsWhollyKnown()) fall_back();
  }
  if (fell_back) {
    r.private_state = result.IsNull() ? std::string() : in.planned_private;
  } else {
    r.private_state = PrivateBytes(in.planned_private, planned_private, result_private);
  }
  if (identity_info != nullptr && !result.IsNull()) {
    // A failed operation keeps what it can: the author's identity when it is usable, else
    // the planned (prior) one when that is known, else none.
    const char* operation = prior.IsNull() ? "Create" : "Update";
    Value identity = result_identity;
    Diagnostics identity_diags;
    bool usable = CheckIdentityResult(*identity_info, in.type_name, operation,
                                      prior.IsNull() ? Value::NullVal(identity_info->type)
                                                     : planned_identity,
                                      identity, identity_diags);
    if (!fell_back && !callback_diags.HasError()) r.diagnostics.Append(identity_diags);
    if (!usable || fell_back) {
      identity = planned_identity.IsWhollyKnown() ? planned_identity
                                                  : Value::NullVal(identity_info->type);
    }
    r.new_identity = EncodeIdentity(*identity_info, identity, r.diagnostics);
  }
  r.new_state = Encode(result, e->type, r.diagnostics);
  return r;
}

ImportResourceStateResult Engine::ImportResourceState(const std::string& type_name,
                                                      const std::string& id,
                                                      const ClientCapabilities& caps,
                                                      const std::optional<RawValue>& identity) {
  ImportResourceStateResult r;
  const ResourceEntry* e = FindResource(type_name, r.diagnostics);
  if (e == nullptr) return r;
  if (std::optional<DeferredReason> deferred = ProviderDeferred()) {
    // The provider deferred everything (see src/engine/deferral.h): an unknown object.
    r.deferred = deferred;
    ImportedResource imported;
    imported.type_name = type_name;
    imported.state = Encode(Value::UnknownVal(e->type), e->type, r.diagnostics);
    r.imported.push_back(std::move(imported));
    return r;
  }
  ImportStateRequest req;
  // ImportResourceState carries no provider_meta: the context has a null object.
  static_cast<CallContext&>(req) = Context();
  req.id = id;
  const IdentityInfo* identity_info = FindIdentity(type_name);
  if (identity_info != nullptr) {
    Value given;
    if (!DecodeIdentity(*identity_info, identity, "import identity", given, r.diagnostics)) {
      return r;
    }
    req.identity = Attributes(&identity_info->schema, given);
  } else if (identity.has_value() && !identity->empty()) {
    r.diagnostics.AddError("Resource identity not supported",
                           absl::StrCat("The resource type ", type_name,
                                        " has no identity schema, so it cannot be imported by "
                                        "identity. Import it by ID."));
    return r;
  }
  req.deferral_allowed = caps.deferral_allowed;
  ImportStateResponse resp;
  resp.state = Attributes(&e->schema, EmptyObject(AsBlock(e->schema)));
  if (identity_info != nullptr) {
    resp.identity =
        Attributes(&identity_info->schema, SettableIdentity(*identity_info, req.identity.value()));
  }
  Guard(resp.diagnostics, "import of " + type_name, [&] { e->resource->ImportState(req, resp); });
  r.deferred = AcceptDeferral(resp.deferred, req.deferral_allowed, "import of " + type_name,
                              resp.diagnostics);
  r.diagnostics.Append(resp.diagnostics);
  if (r.diagnostics.HasError()) return r;
  ImportedResource imported;
  imported.type_name = type_name;
  imported.state = Encode(resp.state.value(), e->type, r.diagnostics);
  imported.private_state = resp.private_state.Serialize();
  if (identity_info != nullptr) {
    Value out = resp.identity.value();
    if (absl::Status s = out.CheckConforms(identity_info->type); !s.ok()) {
      r.diagnostics.AddError(
          "Provider produced an identity that does not match its identity schema",
          absl::StrCat("The identity returned by import of ", type_name, ": ",
                       std::string(s.message())));
      return r;
    }
    if (IsEmptyIdentity(out)) out = Value::NullVal(identity_info->type);  // Read fills it
    imported.identity = EncodeIdentity(*identity_info, out, r.diagnostics);
  }
  r.imported.push_back(std::move(imported));
  return r;
}

ReadDataSourceResult Engine::ReadDataSource(const std::string& type_name,
                                            const RawValue& config,
                                            const RawValue& provider_meta,
                                            const ClientCapabilities& caps) {
  ReadDataSourceResult r;
  const DataSourceEntry* e = FindDataSource(type_name, r.diagnostics);
  if (e == nullptr) return r;
  Value cfg;
  if (!DecodeInto(config, e->type, "data source configuration", cfg, r.diagnostics)) return r;
  if (std::optional<DeferredReason> deferred = ProviderDeferred()) {
    // The provider deferred everything (see src/engine/deferral.h).
    r.deferred = deferred;
    r.state = Encode(MarkComputedNullsUnknown(e->schema, cfg, cfg), e->type, r.diagnostics);
    return r;
  }
  DataSourceReadRequest req;
  if (!ContextWithMeta(provider_meta, req, r.diagnostics)) return r;
  req.config = Attributes(&e->schema, cfg);
  req.deferral_allowed = caps.deferral_allowed;
  DataSourceReadResponse resp;
  resp.state = req.config;
  Guard(resp.diagnostics, "Read of data source " + type_name,
        [&] { e->data_source->Read(req, resp); });
  r.deferred = AcceptDeferral(resp.deferred, req.deferral_allowed,
                              "Read of data source " + type_name, resp.diagnostics);
  r.diagnostics.Append(resp.diagnostics);
  Value out = resp.state.value();
  if (r.deferred && !r.diagnostics.HasError() && !out.IsNull() &&
      out.CheckConforms(e->type).ok()) {
    // Deferred: what the data source did not set stays unknown, as Terraform shows it.
    r.state = Encode(MarkComputedNullsUnknown(e->schema, out, cfg), e->type, r.diagnostics);
    return r;
  }
  if (!r.diagnostics.HasError()) {
    if (out.IsNull()) {
      r.diagnostics.AddError("Data source returned no result",
                             "The data source's Read left the whole state null.");
    } else {
      RequireWhollyKnown(out, "reading the data source", r.diagnostics);
    }
  }
  if (r.diagnostics.HasError()) out = cfg;
  r.state = Encode(out, e->type, r.diagnostics);
  return r;
}

// --- ephemeral resources --------------------------------------------------------------

void Engine::AddEphemeralSchemas() {
  for (const auto& x : provider_.ephemeral_resources()) {
    auto entry = std::make_unique<EphemeralEntry>();
    entry->ephemeral = x.get();
    std::string name;
    Guard(schema_diagnostics_, "ephemeral resource schema", [&] {
      name = x->TypeName();
      entry->schema = x->GetSchema();
      entry->config_validators = x->ConfigValidators();
    });
    for (const Diagnostic& diag : entry->schema.Validate()) {
      Diagnostic copy = diag;
      copy.summary = absl::StrCat("ephemeral resource ", name, ": ", diag.summary);
      schema_diagnostics_.Add(std::move(copy));
    }
    entry->type = entry->schema.ImpliedType();
    if (ephemeral_resources_.count(name)) {
      schema_diagnostics_.AddError(
          absl::StrCat("Duplicate ephemeral resource type \"", name, "\""));
    }
    ephemeral_resources_[name] = std::move(entry);
  }
}

const Engine::EphemeralEntry* Engine::FindEphemeral(const std::string& type_name,
                                                    Diagnostics& diags) const {
  auto it = ephemeral_resources_.find(type_name);
  if (it == ephemeral_resources_.end()) {
    diags.Append(Unsupported("ephemeral resource", type_name));
    return nullptr;
  }
  return it->second.get();
}

Diagnostics Engine::ValidateEphemeralResourceConfig(const std::string& type_name,
                                                    const RawValue& config) {
  Diagnostics diags;
  const EphemeralEntry* e = FindEphemeral(type_name, diags);
  if (e == nullptr) return diags;
  Value v;
  if (!DecodeInto(config, e->type, "ephemeral resource configuration", v, diags)) return diags;
  EphemeralResource* ephemeral = e->ephemeral;
  diags.Append(ValidateConfiguration(
      e->schema, v, e->config_validators,
      [ephemeral](const ValidateConfigRequest& req, ValidateConfigResponse& resp) {
        ephemeral->ValidateConfig(req, resp);
      },
      absl::StrCat("ephemeral resource \"", type_name, "\"")));
  return diags;
}

OpenEphemeralResourceResult Engine::OpenEphemeralResource(
    const OpenEphemeralResourceRequest& in) {
  OpenEphemeralResourceResult r;
  const EphemeralEntry* e = FindEphemeral(in.type_name, r.diagnostics);
  if (e == nullptr) return r;
  Value cfg;
  if (!DecodeInto(in.config, e->type, "ephemeral resource configuration", cfg, r.diagnostics)) {
    return r;
  }
  if (!cfg.IsWhollyKnown()) {
    // Nothing can be opened yet; Terraform opens the resource again once the configuration
    // is known (in apply).
    SdkLog(log::Level::kDebug, "ephemeral resource configuration not wholly known; not opened",
           {{"type_name", in.type_name}});
    r.result = Encode(Value::UnknownVal(e->type), e->type, r.diagnostics);
    if (in.client_capabilities.deferral_allowed) {
      r.deferred = DeferredReason::kResourceConfigUnknown;
    }
    return r;
  }
  EphemeralOpenRequest req;
  static_cast<CallContext&>(req) = Context();
  req.config = Attributes(&e->schema, cfg);
  EphemeralOpenResponse resp;
  resp.result = req.config;
  Guard(resp.diagnostics, "Open of ephemeral resource " + in.type_name,
        [&] { e->ephemeral->Open(req, resp); });
  r.diagnostics.Append(resp.diagnostics);
  Value out = resp.result.value();
  if (!r.diagnostics.HasError()) {
    if (out.IsNull()) {
      r.diagnostics.AddError("Ephemeral resource returned no result",
                             absl::StrCat("Open of ", in.type_name,
                                          " left the whole result null."));
    } else if (absl::Status s = out.CheckConforms(e->type); !s.ok()) {
      r.diagnostics.AddError("Provider produced a value that does not match its schema",
                             absl::StrCat("The result returned by Open of ", in.type_name,
                                          ": ", std::string(s.message())));
    } else {
      RequireWhollyKnown(out, "opening the ephemeral resource", r.diagnostics);
    }
  }
  if (r.diagnostics.HasError()) {
    // Terraform ignores the result of a failed Open; nothing was opened to renew or close.
    r.result = Encode(Value::NullVal(e->type), e->type, r.diagnostics);
    return r;
  }
  r.result = Encode(out, e->type, r.diagnostics);
  std::string private_bytes = resp.private_state.Serialize();
  if (!private_bytes.empty()) r.private_state = std::move(private_bytes);
  r.renew_at = resp.renew_at;
  return r;
}

RenewEphemeralResourceResult Engine::RenewEphemeralResource(const std::string& type_name,
                                                            const std::string& private_state) {
  RenewEphemeralResourceResult r;
  if (!private_state.empty()) r.private_state = private_state;
  const EphemeralEntry* e = FindEphemeral(type_name, r.diagnostics);
  if (e == nullptr) return r;
  EphemeralRenewRequest req;
  static_cast<CallContext&>(req) = Context();
  req.private_state = PrivateState::Parse(private_state);
  EphemeralRenewResponse resp;
  resp.private_state = req.private_state;
  Guard(resp.diagnostics, "Renew of ephemeral resource " + type_name,
        [&] { e->ephemeral->Renew(req, resp); });
  r.diagnostics.Append(resp.diagnostics);
  std::string bytes = PrivateBytes(private_state, req.private_state, resp.private_state);
  r.private_state = bytes.empty() ? std::nullopt : std::optional<std::string>(bytes);
  r.renew_at = resp.renew_at;
  return r;
}

Diagnostics Engine::CloseEphemeralResource(const std::string& type_name,
                                           const std::string& private_state) {
  Diagnostics diags;
  const EphemeralEntry* e = FindEphemeral(type_name, diags);
  if (e == nullptr) return diags;
  EphemeralCloseRequest req;
  static_cast<CallContext&>(req) = Context();
  req.private_state = PrivateState::Parse(private_state);
  EphemeralCloseResponse resp;
  Guard(resp.diagnostics, "Close of ephemeral resource " + type_name,
        [&] { e->ephemeral->Close(req, resp); });
  diags.Append(resp.diagnostics);
  return diags;
}

// --- helpers for the engine's other files (move.cc, generate.cc) ----------------------

bool Engine::ViewResource(const std::string& type_name, ResourceView& view,
                          Diagnostics& diags) const {
  const ResourceEntry* e = FindResource(type_name, diags);
  if (e == nullptr) return false;
  view.resource = e->resource;
  view.schema = &e->schema;
  view.type = &e->type;
  view.plan = e->plan.get();
  view.movers = &e->movers;
  return true;
}

void Engine::GuardAuthor(Diagnostics& diags, const std::string& where,
                         const std::function<void()>& fn) {
  Guard(diags, where, fn);
}

RawValue Engine::EncodeResult(const Value& v, const Type& type, Diagnostics& diags) {
  return Encode(v, type, diags);
}

Value Engine::EmptyResourceObject(const Schema& schema) { return EmptyObject(AsBlock(schema)); }

std::optional<DeferredReason> Engine::ProviderDeferred() const {
  std::shared_lock lock(configure_mu_);
  return provider_deferred_;
}

std::string Engine::StopProvider() {
  cancel_.Cancel();
  return {};
}

}  // namespace tfsdk::internal
