// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "tfsdk/number.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/hash/hash.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace tfsdk {
namespace {

// Parse limits. They bound the work and memory an untrusted input can cause: the digit
// string is never expanded by the exponent, so "1e999999999" costs a few bytes.
constexpr size_t kMaxSignificantDigits = 10000;
constexpr int64_t kMaxTextExponent = 1000000000;

// ToString switches to scientific notation when plain notation would add more than this
// many characters (zeros, "0.", ".") to the significant digits.
constexpr int64_t kMaxPlainPadding = 40;

// 2^63 as a double; every double in [-2^63, 2^63) that is a whole number fits in int64.
constexpr double kTwoPow63 = 9223372036854775808.0;

// Bounds that every finite double's exact decimal expansion satisfies (digits * 10^exp,
// no trailing zeros): at most 767 significant digits, exponent >= -1074 (the smallest
// subnormal is 2^-1074), and the leading digit's power of ten within [-324, 308].
constexpr size_t kMaxDoubleDigits = 767;
constexpr int64_t kMinDoubleExponent = -1074;
constexpr int64_t kMinDoubleLeadingPower = -324;
constexpr int64_t kMaxDoubleLeadingPower = 308;

// A non-negative big integer in base 10^9, least significant limb first; just enough
// arithmetic to expand a double exactly.
class BigDecimalInt {
 public:
  explicit BigDecimalInt(uint64_t v) {
    do {
      limbs_.push_back(static_cast<uint32_t>(v % kBase));
      v /= kBase;
    } while (v != 0);
  }

  // REQUIRES: factor <= 2^31 so limb * factor + carry fits in uint64.
  void MultiplySmall(uint32_t factor) {
    uint64_t carry = 0;
    for (uint32_t& limb : limbs_) {
      uint64_t product = static_cast<uint64_t>(limb) * factor + carry;
      limb = static_cast<uint32_t>(product % kBase);
      carry = product / kBase;
    }
    while (carry != 0) {
      limbs_.push_back(static_cast<uint32_t>(carry % kBase));
      carry /= kBase;
    }
  }

  void MultiplyByPowerOfTwo(int64_t n) {
    for (; n >= 30; n -= 30) MultiplySmall(1u << 30);
    if (n > 0) MultiplySmall(1u << n);
  }

  void MultiplyByPowerOfFive(int64_t n) {
    constexpr uint32_t kFivePow13 = 1220703125;
    for (; n >= 13; n -= 13) MultiplySmall(kFivePow13);
    uint32_t rest = 1;
    for (; n > 0; --n) rest *= 5;
    if (rest != 1) MultiplySmall(rest);
  }

  std::string ToDigits() const {
    std::string out = std::to_string(limbs_.back());
    for (size_t i = limbs_.size() - 1; i-- > 0;) {
      std::string limb = std::to_string(limbs_[i]);
      out.append(9 - limb.size(), '0');
      out += limb;
    }
    return out;
  }

 private:
  static constexpr uint64_t kBase = 1000000000;
  std::vector<uint32_t> limbs_;
};

// Removes trailing zeros from digits, adding them to the exponent instead.
void StripTrailingZeros(std::string& digits, int64_t& exponent) {
  size_t end = digits.find_last_not_of('0');
  if (end == std::string::npos) {
    digits.clear();
    exponent = 0;
    return;
  }
  exponent += static_cast<int64_t>(digits.size() - end - 1);
  digits.resize(end + 1);
}

// The exact decimal expansion of a double. Every finite double is m * 2^e with integer
// m, and 2^-k = 5^k * 10^-k, so the expansion is always finite.
Number::Decimal DoubleToDecimal(double v) {
  Number::Decimal d;
  d.negative = std::signbit(v) && v != 0;
  if (std::isinf(v)) {
    d.infinite = true;
    return d;
  }
  if (v == 0) return d;
  int binary_exponent = 0;
  double fraction = std::frexp(std::fabs(v), &binary_exponent);  // in [0.5, 1)
  // Scaling by 2^53 makes the fraction an exact integer (it has at most 53 bits).
  uint64_t mantissa = static_cast<uint64_t>(std::ldexp(fraction, 53));
  int64_t exponent2 = static_cast<int64_t>(binary_exponent) - 53;
  while ((mantissa & 1) == 0) {
    mantissa >>= 1;
    ++exponent2;
  }
  BigDecimalInt big(mantissa);
  if (exponent2 >= 0) {
    big.MultiplyByPowerOfTwo(exponent2);
    d.exponent = 0;
  } else {
    big.MultiplyByPowerOfFive(-exponent2);
    d.exponent = exponent2;
  }
  d.digits = big.ToDigits();
  StripTrailingZeros(d.digits, d.exponent);
  return d;
}

// Power of ten of the leading digit ("123e5" -> 7). REQUIRES: digits non-empty.
int64_t LeadingPower(const Number::Decimal& d) {
  return d.exponent + static_cast<int64_t>(d.digits.size()) - 1;
}

// The double nearest to a finite decimal, rounded by strtod. The text has no decimal
// point, so the locale cannot affect it.
double NearestDouble(const Number::Decimal& d) {
  if (d.digits.empty()) return 0;
  // Beyond these bounds strtod would only report overflow or underflow; answering here
  // also keeps the exponent text small whatever the stored exponent is.
  if (LeadingPower(d) > kMaxDoubleLeadingPower + 1) {
    return d.negative ? -std::numeric_limits<double>::infinity()
                      : std::numeric_limits<double>::infinity();
  }
  if (LeadingPower(d) < kMinDoubleLeadingPower - 1) return d.negative ? -0.0 : 0.0;
  std::string text = absl::StrCat(d.negative ? "-" : "", d.digits, "e", d.exponent);
  return std::strtod(text.c_str(), nullptr);
}

// The integer value of a non-negative decimal if it fits in uint64 ("" -> 0).
std::optional<uint64_t> DecimalToUint64(const Number::Decimal& d) {
  if (d.digits.empty()) return 0;
  if (d.exponent < 0) return std::nullopt;
  if (static_cast<int64_t>(d.digits.size()) + d.exponent > 20) return std::nullopt;
  uint64_t value = 0;
  for (char c : d.digits) {
    uint64_t digit = static_cast<uint64_t>(c - '0');
    if (value > (std::numeric_limits<uint64_t>::max() - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  for (int64_t i = 0; i < d.exponent; ++i) {
    if (value > std::numeric_limits<uint64_t>::max() / 10) return std::nullopt;
    value *= 10;
  }
  return value;
}

// Magnitude order of two finite decimals: <0, 0, >0.
int CompareMagnitude(const Number::Decimal& a, const Number::Decimal& b) {
  if (a.digits.empty() || b.digits.empty()) {
    return static_cast<int>(!a.digits.empty()) - static_cast<int>(!b.digits.empty());
  }
  int64_t pa = LeadingPower(a);
  int64_t pb = LeadingPower(b);
  if (pa != pb) return pa < pb ? -1 : 1;
  // Same leading power: digit strings compare like numbers padded with trailing zeros,
  // which is exactly lexicographic order since neither has trailing zeros.
  int c = a.digits.compare(b.digits);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

int CompareDecimals(const Number::Decimal& a, const Number::Decimal& b) {
  bool a_zero = !a.infinite && a.digits.empty();
  bool b_zero = !b.infinite && b.digits.empty();
  // Sign first: -1, 0 or +1 for each side.
  int sa = a_zero ? 0 : (a.negative ? -1 : 1);
  int sb = b_zero ? 0 : (b.negative ? -1 : 1);
  if (sa != sb) return sa < sb ? -1 : 1;
  if (sa == 0) return 0;
  int magnitude;
  if (a.infinite || b.infinite) {
    magnitude = static_cast<int>(a.infinite) - static_cast<int>(b.infinite);
  } else {
    magnitude = CompareMagnitude(a, b);
  }
  return sa > 0 ? magnitude : -magnitude;
}

// Exact comparison of an int64 with a double (not NaN).
int CompareIntDouble(int64_t i, double d) {
  if (d >= kTwoPow63) return -1;
  if (d < -kTwoPow63) return 1;
  // d is in [-2^63, 2^63), so floor(d) is an exact int64.
  double floor_d = std::floor(d);
  int64_t f = static_cast<int64_t>(floor_d);
  if (i < f) return -1;
  if (i > f) return 1;
  return floor_d == d ? 0 : -1;  // i == floor(d) <= d
}

absl::Status InvalidNumber(std::string_view text, std::string_view why) {
  constexpr size_t kMaxEcho = 40;
  std::string shown(text.substr(0, kMaxEcho));
  if (text.size() > kMaxEcho) shown += "...";
  return absl::InvalidArgumentError(
      absl::StrCat("invalid number \"", shown, "\": ", std::string(why)));
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

Number Number::FromInt64(int64_t v) {
  Number n;
  n.int_ = v;
  return n;
}

Number Number::FromUint64(uint64_t v) {
  if (v <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    return FromInt64(static_cast<int64_t>(v));
  }
  // v >= 2^63. Rounding may carry the double to 2^64, which no uint64 equals.
  double d = static_cast<double>(v);
  if (d < 2 * kTwoPow63 && static_cast<uint64_t>(d) == v) return FromDouble(d);
  Decimal dec;
  dec.digits = std::to_string(v);
  StripTrailingZeros(dec.digits, dec.exponent);
  Number n;
  n.form_ = Form::kDecimal;
  n.decimal_ = std::make_shared<const Decimal>(std::move(dec));
  return n;
}

Number Number::FromDouble(double v) {
  assert(!std::isnan(v) && "Number::FromDouble(NaN)");
  if (std::isnan(v)) return Number();
  // Whole numbers in int64 range become kInt64 (this also folds -0.0 into 0).
  if (v >= -kTwoPow63 && v < kTwoPow63 && std::trunc(v) == v) {
    return FromInt64(static_cast<int64_t>(v));
  }
  Number n;
  n.form_ = Form::kDouble;
  n.double_ = v;
  return n;
}

absl::StatusOr<Number> Number::TryFromDouble(double v) {
  if (std::isnan(v)) return absl::InvalidArgumentError("a number cannot be NaN");
  return FromDouble(v);
}

Number Number::FromDecimal(Decimal d) {
  if (d.infinite) {
    return FromDouble(d.negative ? -std::numeric_limits<double>::infinity()
                                 : std::numeric_limits<double>::infinity());
  }
  StripTrailingZeros(d.digits, d.exponent);
  if (d.digits.empty()) return Number();
  if (std::optional<uint64_t> magnitude = DecimalToUint64(d)) {
    constexpr uint64_t kMinMagnitude = uint64_t{1} << 63;  // |INT64_MIN|
    if (!d.negative && *magnitude < kMinMagnitude) {
      return FromInt64(static_cast<int64_t>(*magnitude));
    }
    if (d.negative && *magnitude <= kMinMagnitude) {
      // Negate in unsigned arithmetic: -2^63 has no positive int64 counterpart.
      return FromInt64(static_cast<int64_t>(~*magnitude + 1));
    }
  }
  // Is it exactly a double? Only if it lies within a double's decimal bounds and the
  // correctly rounded double expands back to the same digits.
  int64_t lead = LeadingPower(d);
  if (d.digits.size() <= kMaxDoubleDigits && d.exponent >= kMinDoubleExponent &&
      lead >= kMinDoubleLeadingPower && lead <= kMaxDoubleLeadingPower) {
    double nearest = NearestDouble(d);
    if (std::isfinite(nearest) && nearest != 0) {
      Decimal back = DoubleToDecimal(nearest);
      if (back.exponent == d.exponent && back.digits == d.digits) {
        return FromDouble(nearest);
      }
    }
  }
  Number n;
  n.form_ = Form::kDecimal;
  n.decimal_ = std::make_shared<const Decimal>(std::move(d));
  return n;
}

absl::StatusOr<Number> Number::Parse(std::string_view text) {
  if (text == "Infinity" || text == "+Infinity") {
    return FromDouble(std::numeric_limits<double>::infinity());
  }
  if (text == "-Infinity") return FromDouble(-std::numeric_limits<double>::infinity());

  size_t pos = 0;
  Decimal d;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    d.negative = text[pos] == '-';
    ++pos;
  }
  size_t int_begin = pos;
  while (pos < text.size() && IsDigit(text[pos])) ++pos;
  std::string_view int_part = text.substr(int_begin, pos - int_begin);
  std::string_view frac_part;
  if (pos < text.size() && text[pos] == '.') {
    size_t frac_begin = ++pos;
    while (pos < text.size() && IsDigit(text[pos])) ++pos;
    frac_part = text.substr(frac_begin, pos - frac_begin);
  }
  if (int_part.empty() && frac_part.empty()) return InvalidNumber(text, "no digits");

  int64_t exponent = 0;
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    ++pos;
    bool exponent_negative = false;
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
      exponent_negative = text[pos] == '-';
      ++pos;
    }
    size_t exp_begin = pos;
    for (; pos < text.size() && IsDigit(text[pos]); ++pos) {
      exponent = exponent * 10 + (text[pos] - '0');
      if (exponent > kMaxTextExponent) {
        return InvalidNumber(text, "exponent out of range");
      }
    }
    if (pos == exp_begin) return InvalidNumber(text, "exponent has no digits");
    if (exponent_negative) exponent = -exponent;
  }
  if (pos != text.size()) return InvalidNumber(text, "unexpected character");

  // Significant digits: the integer and fraction digits without leading zeros; the
  // fraction's length moves into the exponent.
  d.digits.reserve(std::min(int_part.size() + frac_part.size(), kMaxSignificantDigits + 1));
  for (std::string_view part : {int_part, frac_part}) {
    for (char c : part) {
      if (d.digits.empty() && c == '0') continue;
      d.digits.push_back(c);
    }
  }
  d.exponent = exponent - static_cast<int64_t>(frac_part.size());
  StripTrailingZeros(d.digits, d.exponent);
  if (d.digits.size() > kMaxSignificantDigits) {
    return InvalidNumber(
        text, absl::StrCat("more than ", kMaxSignificantDigits, " significant digits"));
  }
  return FromDecimal(std::move(d));
}

bool Number::IsInteger() const {
  switch (form_) {
    case Form::kInt64:
      return true;
    case Form::kDouble:
      return std::isfinite(double_) && std::trunc(double_) == double_;
    case Form::kDecimal:
      // No trailing zeros, so a negative exponent always leaves a fraction.
      return decimal_->exponent >= 0;
  }
  return false;
}

bool Number::IsInfinite() const { return form_ == Form::kDouble && std::isinf(double_); }

bool Number::IsNegative() const {
  switch (form_) {
    case Form::kInt64:
      return int_ < 0;
    case Form::kDouble:
      return double_ < 0;
    case Form::kDecimal:
      return decimal_->negative;
  }
  return false;
}

std::optional<int64_t> Number::ToInt64() const {
  // Normalization puts every int64-valued number in kInt64.
  if (form_ == Form::kInt64) return int_;
  return std::nullopt;
}

double Number::ToDouble() const {
  switch (form_) {
    case Form::kInt64:
      return static_cast<double>(int_);
    case Form::kDouble:
      return double_;
    case Form::kDecimal:
      return NearestDouble(*decimal_);
  }
  return 0;
}

std::optional<double> Number::ToExactDouble() const {
  switch (form_) {
    case Form::kInt64: {
      double d = static_cast<double>(int_);
      // d may round up to 2^63, which is outside int64; it then cannot equal int_.
      if (d < kTwoPow63 && static_cast<int64_t>(d) == int_) return d;
      return std::nullopt;
    }
    case Form::kDouble:
      return double_;
    case Form::kDecimal:
      return std::nullopt;  // normalization would have made it kDouble
  }
  return std::nullopt;
}

Number::Decimal Number::ToDecimal() const {
  switch (form_) {
    case Form::kInt64: {
      Decimal d;
      d.negative = int_ < 0;
      // Magnitude in unsigned arithmetic so INT64_MIN does not overflow.
      uint64_t magnitude = static_cast<uint64_t>(int_);
      if (d.negative) magnitude = ~magnitude + 1;
      if (magnitude != 0) {
        d.digits = std::to_string(magnitude);
        StripTrailingZeros(d.digits, d.exponent);
      }
      return d;
    }
    case Form::kDouble:
      return DoubleToDecimal(double_);
    case Form::kDecimal:
      return *decimal_;
  }
  return Decimal();
}

std::string Number::ToString() const {
  if (form_ == Form::kInt64) return std::to_string(int_);
  Decimal d = ToDecimal();
  std::string sign = d.negative ? "-" : "";
  if (d.infinite) return sign + "Infinity";
  if (d.digits.empty()) return "0";
  const int64_t n = static_cast<int64_t>(d.digits.size());
  const int64_t e = d.exponent;
  // Characters plain notation adds to the digits: trailing zeros, a point, or "0.000".
  int64_t padding = e >= 0 ? e : (-e < n ? 1 : 2 + (-e - n));
  if (padding <= kMaxPlainPadding) {
    if (e >= 0) return absl::StrCat(sign, d.digits, std::string(e, '0'));
    if (-e < n) {
      return absl::StrCat(sign, d.digits.substr(0, n + e), ".", d.digits.substr(n + e));
    }
    return absl::StrCat(sign, "0.", std::string(-e - n, '0'), d.digits);
  }
  int64_t lead = LeadingPower(d);
  std::string mantissa = d.digits.substr(0, 1);
  if (n > 1) absl::StrAppend(&mantissa, ".", d.digits.substr(1));
  return absl::StrCat(sign, mantissa, "e", lead < 0 ? "-" : "+",
                      lead < 0 ? -lead : lead);
}

int Number::Compare(const Number& other) const {
  if (form_ == Form::kInt64 && other.form_ == Form::kInt64) {
    return int_ < other.int_ ? -1 : (int_ > other.int_ ? 1 : 0);
  }
  if (form_ == Form::kDouble && other.form_ == Form::kDouble) {
    return double_ < other.double_ ? -1 : (double_ > other.double_ ? 1 : 0);
  }
  if (form_ == Form::kInt64 && other.form_ == Form::kDouble) {
    return CompareIntDouble(int_, other.double_);
  }
  if (form_ == Form::kDouble && other.form_ == Form::kInt64) {
    return -CompareIntDouble(other.int_, double_);
  }
  if (form_ == Form::kDecimal && other.form_ == Form::kDecimal) {
    return CompareDecimals(*decimal_, *other.decimal_);
  }
  return CompareDecimals(ToDecimal(), other.ToDecimal());
}

size_t Number::Hash() const {
  // Normalization gives equal values the same form and payload, so hashing the payload
  // is consistent with operator==.
  switch (form_) {
    case Form::kInt64:
      return absl::HashOf(0, int_);
    case Form::kDouble:
      return absl::HashOf(1, double_);
    case Form::kDecimal:
      return absl::HashOf(2, decimal_->negative, decimal_->digits, decimal_->exponent);
  }
  return 0;
}

}  // namespace tfsdk
