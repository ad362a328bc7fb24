// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Validators — checks of configuration values that run before any plan, so a bad value is
// reported at its own line of the configuration.
//
// Two kinds:
//   Validator        — attached to one attribute or nested block (Attribute::Validators,
//                      NestedBlock::Validators); called once per place the attribute occurs
//                      in the configuration (every element of a list of nested objects ...).
//   ConfigValidator  — attached to a whole resource, data source or provider
//                      (Resource::ConfigValidators); sees the whole configuration.
//
// Built-in validators (string length, regex, one-of, number ranges, collection sizes,
// ConflictsWith, ExactlyOneOf, AtLeastOneOf, AlsoRequires, ...) are in
// tfsdk/validators.h. To write one, derive from Validator:
//
//   class EvenValidator final : public tfsdk::Validator {
//    public:
//     std::string Description() const override { return "value must be even"; }
//     void Validate(const tfsdk::ValidatorRequest& req,
//                   tfsdk::Diagnostics& diags) const override {
//       if (!req.value.IsKnown()) return;   // null or unknown: nothing to check yet
//       if (req.value.AsNumber().ToInt64().value_or(1) % 2 != 0)
//         diags.AddError("Invalid value", "The value must be even.", req.path);
//     }
//   };
//
// Validators run during ValidateResourceConfig (and the data source / provider
// equivalents), when values that come from other resources are still unknown: a validator
// must accept unknown values (and usually null ones). Validators are shared between
// threads and must be immutable.
#ifndef TFSDK_VALIDATOR_H_
#define TFSDK_VALIDATOR_H_

#include <string>

#include "tfsdk/attributes.h"
#include "tfsdk/diagnostics.h"
#include "tfsdk/path.h"
#include "tfsdk/value.h"

namespace tfsdk {

struct ValidatorRequest {
  // Where the value is, for diagnostics, e.g. rule[2].port. Set elements have no address
  // on the wire, so inside a set the path stops at the set attribute.
  Path path;
  // The configured value (null if not set, possibly unknown).
  const Value& value;
  // The object that holds the attribute (its siblings), e.g. rule[2] for rule[2].port; the
  // whole configuration for a top-level attribute. May be unknown.
  const Value& parent;
  // The whole configuration.
  const Attributes& config;
};

class Validator {
 public:
  virtual ~Validator() = default;
  // A short description in plain English ("string length must be at least 1"), for
  // documentation and error details.
  virtual std::string Description() const = 0;
  // Adds error (or warning) diagnostics, normally with req.path, when the value is bad.
  virtual void Validate(const ValidatorRequest& req, Diagnostics& diags) const = 0;
  // Why this validator cannot check values of `type` ("checks strings, not number"), or ""
  // when it can. Schema validation at start-up asks every validator with its attribute's
  // type (a nested block's validators with the block's list, set, map or object type), so a
  // string validator on a number attribute stops the provider with the attribute's path
  // before any user runs a plan. The default accepts every type; a validator that only
  // handles some types should say so here. Dynamic means any type: accept it.
  virtual std::string TypeMismatch(const Type& /*type*/) const { return {}; }
};

// A check across attributes of a whole configuration.
class ConfigValidator {
 public:
  virtual ~ConfigValidator() = default;
  virtual std::string Description() const = 0;
  virtual void Validate(const Attributes& config, Diagnostics& diags) const = 0;
};

}  // namespace tfsdk

#endif  // TFSDK_VALIDATOR_H_
