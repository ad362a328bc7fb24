// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "tfsdk/testing/unit.h"

#include <exception>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "src/engine/engine.h"
#include "src/engine/state_store.h"
#include "src/testing/objchange.h"
#include "src/value/json_codec.h"
#include "src/value/msgpack_codec.h"

namespace tfsdk::testing {

using internal::Engine;
using internal::PathProblem;
using internal::RawValue;

std::string_view PlanActionName(PlanAction action) {
  switch (action) {
    case PlanAction::kNoOp:
      return "no-op";
    case PlanAction::kCreate:
      return "create";
    case PlanAction::kUpdate:
      return "update";
    case PlanAction::kReplace:
      return "replace";
    case PlanAction::kDelete:
      return "delete";
  }
  return "unknown";
}

std::ostream& operator<<(std::ostream& os, PlanAction action) {
  return os << PlanActionName(action);
}

namespace {

// The schema of one resource, data source or provider configuration, and what the harness
// derives from it once.
struct Entry {
  std::string name;
  const Schema* schema = nullptr;
  Block block;
  Type type;
};

Entry MakeEntry(std::string name, const Schema* schema) {
  return Entry{std::move(name), schema, internal::SchemaBlock(*schema), schema->ImpliedType()};
}

// Rebuilds `v` as a value of `type`: object attributes left out become null, lists, sets
// and tuples convert into each other, maps and objects likewise. Primitive kinds must match.
absl::StatusOr<Value> Coerce(const Value& v, const Type& type, const Path& path) {
  if (type.IsDynamic() || v.type() == type) return v;
  if (v.IsNull()) return Value::NullVal(type);
  if (v.IsUnknown()) return Value::UnknownVal(type);
  auto mismatch = [&](std::string_view want) {
    return absl::InvalidArgumentError(absl::StrCat(path.empty() ? "value" : path.ToString(),
                                                   ": expected ", std::string(want), ", got ",
                                                   v.type().FriendlyName()));
  };
  const Type& vt = v.type();
  switch (type.kind()) {
    case TypeKind::kObject: {
      if (!vt.IsObject()) return mismatch("an object");
      std::map<std::string, Value> attrs;
      for (const auto& [name, at] : vt.AttributeTypes()) {
        if (!type.HasAttribute(name)) {
          return absl::InvalidArgumentError(
              absl::StrCat(path.Attr(name).ToString(), ": unsupported attribute \"", name, "\""));
        }
      }
      for (const auto& [name, at] : type.AttributeTypes()) {
        const Value* a = v.FindAttr(name);
        if (a == nullptr) continue;  // null
        absl::StatusOr<Value> c = Coerce(*a, at, path.Attr(name));
        if (!c.ok()) return c.status();
        attrs.emplace(name, *std::move(c));
      }
      return Value::ObjectVal(type, std::move(attrs));
    }
    case TypeKind::kList:
    case TypeKind::kSet: {
      if (!vt.IsList() && !vt.IsSet() && !vt.IsTuple()) {
        return mismatch(type.IsList() ? "a list" : "a set");
      }
      ValueList elems;
      for (size_t i = 0; i < v.Length(); ++i) {
        absl::StatusOr<Value> c =
            Coerce(v.Index(i), type.ElementType(), path.Index(static_cast<int64_t>(i)));
        if (!c.ok()) return c.status();
        elems.push_back(*std::move(c));
      }
      return type.IsList() ? Value::ListVal(type.ElementType(), std::move(elems))
                           : Value::SetVal(type.ElementType(), std::move(elems));
    }
    case TypeKind::kMap: {
      std::map<std::string, Value> elems;
      if (vt.IsMap()) {
        for (const auto& [k, e] : v.MapElements()) {
          absl::StatusOr<Value> c = Coerce(e, type.ElementType(), path.Key(k));
          if (!c.ok()) return c.status();
          elems.emplace(k, *std::move(c));
        }
      } else if (vt.IsObject()) {
        for (const auto& [k, at] : vt.AttributeTypes()) {
          absl::StatusOr<Value> c = Coerce(v.GetAttr(k), type.ElementType(), path.Key(k));
          if (!c.ok()) return c.status();
          elems.emplace(k, *std::move(c));
        }
      } else {
        return mismatch("a map");
      }
      return Value::MapVal(type.ElementType(), std::move(elems));
    }
    case TypeKind::kTuple: {
      const std::vector<Type>& ets = type.TupleElementTypes();
      if (!(vt.IsTuple() || vt.IsList()) || v.Length() != ets.size()) return mismatch("a tuple");
      ValueList elems;
      for (size_t i = 0; i < ets.size(); ++i) {
        absl::StatusOr<Value> c = Coerce(v.Index(i), ets[i], path.Index(static_cast<int64_t>(i)));
        if (!c.ok()) return c.status();
        elems.push_back(*std::move(c));
      }
      return Value::TupleVal(std::move(elems));
    }
    default:
      return mismatch(type.FriendlyName());
  }
}

// A problem found by one of Terraform's checks, as an error diagnostic.
void AddProblems(Diagnostics& diags, const std::vector<PathProblem>& problems,
                 const std::string& summary, const std::string& subject,
                 const std::string& explanation) {
  for (const PathProblem& p : problems) {
    std::string where =
        p.path.empty() ? subject : absl::StrCat("\"", p.path.ToString(), "\" of ", subject);
    diags.AddError(summary, absl::StrCat(where, ": ", p.message, ". ", explanation),
                   p.path.empty() ? std::nullopt : std::optional<Path>(p.path));
  }
}

// Private state bytes as a PrivateState; bytes that are not ours are reported.
PrivateState ParsePrivate(const std::string& bytes, Diagnostics& diags) {
  bool ok = true;
  PrivateState p = PrivateState::Parse(bytes, &ok);
  if (!ok) {
    diags.AddWarning("Private state is not a JSON object",
                     "The provider returned private state bytes the harness cannot read as "
                     "tfsdk private state; they were dropped.");
  }
  return p;
}

// Every unknown inside `v` becomes null (what Terraform saves of a broken result).
Value UnknownAsNull(const Value& v) {
  if (v.IsWhollyKnown()) return v;
  absl::StatusOr<Value> out = v.Transform([](const Path&, const Value& x) -> absl::StatusOr<Value> {
    return x.IsUnknown() ? Value::NullVal(x.type()) : x;
  });
  return out.ok() ? *std::move(out) : Value::NullVal(v.type());
}

constexpr const char kInvalidPlanHint[] =
    "A planned value may differ from the configuration only where the attribute is Computed "
    "and the configuration leaves it null, or where it keeps the prior state's value; "
    "Terraform fails with \"Provider produced invalid plan\" otherwise.";
constexpr const char kInconsistentResultHint[] =
    "Every value known in the plan (for example one from the configuration) must come back "
    "unchanged from apply; only values planned unknown may be filled in.";
constexpr const char kInconsistentFinalPlanHint[] =
    "Terraform plans again during apply and requires the second plan to agree with the first "
    "wherever the first was known: planning must be deterministic.";

}  // namespace

class UnitHarness::Impl {
 public:
  Impl(Provider& provider, Options options) : options_(std::move(options)), engine_(provider) {
    schemas_ = engine_.GetProviderSchema();
    schema_diagnostics_ = engine_.schema_diagnostics();
    provider_entry_ = MakeEntry("provider", &schemas_.provider);
    if (schemas_.provider_meta) meta_entry_ = MakeEntry("provider_meta", &*schemas_.provider_meta);
    for (const auto& [name, schema] : schemas_.resources) {
      resources_.emplace(name, MakeEntry(name, &schema));
    }
    for (const auto& [name, schema] : schemas_.data_sources) {
      data_sources_.emplace(name, MakeEntry(name, &schema));
    }
    for (const auto& [name, schema] : schemas_.ephemeral_resources) {
      ephemerals_.emplace(name, MakeEntry(name, &schema));
    }
    caps_.write_only_attributes_allowed = options_.write_only_attributes_allowed;
    caps_.deferral_allowed = options_.deferral_allowed;
    provider_type_ = provider.type_name();
  }

  const Diagnostics& schema_diagnostics() const { return schema_diagnostics_; }
  const Schema& provider_schema() const { return schemas_.provider; }

  const Entry* Resource(std::string_view name) const {
    auto it = resources_.find(name);
    return it == resources_.end() ? nullptr : &it->second;
  }
  const Entry* DataSource(std::string_view name) const {
    auto it = data_sources_.find(name);
    return it == data_sources_.end() ? nullptr : &it->second;
  }

  const Entry* Ephemeral(std::string_view name) const {
    auto it = ephemerals_.find(name);
    return it == ephemerals_.end() ? nullptr : &it->second;
  }

  Value JsonValue(const Entry* e, std::string_view what, std::string_view name,
                  std::string_view json) const {
    if (e == nullptr) {
      throw std::invalid_argument(
          absl::StrCat("the provider has no ", std::string(what), " \"", std::string(name), "\""));
    }
    absl::StatusOr<Value> v = internal::DecodeJsonValue(json, e->type);
    if (!v.ok()) {
      throw std::invalid_argument(absl::StrCat("JSON for ", std::string(what), " ",
                                               std::string(name), ": ",
                                               std::string(v.status().message())));
    }
    return internal::FillEmptyBlocks(e->block, *v);
  }

  Value ProviderConfigValue(std::string_view json) const {
    return JsonValue(&provider_entry_, "configuration", "provider", json);
  }

  // --- provider --------------------------------------------------------------------

  Diagnostics ValidateProvider(const Input& in) {
    Diagnostics diags;
    Value config;
    if (!Ready(diags) || !ProviderConfig(in, config, diags)) return diags;
    ValidateProviderValue(config, diags);
    return diags;
  }

  Diagnostics Configure(const Input& in) {
    Diagnostics diags;
    Value config;
    if (!Ready(diags) || !ProviderConfig(in, config, diags)) return diags;
    DoConfigure(config, diags);
    return diags;
  }

  Diagnostics SetProviderMeta(const Input& in) {
    Diagnostics diags;
    if (!meta_entry_) {
      diags.AddError("Provider has no provider_meta schema",
                     "Terraform rejects a provider_meta block for a provider that does not "
                     "declare a meta schema (Provider::GetMetaSchema).");
      return diags;
    }
    Value meta;
    if (!ToValue(*meta_entry_, in, "provider_meta", meta, diags)) return diags;
    if (meta.IsNull()) meta = internal::EmptyBlockValue(meta_entry_->block);
    AddConfigProblems(*meta_entry_, meta, diags);
    if (!diags.HasError()) provider_meta_ = Encode(*meta_entry_, meta, diags);
    return diags;
  }

  void Stop() { engine_.StopProvider(); }

  // --- resources -------------------------------------------------------------------

  Diagnostics Validate(std::string_view type_name, const Input& in) {
    Diagnostics diags;
    const Entry* e = nullptr;
    Value config;
    if (!Ready(diags) || (e = FindResource(type_name, diags)) == nullptr ||
        !ToValue(*e, in, "configuration", config, diags)) {
      return diags;
    }
    if (config.IsNull()) {
      diags.AddError("Missing configuration", "Validate needs a configuration object.");
      return diags;
    }
    ValidateResourceValue(*e, config, diags);
    return diags;
  }

  PlanResult Plan(std::string_view type_name, const Input& prior_in, const Input& config_in) {
    PlanResult r;
    r.type_name = std::string(type_name);
    const Entry* e = nullptr;
    Value prior, config;
    if (!Ready(r.diagnostics) || (e = FindResource(type_name, r.diagnostics)) == nullptr) {
      return r;
    }
    r.prior = r.config = r.proposed = r.planned = Attrs(*e, Value::NullVal(e->type));
    if (!ToValue(*e, prior_in, "prior state", prior, r.diagnostics) ||
        !ToValue(*e, config_in, "configuration", config, r.diagnostics)) {
      return r;
    }
    r.prior = Attrs(*e, prior);
    r.config = Attrs(*e, config);
    r.prior_private = prior_in.private_state();
    r.private_state = r.prior_private;
    if (!EnsureConfigured(r.diagnostics)) return r;
    if (config.IsNull()) {
      PlanDestroy(*e, prior, r);
      return r;
    }
    ValidateResourceValue(*e, config, r.diagnostics);
    if (r.diagnostics.HasError()) return r;
    last_plan_deferred_.reset();
    PlanChange(*e, prior, config, r);
    r.deferred_reason = ToPublic(last_plan_deferred_);
    return r;
  }

  ApplyResult Apply(const PlanResult& plan) {
    ApplyResult r;
    r.plan = plan;
    r.state = plan.prior;
    r.private_state = plan.prior_private;
    if (!plan.ok()) {
      r.diagnostics = plan.diagnostics;
      return r;
    }
    const Entry* e = nullptr;
    if (!Ready(r.diagnostics) || (e = FindResource(plan.type_name, r.diagnostics)) == nullptr ||
        !EnsureConfigured(r.diagnostics)) {
      return r;
    }
    const Value& prior = plan.prior.value();
    const Value null_object = Value::NullVal(e->type);
    switch (plan.action) {
      case PlanAction::kNoOp:
        return r;
      case PlanAction::kDelete:
        ApplyChange(*e, prior, null_object, null_object, plan.private_state, PlanAction::kDelete,
                    r);
        return r;
      case PlanAction::kReplace: {
        // Delete first (Terraform's default), then create from nothing.
        ApplyChange(*e, prior, null_object, null_object, plan.prior_private, PlanAction::kDelete,
                    r);
        if (r.diagnostics.HasError()) return r;
        PlanResult create = plan;
        create.action = PlanAction::kCreate;
        create.prior = Attrs(*e, null_object);
        create.prior_private = PrivateState();
        ApplyResult created = ApplyCreateOrUpdate(*e, create);
        r.diagnostics.Append(created.diagnostics);
        r.state = created.state;
        r.private_state = created.private_state;
        r.plan = created.plan;
        r.plan.action = PlanAction::kReplace;
        r.plan.prior = plan.prior;
        r.plan.prior_private = plan.prior_private;
        return r;
      }
      case PlanAction::kCreate:
      case PlanAction::kUpdate: {
        return ApplyCreateOrUpdate(*e, plan);
      }
    }
    return r;
  }

  ReadResult Read(std::string_view type_name, const Input& in) {
    ReadResult r;
    const Entry* e = nullptr;
    Value prior;
    if (!Ready(r.diagnostics) || (e = FindResource(type_name, r.diagnostics)) == nullptr) {
      return r;
    }
    r.state = Attrs(*e, Value::NullVal(e->type));
    if (!ToValue(*e, in, "prior state", prior, r.diagnostics)) return r;
    r.state = Attrs(*e, prior);
    r.private_state = in.private_state();
    if (prior.IsNull() || !EnsureConfigured(r.diagnostics)) return r;
    Value current = prior;
    if (options_.upgrade_before_read) {
      absl::StatusOr<std::string> json = internal::EncodeJsonValue(prior, e->type);
      if (!json.ok()) {
        r.diagnostics.AddError("Invalid prior state",
                               absl::StrCat("The state given to Read cannot be stored as "
                                            "Terraform stores state: ",
                                            std::string(json.status().message())));
        return r;
      }
      internal::UpgradeResourceStateResult up =
          engine_.UpgradeResourceState(e->name, e->schema->version, internal::RawState{*json, {}});
      r.diagnostics.Append(up.diagnostics);
      if (r.diagnostics.HasError() ||
          !Decode(*e, up.upgraded_state, "upgraded state", current, r.diagnostics)) {
        return r;
      }
    }
    ReadInto(*e, current, r.private_state, r);
    return r;
  }

  ReadResult Import(std::string_view type_name, std::string_view id) {
    ReadResult r;
    const Entry* e = nullptr;
    if (!Ready(r.diagnostics) || (e = FindResource(type_name, r.diagnostics)) == nullptr) {
      return r;
    }
    r.state = Attrs(*e, Value::NullVal(e->type));
    if (!EnsureConfigured(r.diagnostics)) return r;
    internal::ImportResourceStateResult imported =
        engine_.ImportResourceState(e->name, std::string(id), caps_);
    r.diagnostics.Append(imported.diagnostics);
    if (r.diagnostics.HasError()) return r;
    if (imported.deferred) {
      // Terraform does not read a deferred import; the state may be unknown.
      r.deferred_reason = ToPublic(imported.deferred);
      Value deferred_state;
      if (imported.imported.size() == 1 &&
          Decode(*e, imported.imported.front().state, "imported state", deferred_state,
                 r.diagnostics)) {
        r.state = Attrs(*e, deferred_state);
      }
      return r;
    }
    if (imported.imported.size() != 1) {
      r.diagnostics.AddError("Invalid import result",
                             absl::StrCat("ImportResourceState returned ", imported.imported.size(),
                                          " objects; Terraform needs exactly one."));
      return r;
    }
    const internal::ImportedResource& obj = imported.imported.front();
    if (obj.type_name != e->name) {
      r.diagnostics.AddError("Invalid import result",
                             absl::StrCat("ImportResourceState returned an object of type \"",
                                          obj.type_name, "\" for an import of \"", e->name, "\"."));
      return r;
    }
    Value state;
    if (!Decode(*e, obj.state, "imported state", state, r.diagnostics)) return r;
    PrivateState priv = ParsePrivate(obj.private_state, r.diagnostics);
    ReadInto(*e, state, priv, r);
    if (!r.diagnostics.HasError() && r.state.IsNull()) {
      r.diagnostics.AddError(
          "Cannot import non-existent remote object",
          absl::StrCat("While attempting to import an existing object to ", e->name, " with ID \"",
                       std::string(id),
                       "\", the provider's Read reported that the object does not exist."));
    }
    return r;
  }

  ReadResult UpgradeState(std::string_view type_name, int64_t version, std::string_view raw_json) {
    ReadResult r;
    const Entry* e = nullptr;
    if (!Ready(r.diagnostics) || (e = FindResource(type_name, r.diagnostics)) == nullptr) {
      return r;
    }
    r.state = Attrs(*e, Value::NullVal(e->type));
    internal::UpgradeResourceStateResult up = engine_.UpgradeResourceState(
        e->name, version, internal::RawState{std::string(raw_json), {}});
    r.diagnostics.Append(up.diagnostics);
    Value v;
    if (!r.diagnostics.HasError() &&
        Decode(*e, up.upgraded_state, "upgraded state", v, r.diagnostics)) {
      r.state = Attrs(*e, v);
    }
    return r;
  }

  // --- moves and generated configuration ---------------------------------------------

  ReadResult MoveState(std::string_view target_type_name, const MoveSource& source) {
    ReadResult r;
    const Entry* e = nullptr;
    if (!Ready(r.diagnostics) ||
        (e = FindResource(target_type_name, r.diagnostics)) == nullptr) {
      return r;
    }
    r.state = Attrs(*e, Value::NullVal(e->type));
    internal::MoveResourceStateRequest req;
    req.source_provider_address = source.provider_address.empty()
                                      ? "registry.terraform.io/tfsdk/" + provider_type_
                                      : source.provider_address;
    req.source_type_name = source.type_name;
    req.source_schema_version = source.schema_version;
    req.source_state.json = source.state_json;
    req.target_type_name = e->name;
    req.source_private = source.private_state.Serialize();
    internal::MoveResourceStateResult moved = engine_.MoveResourceState(req);
    r.diagnostics.Append(moved.diagnostics);
    if (r.diagnostics.HasError()) return r;
    Value v;
    if (!Decode(*e, moved.target_state, "moved state", v, r.diagnostics)) return r;
    r.state = Attrs(*e, v);
    r.private_state = ParsePrivate(moved.target_private, r.diagnostics);
    return r;
  }

  GeneratedConfig GenerateConfig(std::string_view type_name, const Input& in) {
    GeneratedConfig r;
    const Entry* e = nullptr;
    Value state;
    if (!Ready(r.diagnostics) || (e = FindResource(type_name, r.diagnostics)) == nullptr) {
      return r;
    }
    r.config = Attrs(*e, Value::NullVal(e->type));
    if (!ToValue(*e, in, "state", state, r.diagnostics)) return r;
    internal::GenerateResourceConfigResult generated =
        engine_.GenerateResourceConfig(e->name, Encode(*e, state, r.diagnostics));
    r.diagnostics.Append(generated.diagnostics);
    if (r.diagnostics.HasError()) return r;
    Value config;
    if (Decode(*e, generated.config, "generated configuration", config, r.diagnostics)) {
      r.config = Attrs(*e, config);
    }
    return r;
  }

  static std::optional<DeferredReason> ToPublic(std::optional<internal::DeferredReason> d) {
    if (!d) return std::nullopt;
    return static_cast<DeferredReason>(static_cast<int>(*d));
  }

  // --- data sources ----------------------------------------------------------------

  Diagnostics ValidateDataSource(std::string_view type_name, const Input& in) {
    Diagnostics diags;
    const Entry* e = nullptr;
    Value config;
    if (!Ready(diags) || (e = FindDataSource(type_name, diags)) == nullptr ||
        !ToValue(*e, in, "configuration", config, diags)) {
      return diags;
    }
    ValidateDataSourceValue(*e, config, diags);
    return diags;
  }

  DataSourceResult ReadDataSource(std::string_view type_name, const Input& in) {
    DataSourceResult r;
    const Entry* e = nullptr;
    Value config;
    if (!Ready(r.diagnostics) || (e = FindDataSource(type_name, r.diagnostics)) == nullptr) {
      return r;
    }
    r.state = Attrs(*e, Value::NullVal(e->type));
    if (!ToValue(*e, in, "configuration", config, r.diagnostics)) return r;
    if (config.IsNull()) config = internal::EmptyBlockValue(e->block);
    ValidateDataSourceValue(*e, config, r.diagnostics);
    if (r.diagnostics.HasError() || !EnsureConfigured(r.diagnostics)) return r;
    if (!config.IsWhollyKnown()) {
      r.deferred = true;
      r.state = Attrs(*e, Guarded(r.diagnostics, [&] {
        return internal::PlannedDataSourceState(e->block, config);
      }));
      return r;
    }
    internal::ReadDataSourceResult read =
        engine_.ReadDataSource(e->name, Encode(*e, config, r.diagnostics), provider_meta_, caps_);
    r.diagnostics.Append(read.diagnostics);
    if (r.diagnostics.HasError()) return r;
    Value state;
    if (!Decode(*e, read.state, "data source state", state, r.diagnostics)) return r;
    if (read.deferred) {
      r.deferred = true;
      r.deferred_reason = ToPublic(read.deferred);
      r.state = Attrs(*e, state);
      return r;
    }
    if (state.IsNull()) {
      r.diagnostics.AddError("Provider produced null object",
                             absl::StrCat("The provider returned a null object for data source ",
                                          e->name, "; a data source always has a result."));
      return r;
    }
    if (!state.IsWhollyKnown()) {
      r.diagnostics.AddError("Provider produced invalid object",
                             absl::StrCat("The provider returned a value for data source ", e->name,
                                          " that is not wholly known."));
      state = UnknownAsNull(state);
    }
    r.state = Attrs(*e, state);
    return r;
  }

  // --- ephemeral resources ---------------------------------------------------------

  Diagnostics ValidateEphemeral(std::string_view type_name, const Input& in) {
    Diagnostics diags;
    const Entry* e = nullptr;
    Value config;
    if (!Ready(diags) || (e = FindEphemeral(type_name, diags)) == nullptr ||
        !ToValue(*e, in, "configuration", config, diags)) {
      return diags;
    }
    if (config.IsNull()) config = internal::EmptyBlockValue(e->block);
    ValidateEphemeralValue(*e, config, diags);
    return diags;
  }

  EphemeralResult OpenEphemeral(std::string_view type_name, const Input& in) {
    EphemeralResult r;
    r.type_name = std::string(type_name);
    const Entry* e = nullptr;
    Value config;
    if (!Ready(r.diagnostics) || (e = FindEphemeral(type_name, r.diagnostics)) == nullptr) {
      return r;
    }
    r.result = Attrs(*e, Value::NullVal(e->type));
    if (!ToValue(*e, in, "configuration", config, r.diagnostics)) return r;
    if (config.IsNull()) config = internal::EmptyBlockValue(e->block);
    ValidateEphemeralValue(*e, config, r.diagnostics);
    if (r.diagnostics.HasError() || !EnsureConfigured(r.diagnostics)) return r;
    if (!config.IsWhollyKnown()) {
      r.deferred = true;
      r.result = Attrs(*e, Value::UnknownVal(e->type));
      return r;
    }
    internal::OpenEphemeralResourceRequest req;
    req.type_name = e->name;
    req.config = Encode(*e, config, r.diagnostics);
    req.client_capabilities = caps_;
    internal::OpenEphemeralResourceResult opened = engine_.OpenEphemeralResource(req);
    r.diagnostics.Append(opened.diagnostics);
    if (r.diagnostics.HasError()) return r;
    Value result;
    if (!Decode(*e, opened.result, "ephemeral result", result, r.diagnostics)) return r;
    if (result.IsNull() || !result.IsWhollyKnown()) {
      r.diagnostics.AddError("Provider produced invalid object",
                             absl::StrCat("The provider returned a result for ephemeral resource ",
                                          e->name, " that is null or not wholly known."));
      return r;
    }
    r.result = Attrs(*e, result);
    r.private_state = PrivateState::Parse(opened.private_state.value_or(""));
    r.renew_at = opened.renew_at;
    return r;
  }

  EphemeralResult RenewEphemeral(const EphemeralResult& opened) {
    EphemeralResult r = opened;
    r.diagnostics = Diagnostics();
    r.renew_at.reset();
    if (!Ready(r.diagnostics) || FindEphemeral(opened.type_name, r.diagnostics) == nullptr ||
        !EnsureConfigured(r.diagnostics)) {
      return r;
    }
    internal::RenewEphemeralResourceResult renewed =
        engine_.RenewEphemeralResource(opened.type_name, opened.private_state.Serialize());
    r.diagnostics.Append(renewed.diagnostics);
    r.private_state = PrivateState::Parse(renewed.private_state.value_or(""));
    r.renew_at = renewed.renew_at;
    return r;
  }

  Diagnostics CloseEphemeral(const EphemeralResult& opened) {
    Diagnostics diags;
    if (!Ready(diags) || FindEphemeral(opened.type_name, diags) == nullptr ||
        !EnsureConfigured(diags)) {
      return diags;
    }
    diags.Append(
        engine_.CloseEphemeralResource(opened.type_name, opened.private_state.Serialize()));
    return diags;
  }

  // --- actions and state stores ------------------------------------------------------

  ActionResult InvokeAction(std::string_view type_name, const Input& in, bool invoke) {
    ActionResult r;
    const Entry* e = nullptr;
    Value config;
    if (!Ready(r.diagnostics) ||
        (e = FindExtra(actions_, "action", type_name, r.diagnostics)) == nullptr ||
        !ToValue(*e, in, "configuration", config, r.diagnostics)) {
      return r;
    }
    if (config.IsNull()) config = internal::EmptyBlockValue(e->block);
    AddConfigProblems(*e, config, r.diagnostics);
    if (r.diagnostics.HasError()) return r;
    r.diagnostics.Append(engine_.ValidateActionConfig(e->name, Encode(*e, config, r.diagnostics)));
    if (r.diagnostics.HasError() || !invoke) return r;
    if (!EnsureConfigured(r.diagnostics)) return r;
    internal::PlanActionRequest plan;
    plan.type_name = e->name;
    plan.config = Encode(*e, config, r.diagnostics);
    plan.client_capabilities = caps_;
    r.diagnostics.Append(engine_.PlanAction(plan).diagnostics);
    if (r.diagnostics.HasError() || !config.IsWhollyKnown()) return r;
    internal::InvokeActionRequest req;
    req.type_name = e->name;
    req.config = plan.config;
    req.client_capabilities = caps_;
    r.diagnostics.Append(engine_.InvokeAction(
        req, [&r](const std::string& message) { r.progress.push_back(message); }));
    r.invoked = true;
    return r;
  }

  Diagnostics StateStoreConfig(std::string_view type_name, const Input& in, bool configure,
                               int64_t chunk_size) {
    Diagnostics diags;
    const Entry* e = nullptr;
    Value config;
    if (!Ready(diags) ||
        (e = FindExtra(state_stores_, "state store", type_name, diags)) == nullptr ||
        !ToValue(*e, in, "configuration", config, diags)) {
      return diags;
    }
    if (config.IsNull()) config = internal::EmptyBlockValue(e->block);
    AddConfigProblems(*e, config, diags);
    if (diags.HasError()) return diags;
    diags.Append(engine_.ValidateStateStoreConfig(e->name, Encode(*e, config, diags)));
    if (diags.HasError() || !configure || !EnsureConfigured(diags)) return diags;
    diags.Append(
        engine_.ConfigureStateStore(e->name, Encode(*e, config, diags), chunk_size).diagnostics);
    return diags;
  }

  Engine& engine() { return engine_; }
  bool StateStoreKnown(std::string_view type_name, Diagnostics& diags) {
    return Ready(diags) && FindExtra(state_stores_, "state store", type_name, diags) != nullptr;
  }
  const Entry* ActionEntry(std::string_view name) {
    LoadExtras();
    auto it = actions_.find(name);
    return it == actions_.end() ? nullptr : &it->second;
  }
  const Entry* StateStoreEntry(std::string_view name) {
    LoadExtras();
    auto it = state_stores_.find(name);
    return it == state_stores_.end() ? nullptr : &it->second;
  }

 private:
  // Built on first use, so the constructor stays as it was.
  void LoadExtras() {
    if (extras_loaded_) return;
    extras_loaded_ = true;
    action_schemas_ = engine_.ActionSchemas();
    state_store_schemas_ = engine_.StateStoreSchemas();
    for (const auto& [name, schema] : action_schemas_) {
      actions_.emplace(name, MakeEntry(name, &schema));
    }
    for (const auto& [name, schema] : state_store_schemas_) {
      state_stores_.emplace(name, MakeEntry(name, &schema));
    }
  }
  const Entry* FindExtra(std::map<std::string, Entry, std::less<>>& entries, const char* what,
                         std::string_view name, Diagnostics& diags) {
    LoadExtras();
    auto it = entries.find(name);
    if (it == entries.end()) {
      diags.AddError(absl::StrCat("Invalid ", what, " type"),
                     absl::StrCat("The provider does not support ", what, " type \"",
                                  std::string(name), "\"."));
      return nullptr;
    }
    return &it->second;
  }
  bool extras_loaded_ = false;
  std::map<std::string, Schema> action_schemas_;
  std::map<std::string, Schema> state_store_schemas_;
  std::map<std::string, Entry, std::less<>> actions_;
  std::map<std::string, Entry, std::less<>> state_stores_;

 public:

  // Functions need no configuration: Terraform calls them on an unconfigured provider.
  FunctionCallResult CallFunction(std::string_view name, const std::vector<Value>& arguments) {
    FunctionCallResult out;
    auto fail = [&out](std::string text, std::optional<int64_t> argument) {
      out.error = FunctionError{std::move(text), argument};
      return out;
    };
    internal::FunctionsResult defs = engine_.GetFunctions();
    auto it = defs.functions.find(std::string(name));
    if (it == defs.functions.end()) {
      return fail(absl::StrCat("The function \"", std::string(name),
                               "\" is not supported by this provider."),
                  std::nullopt);
    }
    const FunctionDefinition& def = it->second;
    std::vector<RawValue> raw;
    for (size_t i = 0; i < arguments.size(); ++i) {
      Type type = i < def.parameters.size() ? def.parameters[i].type
                  : def.variadic_parameter  ? def.variadic_parameter->type
                                            : arguments[i].type();
      absl::StatusOr<std::string> bytes = internal::EncodeMsgpack(arguments[i], type);
      if (!bytes.ok()) {
        return fail(absl::StrCat("the test passed a value that does not match the parameter "
                                 "type ", type.FriendlyName(), ": ",
                                 std::string(bytes.status().message())),
                    static_cast<int64_t>(i));
      }
      raw.push_back(RawValue{*std::move(bytes), {}});
    }
    internal::CallFunctionResult res = engine_.CallFunction(std::string(name), raw);
    if (res.error) return fail(res.error->text, res.error->argument);
    absl::StatusOr<Value> v = internal::DecodeMsgpack(res.result.msgpack, def.return_type);
    if (!v.ok()) {
      return fail(absl::StrCat("the function result does not decode: ",
                               std::string(v.status().message())),
                  std::nullopt);
    }
    out.result = *std::move(v);
    return out;
  }

 private:
  const Entry* FindEphemeral(std::string_view name, Diagnostics& diags) const {
    const Entry* e = Ephemeral(name);
    if (e == nullptr) {
      diags.AddError("Invalid ephemeral resource type",
                     absl::StrCat("The provider does not support ephemeral resource type \"",
                                  std::string(name), "\"."));
    }
    return e;
  }

  void ValidateEphemeralValue(const Entry& e, const Value& config, Diagnostics& diags) {
    AddConfigProblems(e, config, diags);
    if (diags.HasError()) return;
    diags.Append(engine_.ValidateEphemeralResourceConfig(e.name, Encode(e, config, diags)));
  }

  Attributes Attrs(const Entry& e, Value v) const { return Attributes(e.schema, std::move(v)); }

  bool Ready(Diagnostics& diags) const {
    if (!schema_diagnostics_.HasError()) return true;
    diags.Append(schema_diagnostics_);
    return false;
  }

  const Entry* FindResource(std::string_view name, Diagnostics& diags) const {
    const Entry* e = Resource(name);
    if (e == nullptr) {
      diags.AddError(
          "Invalid resource type",
          absl::StrCat("The provider does not support resource type \"", std::string(name), "\"."));
    }
    return e;
  }
  const Entry* FindDataSource(std::string_view name, Diagnostics& diags) const {
    const Entry* e = DataSource(name);
    if (e == nullptr) {
      diags.AddError(
          "Invalid data source",
          absl::StrCat("The provider does not support data source \"", std::string(name), "\"."));
    }
    return e;
  }

  // Runs harness code that should never throw, reporting a bug instead of crashing a test.
  Value Guarded(Diagnostics& diags, const std::function<Value()>& fn) const {
    try {
      return fn();
    } catch (const std::exception& ex) {
      diags.AddError("Internal error in the unit harness", ex.what());
    }
    return Value();
  }

  // The Input as a value of the entry's type; false (with an error) when it does not fit.
  bool ToValue(const Entry& e, const Input& in, std::string_view what, Value& out,
               Diagnostics& diags) const {
    absl::StatusOr<Value> v = absl::InternalError("unset");
    try {
      v = in.is_json() ? internal::DecodeJsonValue(in.json(), e.type)
                       : Coerce(in.value(), e.type, Path());
      if (v.ok()) v = internal::FillEmptyBlocks(e.block, *v);
    } catch (const std::exception& ex) {
      v = absl::InvalidArgumentError(ex.what());
    }
    if (!v.ok()) {
      diags.AddError(absl::StrCat("Invalid ", std::string(what), " given to the harness"),
                     absl::StrCat("The ", std::string(what), " for ", e.name,
                                  " does not fit its schema: ", std::string(v.status().message())));
      return false;
    }
    out = *std::move(v);
    return true;
  }

  bool ProviderConfig(const Input& in, Value& out, Diagnostics& diags) const {
    if (!ToValue(provider_entry_, in, "provider configuration", out, diags)) return false;
    // A provider without a `provider` block is configured with an empty body.
    if (out.IsNull()) out = internal::EmptyBlockValue(provider_entry_.block);
    return true;
  }

  RawValue Encode(const Entry& e, const Value& v, Diagnostics& diags) const {
    absl::StatusOr<std::string> bytes = internal::EncodeMsgpack(v, e.type);
    if (!bytes.ok()) {
      diags.AddError("Value does not fit the schema",
                     absl::StrCat("Cannot encode a value for ", e.name, ": ",
                                  std::string(bytes.status().message())));
      return RawValue{std::string(1, '\xc0'), {}};
    }
    return RawValue{*std::move(bytes), {}};
  }

  bool Decode(const Entry& e, const RawValue& raw, std::string_view what, Value& out,
              Diagnostics& diags) const {
    absl::StatusOr<Value> v = raw.msgpack.empty() && raw.json.empty()
                                  ? absl::StatusOr<Value>(Value::NullVal(e.type))
                              : !raw.msgpack.empty() ? internal::DecodeMsgpack(raw.msgpack, e.type)
                                                     : internal::DecodeJsonValue(raw.json, e.type);
    if (!v.ok()) {
      diags.AddError("Provider produced invalid object",
                     absl::StrCat("The ", std::string(what), " the provider returned for ", e.name,
                                  " does not fit its schema: ", std::string(v.status().message())));
      return false;
    }
    out = *std::move(v);
    return true;
  }

  void AddConfigProblems(const Entry& e, const Value& config, Diagnostics& diags) const {
    for (const PathProblem& p : internal::CheckConfig(e.block, config)) {
      diags.AddError(p.summary, p.message,
                     p.path.empty() ? std::nullopt : std::optional<Path>(p.path));
    }
  }

  void ValidateProviderValue(const Value& config, Diagnostics& diags) {
    AddConfigProblems(provider_entry_, config, diags);
    if (diags.HasError()) return;
    diags.Append(engine_.ValidateProviderConfig(Encode(provider_entry_, config, diags)));
  }

  void ValidateResourceValue(const Entry& e, const Value& config, Diagnostics& diags) {
    AddConfigProblems(e, config, diags);
    if (diags.HasError()) return;
    diags.Append(engine_.ValidateResourceConfig(e.name, Encode(e, config, diags), caps_));
  }

  void ValidateDataSourceValue(const Entry& e, const Value& config, Diagnostics& diags) {
    AddConfigProblems(e, config, diags);
    if (diags.HasError()) return;
    diags.Append(engine_.ValidateDataResourceConfig(e.name, Encode(e, config, diags)));
  }

  void DoConfigure(const Value& config, Diagnostics& diags) {
    ValidateProviderValue(config, diags);
    if (!diags.HasError()) {
      diags.Append(engine_.ConfigureProvider(options_.terraform_version,
                                             Encode(provider_entry_, config, diags), caps_));
    }
    configure_state_ = diags.HasError() ? ConfigureState::kFailed : ConfigureState::kDone;
  }

  // Terraform configures the provider before any resource or data source call.
  bool EnsureConfigured(Diagnostics& diags) {
    switch (configure_state_) {
      case ConfigureState::kDone:
        return true;
      case ConfigureState::kFailed:
        diags.AddError("Provider is not configured",
                       "Configure failed earlier; Terraform stops before calling resources or "
                       "data sources of a provider whose configuration failed.");
        return false;
      case ConfigureState::kNotYet: {
        Diagnostics configure_diags;
        DoConfigure(internal::EmptyBlockValue(provider_entry_.block), configure_diags);
        diags.Append(configure_diags);
        return !configure_diags.HasError();
      }
    }
    return false;
  }

  // One PlanResourceChange call.
  bool CallPlan(const Entry& e, const Value& prior, const Value& proposed, const Value& config,
                const PrivateState& prior_private, Value& planned, PrivateState& planned_private,
                std::vector<Path>& requires_replace, Diagnostics& diags) {
    internal::PlanResourceChangeRequest req;
    req.type_name = e.name;
    req.prior_state = Encode(e, prior, diags);
    req.proposed_new_state = Encode(e, proposed, diags);
    req.config = Encode(e, config, diags);
    req.prior_private = prior_private.Serialize();
    req.provider_meta = provider_meta_;
    req.client_capabilities = caps_;
    if (diags.HasError()) return false;
    internal::PlanResourceChangeResult res = engine_.PlanResourceChange(req);
    last_plan_deferred_ = res.deferred;
    diags.Append(res.diagnostics);
    if (diags.HasError()) return false;
    planned_private = ParsePrivate(res.planned_private, diags);
    requires_replace = res.requires_replace;
    return Decode(e, res.planned_state, "planned state", planned, diags);
  }

  void PlanDestroy(const Entry& e, const Value& prior, PlanResult& r) {
    if (prior.IsNull()) {
      r.action = PlanAction::kNoOp;
      return;
    }
    r.action = PlanAction::kDelete;
    Value planned;
    std::vector<Path> ignored;
    // With the plan_destroy capability Terraform plans a destroy too: no configuration and
    // no proposed state.
    if (!CallPlan(e, prior, Value::NullVal(e.type), Value::NullVal(e.type), r.prior_private,
                  planned, r.private_state, ignored, r.diagnostics)) {
      return;
    }
    r.planned = Attrs(e, planned);
    if (!planned.IsNull()) {
      r.diagnostics.AddError("Provider produced invalid plan",
                             absl::StrCat("The plan to destroy ", e.name, " is not a null object. ",
                                          "A destroy must plan a null object."));
    }
  }

  void PlanChange(const Entry& e, const Value& prior, const Value& config, PlanResult& r) {
    Value proposed =
        Guarded(r.diagnostics, [&] { return internal::ProposedNewState(e.block, prior, config); });
    if (r.diagnostics.HasError()) return;
    r.proposed = Attrs(e, proposed);
    Value planned;
    std::vector<Path> replace;
    if (!CallPlan(e, prior, proposed, config, r.prior_private, planned, r.private_state, replace,
                  r.diagnostics)) {
      return;
    }
    r.planned = Attrs(e, planned);
    AddProblems(r.diagnostics, internal::CheckPlanValid(e.block, prior, config, planned),
                "Provider produced invalid plan", absl::StrCat("the plan for ", e.name),
                kInvalidPlanHint);
    if (r.diagnostics.HasError()) return;

    // Terraform keeps only the requires_replace paths whose value really changes.
    if (!prior.IsNull()) {
      for (const Path& p : replace) {
        absl::StatusOr<Value> before = prior.At(p);
        absl::StatusOr<Value> after = planned.At(p);
        if (!before.ok() && !after.ok()) {
          r.diagnostics.AddError(
              "Provider produced invalid plan",
              absl::StrCat("The provider asked to replace ", e.name, " because of \"", p.ToString(),
                           "\", which is not an attribute path of the resource."));
          continue;
        }
        Value b = before.ok() ? *before : Value::NullVal(after->type());
        Value a = after.ok() ? *after : Value::NullVal(before->type());
        if (!(a.IsWhollyKnown() && b.IsWhollyKnown() && a.RawEquals(b))) {
          r.requires_replace.push_back(p);
        }
      }
      if (r.diagnostics.HasError()) return;
    }

    if (prior.IsNull()) {
      r.action = PlanAction::kCreate;
    } else if (planned.IsWhollyKnown() && planned.RawEquals(prior)) {
      r.action = PlanAction::kNoOp;
    } else if (!r.requires_replace.empty()) {
      r.action = PlanAction::kReplace;
    } else {
      r.action = PlanAction::kUpdate;
    }
    if (r.action != PlanAction::kReplace) return;

    // The new object of a replace is planned from nothing, with the private state of the
    // first plan.
    Value null_prior = Value::NullVal(e.type);
    Value proposed2 = Guarded(
        r.diagnostics, [&] { return internal::ProposedNewState(e.block, null_prior, config); });
    if (r.diagnostics.HasError()) return;
    Value planned2;
    PrivateState private2;
    std::vector<Path> ignored;
    Diagnostics diags2;
    bool ok = CallPlan(e, null_prior, proposed2, config, r.private_state, planned2, private2,
                       ignored, diags2);
    // Warnings of the second call repeat those of the first; only errors are kept.
    if (!ok || diags2.HasError()) {
      r.diagnostics.Append(diags2);
      return;
    }
    r.proposed = Attrs(e, proposed2);
    r.planned = Attrs(e, planned2);
    r.private_state = std::move(private2);
  }

  // Create or update: plan again (optionally), apply, check.
  ApplyResult ApplyCreateOrUpdate(const Entry& e, const PlanResult& plan) {
    ApplyResult r;
    r.plan = plan;
    r.state = plan.prior;
    r.private_state = plan.prior_private;
    const Value& prior = plan.prior.value();
    const Value& config = plan.config.value();
    if (!config.IsWhollyKnown()) {
      // Terraform applies only once every referenced value is known.
      r.diagnostics.AddError(
          "Configuration contains unknown values during apply",
          absl::StrCat("The configuration of ", e.name,
                       " still has unknown values; a plan with unknown configuration values can "
                       "be inspected but not applied. Plan again with known values."));
      return r;
    }
    if (options_.replan_on_apply) {
      PlanResult again;
      again.type_name = plan.type_name;
      again.prior = plan.prior;
      again.config = plan.config;
      again.prior_private = plan.prior_private;
      again.private_state = plan.prior_private;
      PlanChange(e, prior, config, again);
      // The replacement half of a replace was planned from a null prior: so is its re-plan.
      r.diagnostics.Append(again.diagnostics);
      if (r.diagnostics.HasError()) return r;
      bool action_ok = again.action == plan.action ||
                       (plan.action == PlanAction::kUpdate && again.action == PlanAction::kNoOp);
      if (!action_ok) {
        r.diagnostics.AddError("Provider produced inconsistent final plan",
                               absl::StrCat("The plan for ", e.name, " was to ",
                                            std::string(PlanActionName(plan.action)),
                                            ", but planning again during apply gives ",
                                            std::string(PlanActionName(again.action)), ". ",
                                            kInconsistentFinalPlanHint));
        return r;
      }
      AddProblems(r.diagnostics,
                  internal::CheckCompatible(e.block, plan.planned.value(), again.planned.value()),
                  "Provider produced inconsistent final plan",
                  absl::StrCat("the plan for ", e.name), kInconsistentFinalPlanHint);
      if (r.diagnostics.HasError()) return r;
      if (again.action == PlanAction::kNoOp) return r;
      again.action = plan.action;
      r.plan = again;
    }
    ApplyChange(e, prior, r.plan.planned.value(), config, r.plan.private_state, plan.action, r);
    return r;
  }

  // One ApplyResourceChange call and Terraform's checks of its result, into r.
  void ApplyChange(const Entry& e, const Value& prior, const Value& planned, const Value& config,
                   const PrivateState& planned_private, PlanAction action, ApplyResult& r) {
    internal::ApplyResourceChangeRequest req;
    req.type_name = e.name;
    req.prior_state = Encode(e, prior, r.diagnostics);
    req.planned_state = Encode(e, planned, r.diagnostics);
    req.config = Encode(e, config, r.diagnostics);
    req.planned_private = planned_private.Serialize();
    req.provider_meta = provider_meta_;
    if (r.diagnostics.HasError()) return;
    internal::ApplyResourceChangeResult res = engine_.ApplyResourceChange(req);
    r.diagnostics.Append(res.diagnostics);
    Value result;
    if (!Decode(e, res.new_state, "new state", result, r.diagnostics)) {
      r.state = Attrs(e, prior);
      return;
    }
    PrivateState result_private = ParsePrivate(res.private_state, r.diagnostics);
    if (!result.IsWhollyKnown()) {
      result.Walk([&](const Path& p, const Value& v) {
        if (!v.IsUnknown()) return true;
        r.diagnostics.AddError(
            "Provider returned invalid result object after apply",
            absl::StrCat("After apply, \"", p.ToString(), "\" of ", e.name,
                         " is still unknown. Every value must be known after apply."),
            p);
        return false;
      });
      result = UnknownAsNull(result);
    }
    if (action != PlanAction::kDelete && !r.diagnostics.HasError()) {
      AddProblems(r.diagnostics, internal::CheckCompatible(e.block, planned, result),
                  "Provider produced inconsistent result after apply",
                  absl::StrCat("the new state of ", e.name), kInconsistentResultHint);
    }
    if (!r.diagnostics.HasError()) {
      if (action == PlanAction::kDelete && !result.IsNull()) {
        r.diagnostics.AddError("Provider returned invalid result object after apply",
                               absl::StrCat("Deleting ", e.name,
                                            " returned a non-null object; a delete must "
                                            "return a null state."));
      } else if (action != PlanAction::kDelete && result.IsNull()) {
        r.diagnostics.AddError("Provider returned invalid result object after apply",
                               absl::StrCat("The ", std::string(PlanActionName(action)), " of ",
                                            e.name, " returned a null object; only a delete may."));
      }
    }
    if (r.diagnostics.HasError() && result.IsNull()) {
      // Terraform keeps the prior object so the error can be fixed on the next run.
      r.state = Attrs(e, prior);
      return;
    }
    r.state = Attrs(e, result);
    r.private_state = std::move(result_private);
  }

  // ReadResource of `state`, into r (r.state keeps the prior value on error).
  void ReadInto(const Entry& e, const Value& state, const PrivateState& priv, ReadResult& r) {
    internal::ReadResourceRequest req;
    req.type_name = e.name;
    req.current_state = Encode(e, state, r.diagnostics);
    req.private_state = priv.Serialize();
    req.provider_meta = provider_meta_;
    req.client_capabilities = caps_;
    if (r.diagnostics.HasError()) return;
    internal::ReadResourceResult res = engine_.ReadResource(req);
    if (res.deferred) r.deferred_reason = ToPublic(res.deferred);
    r.diagnostics.Append(res.diagnostics);
    if (r.diagnostics.HasError()) return;
    Value v;
    if (!Decode(e, res.new_state, "new state", v, r.diagnostics)) return;
    r.state = Attrs(e, v);
    r.private_state = ParsePrivate(res.private_state, r.diagnostics);
  }

  enum class ConfigureState { kNotYet, kDone, kFailed };

  Options options_;
  Engine engine_;
  internal::ProviderSchemaResult schemas_;
  Diagnostics schema_diagnostics_;
  Entry provider_entry_;
  std::optional<Entry> meta_entry_;
  std::map<std::string, Entry, std::less<>> resources_;
  std::map<std::string, Entry, std::less<>> data_sources_;
  std::map<std::string, Entry, std::less<>> ephemerals_;
  internal::ClientCapabilities caps_;
  std::string provider_type_;
  // The deferral of the last PlanResourceChange (see PlanChange callers).
  std::optional<internal::DeferredReason> last_plan_deferred_;
  RawValue provider_meta_;
  ConfigureState configure_state_ = ConfigureState::kNotYet;
};

UnitHarness::UnitHarness(Provider& provider) : UnitHarness(provider, Options()) {}
UnitHarness::UnitHarness(Provider& provider, Options options)
    : impl_(std::make_unique<Impl>(provider, std::move(options))) {}
UnitHarness::~UnitHarness() = default;

const Diagnostics& UnitHarness::schema_diagnostics() const { return impl_->schema_diagnostics(); }
const Schema& UnitHarness::ProviderSchema() const { return impl_->provider_schema(); }
const Schema* UnitHarness::ResourceSchema(std::string_view type_name) const {
  const Entry* e = impl_->Resource(type_name);
  return e == nullptr ? nullptr : e->schema;
}
const Schema* UnitHarness::DataSourceSchema(std::string_view type_name) const {
  const Entry* e = impl_->DataSource(type_name);
  return e == nullptr ? nullptr : e->schema;
}

const Schema* UnitHarness::EphemeralResourceSchema(std::string_view type_name) const {
  const Entry* e = impl_->Ephemeral(type_name);
  return e == nullptr ? nullptr : e->schema;
}

Value UnitHarness::Config(std::string_view type_name, std::string_view json) const {
  return impl_->JsonValue(impl_->Resource(type_name), "resource type", type_name, json);
}
Value UnitHarness::DataSourceConfig(std::string_view type_name, std::string_view json) const {
  return impl_->JsonValue(impl_->DataSource(type_name), "data source", type_name, json);
}
Value UnitHarness::ProviderConfig(std::string_view json) const {
  return impl_->ProviderConfigValue(json);
}

Diagnostics UnitHarness::Configure(const Input& config) { return impl_->Configure(config); }
Diagnostics UnitHarness::ValidateProvider(const Input& config) {
  return impl_->ValidateProvider(config);
}
Diagnostics UnitHarness::SetProviderMeta(const Input& meta) { return impl_->SetProviderMeta(meta); }
void UnitHarness::Stop() { impl_->Stop(); }

Diagnostics UnitHarness::Validate(std::string_view type_name, const Input& config) {
  return impl_->Validate(type_name, config);
}
PlanResult UnitHarness::Plan(std::string_view type_name, const Input& prior, const Input& config) {
  return impl_->Plan(type_name, prior, config);
}
ApplyResult UnitHarness::Apply(const PlanResult& plan) { return impl_->Apply(plan); }
ApplyResult UnitHarness::Create(std::string_view type_name, const Input& config) {
  return Apply(Plan(type_name, Value(), config));
}
ApplyResult UnitHarness::Update(std::string_view type_name, const Input& prior,
                                const Input& config) {
  return Apply(Plan(type_name, prior, config));
}
ApplyResult UnitHarness::Destroy(std::string_view type_name, const Input& prior) {
  return Apply(Plan(type_name, prior, Value()));
}
ReadResult UnitHarness::Read(std::string_view type_name, const Input& prior) {
  return impl_->Read(type_name, prior);
}
ReadResult UnitHarness::Import(std::string_view type_name, std::string_view id) {
  return impl_->Import(type_name, id);
}
ReadResult UnitHarness::UpgradeState(std::string_view type_name, int64_t version,
                                     std::string_view raw_json) {
  return impl_->UpgradeState(type_name, version, raw_json);
}
Diagnostics UnitHarness::ValidateDataSource(std::string_view type_name, const Input& config) {
  return impl_->ValidateDataSource(type_name, config);
}
DataSourceResult UnitHarness::ReadDataSource(std::string_view type_name, const Input& config) {
  return impl_->ReadDataSource(type_name, config);
}
ReadResult UnitHarness::MoveState(std::string_view target_type_name, const MoveSource& source) {
  return impl_->MoveState(target_type_name, source);
}
GeneratedConfig UnitHarness::GenerateConfig(std::string_view type_name, const Input& state) {
  return impl_->GenerateConfig(type_name, state);
}
FunctionCallResult UnitHarness::CallFunction(std::string_view name,
                                             const std::vector<Value>& arguments) {
  return impl_->CallFunction(name, arguments);
}

Diagnostics UnitHarness::ValidateEphemeral(std::string_view type_name, const Input& config) {
  return impl_->ValidateEphemeral(type_name, config);
}
EphemeralResult UnitHarness::OpenEphemeral(std::string_view type_name, const Input& config) {
  return impl_->OpenEphemeral(type_name, config);
}
EphemeralResult UnitHarness::RenewEphemeral(const EphemeralResult& opened) {
  return impl_->RenewEphemeral(opened);
}
Diagnostics UnitHarness::CloseEphemeral(const EphemeralResult& opened) {
  return impl_->CloseEphemeral(opened);
}


// --- actions and state stores ---------------------------------------------------------

const Schema* UnitHarness::ActionSchema(std::string_view type_name) const {
  const Entry* e = impl_->ActionEntry(type_name);
  return e == nullptr ? nullptr : e->schema;
}
const Schema* UnitHarness::StateStoreSchema(std::string_view type_name) const {
  const Entry* e = impl_->StateStoreEntry(type_name);
  return e == nullptr ? nullptr : e->schema;
}
Diagnostics UnitHarness::ValidateAction(std::string_view type_name, const Input& config) {
  return impl_->InvokeAction(type_name, config, false).diagnostics;
}
ActionResult UnitHarness::InvokeAction(std::string_view type_name, const Input& config) {
  return impl_->InvokeAction(type_name, config, true);
}
Diagnostics UnitHarness::ValidateStateStore(std::string_view type_name, const Input& config) {
  return impl_->StateStoreConfig(type_name, config, false, 0);
}
Diagnostics UnitHarness::ConfigureStateStore(std::string_view type_name, const Input& config,
                                             int64_t chunk_size) {
  return impl_->StateStoreConfig(type_name, config, true, chunk_size);
}
StateBytesResult UnitHarness::ReadState(std::string_view type_name, std::string_view state_id) {
  StateBytesResult r;
  if (!impl_->StateStoreKnown(type_name, r.diagnostics)) return r;
  internal::ReadStateBytesResult read =
      impl_->engine().ReadStateBytes(std::string(type_name), std::string(state_id));
  r.diagnostics.Append(read.diagnostics);
  if (r.diagnostics.HasError()) return r;
  // Through the chunking Terraform sees, and back.
  internal::StateBytesAssembler in(read.chunk_size);
  for (const internal::StateChunk& c : internal::SplitStateBytes(read.bytes, read.chunk_size)) {
    if (!in.Add(c, r.diagnostics)) return r;
  }
  if (in.Finish(r.diagnostics)) r.bytes = in.Take();
  return r;
}
Diagnostics UnitHarness::WriteState(std::string_view type_name, std::string_view state_id,
                                    std::string_view bytes) {
  Diagnostics diags;
  if (!impl_->StateStoreKnown(type_name, diags)) return diags;
  diags.Append(impl_->engine().StateStoreReady(std::string(type_name)));
  if (diags.HasError()) return diags;
  int64_t chunk_size = impl_->engine().StateStoreChunkSize(std::string(type_name));
  internal::StateBytesAssembler in(chunk_size);
  for (const internal::StateChunk& c : internal::SplitStateBytes(std::string(bytes), chunk_size)) {
    if (!in.Add(c, diags)) return diags;
  }
  if (!in.Finish(diags)) return diags;
  diags.Append(
      impl_->engine().WriteStateBytes(std::string(type_name), std::string(state_id), in.Take()));
  return diags;
}
StateLockResult UnitHarness::LockState(std::string_view type_name, std::string_view state_id,
                                       std::string_view operation) {
  StateLockResult r;
  if (!impl_->StateStoreKnown(type_name, r.diagnostics)) return r;
  internal::LockStateResult lock = impl_->engine().LockState(
      std::string(type_name), std::string(state_id), std::string(operation));
  r.lock_id = std::move(lock.lock_id);
  r.diagnostics.Append(lock.diagnostics);
  return r;
}
Diagnostics UnitHarness::UnlockState(std::string_view type_name, std::string_view state_id,
                                     std::string_view lock_id) {
  Diagnostics diags;
  if (!impl_->StateStoreKnown(type_name, diags)) return diags;
  diags.Append(impl_->engine().UnlockState(std::string(type_name), std::string(state_id),
                                           std::string(lock_id)));
  return diags;
}
StatesResult UnitHarness::States(std::string_view type_name) {
  StatesResult r;
  if (!impl_->StateStoreKnown(type_name, r.diagnostics)) return r;
  internal::GetStatesResult got = impl_->engine().GetStates(std::string(type_name));
  r.state_ids = std::move(got.state_ids);
  r.diagnostics.Append(got.diagnostics);
  return r;
}
Diagnostics UnitHarness::DeleteState(std::string_view type_name, std::string_view state_id) {
  Diagnostics diags;
  if (!impl_->StateStoreKnown(type_name, diags)) return diags;
  diags.Append(impl_->engine().DeleteState(std::string(type_name), std::string(state_id)));
  return diags;
}

}  // namespace tfsdk::testing
