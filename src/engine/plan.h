// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// The attribute part of PlanResourceChange (steps 1 to 3 of tfsdk/plan_modifier.h) and the
// checks the engine applies to a finished plan before Terraform sees it:
//
//   PlanSchema plan_schema(schema);              // once per resource type
//   PlanStepsResult r = PlanAttributeSteps(plan_schema, {prior, proposed, config, &priv});
//   // ... the resource's ModifyPlan ...
//   Value planned = NullWriteOnly(plan_schema, r.planned);
//   CheckPlanValid(plan_schema, prior, config, planned, diags);
//
// Values are walked along the schema: every attribute and block instance is visited with
// the values of the configuration, prior state and plan at that place. List elements pair
// up by index and map elements by key. Set elements have no address, so they pair up by
// content: a plan element matches the configuration (or prior state) element whose
// attributes agree once every Computed attribute is left out. Matching hashes elements, so
// a plan costs O(size of the values) even for sets of thousands of nested objects.
#ifndef TFSDK_SRC_ENGINE_PLAN_H_
#define TFSDK_SRC_ENGINE_PLAN_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "tfsdk/diagnostics.h"
#include "tfsdk/path.h"
#include "tfsdk/private_state.h"
#include "tfsdk/schema.h"
#include "tfsdk/value.h"

namespace tfsdk::internal {

// A schema prepared for walking values: each object level lists its attributes and blocks
// with their positions in the object value (Type::AttributeTypes() order), and notes what
// its subtree contains so walks skip subtrees that cannot matter. Holds pointers into the
// Schema it was built from, which must outlive it and stay unchanged. Immutable.
class PlanSchema {
 public:
  struct Object;
  struct AttributeNode {
    const Attribute* attribute = nullptr;
    int index = 0;                                // position in the object value
    NestingMode nesting = NestingMode::kInvalid;  // kInvalid unless nested
    std::unique_ptr<Object> nested;               // the nested object, if nested
  };
  struct BlockNode {
    const NestedBlock* block = nullptr;
    int index = 0;
    std::unique_ptr<Object> object;  // one block's object
  };
  // One object level: the root, a nested-attribute object or a block's object.
  struct Object {
    std::vector<AttributeNode> attributes;
    std::vector<BlockNode> blocks;
    // Whether this object or anything below it has ...
    bool any_computed = false;    // a Computed attribute
    bool any_default = false;     // an attribute default
    bool any_modifier = false;    // a plan modifier or the requires_replace flag
    bool any_write_only = false;  // a write-only attribute
  };

  // `schema` must outlive this object.
  explicit PlanSchema(const Schema& schema);

  const Schema& schema() const { return *schema_; }
  const Object& root() const { return root_; }

 private:
  const Schema* schema_;
  Object root_;
};

struct PlanStepsInput {
  Value prior;     // null object on create
  Value proposed;  // Terraform's proposed new state; not null
  Value config;
  const PrivateState* prior_private = nullptr;
};

struct PlanStepsResult {
  Value planned;
  // Paths whose change forces replacement, in the order found (duplicates possible).
  std::vector<Path> requires_replace;
  Diagnostics diagnostics;
};

// Steps 1 to 3 of tfsdk/plan_modifier.h: defaults, unknown computed values, attribute and
// block plan modifiers (with the requires_replace flag acting as a RequiresReplace
// modifier after the attribute's own). Exceptions thrown by defaults and modifiers become
// error diagnostics at the attribute's path. After an error the plan is not usable.
//
// The whole plan a modifier sees (PlanModifierRequest::plan) is updated after each
// top-level attribute or block; changes made inside the same top-level attribute show in
// plan_value only. Rebuilding the whole plan after every nested element would make large
// sets quadratic.
PlanStepsResult PlanAttributeSteps(const PlanSchema& schema, const PlanStepsInput& in);

// The plan with every write-only attribute null (Terraform requires it).
Value NullWriteOnly(const PlanSchema& schema, const Value& planned);

// Terraform's rules for a planned state (its AssertPlanValid): a value that differs from
// the configuration must be a Computed attribute left unset, or the prior value; blocks
// keep their counts; nothing configured is planned wholly unknown; write-only values are
// null. Each violation becomes a "Provider produced invalid plan" error naming the
// attribute, so the author reads what Terraform would otherwise reject obscurely.
// REQUIRES: `planned` is not null.
void CheckPlanValid(const PlanSchema& schema, const Value& prior, const Value& config,
                    const Value& planned, Diagnostics& diags);

}  // namespace tfsdk::internal

#endif  // TFSDK_SRC_ENGINE_PLAN_H_
