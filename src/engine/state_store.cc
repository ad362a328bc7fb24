// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// State stores: Engine::LoadStateStores and the state store RPCs (see tfsdk/state_store.h),
// plus the chunking helpers of src/engine/state_store.h.

#include "src/engine/state_store.h"

#include <algorithm>
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
#include "tfsdk/state_store.h"

namespace tfsdk::internal {

// --- chunking ---------------------------------------------------------------------------

std::vector<StateChunk> SplitStateBytes(const std::string& bytes, int64_t chunk_size) {
  std::vector<StateChunk> out;
  const auto total = static_cast<int64_t>(bytes.size());
  if (chunk_size <= 0) chunk_size = std::max<int64_t>(total, 1);
  int64_t offset = 0;
  do {
    int64_t n = std::min(chunk_size, total - offset);
    StateChunk c;
    c.bytes = bytes.substr(static_cast<size_t>(offset), static_cast<size_t>(n));
    c.total_length = total;
    c.has_range = true;
    c.start = offset;
    c.end = offset + n - 1;  // inclusive, as Terraform core reads and writes it
    out.push_back(std::move(c));
    offset += n;
  } while (offset < total);
  return out;
}

bool StateBytesAssembler::Add(const StateChunk& chunk, Diagnostics& diags) {
  const auto offset = static_cast<int64_t>(bytes_.size());
  const auto size = static_cast<int64_t>(chunk.bytes.size());
  ++chunks_;
  if (total_length_ < 0) {
    if (chunk.total_length < 0) {
      diags.AddError("Invalid state chunk",
                     absl::StrCat("The first chunk announced a negative total length (",
                                  chunk.total_length, ")."));
      return false;
    }
    total_length_ = chunk.total_length;
  } else if (chunk.total_length != total_length_ && chunk.total_length != 0) {
    // Later chunks may leave the total out (0) or repeat it; never change it.
    diags.AddError("Invalid state chunk",
                   absl::StrCat("Chunk ", chunks_, " announced a total length of ",
                                chunk.total_length, " bytes; the first announced ",
                                total_length_, "."));
    return false;
  }
  if (chunk_size_ > 0 && size > chunk_size_) {
    diags.AddError("Invalid state chunk",
                   absl::StrCat("Chunk ", chunks_, " holds ", size,
                                " bytes, more than the negotiated chunk size of ", chunk_size_,
                                "."));
    return false;
  }
  if (chunk.has_range) {
    bool end_ok = chunk.end == chunk.start + size - 1 || chunk.end == chunk.start + size;
    if (chunk.start != offset || !end_ok) {
      diags.AddError("Invalid state chunk",
                     absl::StrCat("Chunk ", chunks_, " covers bytes ", chunk.start, " to ",
                                  chunk.end, " with ", size, " bytes, but ", offset,
                                  " bytes had arrived: chunks must follow each other without "
                                  "gaps or overlaps."));
      return false;
    }
  }
  if (offset + size > total_length_) {
    diags.AddError("Invalid state chunk",
                   absl::StrCat("The chunks hold more than the announced total length of ",
                                total_length_, " bytes."));
    return false;
  }
  bytes_.append(chunk.bytes);
  return true;
}

bool StateBytesAssembler::Finish(Diagnostics& diags) const {
  if (chunks_ == 0) {
    diags.AddError("No state received", "Terraform closed the stream without sending a chunk.");
    return false;
  }
  if (static_cast<int64_t>(bytes_.size()) != total_length_) {
    diags.AddError("Incomplete state received",
                   absl::StrCat("Terraform announced ", total_length_, " bytes of state but sent ",
                                bytes_.size(), "."));
    return false;
  }
  return true;
}

// --- the engine -------------------------------------------------------------------------

struct Engine::StateStoreEntry {
  StateStore* store = nullptr;
  Schema schema;
  Type type;
  std::vector<std::shared_ptr<const ConfigValidator>> config_validators;
  std::mutex mu;  // guards the two below
  bool configured = false;
  int64_t chunk_size = 0;
};

void Engine::LoadStateStores() {
  for (const auto& s : provider_.state_stores()) {
    auto entry = std::make_shared<StateStoreEntry>();
    entry->store = s.get();
    std::string name;
    GuardAuthorCall(schema_diagnostics_, "state store schema", std::nullopt, [&] {
      name = s->TypeName();
      entry->schema = s->GetSchema();
      entry->config_validators = s->ConfigValidators();
    });
    for (const Diagnostic& diag : entry->schema.Validate()) {
      Diagnostic copy = diag;
      copy.summary = absl::StrCat("state store ", name, ": ", diag.summary);
      schema_diagnostics_.Add(std::move(copy));
    }
    entry->type = entry->schema.ImpliedType();
    if (state_stores_.count(name)) {
      schema_diagnostics_.AddError(absl::StrCat("Duplicate state store type \"", name, "\""));
    }
    state_stores_[name] = std::move(entry);
  }
}

Engine::StateStoreEntry* Engine::FindStateStore(const std::string& type_name, bool configured,
                                                Diagnostics& diags) const {
  auto it = state_stores_.find(type_name);
  if (it == state_stores_.end()) {
    diags.Append(Unsupported("state store", type_name));
    return nullptr;
  }
  if (configured) {
    std::lock_guard lock(it->second->mu);
    if (!it->second->configured) {
      diags.AddError("State store not configured",
                     absl::StrCat("Terraform used the state store \"", type_name,
                                  "\" before configuring it (ConfigureStateStore)."));
      return nullptr;
    }
  }
  return it->second.get();
}

std::map<std::string, Schema> Engine::StateStoreSchemas() const {
  std::map<std::string, Schema> out;
  for (const auto& [name, e] : state_stores_) out.emplace(name, e->schema);
  return out;
}

namespace {

bool DecodeStoreConfig(const RawValue& raw, const Type& type, Value& out, Diagnostics& diags) {
  absl::StatusOr<Value> v = !raw.msgpack.empty() ? DecodeMsgpack(raw.msgpack, type)
                            : !raw.json.empty()  ? DecodeJsonValue(raw.json, type)
                                                 : absl::StatusOr<Value>(Value::NullVal(type));
  if (!v.ok()) {
    diags.AddError("Invalid state store configuration received from Terraform",
                   std::string(v.status().message()));
    return false;
  }
  out = *std::move(v);
  return true;
}

}  // namespace

Diagnostics Engine::ValidateStateStoreConfig(const std::string& type_name,
                                             const RawValue& config) {
  Diagnostics diags;
  StateStoreEntry* e = FindStateStore(type_name, false, diags);
  if (e == nullptr) return diags;
  Value v;
  if (!DecodeStoreConfig(config, e->type, v, diags)) return diags;
  StateStore* store = e->store;
  diags.Append(ValidateConfiguration(
      e->schema, v, e->config_validators,
      [store](const ValidateConfigRequest& req, ValidateConfigResponse& resp) {
        store->ValidateConfig(req, resp);
      },
      absl::StrCat("state store \"", type_name, "\"")));
  return diags;
}

ConfigureStateStoreResult Engine::ConfigureStateStore(const std::string& type_name,
                                                      const RawValue& config,
                                                      int64_t client_chunk_size) {
  ConfigureStateStoreResult r;
  StateStoreEntry* e = FindStateStore(type_name, false, r.diagnostics);
  if (e == nullptr) return r;
  Value cfg;
  if (!DecodeStoreConfig(config, e->type, cfg, r.diagnostics)) return r;
  if (!cfg.IsWhollyKnown()) {
    r.diagnostics.AddError("State store configuration not known",
                           absl::StrCat("The configuration of the state store \"", type_name,
                                        "\" holds values that are not known yet; a state store "
                                        "can only use values known before planning."));
    return r;
  }
  int64_t proposed = client_chunk_size > 0 ? client_chunk_size : kDefaultStateChunkSize;
  StateStoreConfigureRequest req;
  static_cast<CallContext&>(req) = Context();
  req.config = Attributes(&e->schema, cfg);
  req.chunk_size = proposed;
  StateStoreConfigureResponse resp;
  GuardAuthorCall(resp.diagnostics, "Configure of state store " + type_name, std::nullopt,
                  [&] { e->store->Configure(req, resp); });
  r.diagnostics.Append(resp.diagnostics);
  int64_t chunk_size = proposed;
  if (resp.chunk_size > 0 && resp.chunk_size < proposed) {
    chunk_size = resp.chunk_size;
  } else if (resp.chunk_size > proposed) {
    r.diagnostics.AddWarning(
        "State store chunk size ignored",
        absl::StrCat("The state store \"", type_name, "\" asked for chunks of ", resp.chunk_size,
                     " bytes, more than Terraform's ", proposed, "; using ", proposed, "."));
  }
  r.chunk_size = chunk_size;
  if (!r.diagnostics.HasError()) {
    std::lock_guard lock(e->mu);
    e->configured = true;
    e->chunk_size = chunk_size;
  }
  return r;
}

Diagnostics Engine::StateStoreReady(const std::string& type_name) const {
  Diagnostics diags;
  FindStateStore(type_name, true, diags);
  return diags;
}

int64_t Engine::StateStoreChunkSize(const std::string& type_name) const {
  auto it = state_stores_.find(type_name);
  if (it == state_stores_.end()) return 0;
  std::lock_guard lock(it->second->mu);
  return it->second->chunk_size;
}

ReadStateBytesResult Engine::ReadStateBytes(const std::string& type_name,
                                            const std::string& state_id) {
  ReadStateBytesResult r;
  StateStoreEntry* e = FindStateStore(type_name, true, r.diagnostics);
  if (e == nullptr) return r;
  {
    std::lock_guard lock(e->mu);
    r.chunk_size = e->chunk_size;
  }
  StateReadRequest req;
  static_cast<CallContext&>(req) = Context();
  req.state_id = state_id;
  StateReadResponse resp;
  GuardAuthorCall(resp.diagnostics, "Read of state store " + type_name, std::nullopt,
                  [&] { e->store->Read(req, resp); });
  r.diagnostics.Append(resp.diagnostics);
  if (!r.diagnostics.HasError()) r.bytes = std::move(resp.bytes);
  return r;
}

Diagnostics Engine::WriteStateBytes(const std::string& type_name, const std::string& state_id,
                                    std::string bytes) {
  Diagnostics diags;
  StateStoreEntry* e = FindStateStore(type_name, true, diags);
  if (e == nullptr) return diags;
  StateWriteRequest req;
  static_cast<CallContext&>(req) = Context();
  req.state_id = state_id;
  req.bytes = std::move(bytes);
  StateWriteResponse resp;
  GuardAuthorCall(resp.diagnostics, "Write of state store " + type_name, std::nullopt,
                  [&] { e->store->Write(req, resp); });
  diags.Append(resp.diagnostics);
  return diags;
}

LockStateResult Engine::LockState(const std::string& type_name, const std::string& state_id,
                                  const std::string& operation) {
  LockStateResult r;
  StateStoreEntry* e = FindStateStore(type_name, true, r.diagnostics);
  if (e == nullptr) return r;
  StateLockRequest req;
  static_cast<CallContext&>(req) = Context();
  req.state_id = state_id;
  req.operation = operation;
  StateLockResponse resp;
  GuardAuthorCall(resp.diagnostics, "Lock of state store " + type_name, std::nullopt,
                  [&] { e->store->Lock(req, resp); });
  r.diagnostics.Append(resp.diagnostics);
  // A failed lock holds nothing, so Terraform must not get an id to unlock with.
  if (!r.diagnostics.HasError()) r.lock_id = std::move(resp.lock_id);
  return r;
}

Diagnostics Engine::UnlockState(const std::string& type_name, const std::string& state_id,
                                const std::string& lock_id) {
  Diagnostics diags;
  StateStoreEntry* e = FindStateStore(type_name, true, diags);
  if (e == nullptr) return diags;
  StateUnlockRequest req;
  static_cast<CallContext&>(req) = Context();
  req.state_id = state_id;
  req.lock_id = lock_id;
  StateUnlockResponse resp;
  GuardAuthorCall(resp.diagnostics, "Unlock of state store " + type_name, std::nullopt,
                  [&] { e->store->Unlock(req, resp); });
  diags.Append(resp.diagnostics);
  return diags;
}

GetStatesResult Engine::GetStates(const std::string& type_name) {
  GetStatesResult r;
  StateStoreEntry* e = FindStateStore(type_name, true, r.diagnostics);
  if (e == nullptr) return r;
  StatesRequest req;
  static_cast<CallContext&>(req) = Context();
  StatesResponse resp;
  GuardAuthorCall(resp.diagnostics, "States of state store " + type_name, std::nullopt,
                  [&] { e->store->States(req, resp); });
  r.diagnostics.Append(resp.diagnostics);
  std::sort(resp.state_ids.begin(), resp.state_ids.end());
  resp.state_ids.erase(std::unique(resp.state_ids.begin(), resp.state_ids.end()),
                       resp.state_ids.end());
  r.state_ids = std::move(resp.state_ids);
  return r;
}

Diagnostics Engine::DeleteState(const std::string& type_name, const std::string& state_id) {
  Diagnostics diags;
  StateStoreEntry* e = FindStateStore(type_name, true, diags);
  if (e == nullptr) return diags;
  StateDeleteRequest req;
  static_cast<CallContext&>(req) = Context();
  req.state_id = state_id;
  StateDeleteResponse resp;
  GuardAuthorCall(resp.diagnostics, "Delete of state store " + type_name, std::nullopt,
                  [&] { e->store->Delete(req, resp); });
  diags.Append(resp.diagnostics);
  return diags;
}

}  // namespace tfsdk::internal
