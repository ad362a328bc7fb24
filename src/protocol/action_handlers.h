// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// The action RPCs (ValidateActionConfig, PlanAction, InvokeAction) and the action parts of
// GetMetadata and GetProviderSchema, as templates over the generated protocol 5 and 6
// messages (identical for these RPCs). Like rpc_handlers.h: translate, one engine call,
// translate back.
//
// InvokeAction streams: one Progress event per message the action sends, written as it is
// sent, then exactly one Completed event with the diagnostics. An exception anywhere ends
// the stream with a Completed event holding it as an error, so Terraform always sees the
// invocation finish.
#ifndef TFSDK_SRC_PROTOCOL_ACTION_HANDLERS_H_
#define TFSDK_SRC_PROTOCOL_ACTION_HANDLERS_H_

#include <string>

#include <grpcpp/grpcpp.h>

#include "src/engine/engine.h"
#include "src/protocol/translate.h"

namespace tfsdk::internal {

// Adds the action type names of GetMetadata.
template <class PbResponse>
void AddActionMetadata(const Engine& engine, PbResponse* resp) {
  for (const auto& [name, schema] : engine.ActionSchemas()) {
    resp->add_actions()->set_type_name(name);
  }
}

// Adds the action schemas of GetProviderSchema (v6) / GetSchema (v5).
template <class PbResponse>
void AddActionSchemas(const Engine& engine, PbResponse* resp) {
  auto* out = resp->mutable_action_schemas();
  for (const auto& [name, schema] : engine.ActionSchemas()) {
    SchemaToProto(schema, (*out)[name].mutable_schema());
  }
}

template <class PbRequest, class PbResponse>
void HandleValidateActionConfig(Engine& engine, const PbRequest& req, PbResponse* resp) {
  AppendDiagnostics(engine.ValidateActionConfig(req.type_name(), RawValueFromProto(req.config())),
                    resp->mutable_diagnostics());
}

template <class PbRequest, class PbResponse>
void HandlePlanAction(Engine& engine, const PbRequest& req, PbResponse* resp) {
  PlanActionRequest in;
  in.type_name = req.action_type();
  in.config = RawValueFromProto(req.config());
  in.client_capabilities = ClientCapabilitiesFromProto(req.client_capabilities());
  PlanActionResult r = engine.PlanAction(in);
  if (r.deferred) {
    resp->mutable_deferred()->set_reason(
        static_cast<decltype(resp->deferred().reason())>(static_cast<int>(*r.deferred)));
  }
  AppendDiagnostics(r.diagnostics, resp->mutable_diagnostics());
}

template <class PbRequest, class PbEvent>
grpc::Status HandleInvokeAction(Engine& engine, const PbRequest& req,
                                grpc::ServerWriter<PbEvent>* writer) noexcept {
  bool completed = false;
  return Guarded(
      [&] {
        InvokeActionRequest in;
        in.type_name = req.action_type();
        in.config = RawValueFromProto(req.config());
        in.client_capabilities = ClientCapabilitiesFromProto(req.client_capabilities());
        // The engine serializes progress calls, so the writer sees one at a time.
        Diagnostics diags = engine.InvokeAction(in, [writer](const std::string& message) {
          PbEvent event;
          event.mutable_progress()->set_message(message);
          writer->Write(event);
        });
        PbEvent done;
        AppendDiagnostics(diags, done.mutable_completed()->mutable_diagnostics());
        completed = true;
        writer->Write(done);
      },
      [&](const Diagnostics& diags) {
        if (completed) return;  // the final write itself failed; the stream is gone
        PbEvent done;
        AppendDiagnostics(diags, done.mutable_completed()->mutable_diagnostics());
        writer->Write(done);
      });
}

}  // namespace tfsdk::internal

#endif  // TFSDK_SRC_PROTOCOL_ACTION_HANDLERS_H_
