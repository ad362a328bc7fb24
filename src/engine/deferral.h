// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Deferred actions (protocol 5.6 / 6.6, Terraform 1.9+ with deferrals enabled), as the Go
// framework implements them:
//   - a callback may set resp.deferred only when the request's deferral_allowed is true;
//     otherwise the engine reports an error (a provider bug, not the practitioner's);
//   - Provider::Configure may defer everything: later ReadResource returns the prior
//     state, PlanResourceChange the proposed state with unconfigured computed values
//     unknown, ImportResourceState an unknown object, and ReadDataSource the configuration
//     with computed values unknown, each with the provider's deferral and without calling
//     the author.
#ifndef TFSDK_SRC_ENGINE_DEFERRAL_H_
#define TFSDK_SRC_ENGINE_DEFERRAL_H_

#include <optional>
#include <string>

#include "src/engine/engine.h"
#include "tfsdk/diagnostics.h"
#include "tfsdk/resource.h"
#include "tfsdk/schema.h"
#include "tfsdk/value.h"

namespace tfsdk::internal {

// The wire reason of an author's deferral, or std::nullopt: none was set, or it was set
// although the client does not allow deferral (then an error naming `where` is added).
std::optional<DeferredReason> AcceptDeferral(const std::optional<Deferred>& deferred,
                                             bool allowed, const std::string& where,
                                             Diagnostics& diags);

// `value` (a proposed new state or a configuration) with every computed attribute that is
// null there and in `config` made unknown, the plan the Go framework returns for a
// provider-deferred resource or data source.
Value MarkComputedNullsUnknown(const Schema& schema, const Value& value, const Value& config);

}  // namespace tfsdk::internal

#endif  // TFSDK_SRC_ENGINE_DEFERRAL_H_
