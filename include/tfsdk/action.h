// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// tfsdk::Action — a provider action (Terraform 1.14+): an operation that is not a resource,
// such as sending a notification, invalidating a cache or rebooting a machine. It has a
// configuration schema and no state. Terraform invokes it from a resource's lifecycle
// (`action_trigger`) or on request (`terraform apply -invoke=action.x_notify.n`).
//
//   class NotifyAction final : public tfsdk::Action {
//     std::string TypeName() const override { return "x_notify"; }
//     tfsdk::Schema GetSchema() const override {
//       return {.attributes = {tfsdk::Attribute::String("message").Required()}};
//     }
//     void Invoke(const tfsdk::ActionInvokeRequest& req,
//                 tfsdk::ActionInvokeResponse& resp) override {
//       req.SendProgress("sending");
//       if (!chat.Post(req.config.Get<std::string>("message"))) {
//         resp.diagnostics.AddError("Notification failed", chat.LastError());
//       }
//     }
//   };
//   provider.AddAction<NotifyAction>();
//
// and in a configuration:
//
//   action "x_notify" "n" {
//     config { message = "deployed" }
//   }
//   resource "x_thing" "t" {
//     lifecycle {
//       action_trigger {
//         events  = [after_create]
//         actions = [action.x_notify.n]
//       }
//     }
//   }
//
// Lifecycle: Terraform validates the configuration (attribute validators, ConfigValidators,
// ValidateConfig), calls Plan while planning (the configuration may still hold unknown
// values then), and Invoke during apply with a wholly known configuration. Invoke may report
// progress any number of times with req.SendProgress; Terraform shows each message as it
// arrives. An exception thrown by Invoke becomes an error diagnostic of the invocation.
// An action schema has no computed attributes: there is no state to compute into.
// Called concurrently; must be thread-safe.
#ifndef TFSDK_ACTION_H_
#define TFSDK_ACTION_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "tfsdk/attributes.h"
#include "tfsdk/diagnostics.h"
#include "tfsdk/resource.h"
#include "tfsdk/schema.h"

namespace tfsdk {

struct ActionPlanRequest : CallContext {
  Attributes config;              // may contain unknown values
  bool deferral_allowed = false;  // the client accepts a deferred plan
};
struct ActionPlanResponse {
  Diagnostics diagnostics;
};

struct ActionInvokeRequest : CallContext {
  Attributes config;  // wholly known
  // Sends one progress message to Terraform, which prints it while the action runs. May be
  // called from any thread until Invoke returns, never after.
  void SendProgress(const std::string& message) const {
    if (progress) progress(message);
  }
  // Where SendProgress delivers; set by the SDK (or by a test).
  std::function<void(const std::string&)> progress;
};
struct ActionInvokeResponse {
  Diagnostics diagnostics;
};

class Action {
 public:
  virtual ~Action() = default;
  // The full action type name, e.g. "x_notify".
  virtual std::string TypeName() const = 0;
  // The schema of the action's `config` block.
  virtual Schema GetSchema() const = 0;
  // Runs the action.
  virtual void Invoke(const ActionInvokeRequest& req, ActionInvokeResponse& resp) = 0;
  // Checks at plan time, e.g. whether the target exists. Default: nothing.
  virtual void Plan(const ActionPlanRequest& req, ActionPlanResponse& resp) {
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

#endif  // TFSDK_ACTION_H_
