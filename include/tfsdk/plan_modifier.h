// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Plan modifiers and defaults — how an attribute's planned value is decided.
//
// When Terraform asks for a plan (create or update; never for destroy), the engine builds
// the planned state from Terraform's proposed new state in this order, as the Go
// terraform-plugin-framework does:
//   1. Defaults: a Computed attribute with a default that is null in the configuration
//      gets its default value (Attribute::Default / DefaultFunc).
//   2. Unknowns: when the plan differs from the prior state (or on create), every
//      Computed attribute that is null in the configuration becomes unknown
//      ("known after apply").
//   3. Attribute plan modifiers run, parents before their nested attributes, each seeing
//      the plan value left by the previous one (Attribute::PlanModifiers; built-ins such
//      as UseStateForUnknown and RequiresReplaceIf are in tfsdk/plan_modifiers.h).
//   4. The resource's ModifyPlan hook runs with the whole plan.
// A change of a RequiresReplace attribute, or a modifier that sets requires_replace,
// makes Terraform replace the resource.
//
// Plan modifiers and defaults are shared between threads and must be immutable.
#ifndef TFSDK_PLAN_MODIFIER_H_
#define TFSDK_PLAN_MODIFIER_H_

#include <string>

#include "tfsdk/attributes.h"
#include "tfsdk/diagnostics.h"
#include "tfsdk/path.h"
#include "tfsdk/private_state.h"
#include "tfsdk/value.h"

namespace tfsdk {

struct PlanModifierRequest {
  // The attribute's address (inside a set, the path stops at the set attribute).
  Path path;
  // This attribute's value in the configuration, the prior state (null on create, or
  // when the parent object is new) and the plan so far.
  Value config_value;
  Value state_value;
  Value plan_value;
  // The whole configuration, prior state (null object on create) and plan so far.
  const Attributes& config;
  const Attributes& state;
  const Attributes& plan;
  // The prior private state.
  const PrivateState& private_state;
};

struct PlanModifierResponse {
  // The new planned value; starts as req.plan_value.
  Value plan_value;
  // Set to force replacement of the resource.
  bool requires_replace = false;
  Diagnostics diagnostics;
};

class PlanModifier {
 public:
  virtual ~PlanModifier() = default;
  // Plain-English description for documentation, e.g. "the value stays the same across
  // updates once known".
  virtual std::string Description() const = 0;
  virtual void Modify(const PlanModifierRequest& req, PlanModifierResponse& resp) const = 0;
  // Why this modifier cannot handle values of `type`, or "" when it can; checked at
  // start-up against its attribute's type, as Validator::TypeMismatch is. The default
  // accepts every type (the built-in modifiers do).
  virtual std::string TypeMismatch(const Type& /*type*/) const { return {}; }
};

struct DefaultRequest {
  // The attribute's address.
  Path path;
  // The whole configuration.
  const Attributes& config;
};

// A default value for a Computed attribute left out of the configuration.
class AttributeDefault {
 public:
  virtual ~AttributeDefault() = default;
  virtual std::string Description() const = 0;
  // The value to plan. It must have the attribute's type; it may not be null.
  virtual Value DefaultValue(const DefaultRequest& req, Diagnostics& diags) const = 0;
  // Why this default cannot produce values of `type`, or "" when it can; checked at
  // start-up against its attribute's type. A static default (defaults::Static,
  // Attribute::Default(value)) checks its value; the default accepts every type.
  virtual std::string TypeMismatch(const Type& /*type*/) const { return {}; }
};

}  // namespace tfsdk

#endif  // TFSDK_PLAN_MODIFIER_H_
