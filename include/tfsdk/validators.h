// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Built-in validators (tfsdk/validator.h explains what a validator is), modelled on the Go
// terraform-plugin-framework-validators module. Attach them to attributes and blocks:
//
//   namespace v = tfsdk::validators;
//   tfsdk::Attribute::String("name").Required().Validators({
//       v::LengthBetween(1, 64),
//       v::RegexMatches("^[a-z][a-z0-9-]*$", "must be lowercase letters, digits and dashes"),
//   }),
//   tfsdk::Attribute::Number("port").Optional().Validators({v::Between(1, 65535)}),
//   tfsdk::Attribute::String("password").Optional().Validators({v::ConflictsWith({"key"})}),
//   tfsdk::Attribute::List("zones", tfsdk::Type::String()).Optional().Validators({
//       v::SizeAtLeast(1), v::UniqueValues(), v::Each({v::OneOf({"a", "b", "c"})}),
//   }),
//
// and whole-configuration checks to a resource, data source or provider (by absolute path):
//
//   std::vector<std::shared_ptr<const tfsdk::ConfigValidator>> ConfigValidators()
//       const override {
//     return {v::ConfigExactlyOneOf({tfsdk::Path::Root("file"), tfsdk::Path::Root("url")})};
//   }
//
// Common rules:
//  - Null and unknown values pass: a null value is not configured, and an unknown one is
//    checked again when it is known. (The cross-attribute validators say what they do.)
//  - A failed check adds one error diagnostic at the attribute's path whose summary is the
//    Go module's ("Invalid Attribute Value Length", "Invalid Attribute Value Match",
//    "Invalid Attribute Value", "Invalid Attribute Combination", ...) and whose detail
//    names the path and the rule, e.g.
//      Attribute name string length must be between 1 and 64, got: 0
//  - Description() is the rule in plain English ("string length must be between 1 and
//    64"), for documentation.
//  - A validator applied to a value of the wrong kind (LengthAtLeast on a number) reports
//    "Invalid Validator Usage": a bug in the provider, not in the configuration.
//  - Factories check their arguments (min <= max, sizes >= 0, a regex that compiles, no
//    null validator) and throw std::invalid_argument, so a mistake shows when the schema
//    is built rather than when a practitioner first hits it.
// Every validator is immutable and thread-safe.
#ifndef TFSDK_VALIDATORS_H_
#define TFSDK_VALIDATORS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "tfsdk/number.h"
#include "tfsdk/path.h"
#include "tfsdk/validator.h"

namespace tfsdk::validators {

using ValidatorPtr = std::shared_ptr<const Validator>;
using ConfigValidatorPtr = std::shared_ptr<const ConfigValidator>;

// --- Strings ---------------------------------------------------------------------------
// Lengths count Unicode characters (code points) of the UTF-8 text, as Go's
// utf8.RuneCountInString does: "héllo" has length 5. A byte that is not part of valid
// UTF-8 counts as one character.

ValidatorPtr LengthAtLeast(int64_t min);
ValidatorPtr LengthAtMost(int64_t max);
// REQUIRES: 0 <= min <= max.
ValidatorPtr LengthBetween(int64_t min, int64_t max);
// The string must contain a match of `pattern` (ECMAScript syntax, std::regex_search; anchor
// with ^ and $ to match the whole string). `message`, when given, replaces the description
// "value must match regular expression '<pattern>'" in Description() and in errors.
// Throws std::invalid_argument if the pattern does not compile.
ValidatorPtr RegexMatches(const std::string& pattern, std::string message = {});
// The string must equal one of `values` (exactly).
ValidatorPtr OneOf(std::vector<std::string> values);
// The string must differ from every one of `values`.
ValidatorPtr NoneOf(std::vector<std::string> values);
// The string must equal one of `values` ignoring the case of ASCII letters ("Read" matches
// "READ"); other characters must match exactly.
ValidatorPtr OneOfCaseInsensitive(std::vector<std::string> values);
// The string must be a duration in Go's time.ParseDuration syntax ("30s", "2h45m",
// "-1.5h"; see tfsdk::timeouts::ParseDuration).
ValidatorPtr IsDuration();

// --- Numbers ---------------------------------------------------------------------------
// Bounds are compared exactly with the configured number (an arbitrary-precision decimal).
// A double bound stands for its shortest decimal form: AtLeast(0.1) accepts 0.1 as
// written in the configuration, although the double 0.1 is slightly more than one tenth.
// Any integer or floating-point type may be passed (AtLeast(1), AtLeast(1.5),
// Between(0, 2.5)); a NaN bound throws std::invalid_argument.

ValidatorPtr AtLeast(const Number& min);
ValidatorPtr AtMost(const Number& max);
// REQUIRES: min <= max.
ValidatorPtr Between(const Number& min, const Number& max);
// The number must be a whole number (no fraction; infinities are not whole numbers).
ValidatorPtr IsWholeNumber();

namespace validators_internal {
template <class T>
inline constexpr bool kIsBound = std::is_arithmetic_v<T> && !std::is_same_v<T, bool>;
Number BoundFromInt64(int64_t v);
Number BoundFromUint64(uint64_t v);
Number BoundFromDouble(double v);  // throws std::invalid_argument for NaN
template <class T>
Number Bound(T v) {
  if constexpr (std::is_floating_point_v<T>) {
    return BoundFromDouble(static_cast<double>(v));
  } else if constexpr (std::is_unsigned_v<T>) {
    return BoundFromUint64(static_cast<uint64_t>(v));
  } else {
    return BoundFromInt64(static_cast<int64_t>(v));
  }
}
}  // namespace validators_internal

template <class T, std::enable_if_t<validators_internal::kIsBound<T>, int> = 0>
ValidatorPtr AtLeast(T min) {
  return AtLeast(validators_internal::Bound(min));
}
template <class T, std::enable_if_t<validators_internal::kIsBound<T>, int> = 0>
ValidatorPtr AtMost(T max) {
  return AtMost(validators_internal::Bound(max));
}
template <class T, class U,
          std::enable_if_t<validators_internal::kIsBound<T> && validators_internal::kIsBound<U>,
                           int> = 0>
ValidatorPtr Between(T min, U max) {
  return Between(validators_internal::Bound(min), validators_internal::Bound(max));
}

// --- Collections -----------------------------------------------------------------------
// Sizes count the elements of a list, set, map or tuple, or the attributes of an object.

ValidatorPtr SizeAtLeast(int64_t min);
ValidatorPtr SizeAtMost(int64_t max);
// REQUIRES: 0 <= min <= max.
ValidatorPtr SizeBetween(int64_t min, int64_t max);
// No two known elements of a list (or tuple) are equal (Value::RawEquals); unknown elements
// are skipped. One error per repeated value. Sets pass (their elements are distinct).
ValidatorPtr UniqueValues();
// Runs `element_validators` on every element of a list, set, map or tuple. Each element is
// validated with its own path (list and tuple: [i], map: ["key"]; a set element has no
// address, so its path is the set's) and with the collection as its parent. Unknown
// elements are passed on (the element validators skip them).
ValidatorPtr Each(std::vector<ValidatorPtr> element_validators);

// --- Across attributes -----------------------------------------------------------------
// These name SIBLING attributes: attributes of the same object as the validated attribute
// (req.parent), so they work at the top level and inside every element of a list, set or
// map of nested objects. Naming an attribute the object does not have is a provider bug,
// reported as "Invalid Validator Usage". Errors are reported at the validated attribute
// with the summary "Invalid Attribute Combination" and name the other attributes' paths.
// Inside a set, paths stop at the set attribute (see ValidatorRequest).
//
// As in the Go module:
//  ConflictsWith: when this value is known and not null, every named sibling must be null.
//    A sibling that is unknown but refined as not null conflicts too; any other unknown
//    sibling stops the check until it is known.
//  AlsoRequires: when this value is known and not null, every named sibling must be
//    non-null. An unknown sibling stops the check.
//  AtLeastOneOf: this attribute or one of the named siblings must be non-null. An unknown
//    value (this one or a sibling) passes: it may become non-null.
//  ExactlyOneOf: exactly one of this attribute and the named siblings is non-null. If this
//    value or a sibling is unknown, the check waits.
// The validated attribute may be named in the list too; it is counted once.

ValidatorPtr ConflictsWith(std::vector<std::string> sibling_names);
ValidatorPtr AlsoRequires(std::vector<std::string> sibling_names);
ValidatorPtr AtLeastOneOf(std::vector<std::string> sibling_names);
ValidatorPtr ExactlyOneOf(std::vector<std::string> sibling_names);

// --- Combinators -----------------------------------------------------------------------

// Runs every validator and reports all their diagnostics.
ValidatorPtr All(std::vector<ValidatorPtr> validators);
// Passes if at least one validator reports no error; its warnings are kept and the other
// validators' diagnostics dropped. If every validator fails, all their diagnostics are
// reported.
ValidatorPtr Any(std::vector<ValidatorPtr> validators);

// --- Whole configuration (tfsdk::ConfigValidator) ---------------------------------------
// Paths are absolute (Path::Root("a"), Path::Root("rule").Index(0).Attr("port"), ...). A
// path that runs past the end of a list or into a missing map key names an attribute that
// is not configured (null); a path that does not fit the schema is a provider bug reported
// as "Invalid Validator Usage". As in the Go module's resourcevalidator package:
//  ConfigConflicting: at most one of the paths is configured (known and non-null); unknown
//    values do not count. Error at the first configured path.
//  ConfigExactlyOneOf: more than one configured is an error at the first configured path;
//    none configured is an error without a path ("Missing Attribute Configuration"),
//    unless some value is unknown.
//  ConfigAtLeastOneOf: none configured is an error without a path ("Missing Attribute
//    Configuration"), unless some value is unknown.
//  ConfigRequiredTogether: if any is configured, all must be; unknown values make the
//    check wait. Error at the first configured path, naming the missing ones.

ConfigValidatorPtr ConfigConflicting(std::vector<Path> paths);
ConfigValidatorPtr ConfigExactlyOneOf(std::vector<Path> paths);
ConfigValidatorPtr ConfigAtLeastOneOf(std::vector<Path> paths);
ConfigValidatorPtr ConfigRequiredTogether(std::vector<Path> paths);

}  // namespace tfsdk::validators

#endif  // TFSDK_VALIDATORS_H_
