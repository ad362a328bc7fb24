// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// tfsdk::testing::UnitHarness — calls a provider's RPC entry points in-process, without
// gRPC and without a Terraform binary, so CRUD logic is tested in milliseconds. The values
// go through the same engine and msgpack encoding the protocol services use, and the
// harness does around each call what Terraform Core does, so a test fails where a real
// `terraform apply` would.
//
//   TEST(FileResourceTest, CreateThenChangeContent) {
//     LocalProvider provider;
//     tfsdk::testing::UnitHarness h(provider);
//     ASSERT_TRUE(h.Configure(R"({"root": "/tmp"})").empty());
//
//     auto created = h.Create("local_file", R"({"path": "/tmp/x", "content": "hi"})");
//     ASSERT_TRUE(created.ok()) << created.diagnostics.ToString();
//     EXPECT_EQ(created.state.Get<std::string>("sha256"), Sha256Hex("hi"));
//
//     auto plan = h.Plan("local_file", created, R"({"path": "/tmp/x", "content": "ho"})");
//     EXPECT_EQ(plan.action, tfsdk::testing::PlanAction::kUpdate);
//     EXPECT_TRUE(plan.planned.GetValue("sha256").IsUnknown());
//     auto updated = h.Apply(plan);
//
//     EXPECT_TRUE(h.Destroy("local_file", updated).ok());
//   }
//
// Inputs. Configurations and states are given as cty JSON text (`{"path": "/tmp/x"}`;
// missing attributes are null and absent nested blocks empty, as Terraform decodes a
// configuration), as a tfsdk::Value (objects may leave attributes out likewise; unknown
// values stand for references to resources not yet created), as Attributes, or as the
// result of an earlier call, which also carries the private state on. A null Value
// (`tfsdk::Value()`) is "no object": no prior state, or no configuration (= destroy).
//
// What Terraform does, and the harness therefore does too:
//  - before any resource or data source call, ConfigureProvider once (an empty
//    configuration when the test did not call Configure), as a `provider` block that is
//    left out still configures the provider;
//  - decoding a configuration rejects a missing Required argument, a value for a
//    Computed-only attribute and too few or too many nested blocks (Validate, Plan, ...);
//  - Plan: ValidateResourceConfig, then PlanResourceChange with the proposed new state
//    (configured values; the prior value wherever a Computed attribute is not configured),
//    then "Provider produced invalid plan" checks (a planned value differs from the
//    configuration although the attribute is not Computed-and-unconfigured, ...), then the
//    action: create, no-op (planned equals prior), replace (a requires_replace path whose
//    value changes; the replacement is planned again from a null prior) or update. A null
//    configuration plans a destroy, which must plan a null object;
//  - Apply: plans again and reports "Provider produced inconsistent final plan" when the
//    second plan does not match the first (disable with Options::replan_on_apply), calls
//    ApplyResourceChange (a replace deletes, then creates), and reports an unknown left in
//    the new state or "Provider produced inconsistent result after apply" (a value known in
//    the plan changed);
//  - Read: UpgradeResourceState (at the current schema version) then ReadResource;
//  - Import: ImportResourceState then ReadResource; a null result is "Cannot import
//    non-existent remote object";
//  - ReadDataSource: ValidateDataResourceConfig then ReadDataSource, which must return a
//    wholly known, non-null object. A configuration that is not wholly known is not read:
//    Terraform defers it to apply (`deferred` is set, computed attributes are unknown).
//  - OpenEphemeral: ValidateEphemeralResourceConfig then OpenEphemeralResource, whose
//    result must be a wholly known, non-null object; as for data sources, a configuration
//    that is not wholly known is not opened (`deferred` is set, the result is unknown).
//    RenewEphemeral and CloseEphemeral take an earlier OpenEphemeral (or RenewEphemeral)
//    result and send its private state, as Terraform does.
//  - InvokeAction: ValidateActionConfig, PlanAction, then InvokeAction, collecting the
//    progress messages; a configuration that is not wholly known is planned, not invoked.
//  - State stores: ConfigureStateStore first (after ValidateStateStoreConfig); ReadState
//    and WriteState pass the bytes through the chunking of the negotiated chunk size;
//    LockState, UnlockState, States and DeleteState call the store as Terraform does.
//  - MoveState: MoveResourceState of a `moved` block's source object (call Read next, as
//    `terraform plan` refreshes the moved object); GenerateConfig: GenerateResourceConfig,
//    as `terraform plan -generate-config-out` sends it for an imported state.
//  - Deferral: with Options::deferral_allowed, client_capabilities.deferral_allowed is sent
//    and results carry the provider's deferral (`deferred_reason`).
// Each problem is an error diagnostic in the result, with the attribute path where there
// is one; a call never throws for provider misbehaviour. Results carry the values as
// Attributes of the schema, e.g. `created.state.Get<std::string>("id")`.
//
// Thread-safety: a harness is used from one thread. The provider must outlive the harness,
// and results refer to schemas the harness owns: read them while the harness is alive.
#ifndef TFSDK_TESTING_UNIT_H_
#define TFSDK_TESTING_UNIT_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "tfsdk/attributes.h"
#include "tfsdk/diagnostics.h"
#include "tfsdk/function.h"
#include "tfsdk/path.h"
#include "tfsdk/private_state.h"
#include "tfsdk/provider.h"
#include "tfsdk/schema.h"
#include "tfsdk/value.h"

namespace tfsdk::testing {

// What applying a plan will do, as Terraform shows it.
enum class PlanAction {
  kNoOp,     // nothing to do: the planned state equals the prior state
  kCreate,   // no prior object
  kUpdate,   // change the object in place
  kReplace,  // delete and create again (a requires_replace attribute changes)
  kDelete,   // the configuration is gone
};
// "no-op", "create", "update", "replace" or "delete".
std::string_view PlanActionName(PlanAction action);
std::ostream& operator<<(std::ostream& os, PlanAction action);

// A resource instance as Terraform keeps it between operations: the state and the
// provider's private state. Results that produce a state derive from it, so they can be
// passed back as the prior state of the next call.
struct InstanceState {
  Attributes state;            // null object when there is no instance
  PrivateState private_state;  // opaque to Terraform; flows plan → apply → read
};

// An object value given to the harness: JSON text, a Value, Attributes, or an earlier
// result. Converted with the schema of the call it is given to (see the top of the file).
class Input {
 public:
  Input(const char* json) : json_(json), is_json_(true) {}             // NOLINT
  Input(std::string_view json) : json_(json), is_json_(true) {}        // NOLINT
  Input(const std::string& json) : json_(json), is_json_(true) {}      // NOLINT
  Input(Value value) : value_(std::move(value)) {}                     // NOLINT
  Input(const Attributes& attributes) : value_(attributes.value()) {}  // NOLINT
  Input(const InstanceState& instance)                                 // NOLINT
      : value_(instance.state.value()), private_state_(instance.private_state) {}

  bool is_json() const { return is_json_; }
  const std::string& json() const { return json_; }
  const Value& value() const { return value_; }
  const PrivateState& private_state() const { return private_state_; }

 private:
  std::string json_;
  bool is_json_ = false;
  Value value_;
  PrivateState private_state_;
};

// The outcome of planning one resource instance.
struct PlanResult {
  std::string type_name;
  PlanAction action = PlanAction::kNoOp;
  Attributes prior;   // the prior state (null object for a create)
  Attributes config;  // the configuration sent (null object for a destroy)
  // The proposed new state Terraform computed and sent, and the provider's planned state
  // (a null object for a destroy). For a replace, those of the second plan, from a null
  // prior state, which is what gets applied.
  Attributes proposed;
  Attributes planned;
  // Paths whose change forces replacement, as Terraform keeps them: only those whose value
  // changes between the prior and the planned state.
  std::vector<Path> requires_replace;
  PrivateState prior_private;
  PrivateState private_state;  // the planned private state
  Diagnostics diagnostics;
  // Set when the provider deferred the change (only with Options::deferral_allowed);
  // Terraform then does not apply it in this run.
  std::optional<DeferredReason> deferred_reason;

  bool ok() const { return !diagnostics.HasError(); }
};

// The outcome of an apply: the new state (null object after a delete) and private state.
// On error the state is what Terraform would keep: the partial result, or the prior state.
struct ApplyResult : InstanceState {
  PlanResult plan;  // the plan that was applied (the final one when re-planned)
  Diagnostics diagnostics;

  bool ok() const { return !diagnostics.HasError(); }
};

// The outcome of Read, Import and UpgradeState.
struct ReadResult : InstanceState {
  Diagnostics diagnostics;
  // Set when the provider deferred the read or import (only with Options::deferral_allowed).
  std::optional<DeferredReason> deferred_reason;

  bool ok() const { return !diagnostics.HasError(); }
  // True when the provider reported the object gone (a null state).
  bool removed() const { return state.IsNull(); }
};

// The outcome of reading a data source.
struct DataSourceResult {
  Attributes state;
  // True when the configuration was not wholly known, so Terraform would read the data
  // source only during apply; `state` is then the placeholder with unknown computed values.
  // Also true when the provider deferred the read (deferred_reason says why).
  bool deferred = false;
  std::optional<DeferredReason> deferred_reason;
  Diagnostics diagnostics;

  bool ok() const { return !diagnostics.HasError(); }
};

// The outcome of opening (or renewing) an ephemeral resource.
struct EphemeralResult {
  std::string type_name;
  Attributes result;           // the opened result (kept as it was by RenewEphemeral)
  PrivateState private_state;  // what Renew and Close will receive
  std::optional<std::chrono::system_clock::time_point> renew_at;
  // True when the configuration was not wholly known: Terraform does not open it yet and
  // `result` is unknown.
  bool deferred = false;
  Diagnostics diagnostics;

  bool ok() const { return !diagnostics.HasError(); }
};

// The outcome of UnitHarness::CallFunction.
struct FunctionCallResult {
  Value result;                       // of the function's return type; null on error
  std::optional<FunctionError> error;  // the function error Terraform would show

  bool ok() const { return !error.has_value(); }
};

// The outcome of UnitHarness::InvokeAction.
struct ActionResult {
  std::vector<std::string> progress;  // every progress message, in order
  bool invoked = false;  // false when validation or planning failed (or the configuration
                         // was not wholly known), so Invoke was not called
  Diagnostics diagnostics;

  bool ok() const { return !diagnostics.HasError(); }
};

// The outcome of UnitHarness::ReadState.
struct StateBytesResult {
  std::string bytes;  // the whole state; empty when there is none
  Diagnostics diagnostics;

  bool ok() const { return !diagnostics.HasError(); }
};

// The outcome of UnitHarness::LockState.
struct StateLockResult {
  std::string lock_id;
  Diagnostics diagnostics;

  bool ok() const { return !diagnostics.HasError(); }
};

// The outcome of UnitHarness::States.
struct StatesResult {
  std::vector<std::string> state_ids;  // sorted
  Diagnostics diagnostics;

  bool ok() const { return !diagnostics.HasError(); }
};

// The source object of UnitHarness::MoveState, as Terraform sends it for a `moved` block
// whose `from` is a resource of another type.
struct MoveSource {
  // The source's provider; empty: "registry.terraform.io/tfsdk/<this provider's type name>".
  std::string provider_address = {};
  std::string type_name = {};     // e.g. "x_old"
  int64_t schema_version = 0;
  std::string state_json = {};    // the stored source state (JSON)
  PrivateState private_state = {};
};

// The outcome of UnitHarness::GenerateConfig: the configuration Terraform would write.
struct GeneratedConfig {
  Attributes config;
  Diagnostics diagnostics;

  bool ok() const { return !diagnostics.HasError(); }
};

class UnitHarness {
 public:
  struct Options {
    // Sent to ConfigureProvider as the Terraform version.
    std::string terraform_version = "1.9.8";
    // Apply plans again first and compares, as Terraform does during apply.
    bool replan_on_apply = true;
    // Read calls UpgradeResourceState first, as Terraform does on every refresh.
    bool upgrade_before_read = true;
    // Sent in every client_capabilities.
    bool write_only_attributes_allowed = true;
    // Sent in every client_capabilities (Terraform only with deferrals enabled).
    bool deferral_allowed = false;
  };

  // Reads every schema through the engine. Schema problems are reported by
  // schema_diagnostics(), and every call then fails with them, as a provider whose schema
  // is invalid never starts.
  explicit UnitHarness(Provider& provider);
  UnitHarness(Provider& provider, Options options);
  ~UnitHarness();
  UnitHarness(const UnitHarness&) = delete;
  UnitHarness& operator=(const UnitHarness&) = delete;

  const Diagnostics& schema_diagnostics() const;

  // Schemas as Terraform receives them, or nullptr for an unknown type.
  const Schema& ProviderSchema() const;
  const Schema* ResourceSchema(std::string_view type_name) const;
  const Schema* DataSourceSchema(std::string_view type_name) const;
  const Schema* EphemeralResourceSchema(std::string_view type_name) const;

  // A resource's (or data source's, or the provider's) configuration from JSON, with
  // missing attributes null and absent blocks empty. Throws std::invalid_argument for an
  // unknown type or JSON that does not fit the schema's type.
  Value Config(std::string_view type_name, std::string_view json) const;
  Value DataSourceConfig(std::string_view type_name, std::string_view json) const;
  Value ProviderConfig(std::string_view json) const;

  // --- provider ------------------------------------------------------------------------
  // ValidateProviderConfig, then ConfigureProvider. A null configuration is an absent
  // `provider` block: an object with every attribute null.
  Diagnostics Configure(const Input& config = Value());
  Diagnostics ValidateProvider(const Input& config);
  // The module's provider_meta block sent with every resource and data source call from
  // now on. REQUIRES: the provider declares a meta schema.
  Diagnostics SetProviderMeta(const Input& meta);
  // StopProvider: cancels the token every callback sees.
  void Stop();

  // --- resources -----------------------------------------------------------------------
  // Configuration checks, then ValidateResourceConfig.
  Diagnostics Validate(std::string_view type_name, const Input& config);
  // See the top of the file. `prior` may be a null Value (create); a null `config` plans a
  // destroy. Plan does not refresh: call Read first to see drift, as `terraform plan` does.
  PlanResult Plan(std::string_view type_name, const Input& prior, const Input& config);
  // Applies a plan returned by Plan (see the top of the file). A no-op plan returns the
  // prior state without calling the provider. A plan with errors is not applied: the
  // result then carries the plan's diagnostics and the prior state.
  ApplyResult Apply(const PlanResult& plan);
  // Plan + Apply from no prior object.
  ApplyResult Create(std::string_view type_name, const Input& config);
  // Plan + Apply from `prior` (which may plan a replace or a no-op).
  ApplyResult Update(std::string_view type_name, const Input& prior, const Input& config);
  // Destroy plan + Apply.
  ApplyResult Destroy(std::string_view type_name, const Input& prior);
  // Refresh.
  ReadResult Read(std::string_view type_name, const Input& prior);
  // `terraform import`: ImportResourceState, then Read.
  ReadResult Import(std::string_view type_name, std::string_view id);
  // UpgradeResourceState of a stored JSON state written with schema `version`.
  ReadResult UpgradeState(std::string_view type_name, int64_t version, std::string_view raw_json);
  // MoveResourceState of `source` to `target_type_name` (see MoveSource); the result holds
  // the moved state and private state.
  ReadResult MoveState(std::string_view target_type_name, const MoveSource& source);
  // GenerateResourceConfig of an (imported) state.
  GeneratedConfig GenerateConfig(std::string_view type_name, const Input& state);

  // --- data sources --------------------------------------------------------------------
  Diagnostics ValidateDataSource(std::string_view type_name, const Input& config);
  DataSourceResult ReadDataSource(std::string_view type_name, const Input& config);

  // --- ephemeral resources -------------------------------------------------------------
  Diagnostics ValidateEphemeral(std::string_view type_name, const Input& config);
  EphemeralResult OpenEphemeral(std::string_view type_name, const Input& config);
  // Renew with `opened`'s private state; the result carries the new private state and
  // renew_at (and `opened`'s result).
  EphemeralResult RenewEphemeral(const EphemeralResult& opened);
  Diagnostics CloseEphemeral(const EphemeralResult& opened);
  // --- provider functions --------------------------------------------------------------
  // CallFunction as Terraform sends it: each argument encoded with its parameter's type
  // (the variadic parameter's for trailing arguments), with no provider configuration.
  // Pass Value::UnknownVal(...) for an unknown argument. An argument the harness cannot
  // encode with its parameter's type is an error naming the argument, as is an unknown
  // function.
  FunctionCallResult CallFunction(std::string_view name, const std::vector<Value>& arguments);
  // --- actions (see tfsdk/action.h) ----------------------------------------------------
  // The action's schema, or nullptr.
  const Schema* ActionSchema(std::string_view type_name) const;
  // ValidateActionConfig, after the same schema checks Terraform makes.
  Diagnostics ValidateAction(std::string_view type_name, const Input& config);
  // As Terraform runs an action: validate, configure the provider if needed, PlanAction,
  // then (when the configuration is wholly known) InvokeAction, collecting progress.
  ActionResult InvokeAction(std::string_view type_name, const Input& config);
  // --- state stores (see tfsdk/state_store.h) ------------------------------------------
  // The state store's schema, or nullptr.
  const Schema* StateStoreSchema(std::string_view type_name) const;
  Diagnostics ValidateStateStore(std::string_view type_name, const Input& config);
  // Validates, configures the provider if needed, then ConfigureStateStore with the chunk
  // size Terraform would propose.
  Diagnostics ConfigureStateStore(std::string_view type_name, const Input& config,
                                  int64_t chunk_size = 8 << 20);
  // ReadStateBytes / WriteStateBytes, passed through the chunking of the negotiated size.
  StateBytesResult ReadState(std::string_view type_name, std::string_view state_id);
  Diagnostics WriteState(std::string_view type_name, std::string_view state_id,
                         std::string_view bytes);
  StateLockResult LockState(std::string_view type_name, std::string_view state_id,
                            std::string_view operation = "OperationTypeApply");
  Diagnostics UnlockState(std::string_view type_name, std::string_view state_id,
                          std::string_view lock_id);
  StatesResult States(std::string_view type_name);
  Diagnostics DeleteState(std::string_view type_name, std::string_view state_id);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tfsdk::testing

#endif  // TFSDK_TESTING_UNIT_H_
