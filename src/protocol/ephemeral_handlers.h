// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// The ephemeral resource RPCs (ValidateEphemeralResourceConfig, OpenEphemeralResource,
// RenewEphemeralResource, CloseEphemeralResource) and the ephemeral parts of GetMetadata
// and GetProviderSchema, as templates over the generated protocol 5 and 6 messages (which
// are identical for these RPCs). Like rpc_handlers.h: translate, one engine call,
// translate back.
#ifndef TFSDK_SRC_PROTOCOL_EPHEMERAL_HANDLERS_H_
#define TFSDK_SRC_PROTOCOL_EPHEMERAL_HANDLERS_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <google/protobuf/timestamp.pb.h>

#include "src/engine/engine.h"
#include "src/protocol/translate.h"

namespace tfsdk::internal {

inline void TimePointToProto(std::chrono::system_clock::time_point t,
                             google::protobuf::Timestamp* out) {
  auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
  int64_t seconds = ns / 1000000000;
  int64_t nanos = ns % 1000000000;
  if (nanos < 0) {  // Timestamp wants nanos in [0, 1e9)
    nanos += 1000000000;
    seconds -= 1;
  }
  out->set_seconds(seconds);
  out->set_nanos(static_cast<int32_t>(nanos));
}

// Adds the ephemeral resource type names of GetMetadata.
template <class PbResponse>
void AddEphemeralMetadata(const MetadataResult& r, PbResponse* resp) {
  for (const std::string& name : r.ephemeral_resources) {
    resp->add_ephemeral_resources()->set_type_name(name);
  }
}

// Adds the ephemeral resource schemas of GetProviderSchema (v6) / GetSchema (v5).
template <class PbResponse>
void AddEphemeralSchemas(const ProviderSchemaResult& r, PbResponse* resp) {
  SchemaMapToProto(r.ephemeral_resources, resp->mutable_ephemeral_resource_schemas());
}

template <class PbRequest, class PbResponse>
void HandleValidateEphemeralResourceConfig(Engine& engine, const PbRequest& req,
                                           PbResponse* resp) {
  AppendDiagnostics(
      engine.ValidateEphemeralResourceConfig(req.type_name(), RawValueFromProto(req.config())),
      resp->mutable_diagnostics());
}

template <class PbRequest, class PbResponse>
void HandleOpenEphemeralResource(Engine& engine, const PbRequest& req, PbResponse* resp) {
  OpenEphemeralResourceRequest in;
  in.type_name = req.type_name();
  in.config = RawValueFromProto(req.config());
  in.client_capabilities = ClientCapabilitiesFromProto(req.client_capabilities());
  OpenEphemeralResourceResult r = engine.OpenEphemeralResource(in);
  RawValueToProto(r.result, resp->mutable_result());
  if (r.private_state) resp->set_private_(*r.private_state);
  if (r.renew_at) TimePointToProto(*r.renew_at, resp->mutable_renew_at());
  if (r.deferred) {
    resp->mutable_deferred()->set_reason(
        static_cast<decltype(resp->deferred().reason())>(static_cast<int>(*r.deferred)));
  }
  AppendDiagnostics(r.diagnostics, resp->mutable_diagnostics());
}

template <class PbRequest, class PbResponse>
void HandleRenewEphemeralResource(Engine& engine, const PbRequest& req, PbResponse* resp) {
  RenewEphemeralResourceResult r = engine.RenewEphemeralResource(req.type_name(), req.private_());
  if (r.private_state) resp->set_private_(*r.private_state);
  if (r.renew_at) TimePointToProto(*r.renew_at, resp->mutable_renew_at());
  AppendDiagnostics(r.diagnostics, resp->mutable_diagnostics());
}

template <class PbRequest, class PbResponse>
void HandleCloseEphemeralResource(Engine& engine, const PbRequest& req, PbResponse* resp) {
  AppendDiagnostics(engine.CloseEphemeralResource(req.type_name(), req.private_()),
                    resp->mutable_diagnostics());
}

}  // namespace tfsdk::internal

#endif  // TFSDK_SRC_PROTOCOL_EPHEMERAL_HANDLERS_H_
