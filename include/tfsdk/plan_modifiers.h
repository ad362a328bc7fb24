// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Built-in plan modifiers (namespace tfsdk::modifiers) and attribute defaults (namespace
// tfsdk::defaults). The interfaces they implement, and the order in which the engine
// applies them, are in tfsdk/plan_modifier.h.
//
//   tfsdk::Attribute::String("id").Computed()
//       .PlanModifiers({tfsdk::modifiers::UseStateForUnknown()}),
//   tfsdk::Attribute::String("region").Optional().Computed()
//       .PlanModifiers({tfsdk::modifiers::RequiresReplaceIfConfigured()}),
//   tfsdk::Attribute::Number("disk_gb").Required()
//       .PlanModifiers({tfsdk::modifiers::RequiresReplaceIf(
//           [](const tfsdk::PlanModifierRequest& req) {   // only shrinking replaces
//             return req.plan_value.IsKnown() && req.state_value.IsKnown() &&
//                    req.plan_value.AsNumber() < req.state_value.AsNumber();
//           },
//           "Shrinking the disk replaces the resource.")}),
//   tfsdk::Attribute::String("mode").Optional().Computed()
//       .Default(tfsdk::defaults::Static(tfsdk::Value::StringVal("rw"))),
//
// The most used ones also have Attribute shorthands (tfsdk/schema.h):
// .UseStateForUnknown(), .RequiresReplaceIf(fn, description), .Default(value) and
// .DefaultFunc(fn, description).
//
// The behaviour matches the Go terraform-plugin-framework's resource/schema/*planmodifier
// and *default packages (as of v1.17): see each factory. Every factory returns an
// immutable object that may be shared by any number of attributes and threads; functions
// passed in (RequiresReplaceIf, defaults::Func) are called concurrently and must be
// thread-safe. An exception they throw becomes an error diagnostic at the attribute.
#ifndef TFSDK_PLAN_MODIFIERS_H_
#define TFSDK_PLAN_MODIFIERS_H_

#include <functional>
#include <memory>
#include <string>

#include "tfsdk/plan_modifier.h"
#include "tfsdk/value.h"

namespace tfsdk::modifiers {

// Keeps the prior state's value instead of "(known after apply)" for a Computed attribute
// whose value never changes once the resource exists (an id, a creation time). On update,
// when the planned value is unknown and the configured value is not, the plan becomes the
// prior state value — a null one included (as in Go since v1.15.1). It does nothing on
// create, when the planned value is known (set by the configuration or an earlier
// modifier) or when the configured value is unknown.
//
// Inside a nested attribute whose objects may be new on an update, prefer
// UseNonNullStateForUnknown: a new object has a null prior value, and copying it would
// promise a null that the provider then replaces.
std::shared_ptr<const PlanModifier> UseStateForUnknown();

// Like UseStateForUnknown, but does nothing when the prior state value is null, so an
// attribute that has no value yet stays "(known after apply)".
std::shared_ptr<const PlanModifier> UseNonNullStateForUnknown();

// Replaces the resource when the attribute's value changes: on update (never on create or
// destroy), when the planned value differs from the prior state value. An unknown planned
// value counts as a change, and so does a Computed attribute left out of the configuration
// whose value becomes "(known after apply)" (Go's current rule; use
// RequiresReplaceIfConfigured to ignore values the configuration does not set).
std::shared_ptr<const PlanModifier> RequiresReplace();

// A condition for RequiresReplaceIf: true to replace the resource.
using RequiresReplaceIfFunc = std::function<bool(const PlanModifierRequest&)>;

// As RequiresReplace, but only when `fn` also returns true; `fn` is only called when the
// value changes on update. Returning false never clears a replacement that another
// modifier asked for. `description` explains the condition in documentation.
std::shared_ptr<const PlanModifier> RequiresReplaceIf(RequiresReplaceIfFunc fn,
                                                      std::string description);

// As RequiresReplace, but only when the configuration sets the value (it is not null), so
// changes the provider makes to an unconfigured Optional+Computed value never replace.
std::shared_ptr<const PlanModifier> RequiresReplaceIfConfigured();

}  // namespace tfsdk::modifiers

namespace tfsdk::defaults {

// Always plans `v`. A null `v`, or one whose type does not conform to the attribute's type,
// is reported as an error diagnostic at the attribute when the default is used.
std::shared_ptr<const AttributeDefault> Static(Value v);

// Plans what `fn` returns; `fn` may read the whole configuration from the request.
// `description` explains the default in documentation. A null result, a result of the
// wrong type or an exception is an error diagnostic at the attribute.
std::shared_ptr<const AttributeDefault> Func(std::function<Value(const DefaultRequest&)> fn,
                                             std::string description = "");

}  // namespace tfsdk::defaults

#endif  // TFSDK_PLAN_MODIFIERS_H_
