// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// MoveResourceState and GenerateResourceConfig, as templates over the generated protocol 5
// and 6 messages (identical for these RPCs). Like rpc_handlers.h: translate, one engine
// call, translate back.
#ifndef TFSDK_SRC_PROTOCOL_MOVE_HANDLERS_H_
#define TFSDK_SRC_PROTOCOL_MOVE_HANDLERS_H_

#include "src/engine/engine.h"
#include "src/protocol/identity_handlers.h"
#include "src/protocol/translate.h"

namespace tfsdk::internal {

template <class PbRequest, class PbResponse>
void HandleMoveResourceState(Engine& engine, const PbRequest& req, PbResponse* resp) {
  MoveResourceStateRequest in;
  in.source_provider_address = req.source_provider_address();
  in.source_type_name = req.source_type_name();
  in.source_schema_version = req.source_schema_version();
  in.source_state = RawStateFromProto(req.source_state());
  in.target_type_name = req.target_type_name();
  in.source_private = req.source_private();
  if (req.has_source_identity()) in.source_identity_json = req.source_identity().json();
  in.source_identity_schema_version = req.source_identity_schema_version();
  MoveResourceStateResult r = engine.MoveResourceState(in);
  if (!r.target_state.empty()) RawValueToProto(r.target_state, resp->mutable_target_state());
  resp->set_target_private(r.target_private);
  if (r.target_identity) IdentityToProto(r.target_identity, resp->mutable_target_identity());
  AppendDiagnostics(r.diagnostics, resp->mutable_diagnostics());
}

template <class PbRequest, class PbResponse>
void HandleGenerateResourceConfig(Engine& engine, const PbRequest& req, PbResponse* resp) {
  GenerateResourceConfigResult r =
      engine.GenerateResourceConfig(req.type_name(), RawValueFromProto(req.state()));
  if (!r.config.empty()) RawValueToProto(r.config, resp->mutable_config());
  AppendDiagnostics(r.diagnostics, resp->mutable_diagnostics());
}

}  // namespace tfsdk::internal

#endif  // TFSDK_SRC_PROTOCOL_MOVE_HANDLERS_H_
