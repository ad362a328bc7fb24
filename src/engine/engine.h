// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// The engine: protocol-neutral semantics of every plugin RPC, written once and used by both
// the protocol 5 and protocol 6 services (src/protocol/), which only translate between
// protobuf messages and these structs. Values cross this boundary still encoded
// (DynamicValue bytes) because only the engine knows which schema type decodes them.
//
// Thread-safe: Terraform calls RPCs concurrently.
#ifndef TFSDK_SRC_ENGINE_ENGINE_H_
#define TFSDK_SRC_ENGINE_ENGINE_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "tfsdk/cancellation.h"
#include "tfsdk/diagnostics.h"
#include "tfsdk/function.h"
#include "tfsdk/path.h"
#include "tfsdk/provider.h"
#include "tfsdk/schema.h"
#include "tfsdk/value.h"

namespace tfsdk::internal {

struct IdentityInfo;  // src/engine/identity.h
struct ListEntry;     // src/engine/list.cc
class PlanSchema;  // src/engine/plan.h
enum class DeferredReason;  // below; declared here because it shadows tfsdk::DeferredReason

// DynamicValue: exactly one of the two is normally set; Terraform sends msgpack.
struct RawValue {
  std::string msgpack{};
  std::string json{};
  bool empty() const { return msgpack.empty() && json.empty(); }
};

// RawState: JSON (0.12+) or flatmap (legacy) prior state.
struct RawState {
  std::string json{};
  std::map<std::string, std::string> flatmap{};
};

struct ClientCapabilities {
  bool deferral_allowed = false;
  bool write_only_attributes_allowed = false;
  bool store_planned_private = false;
  bool computed_blocks_allowed = false;
};

struct ServerCapabilities {
  bool plan_destroy = true;
  bool get_provider_schema_optional = false;
  bool move_resource_state = false;
  bool generate_resource_config = false;
};

// --- results ---------------------------------------------------------------------------

struct MetadataResult {
  ServerCapabilities server_capabilities{};
  std::vector<std::string> resources{};
  std::vector<std::string> data_sources{};
  std::vector<std::string> ephemeral_resources{};
  std::vector<std::string> functions{};
  std::vector<std::string> list_resources{};
  Diagnostics diagnostics{};
};

struct ProviderSchemaResult {
  Schema provider{};
  std::optional<Schema> provider_meta{};
  std::map<std::string, Schema> resources{};
  std::map<std::string, Schema> data_sources{};
  std::map<std::string, Schema> ephemeral_resources{};
  std::map<std::string, FunctionDefinition> functions{};
  std::map<std::string, Schema> list_resources{};
  ServerCapabilities server_capabilities{};
  Diagnostics diagnostics{};
};

struct ReadResourceRequest {
  std::string type_name{};
  RawValue current_state{};
  std::string private_state{};
  RawValue provider_meta{};
  ClientCapabilities client_capabilities{};
  std::optional<RawValue> current_identity{};  // absent: none stored
};
struct ReadResourceResult {
  RawValue new_state{};  // msgpack; a null object means "gone"
  std::string private_state{};
  std::optional<RawValue> new_identity{};  // set for resources with an identity schema
  Diagnostics diagnostics{};
  std::optional<DeferredReason> deferred{};
};

struct PlanResourceChangeRequest {
  std::string type_name{};
  RawValue prior_state{};
  RawValue proposed_new_state{};
  RawValue config{};
  std::string prior_private{};
  RawValue provider_meta{};
  ClientCapabilities client_capabilities{};
  std::optional<RawValue> prior_identity{};
};
struct PlanResourceChangeResult {
  RawValue planned_state{};
  std::vector<Path> requires_replace{};
  std::string planned_private{};
  std::optional<RawValue> planned_identity{};  // set for resources with an identity schema
  Diagnostics diagnostics{};
  std::optional<DeferredReason> deferred{};
};

struct ApplyResourceChangeRequest {
  std::string type_name{};
  RawValue prior_state{};
  RawValue planned_state{};
  RawValue config{};
  std::string planned_private{};
  RawValue provider_meta{};
  std::optional<RawValue> planned_identity{};
};
struct ApplyResourceChangeResult {
  RawValue new_state{};
  std::string private_state{};
  std::optional<RawValue> new_identity{};  // set for resources with an identity schema
  Diagnostics diagnostics{};
};

struct ImportedResource {
  std::string type_name{};
  RawValue state{};
  std::string private_state{};
  std::optional<RawValue> identity{};  // set for resources with an identity schema
};
struct ImportResourceStateResult {
  std::vector<ImportedResource> imported{};
  Diagnostics diagnostics{};
  std::optional<DeferredReason> deferred{};
};

struct UpgradeResourceStateResult {
  RawValue upgraded_state{};
  Diagnostics diagnostics{};
};

// Resource identity (src/engine/identity.cc).
struct ResourceIdentitySchemasResult {
  std::map<std::string, IdentitySchema> identity_schemas{};
  Diagnostics diagnostics{};
};
struct UpgradeResourceIdentityResult {
  RawValue upgraded_identity{};
  Diagnostics diagnostics{};
};

// List resources (src/engine/list.cc).
struct ListResourceRequest {
  std::string type_name{};
  RawValue config{};
  bool include_resource_object = false;
  int64_t limit = 0;
};
// One streamed ListResource event.
struct ListResourceEvent {
  std::optional<RawValue> identity{};
  std::string display_name{};
  std::optional<RawValue> resource_object{};
  Diagnostics diagnostics{};
};

struct FunctionsResult {
  std::map<std::string, FunctionDefinition> functions{};
  Diagnostics diagnostics{};
};

// The outcome of CallFunction: a result (msgpack of the return type) or an error.
struct CallFunctionResult {
  RawValue result{};
  std::optional<FunctionError> error{};
};

struct ReadDataSourceResult {
  RawValue state{};
  Diagnostics diagnostics{};
  std::optional<DeferredReason> deferred{};
};

// MoveResourceState (src/engine/move.cc). The source identity fields of the protocol are
// not carried yet (resource identity is wired separately).
struct MoveResourceStateRequest {
  std::string source_provider_address{};
  std::string source_type_name{};
  int64_t source_schema_version = 0;
  RawState source_state{};  // JSON only
  std::string target_type_name{};
  std::string source_private{};
  std::string source_identity_json{};  // the source's stored identity; empty when none
  int64_t source_identity_schema_version = 0;
};
struct MoveResourceStateResult {
  RawValue target_state{};
  std::string target_private{};
  std::optional<RawValue> target_identity{};  // set when the mover set one
  Diagnostics diagnostics{};
};

// GenerateResourceConfig (src/engine/generate.cc).
struct GenerateResourceConfigResult {
  RawValue config{};
  Diagnostics diagnostics{};
};

// Deferred.Reason of the protocol (the values of tfsdk::DeferredReason).
enum class DeferredReason {
  kUnknown = 0,
  kResourceConfigUnknown = 1,
  kProviderConfigUnknown = 2,
  kAbsentPrereq = 3,
};

struct OpenEphemeralResourceRequest {
  std::string type_name{};
  RawValue config{};
  ClientCapabilities client_capabilities{};
};
struct OpenEphemeralResourceResult {
  RawValue result{};
  std::optional<std::string> private_state{};  // absent when there is nothing to keep
  std::optional<std::chrono::system_clock::time_point> renew_at{};
  std::optional<DeferredReason> deferred{};
  Diagnostics diagnostics{};
};
struct RenewEphemeralResourceResult {
  std::optional<std::string> private_state{};
  std::optional<std::chrono::system_clock::time_point> renew_at{};
  Diagnostics diagnostics{};
};

// Actions (src/engine/actions.cc).
struct PlanActionRequest {
  std::string type_name{};
  RawValue config{};
  ClientCapabilities client_capabilities{};
};
struct PlanActionResult {
  std::optional<DeferredReason> deferred{};
  Diagnostics diagnostics{};
};
struct InvokeActionRequest {
  std::string type_name{};
  RawValue config{};
  ClientCapabilities client_capabilities{};
};
// Receives each progress message of an invocation, in order, on the invoking thread or
// another thread of the author's (calls are serialized by the engine).
using ActionProgressSink = std::function<void(const std::string& message)>;

// State stores (src/engine/state_store.cc).
struct ConfigureStateStoreResult {
  int64_t chunk_size = 0;  // the negotiated chunk size
  Diagnostics diagnostics{};
};
struct ReadStateBytesResult {
  std::string bytes{};     // the whole state
  int64_t chunk_size = 0;  // the negotiated chunk size to stream it in
  Diagnostics diagnostics{};
};
struct LockStateResult {
  std::string lock_id{};
  Diagnostics diagnostics{};
};
struct GetStatesResult {
  std::vector<std::string> state_ids{};
  Diagnostics diagnostics{};
};

// --- the engine ------------------------------------------------------------------------

class Engine {
 public:
  // `provider` must outlive the engine. Reads and validates every schema once.
  explicit Engine(Provider& provider);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Schema problems found at construction (names each bad attribute). Serve refuses to
  // start when this has errors.
  const Diagnostics& schema_diagnostics() const { return schema_diagnostics_; }

  MetadataResult GetMetadata() const;
  ProviderSchemaResult GetProviderSchema() const;
  Diagnostics ValidateProviderConfig(const RawValue& config);
  Diagnostics ConfigureProvider(const std::string& terraform_version, const RawValue& config,
                                const ClientCapabilities& caps);
  Diagnostics ValidateResourceConfig(const std::string& type_name, const RawValue& config,
                                     const ClientCapabilities& caps);
  Diagnostics ValidateDataResourceConfig(const std::string& type_name, const RawValue& config);
  UpgradeResourceStateResult UpgradeResourceState(const std::string& type_name, int64_t version,
                                                  const RawState& raw_state);
  // Read, plan, apply and import pass the private state bytes through: callbacks see them
  // parsed (PrivateState), and bytes a callback leaves unchanged, even ones another SDK
  // wrote, go back to Terraform as they came. provider_meta is decoded with the provider's
  // meta schema into CallContext::provider_meta (a null object when absent).
  ReadResourceResult ReadResource(const ReadResourceRequest& req);
  // Defaults, unknown computed values, attribute plan modifiers, then Resource::ModifyPlan
  // (see tfsdk/plan_modifier.h and src/engine/plan.h); a destroy plan runs ModifyPlan only.
  // The result is checked against Terraform's plan rules and violations are reported at
  // their attribute.
  PlanResourceChangeResult PlanResourceChange(const PlanResourceChangeRequest& req);
  // Create, Update or Delete. A result that breaks the plan is reported at its attribute;
  // on failure the prior object stays tracked.
  ApplyResourceChangeResult ApplyResourceChange(const ApplyResourceChangeRequest& req);
  // With `identity` (an `import { identity = {...} }` block, Terraform 1.12+) the id is
  // empty and the callback sees the decoded identity.
  ImportResourceStateResult ImportResourceState(
      const std::string& type_name, const std::string& id, const ClientCapabilities& caps,
      const std::optional<RawValue>& identity = std::nullopt);
  // Resource identity (src/engine/identity.cc, see tfsdk/identity.h): the identity schema
  // of every resource that has one, and the stored identity (JSON, written at `version`)
  // turned into the current identity schema with the rules of UpgradeResourceState.
  ResourceIdentitySchemasResult GetResourceIdentitySchemas() const;
  // List resources (src/engine/list.cc, see tfsdk/list_resource.h). ListResource calls
  // `emit` for every event, in order, from the calling thread; `emit` returns false when
  // the client went away. At most `limit` results (when > 0) are emitted.
  Diagnostics ValidateListResourceConfig(const std::string& type_name, const RawValue& config);
  void ListResource(const ListResourceRequest& req,
                    const std::function<bool(ListResourceEvent)>& emit);
  UpgradeResourceIdentityResult UpgradeResourceIdentity(const std::string& type_name,
                                                        int64_t version,
                                                        const RawState& raw_identity);
  ReadDataSourceResult ReadDataSource(const std::string& type_name, const RawValue& config,
                                      const RawValue& provider_meta,
                                      const ClientCapabilities& caps);
  // Ephemeral resources (see tfsdk/ephemeral_resource.h). Open with a configuration that is
  // not wholly known does not call the author: the result is an unknown object (and, when
  // the client allows deferral, deferred with reason "resource config unknown"). Private
  // bytes pass through as for managed resources.
  Diagnostics ValidateEphemeralResourceConfig(const std::string& type_name,
                                              const RawValue& config);
  OpenEphemeralResourceResult OpenEphemeralResource(const OpenEphemeralResourceRequest& req);
  RenewEphemeralResourceResult RenewEphemeralResource(const std::string& type_name,
                                                      const std::string& private_state);
  Diagnostics CloseEphemeralResource(const std::string& type_name,
                                     const std::string& private_state);
  // Moves the state of another resource type (possibly of another provider) to
  // `target_type_name` through its Resource::StateMovers(), tried in order; none taking it
  // is an error ("Unable to Move Resource State"). The target state is checked against
  // the schema (conforming, wholly known, write-only attributes null).
  MoveResourceStateResult MoveResourceState(const MoveResourceStateRequest& req);
  // The configuration Terraform should write for an imported object: the state with
  // read-only values dropped (see tfsdk::GenerateConfigResponse), then
  // Resource::GenerateConfig.
  GenerateResourceConfigResult GenerateResourceConfig(const std::string& type_name,
                                                      const RawValue& state);

  // Provider-defined functions (src/engine/functions.cc). Both work without provider
  // configuration. CallFunction decodes each argument with its parameter's type (variadic
  // arguments with the variadic parameter's), enforces allow_null_value (an error at the
  // argument) and allow_unknown_values (an unknown result, Run not called), runs the
  // function and checks its result against the return type. Every problem, including an
  // exception, comes back as a FunctionError.
  FunctionsResult GetFunctions() const;
  CallFunctionResult CallFunction(const std::string& name,
                                  const std::vector<RawValue>& arguments);

  // Actions (src/engine/actions.cc; see tfsdk/action.h). PlanAction and InvokeAction decode
  // the configuration, run the author's hook guarded (an exception becomes an error
  // diagnostic) and return its diagnostics; InvokeAction hands each progress message to
  // `progress` as the author sends it. InvokeAction with a configuration that is not wholly
  // known is refused with an error.
  std::map<std::string, Schema> ActionSchemas() const;
  Diagnostics ValidateActionConfig(const std::string& type_name, const RawValue& config);
  PlanActionResult PlanAction(const PlanActionRequest& req);
  Diagnostics InvokeAction(const InvokeActionRequest& req, const ActionProgressSink& progress);

  // State stores (src/engine/state_store.cc; see tfsdk/state_store.h). Every call other than
  // validation and ConfigureStateStore needs the store configured first. The chunk size is
  // the client's proposal (kDefaultStateChunkSize when it proposes none), or the smaller
  // size the author's Configure asks for.
  static constexpr int64_t kDefaultStateChunkSize = 8 << 20;
  std::map<std::string, Schema> StateStoreSchemas() const;
  Diagnostics ValidateStateStoreConfig(const std::string& type_name, const RawValue& config);
  ConfigureStateStoreResult ConfigureStateStore(const std::string& type_name,
                                                const RawValue& config,
                                                int64_t client_chunk_size);
  // Empty when the store exists and is configured; else the error any state call would get.
  Diagnostics StateStoreReady(const std::string& type_name) const;
  // The chunk size negotiated by ConfigureStateStore (0 before, or for an unknown store).
  int64_t StateStoreChunkSize(const std::string& type_name) const;
  ReadStateBytesResult ReadStateBytes(const std::string& type_name, const std::string& state_id);
  Diagnostics WriteStateBytes(const std::string& type_name, const std::string& state_id,
                              std::string bytes);
  LockStateResult LockState(const std::string& type_name, const std::string& state_id,
                            const std::string& operation);
  Diagnostics UnlockState(const std::string& type_name, const std::string& state_id,
                          const std::string& lock_id);
  GetStatesResult GetStates(const std::string& type_name);
  Diagnostics DeleteState(const std::string& type_name, const std::string& state_id);

  // Cancels the token every in-flight and future callback sees. Returns an error text, or
  // "" on success.
  std::string StopProvider();

  // The diagnostic for an RPC whose feature this provider does not offer, e.g.
  // Unsupported("ephemeral resource", "local_token").
  static Diagnostics Unsupported(const std::string& feature, const std::string& name);

 private:
  struct ResourceEntry;
  struct DataSourceEntry;
  struct EphemeralEntry;
  struct FunctionEntry {
    Function* function = nullptr;
    FunctionDefinition definition;
  };
  // What move.cc and generate.cc need of a resource type (ResourceEntry is private to
  // engine.cc). False, with the "unsupported" diagnostic, for an unknown type.
  struct ResourceView {
    Resource* resource = nullptr;
    const Schema* schema = nullptr;
    const Type* type = nullptr;
    const PlanSchema* plan = nullptr;
    const std::vector<StateMover>* movers = nullptr;
  };
  bool ViewResource(const std::string& type_name, ResourceView& view, Diagnostics& diags) const;
  // engine.cc's exception barrier for author code and result encoding, for the other files.
  static void GuardAuthor(Diagnostics& diags, const std::string& where,
                          const std::function<void()>& fn);
  static RawValue EncodeResult(const Value& v, const Type& type, Diagnostics& diags);
  // An object of the schema with every attribute null, block collections empty and GROUP
  // blocks present (how an imported state starts).
  static Value EmptyResourceObject(const Schema& schema);
  // The deferral Configure set for every resource and data source, if any.
  std::optional<DeferredReason> ProviderDeferred() const;

  // Reads every function's definition into functions_ (called by the constructor).
  void LoadFunctions();
  const ResourceEntry* FindResource(const std::string& type_name, Diagnostics& diags) const;
  const DataSourceEntry* FindDataSource(const std::string& type_name, Diagnostics& diags) const;
  const EphemeralEntry* FindEphemeral(const std::string& type_name, Diagnostics& diags) const;
  void AddEphemeralSchemas();  // from the constructor
  // Reads every resource's identity schema and upgraders into identities_ (identity.cc,
  // called by the constructor).
  void LoadIdentities();
  // Reads every list resource into lists_ (list.cc, called by the constructor, after
  // LoadIdentities).
  void LoadListResources();
  void AddListResourceNames(MetadataResult& r) const;      // list.cc: GetMetadata's part
  void AddListResourceSchemas(ProviderSchemaResult& r) const;  // GetProviderSchema's part
  // The identity of `type_name`, or nullptr when it has none.
  const IdentityInfo* FindIdentity(const std::string& type_name) const;
  struct ActionEntry;
  struct StateStoreEntry;
  void LoadActions();      // from the constructor (actions.cc)
  void LoadStateStores();  // from the constructor (state_store.cc)
  const ActionEntry* FindAction(const std::string& type_name, Diagnostics& diags) const;
  // The store, or nullptr with an error; with `configured`, also an error when the store
  // has not been configured yet.
  StateStoreEntry* FindStateStore(const std::string& type_name, bool configured,
                                  Diagnostics& diags) const;
  // The context of a callback; provider_meta is a null object.
  CallContext Context() const;
  // The same with provider_meta decoded from what Terraform sent; false (with an error
  // diagnostic) when the bytes do not match the provider's meta schema.
  bool ContextWithMeta(const RawValue& provider_meta, CallContext& ctx,
                       Diagnostics& diags) const;

  Provider& provider_;
  Schema provider_schema_{};
  Type provider_type_;  // provider_schema_.ImpliedType(), computed once
  std::optional<Schema> provider_meta_schema_{};
  std::vector<std::shared_ptr<const ConfigValidator>> provider_config_validators_{};
  Schema no_meta_schema_{};  // stands in for provider_meta_schema_ when there is none
  Type provider_meta_type_;  // the implied type of whichever of the two applies
  std::map<std::string, std::unique_ptr<ResourceEntry>> resources_;
  std::map<std::string, std::unique_ptr<DataSourceEntry>> data_sources_;
  std::map<std::string, std::unique_ptr<EphemeralEntry>> ephemeral_resources_;
  std::map<std::string, std::unique_ptr<FunctionEntry>> functions_;
  std::map<std::string, std::unique_ptr<IdentityInfo>> identities_;
  std::map<std::string, std::unique_ptr<ListEntry>> lists_;
  // shared_ptr: the entry types are complete only in their own .cc files.
  std::map<std::string, std::shared_ptr<ActionEntry>> actions_;
  std::map<std::string, std::shared_ptr<StateStoreEntry>> state_stores_;
  Diagnostics schema_diagnostics_{};

  CancellationToken cancel_;
  mutable std::shared_mutex configure_mu_;
  ProviderData provider_data_;  // guarded by configure_mu_
  std::optional<DeferredReason> provider_deferred_;  // guarded by configure_mu_
};

}  // namespace tfsdk::internal

#endif  // TFSDK_SRC_ENGINE_ENGINE_H_
