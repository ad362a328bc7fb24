// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// UpgradeResourceState: turns the state Terraform stored for a resource (cty JSON, or the
// legacy flatmap of Terraform 0.11 and earlier) at some schema version into a value of the
// resource's current schema. Terraform calls it before it uses any stored state, on every
// plan and refresh, even when the version is current.
//
// The rules, like the Go terraform-plugin-framework's (fwserver UpgradeResourceState):
//   1. a version newer than the schema's is an error (the state is from a newer provider);
//   2. an empty raw state is a null object (there is nothing to upgrade);
//   3. an upgrader registered for the version (Resource::StateUpgraders) runs: with a
//      prior_schema the raw state is decoded with it into req.state (JSON attributes the
//      prior schema lacks are dropped, as the Go framework does: a version often outlives
//      attributes removed from it, and raw_json still has them); the upgrader's state must
//      not be null, must conform to the current schema and be wholly known;
//   4. otherwise a state of the current version is decoded with the current schema,
//      attributes no longer in it dropped (JSON) or ignored (flatmap);
//   5. otherwise (an older version and no upgrader) it is an error naming the version.
#ifndef TFSDK_SRC_ENGINE_UPGRADE_H_
#define TFSDK_SRC_ENGINE_UPGRADE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "src/engine/engine.h"
#include "tfsdk/diagnostics.h"
#include "tfsdk/resource.h"
#include "tfsdk/schema.h"
#include "tfsdk/value.h"

namespace tfsdk::internal {

// One resource type as the engine knows it. The pointers must outlive the call.
struct UpgradeTarget {
  std::string type_name{};
  const Schema* schema = nullptr;  // the current schema
  const Type* type = nullptr;      // schema->ImpliedType()
  const std::map<int64_t, StateUpgrader>* upgraders = nullptr;
};

// Runs author code so that an exception becomes an error diagnostic in `diags` (the
// engine's Guard); `where` names the code in the diagnostic.
using GuardFunction = std::function<void(Diagnostics& diags, const std::string& where,
                                         const std::function<void()>& fn)>;

// The state of `target` stored at schema `version`, as a value of the current schema's
// type; std::nullopt after adding at least one error to `diags`. Upgraders get `context`
// and run inside `guard`.
std::optional<Value> UpgradeState(const UpgradeTarget& target, int64_t version,
                                  const RawState& raw_state, const CallContext& context,
                                  const GuardFunction& guard, Diagnostics& diags);

}  // namespace tfsdk::internal

#endif  // TFSDK_SRC_ENGINE_UPGRADE_H_
