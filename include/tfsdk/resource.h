// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// tfsdk::Resource — a managed resource type (create, read, update, delete).
//
//   class FileResource final : public tfsdk::Resource {
//    public:
//     std::string TypeName() const override { return "local_file"; }
//     tfsdk::Schema GetSchema() const override { return {...}; }
//     void Create(const tfsdk::CreateRequest& req, tfsdk::CreateResponse& resp) override;
//     void Read(const tfsdk::ReadRequest& req, tfsdk::ReadResponse& resp) override;
//     void Update(const tfsdk::UpdateRequest& req, tfsdk::UpdateResponse& resp) override;
//     void Delete(const tfsdk::DeleteRequest& req, tfsdk::DeleteResponse& resp) override;
//   };
//
// The engine does the protocol bookkeeping: computed attributes absent from the
// configuration are planned unknown, `RequiresReplace` attributes force replacement,
// responses are pre-filled (Create's state starts as the plan with unknowns to fill;
// Read's as the prior state; Update's as the plan), and any exception escaping a callback
// becomes an error diagnostic.
//
// Callbacks are called concurrently (Terraform runs up to 10 operations at once) and must be
// thread-safe. A Resource object lives as long as the provider.
#ifndef TFSDK_RESOURCE_H_
#define TFSDK_RESOURCE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tfsdk/attributes.h"
#include "tfsdk/cancellation.h"
#include "tfsdk/diagnostics.h"
#include "tfsdk/identity.h"
#include "tfsdk/private_state.h"
#include "tfsdk/provider_data.h"
#include "tfsdk/schema.h"
#include "tfsdk/validator.h"

namespace tfsdk {

// Context common to every callback.
struct CallContext {
  CancellationToken cancel;     // cancelled when Terraform sends StopProvider
  ProviderData provider_data;   // what the provider's Configure returned
  // The module's `provider_meta "<provider>" {}` block, when the provider declares a
  // meta schema (Provider::GetMetaSchema) and the module sets one; else a null object.
  Attributes provider_meta;
};

struct CreateRequest : CallContext {
  Attributes config;  // the configuration as written (unknowns possible only in plan)
  Attributes plan;    // the planned state; unknown values are yours to fill
  Attributes identity;  // the planned identity (tfsdk/identity.h); normally null
};
struct CreateResponse {
  Attributes state;   // starts as the plan; set every unknown to a known value
  PrivateState private_state;  // starts as the planned private state
  Attributes identity;  // starts as req.identity; set every attribute you can
  Diagnostics diagnostics;
};

struct ReadRequest : CallContext {
  Attributes state;   // the prior state
  PrivateState private_state;
  Attributes identity;  // the prior identity; a null object when none is stored yet
};
struct ReadResponse {
  Attributes state;   // starts as the prior state; update drifted values, or
                      // state.RemoveResource() when the remote object is gone
  PrivateState private_state;  // starts as req.private_state
  Attributes identity;  // starts as req.identity; fill it when it is null
  Diagnostics diagnostics;
};

struct UpdateRequest : CallContext {
  Attributes config;
  Attributes plan;
  Attributes state;   // the prior state
  PrivateState private_state;  // the planned private state
  Attributes identity;  // the planned identity (the prior one unless ModifyPlan changed it)
};
struct UpdateResponse {
  Attributes state;   // starts as the plan
  PrivateState private_state;  // starts as req.private_state
  Attributes identity;  // starts as req.identity
  Diagnostics diagnostics;
};

struct DeleteRequest : CallContext {
  Attributes state;   // the prior state
  PrivateState private_state;
  // The identity Terraform planned for the delete: the prior identity on destroy, but a
  // null object for the delete half of a replacement (Terraform 1.15 sends the new
  // object's planned identity there). Identify the object by `state`.
  Attributes identity;
};
struct DeleteResponse {
  Diagnostics diagnostics;
};

struct ImportStateRequest : CallContext {
  std::string id;     // the ID given to `terraform import` or an import block; empty when
                      // importing by identity
  // The identity given by an `import { identity = {...} }` block (Terraform 1.12+); a null
  // object when importing by ID or when the resource has no identity schema.
  Attributes identity;
};
struct ImportStateResponse {
  Attributes state;   // starts null-valued attributes; set what identifies the object, the
                      // engine then calls Read to fill in the rest
  PrivateState private_state;
  Attributes identity;  // starts as req.identity; Read may complete it
  Diagnostics diagnostics;
};

// ModifyPlan: the last word on a plan, after defaults, unknown marking and attribute plan
// modifiers (see tfsdk/plan_modifier.h). Also called to plan a destroy (plan is then a null
// object), e.g. to refuse destroying something protected.
struct ModifyPlanRequest : CallContext {
  Attributes config;  // null object on destroy
  Attributes state;   // the prior state; null object on create
  Attributes plan;    // the plan so far; null object on destroy
  PrivateState private_state;  // the prior private state
  Attributes identity;  // the planned identity: the prior one; null on create
};
struct ModifyPlanResponse {
  Attributes plan;    // starts as req.plan; change planned values here
  // Attribute paths whose change forces replacement (added to those the attribute
  // modifiers found).
  std::vector<Path> requires_replace;
  PrivateState private_state;  // the planned private state; starts as the prior one
  Attributes identity;  // starts as req.identity; set values known at plan time
  Diagnostics diagnostics;
};

// ValidateConfig: checks across attributes after each attribute's own validators ran.
// Values from other resources may still be unknown.
struct ValidateConfigRequest {
  Attributes config;
};
struct ValidateConfigResponse {
  Diagnostics diagnostics;
};

// State upgrade from an older schema version (Schema::version). Each upgrader takes a
// state written with one prior version straight to the current version. It may run before
// the provider is configured (provider_data is then empty); provider_meta is always null.
struct UpgradeStateRequest : CallContext {
  int64_t version = 0;       // the version the state was written with
  // The prior state decoded with StateUpgrader::prior_schema, when that is set. Attributes
  // the stored state has but prior_schema lacks are dropped (they are still in raw_json).
  std::optional<Attributes> state;
  // The stored state as Terraform has it: JSON text (Terraform 0.12 and later), or the
  // legacy flatmap ("tags.%" = "1", "tags.env" = "prod", ...) of older states.
  std::string raw_json;
  std::map<std::string, std::string> raw_flatmap;
};
struct UpgradeStateResponse {
  Attributes state;          // the state in the current schema; starts as a null object
  Diagnostics diagnostics;
};
struct StateUpgrader {
  // The schema of the prior version, if req.state should be decoded with it (JSON or
  // flatmap). Without it, read req.raw_json / req.raw_flatmap yourself.
  std::optional<Schema> prior_schema;
  std::function<void(const UpgradeStateRequest&, UpgradeStateResponse&)> upgrade;
};

// Identity upgrade from an older IdentitySchema::version, like StateUpgrader. It may run
// before the provider is configured (provider_data is then empty).
struct UpgradeIdentityRequest : CallContext {
  int64_t version = 0;  // the version the identity was written with
  // The prior identity decoded with IdentityUpgrader::prior_schema, when that is set.
  std::optional<Attributes> identity;
  std::string raw_json;  // the stored identity as JSON text
};
struct UpgradeIdentityResponse {
  Attributes identity;  // the identity in the current schema; starts as a null object
  Diagnostics diagnostics;
};
struct IdentityUpgrader {
  // The identity schema of the prior version, if req.identity should be decoded with it.
  std::optional<IdentitySchema> prior_schema;
  std::function<void(const UpgradeIdentityRequest&, UpgradeIdentityResponse&)> upgrade;
};

class Resource {
 public:
  virtual ~Resource() = default;

  // The full resource type name, e.g. "local_file".
  virtual std::string TypeName() const = 0;
  // The schema. Called once at start-up; it is validated then.
  virtual Schema GetSchema() const = 0;

  virtual void Create(const CreateRequest& req, CreateResponse& resp) = 0;
  virtual void Read(const ReadRequest& req, ReadResponse& resp) = 0;
  virtual void Update(const UpdateRequest& req, UpdateResponse& resp) = 0;
  virtual void Delete(const DeleteRequest& req, DeleteResponse& resp) = 0;

  // Import by ID. The default reports that this resource does not support import; call
  // ImportStatePassthrough(req, resp, "id") to store the ID in an attribute.
  virtual void ImportState(const ImportStateRequest& req, ImportStateResponse& resp);

  // Final plan adjustments; see ModifyPlanRequest. Default: nothing.
  virtual void ModifyPlan(const ModifyPlanRequest& req, ModifyPlanResponse& resp) {
    (void)req;
    (void)resp;
  }
  // Validation across attributes; see ValidateConfigRequest. Default: nothing.
  virtual void ValidateConfig(const ValidateConfigRequest& req, ValidateConfigResponse& resp) {
    (void)req;
    (void)resp;
  }
  // Whole-configuration validators (tfsdk/validators.h has ExactlyOneOf, ...). Called once
  // at start-up.
  virtual std::vector<std::shared_ptr<const ConfigValidator>> ConfigValidators() const {
    return {};
  }
  // Upgraders keyed by the prior schema version they read. Called once at start-up.
  // A state of the current version without an upgrader is decoded with the current schema
  // (attributes no longer in the schema are dropped); an older version without an upgrader
  // is an error. An upgrader keyed by the current version runs on every plan and refresh,
  // so it must be idempotent.
  virtual std::map<int64_t, StateUpgrader> StateUpgraders() const { return {}; }

  // Resource identity (tfsdk/identity.h, Terraform 1.12+). Called once at start-up. With a
  // schema, every CRUD request and response carries `identity`. Default: no identity.
  virtual std::optional<IdentitySchema> GetIdentitySchema() const { return std::nullopt; }
  // Upgraders keyed by the prior identity version they read, with the rules of
  // StateUpgraders. Called once at start-up.
  virtual std::map<int64_t, IdentityUpgrader> IdentityUpgraders() const { return {}; }

 protected:
  // Sets attribute `attribute` of the imported state to the import ID.
  static void ImportStatePassthrough(const ImportStateRequest& req, ImportStateResponse& resp,
                                     const std::string& attribute);
  // Import by ID or by identity: sets `state_attribute` to the import ID, or, when importing
  // by identity, to the identity's `identity_attribute` (Go framework:
  // ImportStatePassthroughWithIdentity). The identity itself is passed on as given.
  static void ImportStatePassthroughWithIdentity(const ImportStateRequest& req,
                                                 ImportStateResponse& resp,
                                                 const std::string& state_attribute,
                                                 const std::string& identity_attribute);
};

}  // namespace tfsdk

#endif  // TFSDK_RESOURCE_H_
