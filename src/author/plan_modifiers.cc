// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// The built-in plan modifiers and defaults, and the Attribute builders that attach them.

#include "tfsdk/plan_modifiers.h"

#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "tfsdk/diagnostics.h"
#include "tfsdk/path.h"
#include "tfsdk/plan_modifier.h"
#include "tfsdk/schema.h"
#include "tfsdk/type.h"
#include "tfsdk/value.h"

namespace tfsdk {
namespace {

// The message of the exception being handled; call only inside a catch block.
std::string CurrentExceptionMessage() {
  try {
    throw;
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "an exception that is not a std::exception";
  }
}

// --- Plan modifiers ---------------------------------------------------------------------

class UseStateForUnknownModifier final : public PlanModifier {
 public:
  explicit UseStateForUnknownModifier(bool copy_null) : copy_null_(copy_null) {}

  std::string Description() const override {
    return copy_null_ ? "Once set, the value of this attribute in state will not change."
                      : "Once set to a non-null value, the value of this attribute in state "
                        "will not change.";
  }

  void Modify(const PlanModifierRequest& req, PlanModifierResponse& resp) const override {
    // On create there is no prior value to keep. (Go checks the whole prior state here
    // since v1.15.1; before, a null attribute value also stopped it, which is what
    // UseNonNullStateForUnknown keeps doing.)
    if (req.state.IsNull()) return;
    if (!copy_null_ && req.state_value.IsNull()) return;
    // A known plan came from the configuration or an earlier modifier: keep it.
    if (!req.plan_value.IsUnknown()) return;
    // An unknown configuration value will be set during apply; the prior value is stale.
    if (req.config_value.IsUnknown()) return;
    resp.plan_value = req.state_value;
  }

 private:
  const bool copy_null_;
};

class RequiresReplaceIfModifier final : public PlanModifier {
 public:
  RequiresReplaceIfModifier(modifiers::RequiresReplaceIfFunc fn, std::string description)
      : fn_(std::move(fn)), description_(std::move(description)) {}

  std::string Description() const override { return description_; }

  void Modify(const PlanModifierRequest& req, PlanModifierResponse& resp) const override {
    // Creating or destroying the resource never replaces it.
    if (req.state.IsNull() || req.plan.IsNull()) return;
    // An unknown planned value differs from every prior value, so it counts as a change.
    if (req.plan_value.RawEquals(req.state_value)) return;
    if (!fn_) {
      resp.diagnostics.AddError(
          "Invalid plan modifier",
          "RequiresReplaceIf was given no condition function. This is a bug in the provider.",
          req.path);
      return;
    }
    bool replace = false;
    try {
      replace = fn_(req);
    } catch (...) {
      resp.diagnostics.AddError("Plan modifier failed",
                                "The RequiresReplaceIf condition of this attribute threw: " +
                                    CurrentExceptionMessage(),
                                req.path);
      return;
    }
    // False never clears a replacement another modifier asked for.
    if (replace) resp.requires_replace = true;
  }

 private:
  const modifiers::RequiresReplaceIfFunc fn_;
  const std::string description_;
};

// --- Defaults ---------------------------------------------------------------------------

// The type a default for the attribute at req.path must conform to, or nullopt if it cannot
// be told. `known` is the type captured when the default was attached by an Attribute
// builder; otherwise the request's schema is asked.
std::optional<Type> ExpectedDefaultType(const DefaultRequest& req,
                                        const std::optional<Type>& known) {
  if (known.has_value()) return known;
  const Schema* schema = req.config.schema();
  if (schema == nullptr) return std::nullopt;
  const Attribute* attribute = schema->FindAttribute(req.path);
  if (attribute == nullptr) return std::nullopt;
  // Set elements have no address, so inside a set the path stops at the set attribute: a
  // path naming a SET nested attribute may stand for any attribute within it.
  if (attribute->IsNested() && attribute->nested->nesting == NestingMode::kSet) {
    return std::nullopt;
  }
  return attribute->ImpliedType();
}

// Returns `v` if it may be planned for the attribute; otherwise adds an error at req.path
// and returns a null value of the attribute's type (Dynamic if unknown).
Value CheckDefault(const DefaultRequest& req, const std::optional<Type>& known, Value v,
                   Diagnostics& diags) {
  std::optional<Type> expected = ExpectedDefaultType(req, known);
  Type fallback = expected.value_or(Type::Dynamic());
  if (v.IsNull()) {
    diags.AddError("Invalid default value",
                   "The default value of attribute \"" + req.path.ToString() +
                       "\" is null; a default must be a value of the attribute's type. "
                       "This is a bug in the provider.",
                   req.path);
    return Value::NullVal(fallback);
  }
  if (expected.has_value()) {
    absl::Status conforms = v.CheckConforms(*expected);
    if (!conforms.ok()) {
      diags.AddError("Invalid default value",
                     "The default value of attribute \"" + req.path.ToString() + "\" has type " +
                         v.type().FriendlyName() + ", but the attribute has type " +
                         expected->FriendlyName() + " (" + std::string(conforms.message()) +
                         "). This is a bug in the provider.",
                     req.path);
      return Value::NullVal(fallback);
    }
  }
  return v;
}

class StaticDefault final : public AttributeDefault {
 public:
  StaticDefault(Value value, std::optional<Type> type)
      : value_(std::move(value)), type_(std::move(type)) {}

  std::string Description() const override {
    return "Defaults to " + value_.ToString() + " when not configured.";
  }

  Value DefaultValue(const DefaultRequest& req, Diagnostics& diags) const override {
    return CheckDefault(req, type_, value_, diags);
  }

  std::string TypeMismatch(const Type& type) const override {
    if (value_.IsNull()) return "is null; a default must be a value of the attribute's type";
    if (!value_.IsWhollyKnown()) return "is not known; a default must be a known value";
    absl::Status conforms = value_.CheckConforms(type);
    if (conforms.ok()) return {};
    return "is " + value_.ToString() + " of type " + value_.type().FriendlyName() +
           ", but the attribute has type " + type.FriendlyName() + " (" +
           std::string(conforms.message()) + ")";
  }

 private:
  const Value value_;
  const std::optional<Type> type_;
};

class FuncDefault final : public AttributeDefault {
 public:
  FuncDefault(std::function<Value(const DefaultRequest&)> fn, std::string description,
              std::optional<Type> type)
      : fn_(std::move(fn)), description_(std::move(description)), type_(std::move(type)) {}

  std::string Description() const override {
    return description_.empty() ? "When not configured, a default is computed at plan time."
                                : description_;
  }

  Value DefaultValue(const DefaultRequest& req, Diagnostics& diags) const override {
    std::optional<Type> expected = ExpectedDefaultType(req, type_);
    Value null_value = Value::NullVal(expected.value_or(Type::Dynamic()));
    if (!fn_) {
      diags.AddError("Invalid default value",
                     "The default of attribute \"" + req.path.ToString() +
                         "\" has no function. This is a bug in the provider.",
                     req.path);
      return null_value;
    }
    Value v;
    try {
      v = fn_(req);
    } catch (...) {
      diags.AddError("Default value failed",
                     "Computing the default of attribute \"" + req.path.ToString() +
                         "\" threw: " + CurrentExceptionMessage(),
                     req.path);
      return null_value;
    }
    return CheckDefault(req, type_, std::move(v), diags);
  }

 private:
  const std::function<Value(const DefaultRequest&)> fn_;
  const std::string description_;
  const std::optional<Type> type_;
};

}  // namespace

namespace modifiers {

std::shared_ptr<const PlanModifier> UseStateForUnknown() {
  static const auto* const kModifier =
      new std::shared_ptr<const PlanModifier>(std::make_shared<UseStateForUnknownModifier>(true));
  return *kModifier;
}

std::shared_ptr<const PlanModifier> UseNonNullStateForUnknown() {
  static const auto* const kModifier = new std::shared_ptr<const PlanModifier>(
      std::make_shared<UseStateForUnknownModifier>(false));
  return *kModifier;
}

std::shared_ptr<const PlanModifier> RequiresReplace() {
  return std::make_shared<RequiresReplaceIfModifier>(
      [](const PlanModifierRequest&) { return true; },
      "If the value of this attribute changes, Terraform will destroy and recreate the "
      "resource.");
}

std::shared_ptr<const PlanModifier> RequiresReplaceIf(RequiresReplaceIfFunc fn,
                                                      std::string description) {
  if (description.empty()) {
    description =
        "If the value of this attribute changes and a provider-defined condition holds, "
        "Terraform will destroy and recreate the resource.";
  }
  return std::make_shared<RequiresReplaceIfModifier>(std::move(fn), std::move(description));
}

std::shared_ptr<const PlanModifier> RequiresReplaceIfConfigured() {
  return std::make_shared<RequiresReplaceIfModifier>(
      [](const PlanModifierRequest& req) { return !req.config_value.IsNull(); },
      "If the value of this attribute is configured and changes, Terraform will destroy and "
      "recreate the resource.");
}

}  // namespace modifiers

namespace defaults {

std::shared_ptr<const AttributeDefault> Static(Value v) {
  return std::make_shared<StaticDefault>(std::move(v), std::nullopt);
}

std::shared_ptr<const AttributeDefault> Func(std::function<Value(const DefaultRequest&)> fn,
                                             std::string description) {
  return std::make_shared<FuncDefault>(std::move(fn), std::move(description), std::nullopt);
}

}  // namespace defaults

// --- Attribute builders (declared in tfsdk/schema.h) -----------------------------------

Attribute& Attribute::UseStateForUnknown() {
  plan_modifiers.push_back(modifiers::UseStateForUnknown());
  return *this;
}

Attribute& Attribute::RequiresReplaceIf(std::function<bool(const PlanModifierRequest&)> fn,
                                        std::string description) {
  plan_modifiers.push_back(modifiers::RequiresReplaceIf(std::move(fn), std::move(description)));
  return *this;
}

// The builders know the attribute, so the default is checked against its type even where
// the request's path cannot name it (inside a set).
Attribute& Attribute::Default(const Value& value) {
  default_value = std::make_shared<StaticDefault>(value, ImpliedType());
  return *this;
}

Attribute& Attribute::Default(const char* s) {
  if (s == nullptr) throw std::invalid_argument("Attribute::Default: null string");
  return Default(Value::StringVal(s));
}
Attribute& Attribute::Default(std::string s) { return Default(Value::StringVal(std::move(s))); }
Attribute& Attribute::Default(bool b) { return Default(Value::BoolVal(b)); }
Attribute& Attribute::DefaultNumber(int64_t n) { return Default(Value::IntVal(n)); }
Attribute& Attribute::DefaultNumber(uint64_t n) {
  return Default(Value::NumberVal(Number::FromUint64(n)));
}
Attribute& Attribute::DefaultNumber(double n) { return Default(Value::FloatVal(n)); }

Attribute& Attribute::DefaultFunc(std::function<Value(const DefaultRequest&)> fn,
                                  std::string description) {
  default_value =
      std::make_shared<FuncDefault>(std::move(fn), std::move(description), ImpliedType());
  return *this;
}

}  // namespace tfsdk
