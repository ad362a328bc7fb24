// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// What Terraform Core computes and checks around a provider's plan and apply, written from
// the rules of Terraform's internal/plans/objchange package, so that the unit harness
// (tfsdk/testing/unit.h) catches in-process what a real `terraform apply` would reject:
//
//   ProposedNewState   — the proposed_new_state Terraform sends to PlanResourceChange:
//                        configured values, with the prior value kept wherever a Computed
//                        attribute is left null in the configuration (nested attributes and
//                        blocks recursively; set elements are matched on their non-computed
//                        attributes).
//   CheckPlanValid     — "Provider produced invalid plan": a planned value may differ from
//                        the configuration only where the attribute is Computed and not
//                        configured, or where it keeps the prior value.
//   CheckCompatible    — "Provider produced inconsistent result after apply" (and
//                        "inconsistent final plan"): every value known in the plan comes
//                        back unchanged; unknowns become values their refinements allow.
//   CheckConfig        — what Terraform's configuration decoder rejects before any RPC:
//                        a missing Required argument, a value for a Computed-only attribute,
//                        too few or too many nested blocks.
//
// All functions take values of the block's implied type (the harness decodes them so) and
// never throw; problems come back as (path, message) pairs for the caller to wrap in
// diagnostics. Paths into sets stop at the set, as on the wire.
#ifndef TFSDK_SRC_TESTING_OBJCHANGE_H_
#define TFSDK_SRC_TESTING_OBJCHANGE_H_

#include <string>
#include <vector>

#include "tfsdk/path.h"
#include "tfsdk/schema.h"
#include "tfsdk/value.h"

namespace tfsdk::internal {

// One problem found by a check.
struct PathProblem {
  Path path;
  std::string message;
  std::string summary = {};  // CheckConfig only: the diagnostic summary Terraform uses
};

// The content of a Schema as a Block (the root of every resource value).
Block SchemaBlock(const Schema& schema);

// A value of `block` as Terraform decodes an empty configuration body: attributes null,
// LIST/SET/MAP blocks empty, GROUP blocks their own empty value, SINGLE blocks null.
Value EmptyBlockValue(const Block& block);

// Replaces null LIST/SET/MAP/GROUP block values inside a known object of `block` with
// empty ones, recursively, as configuration decoding and state never hold null there.
Value FillEmptyBlocks(const Block& block, const Value& object);

// Terraform's objchange.ProposedNew: prior may be null (create); config must be non-null.
Value ProposedNewState(const Block& block, const Value& prior, const Value& config);

// Terraform's objchange.PlannedDataResourceObject: the placeholder of a data source read
// deferred to apply (configured values; computed ones not configured are unknown).
Value PlannedDataSourceState(const Block& block, const Value& config);

// Terraform's objchange.AssertPlanValid.
std::vector<PathProblem> CheckPlanValid(const Block& block, const Value& prior, const Value& config,
                                        const Value& planned);

// Terraform's objchange.AssertObjectCompatible: `actual` completes `planned`.
std::vector<PathProblem> CheckCompatible(const Block& block, const Value& planned,
                                         const Value& actual);

// Configuration checks of Terraform's decoder (see the top of this file). `config` is a
// non-null object; unknown values are skipped (they may still turn out right).
std::vector<PathProblem> CheckConfig(const Block& block, const Value& config);

}  // namespace tfsdk::internal

#endif  // TFSDK_SRC_TESTING_OBJCHANGE_H_
