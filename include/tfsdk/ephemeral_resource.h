// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// tfsdk::EphemeralResource — an ephemeral resource type (Terraform 1.10+, OpenTofu 1.11+):
// something opened for the duration of one Terraform run (a short-lived credential, a
// tunnel, a lease) whose result Terraform never writes to plan or state. Its result may
// feed provider configuration and write-only attributes (Attribute::WriteOnly).
//
//   class TokenEphemeral final : public tfsdk::EphemeralResource {
//     std::string TypeName() const override { return "vault_token"; }
//     tfsdk::Schema GetSchema() const override {
//       return {.attributes = {tfsdk::Attribute::String("role").Required(),
//                              tfsdk::Attribute::String("token").Computed().Sensitive()}};
//     }
//     void Open(const tfsdk::EphemeralOpenRequest& req,
//               tfsdk::EphemeralOpenResponse& resp) override {
//       Lease lease = client.Issue(req.config.Get<std::string>("role"));
//       resp.result.Set("token", lease.token);
//       resp.private_state.Set("lease_id", "\"" + lease.id + "\"");
//       resp.renew_at = lease.expires - std::chrono::minutes(1);
//     }
//     void Renew(const tfsdk::EphemeralRenewRequest& req,
//                tfsdk::EphemeralRenewResponse& resp) override { ... extend the lease ... }
//     void Close(const tfsdk::EphemeralCloseRequest& req,
//                tfsdk::EphemeralCloseResponse& resp) override { ... revoke the lease ... }
//   };
//   provider.AddEphemeralResource<TokenEphemeral>();
//
// Lifecycle: Terraform validates the configuration (attribute validators,
// ConfigValidators, ValidateConfig), then calls Open whenever the result is needed (in plan
// and again in apply), Renew at the time Open or the last Renew asked for (renew_at) while
// the run still needs the resource, and Close when the run no longer does. Renew and Close
// only see the private state: keep in it whatever they need (a lease id, a handle).
//
// The result starts as the configuration with computed attributes null; Open fills the
// computed ones. It must be wholly known. Open always sees a wholly known configuration:
// while it has unknown values (during plan, from resources not created yet) Terraform and
// OpenTofu do not open the resource and use an unknown result until apply; should a client
// send such a configuration anyway, the SDK answers with an unknown result itself.
// Called concurrently; must be thread-safe.
#ifndef TFSDK_EPHEMERAL_RESOURCE_H_
#define TFSDK_EPHEMERAL_RESOURCE_H_

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tfsdk/attributes.h"
#include "tfsdk/diagnostics.h"
#include "tfsdk/private_state.h"
#include "tfsdk/resource.h"
#include "tfsdk/schema.h"

namespace tfsdk {

struct EphemeralOpenRequest : CallContext {
  Attributes config;  // wholly known
};
struct EphemeralOpenResponse {
  Attributes result;           // starts as the configuration, computed values null
  PrivateState private_state;  // handed to Renew and Close
  // When Terraform should call Renew (if the run still needs the resource then).
  std::optional<std::chrono::system_clock::time_point> renew_at;
  Diagnostics diagnostics;
};

struct EphemeralRenewRequest : CallContext {
  PrivateState private_state;  // from Open or the last Renew
};
struct EphemeralRenewResponse {
  PrivateState private_state;  // starts as the request's
  std::optional<std::chrono::system_clock::time_point> renew_at;  // the next renewal
  Diagnostics diagnostics;
};

struct EphemeralCloseRequest : CallContext {
  PrivateState private_state;  // from Open or the last Renew
};
struct EphemeralCloseResponse {
  Diagnostics diagnostics;
};

class EphemeralResource {
 public:
  virtual ~EphemeralResource() = default;
  // The full ephemeral resource type name, e.g. "vault_token".
  virtual std::string TypeName() const = 0;
  virtual Schema GetSchema() const = 0;
  virtual void Open(const EphemeralOpenRequest& req, EphemeralOpenResponse& resp) = 0;
  // Default: nothing (the private state stays as it is, no further renewal).
  virtual void Renew(const EphemeralRenewRequest& req, EphemeralRenewResponse& resp) {
    (void)req;
    (void)resp;
  }
  // Default: nothing.
  virtual void Close(const EphemeralCloseRequest& req, EphemeralCloseResponse& resp) {
    (void)req;
    (void)resp;
  }
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

#endif  // TFSDK_EPHEMERAL_RESOURCE_H_
