// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// tfsdk::Number — a cty number, which is an arbitrary-precision decimal.
//
// Terraform sends a number as a msgpack integer when it is an exact int64, as a float64
// when the float is exact, and otherwise as a decimal string ("0.1", "1e400",
// "123456789012345678901234567890"). A Number keeps each of these forms without loss:
//
//   Number::FromInt64(42)           stored as int64
//   Number::FromDouble(0.5)         stored as double (an exact binary fraction)
//   Number::Parse("0.1")            stored as an exact decimal (0.1 is not a double)
//   Number::Parse("9223372036854775808")  2^63: exact as a double, so stored as double
//
// Construction normalizes to the smallest exact form (int64, then double, then decimal),
// so equal numbers have equal representations and operator== is value equality
// (1 == 1.0 == "1.000"). Infinities are allowed (cty has them); NaN is not.
//
// Numbers are immutable and cheap to copy. Thread-safe.
#ifndef TFSDK_NUMBER_H_
#define TFSDK_NUMBER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace tfsdk {

class Number {
 public:
  // Which exact representation a Number holds.
  enum class Form { kInt64, kDouble, kDecimal };

  // Zero.
  Number() = default;

  static Number FromInt64(int64_t v);
  static Number FromUint64(uint64_t v);
  // REQUIRES: !std::isnan(v). NaN is mapped to 0 in release builds; use TryFromDouble to
  // check.
  static Number FromDouble(double v);
  static absl::StatusOr<Number> TryFromDouble(double v);
  // Parses a decimal number: optional sign, digits, optional fraction, optional exponent
  // ("-12.5e-3"), or "Infinity"/"+Infinity"/"-Infinity". Exact: nothing is rounded.
  // ".5" and "5." are accepted; whitespace, hex, "inf" and "NaN" are not. Limits, so
  // untrusted text cannot cost much: at most 10,000 significant digits, and the exponent
  // as written within +-1,000,000,000 (it is never expanded into digits).
  static absl::StatusOr<Number> Parse(std::string_view text);

  Form form() const { return form_; }
  bool IsInt64() const { return form_ == Form::kInt64; }
  bool IsInteger() const;   // a whole number (of any size)
  bool IsInfinite() const;
  bool IsNegative() const;  // < 0 (negative zero is zero, not negative)

  // The value as int64 if it is exactly one.
  std::optional<int64_t> ToInt64() const;
  // The nearest double (exact for kInt64 values within 2^53 and for kDouble).
  double ToDouble() const;
  // The exact double if the value is one (kDouble or a small enough kInt64).
  std::optional<double> ToExactDouble() const;

  // Exact decimal text: "42", "0.5", "0.1", "1e+400" (very large or small exponents use
  // scientific notation so the text stays short), "Infinity", "-Infinity".
  std::string ToString() const;

  // Three-way numeric comparison: <0, 0, >0.
  int Compare(const Number& other) const;
  bool operator==(const Number& o) const { return Compare(o) == 0; }
  bool operator!=(const Number& o) const { return Compare(o) != 0; }
  bool operator<(const Number& o) const { return Compare(o) < 0; }
  bool operator<=(const Number& o) const { return Compare(o) <= 0; }
  bool operator>(const Number& o) const { return Compare(o) > 0; }
  bool operator>=(const Number& o) const { return Compare(o) >= 0; }

  // A hash consistent with operator==.
  size_t Hash() const;

  // An exact decimal: value = (negative ? -1 : 1) * digits * 10^exponent, `digits` without
  // leading or trailing zeros ("" for zero). Public for codecs; authors rarely need it.
  struct Decimal {
    bool negative = false;
    std::string digits;
    int64_t exponent = 0;
    bool infinite = false;  // then digits/exponent are unused
  };
  Decimal ToDecimal() const;

 private:
  static Number FromDecimal(Decimal d);

  Form form_ = Form::kInt64;
  int64_t int_ = 0;
  double double_ = 0;
  std::shared_ptr<const Decimal> decimal_;  // kDecimal only
};

}  // namespace tfsdk

#endif  // TFSDK_NUMBER_H_
