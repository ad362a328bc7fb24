// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Engine::MoveResourceState: a `moved` block whose `from` is a resource of another type
// (Terraform 1.8+). Terraform sends the source object's stored state as JSON; the target
// resource's movers run in order, as in the Go framework (fwserver MoveResourceState):
//   1. a request without source state is an error;
//   2. a mover with a source schema gets the state decoded with it; a state that does not
//      decode leaves req.source_state empty (logged, not an error: movers for other
//      source types declare other schemas);
//   3. the first mover that leaves an error, or sets a value in the target state (which
//      starts with every attribute null), ends the search;
//   4. when no mover took the state: "Unable to Move Resource State", naming the source.
// The target state must then conform to the schema and be wholly known; write-only values
// are nulled as in every other state.

#include <optional>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "src/engine/engine.h"
#include "src/engine/identity.h"
#include "src/engine/plan.h"
#include "src/log/log_internal.h"
#include "src/value/json_codec.h"

namespace tfsdk::internal {
namespace {

// The first unknown value of a state that must be wholly known, as an error.
void RequireKnownTarget(const Value& v, const std::string& type_name, Diagnostics& diags) {
  bool reported = false;
  v.Walk([&](const Path& p, const Value& x) {
    if (reported) return false;
    if (x.IsUnknown()) {
      reported = true;
      diags.AddError("Provider returned an unknown value after moving state",
                     absl::StrCat("The state mover of ", type_name, " left \"", p.ToString(),
                                  "\" unknown. A moved state must be wholly known."),
                     p);
    }
    return true;
  });
}

std::string SourceDescription(const MoveResourceStateRequest& in) {
  return absl::StrCat("Source Provider Address: ", in.source_provider_address,
                      "\nSource Resource Type: ", in.source_type_name,
                      "\nSource Resource Schema Version: ", in.source_schema_version,
                      "\nTarget Resource Type: ", in.target_type_name);
}

}  // namespace

MoveResourceStateResult Engine::MoveResourceState(const MoveResourceStateRequest& in) {
  MoveResourceStateResult r;
  ResourceView view;
  if (!ViewResource(in.target_type_name, view, r.diagnostics)) return r;
  const Type& type = *view.type;
  auto null_target = [&] {
    r.target_state = EncodeResult(Value::NullVal(type), type, r.diagnostics);
  };
  if (in.source_state.json.empty()) {
    r.diagnostics.AddError(
        "Unexpected Move Resource State Request",
        absl::StrCat("Terraform sent no source state (JSON) to move.\n\n", SourceDescription(in),
                     "\n\nThis is a problem with Terraform or OpenTofu; please report it."));
    null_target();
    return r;
  }
  MoveStateRequest req;
  // Like state upgrades, a move may run before the provider is configured.
  static_cast<CallContext&>(req) = Context();
  req.source_provider_address = in.source_provider_address;
  req.source_type_name = in.source_type_name;
  req.source_schema_version = in.source_schema_version;
  req.source_raw_json = in.source_state.json;
  req.source_private = PrivateState::Parse(in.source_private);
  req.source_private_raw = in.source_private;
  req.source_identity_raw_json = in.source_identity_json;
  req.source_identity_schema_version = in.source_identity_schema_version;
  const IdentityInfo* identity_info = FindIdentity(in.target_type_name);

  const Value empty = EmptyResourceObject(*view.schema);
  bool moved = false;
  MoveStateResponse resp;
  for (size_t i = 0; i < view.movers->size() && !moved; ++i) {
    const StateMover& mover = (*view.movers)[i];
    if (!mover.move) continue;
    req.source_state.reset();
    if (mover.source_schema) {
      absl::StatusOr<Value> decoded =
          DecodeJsonValue(in.source_state.json, mover.source_schema->ImpliedType(),
                          /*ignore_unknown_attributes=*/true);
      if (decoded.ok()) {
        req.source_state = Attributes(&*mover.source_schema, *std::move(decoded));
      } else {
        // Not an error: a resource may take several source types, and this mover's schema
        // need not fit the others' states. The mover runs without source_state.
        SdkLog(log::Level::kDebug, "source state does not decode with the mover's schema",
               {{"mover", std::to_string(i)},
                {"source_type_name", in.source_type_name},
                {"error", std::string(decoded.status().message())}});
      }
    }
    resp = MoveStateResponse{};
    resp.target_state = Attributes(view.schema, empty);
    if (identity_info != nullptr) {
      resp.target_identity =
          Attributes(&identity_info->schema,
                     SettableIdentity(*identity_info, Value::NullVal(identity_info->type)));
    }
    GuardAuthor(resp.diagnostics, absl::StrCat("state mover ", i, " of ", in.target_type_name),
                [&] { mover.move(req, resp); });
    r.diagnostics.Append(resp.diagnostics);
    if (resp.diagnostics.HasError()) {
      null_target();
      return r;
    }
    // Like the Go framework's null target state: a mover that set nothing passes.
    const Value& target = resp.target_state.value();
    moved = !target.IsNull() && !target.RawEquals(empty);
  }
  if (!moved) {
    r.diagnostics.AddError(
        "Unable to Move Resource State",
        absl::StrCat("The resource type ", in.target_type_name,
                     " cannot take over the state of this source: none of its state movers "
                     "accepted it. Remove the moved block, or ask the provider developers to "
                     "support this move.\n\n",
                     SourceDescription(in)));
    null_target();
    return r;
  }
  Value target = resp.target_state.value();
  if (absl::Status s = target.CheckConforms(type); !s.ok()) {
    r.diagnostics.AddError("Provider produced a value that does not match its schema",
                           absl::StrCat("The state moved to ", in.target_type_name, ": ",
                                        std::string(s.message())));
    null_target();
    return r;
  }
  target = NullWriteOnly(*view.plan, target);
  RequireKnownTarget(target, in.target_type_name, r.diagnostics);
  if (r.diagnostics.HasError()) {
    null_target();
    return r;
  }
  SdkLog(log::Level::kDebug, "moved resource state",
         {{"source_type_name", in.source_type_name}, {"target_type_name", in.target_type_name}});
  if (identity_info != nullptr && !IsEmptyIdentity(resp.target_identity.value())) {
    const Value& identity = resp.target_identity.value();
    if (!CheckIdentityResult(*identity_info, in.target_type_name, "MoveResourceState",
                             Value::NullVal(identity_info->type), identity, r.diagnostics)) {
      null_target();
      return r;
    }
    r.target_identity = EncodeIdentity(*identity_info, identity, r.diagnostics);
  }
  r.target_state = EncodeResult(target, type, r.diagnostics);
  r.target_private = resp.target_private.Serialize();
  return r;
}

}  // namespace tfsdk::internal
