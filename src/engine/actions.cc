// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Actions: Engine::LoadActions, ActionSchemas, ValidateActionConfig, PlanAction and
// InvokeAction (see tfsdk/action.h).

#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "src/engine/engine.h"
#include "src/engine/validate.h"
#include "src/log/log_internal.h"
#include "src/value/json_codec.h"
#include "src/value/msgpack_codec.h"
#include "tfsdk/action.h"

namespace tfsdk::internal {

struct Engine::ActionEntry {
  Action* action = nullptr;
  Schema schema;
  Type type;
  std::vector<std::shared_ptr<const ConfigValidator>> config_validators;
};

namespace {

// Decodes an action configuration, or adds an error diagnostic and returns false.
bool DecodeActionConfig(const RawValue& raw, const Type& type, Value& out, Diagnostics& diags) {
  absl::StatusOr<Value> v = !raw.msgpack.empty() ? DecodeMsgpack(raw.msgpack, type)
                            : !raw.json.empty()  ? DecodeJsonValue(raw.json, type)
                                                 : absl::StatusOr<Value>(Value::NullVal(type));
  if (!v.ok()) {
    diags.AddError("Invalid action configuration received from Terraform",
                   std::string(v.status().message()));
    return false;
  }
  out = *std::move(v);
  return true;
}

// Actions have no state, so nothing can be computed: Terraform has nowhere to keep it.
void CheckNoComputed(const std::vector<Attribute>& attributes, const std::string& action,
                     const std::string& prefix, Diagnostics& diags) {
  for (const Attribute& a : attributes) {
    std::string name = prefix.empty() ? a.name : absl::StrCat(prefix, ".", a.name);
    if (a.computed) {
      diags.AddError(absl::StrCat("action ", action, ": attribute \"", name,
                                  "\" is computed; action schemas have only required and "
                                  "optional attributes"));
    }
    if (a.nested) CheckNoComputed(a.nested->attributes, action, name, diags);
  }
}

void CheckNoComputedInBlock(const Block& block, const std::string& action,
                            const std::string& prefix, Diagnostics& diags) {
  CheckNoComputed(block.attributes, action, prefix, diags);
  for (const NestedBlock& nb : block.blocks) {
    CheckNoComputedInBlock(nb.block, action,
                           prefix.empty() ? nb.type_name : absl::StrCat(prefix, ".", nb.type_name),
                           diags);
  }
}

}  // namespace

void Engine::LoadActions() {
  for (const auto& a : provider_.actions()) {
    auto entry = std::make_shared<ActionEntry>();
    entry->action = a.get();
    std::string name;
    GuardAuthorCall(schema_diagnostics_, "action schema", std::nullopt, [&] {
      name = a->TypeName();
      entry->schema = a->GetSchema();
      entry->config_validators = a->ConfigValidators();
    });
    for (const Diagnostic& diag : entry->schema.Validate()) {
      Diagnostic copy = diag;
      copy.summary = absl::StrCat("action ", name, ": ", diag.summary);
      schema_diagnostics_.Add(std::move(copy));
    }
    CheckNoComputed(entry->schema.attributes, name, "", schema_diagnostics_);
    for (const NestedBlock& nb : entry->schema.blocks) {
      CheckNoComputedInBlock(nb.block, name, nb.type_name, schema_diagnostics_);
    }
    entry->type = entry->schema.ImpliedType();
    if (actions_.count(name)) {
      schema_diagnostics_.AddError(absl::StrCat("Duplicate action type \"", name, "\""));
    }
    actions_[name] = std::move(entry);
  }
}

const Engine::ActionEntry* Engine::FindAction(const std::string& type_name,
                                              Diagnostics& diags) const {
  auto it = actions_.find(type_name);
  if (it == actions_.end()) {
    diags.Append(Unsupported("action", type_name));
    return nullptr;
  }
  return it->second.get();
}

std::map<std::string, Schema> Engine::ActionSchemas() const {
  std::map<std::string, Schema> out;
  for (const auto& [name, e] : actions_) out.emplace(name, e->schema);
  return out;
}

Diagnostics Engine::ValidateActionConfig(const std::string& type_name, const RawValue& config) {
  Diagnostics diags;
  const ActionEntry* e = FindAction(type_name, diags);
  if (e == nullptr) return diags;
  Value v;
  if (!DecodeActionConfig(config, e->type, v, diags)) return diags;
  Action* action = e->action;
  diags.Append(ValidateConfiguration(
      e->schema, v, e->config_validators,
      [action](const ValidateConfigRequest& req, ValidateConfigResponse& resp) {
        action->ValidateConfig(req, resp);
      },
      absl::StrCat("action \"", type_name, "\"")));
  return diags;
}

PlanActionResult Engine::PlanAction(const PlanActionRequest& in) {
  PlanActionResult r;
  const ActionEntry* e = FindAction(in.type_name, r.diagnostics);
  if (e == nullptr) return r;
  Value cfg;
  if (!DecodeActionConfig(in.config, e->type, cfg, r.diagnostics)) return r;
  ActionPlanRequest req;
  static_cast<CallContext&>(req) = Context();
  req.config = Attributes(&e->schema, cfg);
  req.deferral_allowed = in.client_capabilities.deferral_allowed;
  ActionPlanResponse resp;
  GuardAuthorCall(resp.diagnostics, "Plan of action " + in.type_name, std::nullopt,
                  [&] { e->action->Plan(req, resp); });
  r.diagnostics.Append(resp.diagnostics);
  return r;
}

Diagnostics Engine::InvokeAction(const InvokeActionRequest& in,
                                 const ActionProgressSink& progress) {
  Diagnostics diags;
  const ActionEntry* e = FindAction(in.type_name, diags);
  if (e == nullptr) return diags;
  Value cfg;
  if (!DecodeActionConfig(in.config, e->type, cfg, diags)) return diags;
  if (!cfg.IsWhollyKnown()) {
    // Terraform invokes only in apply, when every value is known; anything else is a
    // client bug the author should not have to handle.
    diags.AddError("Action configuration not known",
                   absl::StrCat("Terraform asked to invoke the action ", in.type_name,
                                " while its configuration still holds unknown values."));
    return diags;
  }
  ActionInvokeRequest req;
  static_cast<CallContext&>(req) = Context();
  req.config = Attributes(&e->schema, cfg);
  // The author may report progress from worker threads; the sink sees one call at a time,
  // and nothing after Invoke has returned.
  auto mu = std::make_shared<std::mutex>();
  auto open = std::make_shared<bool>(true);
  req.progress = [mu, open, &progress, type = in.type_name](const std::string& message) {
    std::lock_guard lock(*mu);
    if (!*open) {
      SdkLog(log::Level::kWarn, "action progress sent after Invoke returned; dropped",
             {{"type_name", type}});
      return;
    }
    if (progress) progress(message);
  };
  ActionInvokeResponse resp;
  GuardAuthorCall(resp.diagnostics, "Invoke of action " + in.type_name, std::nullopt,
                  [&] { e->action->Invoke(req, resp); });
  {
    std::lock_guard lock(*mu);
    *open = false;
  }
  diags.Append(resp.diagnostics);
  return diags;
}

}  // namespace tfsdk::internal
