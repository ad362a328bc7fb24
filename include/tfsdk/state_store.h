// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// tfsdk::StateStore — a provider-implemented place for Terraform to keep its state
// (protocol 6 only; experimental in Terraform, which enables the `state_store` block only
// in builds with experiments). The practitioner writes
//
//   terraform {
//     state_store "x_fs" {
//       provider "x" {}
//       directory = "/var/tfstate"
//     }
//   }
//
// and Terraform reads, writes, locks, lists and deletes states (one per workspace; the
// default workspace's state id is "default") through the provider:
//
//   class FsStore final : public tfsdk::StateStore {
//     std::string TypeName() const override { return "x_fs"; }
//     tfsdk::Schema GetSchema() const override {
//       return {.attributes = {tfsdk::Attribute::String("directory").Required()}};
//     }
//     void Configure(const tfsdk::StateStoreConfigureRequest& req,
//                    tfsdk::StateStoreConfigureResponse& resp) override {
//       dir_ = req.config.Get<std::string>("directory");
//     }
//     void Read(const tfsdk::StateReadRequest& req, tfsdk::StateReadResponse& resp) override {
//       resp.bytes = ReadFileOrEmpty(dir_ + "/" + req.state_id + ".tfstate");
//     }
//     void Write(const tfsdk::StateWriteRequest& req, tfsdk::StateWriteResponse& resp) override {
//       WriteFile(dir_ + "/" + req.state_id + ".tfstate", req.bytes);
//     }
//     void States(const tfsdk::StatesRequest&, tfsdk::StatesResponse& resp) override {
//       resp.state_ids = ListStateFiles(dir_);
//     }
//     void Delete(const tfsdk::StateDeleteRequest& req,
//                 tfsdk::StateDeleteResponse& resp) override { ... remove the file ... }
//     void Lock(...) override;   void Unlock(...) override;   // optional, see below
//   };
//   provider.AddStateStore<FsStore>();
//
// Lifecycle: Terraform validates the `state_store` block (attribute validators,
// ConfigValidators, ValidateConfig), configures the provider and then the store (Configure,
// with a wholly known configuration), and only then calls the other methods; before a
// successful Configure the SDK refuses them with an error. State bytes travel in chunks
// of a size Terraform proposes in Configure (8 MiB by default); the SDK splits and
// reassembles them, so Read and Write always see the whole state. A state that does not
// exist yet reads as empty bytes.
//
// Locking: Lock returns a lock id that Unlock receives back. While a state is locked, a
// second Lock must fail with an error diagnostic that says who holds the lock (Terraform
// shows it to the practitioner). A store that cannot lock keeps the default Lock, which
// returns an empty lock id, and Terraform then runs without a lock.
//
// Called concurrently; must be thread-safe.
#ifndef TFSDK_STATE_STORE_H_
#define TFSDK_STATE_STORE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "tfsdk/attributes.h"
#include "tfsdk/diagnostics.h"
#include "tfsdk/resource.h"
#include "tfsdk/schema.h"

namespace tfsdk {

struct StateStoreConfigureRequest : CallContext {
  Attributes config;       // the `state_store` block, wholly known
  int64_t chunk_size = 0;  // the chunk size Terraform proposed, in bytes
};
struct StateStoreConfigureResponse {
  // The chunk size to use; 0 accepts Terraform's proposal. Only lower it (e.g. to a backend's
  // request limit): Terraform never sends larger chunks than it proposed.
  int64_t chunk_size = 0;
  Diagnostics diagnostics;
};

struct StateReadRequest : CallContext {
  std::string state_id;  // e.g. "default", or a workspace name
};
struct StateReadResponse {
  std::string bytes;  // the whole state; empty when there is none
  Diagnostics diagnostics;
};

struct StateWriteRequest : CallContext {
  std::string state_id;
  std::string bytes;  // the whole state, reassembled from Terraform's chunks
};
struct StateWriteResponse {
  Diagnostics diagnostics;
};

struct StateLockRequest : CallContext {
  std::string state_id;
  std::string operation;  // what Terraform is about to do, e.g. "OperationTypeApply"
};
struct StateLockResponse {
  std::string lock_id;  // handed back to Unlock; empty = this store does not lock
  Diagnostics diagnostics;
};

struct StateUnlockRequest : CallContext {
  std::string state_id;
  std::string lock_id;  // what Lock returned
};
struct StateUnlockResponse {
  Diagnostics diagnostics;
};

struct StatesRequest : CallContext {};
struct StatesResponse {
  std::vector<std::string> state_ids;  // every existing state
  Diagnostics diagnostics;
};

struct StateDeleteRequest : CallContext {
  std::string state_id;
};
struct StateDeleteResponse {
  Diagnostics diagnostics;
};

class StateStore {
 public:
  virtual ~StateStore() = default;
  // The full state store type name, e.g. "x_fs".
  virtual std::string TypeName() const = 0;
  // The schema of the `state_store` block (besides its nested `provider` block).
  virtual Schema GetSchema() const = 0;
  // Called once before any state is read or written. Default: nothing.
  virtual void Configure(const StateStoreConfigureRequest& req,
                         StateStoreConfigureResponse& resp) {
    (void)req;
    (void)resp;
  }
  virtual void Read(const StateReadRequest& req, StateReadResponse& resp) = 0;
  virtual void Write(const StateWriteRequest& req, StateWriteResponse& resp) = 0;
  // Default: no locking (an empty lock id).
  virtual void Lock(const StateLockRequest& req, StateLockResponse& resp) {
    (void)req;
    (void)resp;
  }
  // Default: nothing.
  virtual void Unlock(const StateUnlockRequest& req, StateUnlockResponse& resp) {
    (void)req;
    (void)resp;
  }
  virtual void States(const StatesRequest& req, StatesResponse& resp) = 0;
  virtual void Delete(const StateDeleteRequest& req, StateDeleteResponse& resp) = 0;
  // Validation across attributes, after each attribute's validators. Default: nothing.
  virtual void ValidateConfig(const ValidateConfigRequest& req, ValidateConfigResponse& resp) {
    (void)req;
    (void)resp;
  }
  // Whole-configuration validators. Called once at start-up.
  virtual std::vector<std::shared_ptr<const ConfigValidator>> ConfigValidators() const {
    return {};
  }
};

}  // namespace tfsdk

#endif  // TFSDK_STATE_STORE_H_
