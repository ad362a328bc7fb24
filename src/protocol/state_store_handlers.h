// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// The state store RPCs of protocol 6 (ValidateStateStoreConfig, ConfigureStateStore,
// ReadStateBytes, WriteStateBytes, LockState, UnlockState, GetStates, DeleteState) and the
// state store parts of GetMetadata and GetProviderSchema. Like rpc_handlers.h: translate,
// one engine call, translate back; the chunking itself is src/engine/state_store.h.
//
// ReadStateBytes streams the whole state in chunks of the negotiated size (every chunk but
// the last exactly that size, which Terraform checks), each with the total length and its
// inclusive range [start, end]; the first chunk carries the diagnostics. Every chunk has a
// range (Terraform reads it unconditionally): an empty state is one chunk with no bytes,
// total length 0 and range [0, -1]. A failed read is one message with only the
// diagnostics, which Terraform looks at first. WriteStateBytes reads the whole client stream (the first
// chunk's meta names the store and state), checks that the chunks line up with the total
// length, and only then hands the state to the store, once.
#ifndef TFSDK_SRC_PROTOCOL_STATE_STORE_HANDLERS_H_
#define TFSDK_SRC_PROTOCOL_STATE_STORE_HANDLERS_H_

#include <string>

#include <grpcpp/grpcpp.h>

#include "src/engine/engine.h"
#include "src/engine/state_store.h"
#include "src/protocol/translate.h"

namespace tfsdk::internal {

// Adds the state store type names of GetMetadata.
template <class PbResponse>
void AddStateStoreMetadata(const Engine& engine, PbResponse* resp) {
  for (const auto& [name, schema] : engine.StateStoreSchemas()) {
    resp->add_state_stores()->set_type_name(name);
  }
}

// Adds the state store schemas of GetProviderSchema.
template <class PbResponse>
void AddStateStoreSchemas(const Engine& engine, PbResponse* resp) {
  SchemaMapToProto(engine.StateStoreSchemas(), resp->mutable_state_store_schemas());
}

template <class PbRequest, class PbResponse>
void HandleValidateStateStoreConfig(Engine& engine, const PbRequest& req, PbResponse* resp) {
  AppendDiagnostics(
      engine.ValidateStateStoreConfig(req.type_name(), RawValueFromProto(req.config())),
      resp->mutable_diagnostics());
}

template <class PbRequest, class PbResponse>
void HandleConfigureStateStore(Engine& engine, const PbRequest& req, PbResponse* resp) {
  ConfigureStateStoreResult r = engine.ConfigureStateStore(
      req.type_name(), RawValueFromProto(req.config()), req.capabilities().chunk_size());
  if (r.chunk_size > 0) resp->mutable_capabilities()->set_chunk_size(r.chunk_size);
  AppendDiagnostics(r.diagnostics, resp->mutable_diagnostics());
}

template <class PbRequest, class PbChunk>
grpc::Status HandleReadStateBytes(Engine& engine, const PbRequest& req,
                                  grpc::ServerWriter<PbChunk>* writer) noexcept {
  bool written = false;
  return Guarded(
      [&] {
        ReadStateBytesResult r = engine.ReadStateBytes(req.type_name(), req.state_id());
        if (r.diagnostics.HasError()) {
          PbChunk message;
          AppendDiagnostics(r.diagnostics, message.mutable_diagnostics());
          written = true;
          writer->Write(message);
          return;
        }
        bool first = true;
        for (StateChunk& c : SplitStateBytes(r.bytes, r.chunk_size)) {
          PbChunk message;
          message.set_bytes(std::move(c.bytes));
          message.set_total_length(c.total_length);
          message.mutable_range()->set_start(c.start);
          message.mutable_range()->set_end(c.end);
          if (first) AppendDiagnostics(r.diagnostics, message.mutable_diagnostics());
          first = false;
          written = true;
          if (!writer->Write(message)) return;  // Terraform went away
        }
      },
      [&](const Diagnostics& diags) {
        if (written) return;  // a chunk went out; a diagnostic now would read as more state
        PbChunk message;
        AppendDiagnostics(diags, message.mutable_diagnostics());
        writer->Write(message);
      });
}

template <class PbChunk, class PbResponse>
void HandleWriteStateBytes(Engine& engine, grpc::ServerReader<PbChunk>* reader,
                           PbResponse* resp) {
  std::string type_name;
  std::string state_id;
  bool have_meta = false;
  Diagnostics diags;
  StateBytesAssembler assembler(0);
  bool ok = true;
  PbChunk chunk;
  while (reader->Read(&chunk)) {
    if (!ok) continue;  // drain the stream so the client completes normally
    if (!have_meta) {
      if (!chunk.has_meta()) {
        diags.AddError("Invalid state chunk",
                       "The first chunk of WriteStateBytes names no state store and state.");
        ok = false;
        continue;
      }
      have_meta = true;
      type_name = chunk.meta().type_name();
      state_id = chunk.meta().state_id();
      diags.Append(engine.StateStoreReady(type_name));
      if (diags.HasError()) {
        ok = false;
        continue;
      }
      assembler = StateBytesAssembler(engine.StateStoreChunkSize(type_name));
    }
    StateChunk c;
    c.bytes = std::move(*chunk.mutable_bytes());
    c.total_length = chunk.total_length();
    c.has_range = chunk.has_range();
    c.start = chunk.range().start();
    c.end = chunk.range().end();
    ok = assembler.Add(c, diags);
  }
  if (ok && !have_meta) {
    diags.AddError("No state received", "Terraform closed the stream without sending a chunk.");
    ok = false;
  }
  if (ok && assembler.Finish(diags)) {
    diags.Append(engine.WriteStateBytes(type_name, state_id, assembler.Take()));
  }
  AppendDiagnostics(diags, resp->mutable_diagnostics());
}

template <class PbRequest, class PbResponse>
void HandleLockState(Engine& engine, const PbRequest& req, PbResponse* resp) {
  LockStateResult r = engine.LockState(req.type_name(), req.state_id(), req.operation());
  resp->set_lock_id(r.lock_id);
  AppendDiagnostics(r.diagnostics, resp->mutable_diagnostics());
}

template <class PbRequest, class PbResponse>
void HandleUnlockState(Engine& engine, const PbRequest& req, PbResponse* resp) {
  AppendDiagnostics(engine.UnlockState(req.type_name(), req.state_id(), req.lock_id()),
                    resp->mutable_diagnostics());
}

template <class PbRequest, class PbResponse>
void HandleGetStates(Engine& engine, const PbRequest& req, PbResponse* resp) {
  GetStatesResult r = engine.GetStates(req.type_name());
  for (const std::string& id : r.state_ids) resp->add_state_id(id);
  AppendDiagnostics(r.diagnostics, resp->mutable_diagnostics());
}

template <class PbRequest, class PbResponse>
void HandleDeleteState(Engine& engine, const PbRequest& req, PbResponse* resp) {
  AppendDiagnostics(engine.DeleteState(req.type_name(), req.state_id()),
                    resp->mutable_diagnostics());
}

}  // namespace tfsdk::internal

#endif  // TFSDK_SRC_PROTOCOL_STATE_STORE_HANDLERS_H_
