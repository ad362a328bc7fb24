// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "tfsdk/number.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <optional>
#include <ostream>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace tfsdk {

// Readable failure messages (found by argument-dependent lookup).
static void PrintTo(const Number& n, std::ostream* os) {
  *os << n.ToString() << " (form " << static_cast<int>(n.form()) << ")";
}

namespace {

using Form = Number::Form;

constexpr int64_t kInt64Min = std::numeric_limits<int64_t>::min();
constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kTwoPow63 = 9223372036854775808.0;
constexpr double kMinSubnormal = 4.9406564584124654e-324;  // 2^-1074
constexpr double kMaxDouble = 1.7976931348623157e308;

// Parses text that the test expects to be valid.
Number P(std::string_view text) {
  absl::StatusOr<Number> n = Number::Parse(text);
  EXPECT_TRUE(n.ok()) << text << ": " << n.status();
  return n.ok() ? *n : Number();
}

// The exact decimal of |v| computed independently of the code under test: glibc's printf
// prints every digit of a double exactly when asked for enough precision.
std::pair<std::string, int64_t> ExactDecimalByPrintf(double v) {
  char buf[1200];
  std::snprintf(buf, sizeof buf, "%.800e", std::fabs(v));
  std::string text(buf);
  size_t e = text.find('e');
  std::string digits = text.substr(0, 1) + text.substr(2, e - 2);
  int64_t exponent = std::strtoll(text.c_str() + e + 1, nullptr, 10) - 800;
  while (!digits.empty() && digits.back() == '0') {
    digits.pop_back();
    ++exponent;
  }
  if (digits.empty()) exponent = 0;
  return {digits, exponent};
}

const char* FormName(Form f) {
  switch (f) {
    case Form::kInt64:
      return "kInt64";
    case Form::kDouble:
      return "kDouble";
    case Form::kDecimal:
      return "kDecimal";
  }
  return "?";
}

struct NormalizationCase {
  std::string name;
  Number number;
  Form form;
  std::string text;
};

TEST(NumberTest, NormalizesToSmallestExactForm) {
  const std::vector<NormalizationCase> cases = {
      {"default", Number(), Form::kInt64, "0"},
      {"int64 min", Number::FromInt64(kInt64Min), Form::kInt64, "-9223372036854775808"},
      {"int64 max", Number::FromInt64(kInt64Max), Form::kInt64, "9223372036854775807"},
      {"2^53+1", Number::FromInt64((int64_t{1} << 53) + 1), Form::kInt64,
       "9007199254740993"},
      {"double 2^63", Number::FromDouble(kTwoPow63), Form::kDouble, "9223372036854775808"},
      {"double -2^63", Number::FromDouble(-kTwoPow63), Form::kInt64,
       "-9223372036854775808"},
      {"double 2^64", Number::FromDouble(2 * kTwoPow63), Form::kDouble,
       "18446744073709551616"},
      {"uint64 small", Number::FromUint64(5), Form::kInt64, "5"},
      {"uint64 int64 max", Number::FromUint64(kInt64Max), Form::kInt64,
       "9223372036854775807"},
      {"uint64 2^63", Number::FromUint64(uint64_t{1} << 63), Form::kDouble,
       "9223372036854775808"},
      {"uint64 2^63+2048", Number::FromUint64((uint64_t{1} << 63) + 2048), Form::kDouble,
       "9223372036854777856"},
      {"uint64 2^63+1", Number::FromUint64((uint64_t{1} << 63) + 1), Form::kDecimal,
       "9223372036854775809"},
      {"uint64 max", Number::FromUint64(std::numeric_limits<uint64_t>::max()),
       Form::kDecimal, "18446744073709551615"},
      {"-0.0", Number::FromDouble(-0.0), Form::kInt64, "0"},
      {"1.0", Number::FromDouble(1.0), Form::kInt64, "1"},
      {"-3.0", Number::FromDouble(-3.0), Form::kInt64, "-3"},
      {"0.5", Number::FromDouble(0.5), Form::kDouble, "0.5"},
      {"-0.375", Number::FromDouble(-0.375), Form::kDouble, "-0.375"},
      {"double 0.1", Number::FromDouble(0.1), Form::kDouble,
       "0.1000000000000000055511151231257827021181583404541015625"},
      {"double 1e21", Number::FromDouble(1e21), Form::kDouble, "1000000000000000000000"},
      {"+inf", Number::FromDouble(kInf), Form::kDouble, "Infinity"},
      {"-inf", Number::FromDouble(-kInf), Form::kDouble, "-Infinity"},
      {"parse 0.1", P("0.1"), Form::kDecimal, "0.1"},
      {"parse -0.1", P("-0.1"), Form::kDecimal, "-0.1"},
      {"parse 1e400", P("1e400"), Form::kDecimal, "1e+400"},
      {"parse 1.000", P("1.000"), Form::kInt64, "1"},
      {"parse 1e3", P("1e3"), Form::kInt64, "1000"},
      {"parse -0", P("-0"), Form::kInt64, "0"},
      {"parse 0e999", P("0e999"), Form::kInt64, "0"},
      {"parse -0.000e-7", P("-0.000e-7"), Form::kInt64, "0"},
      {"parse 30 digits", P("123456789012345678901234567890"), Form::kDecimal,
       "123456789012345678901234567890"},
      {"parse 2^63", P("9223372036854775808"), Form::kDouble, "9223372036854775808"},
      {"parse -2^63", P("-9223372036854775808"), Form::kInt64, "-9223372036854775808"},
      {"parse -2^63-1", P("-9223372036854775809"), Form::kDecimal, "-9223372036854775809"},
      {"parse int64 max", P("9223372036854775807"), Form::kInt64, "9223372036854775807"},
      {"parse 2^64-1", P("18446744073709551615"), Form::kDecimal, "18446744073709551615"},
      {"parse 0.5", P("0.5"), Form::kDouble, "0.5"},
      {"parse .5", P(".5"), Form::kDouble, "0.5"},
      {"parse +.5", P("+.5"), Form::kDouble, "0.5"},
      {"parse 5.", P("5."), Form::kInt64, "5"},
      {"parse 12.5", P("12.5"), Form::kDouble, "12.5"},
      {"parse -12.5e-3", P("-12.5e-3"), Form::kDecimal, "-0.0125"},
      {"parse 0.0001", P("0.0001"), Form::kDecimal, "0.0001"},
      {"parse 1E+2", P("1E+2"), Form::kInt64, "100"},
      {"parse 1e19", P("1e19"), Form::kDouble, "10000000000000000000"},
      {"parse 1e22", P("1e22"), Form::kDouble, "10000000000000000000000"},
      {"parse 1e23", P("1e23"), Form::kDecimal, "100000000000000000000000"},
      {"parse 1e40", P("1e40"), Form::kDecimal, "10000000000000000000000000000000000000000"},
      {"parse 1e41", P("1e41"), Form::kDecimal, "1e+41"},
      {"parse 1e-39", P("1e-39"), Form::kDecimal,
       "0.000000000000000000000000000000000000001"},
      {"parse 1e-40", P("1e-40"), Form::kDecimal, "1e-40"},
      {"parse 1.5e-300", P("1.5e-300"), Form::kDecimal, "1.5e-300"},
      {"parse -1.25e+500", P("-1.25e+500"), Form::kDecimal, "-1.25e+500"},
      {"parse 5e-324", P("5e-324"), Form::kDecimal, "5e-324"},
      {"parse Infinity", P("Infinity"), Form::kDouble, "Infinity"},
      {"parse +Infinity", P("+Infinity"), Form::kDouble, "Infinity"},
      {"parse -Infinity", P("-Infinity"), Form::kDouble, "-Infinity"},
  };
  for (const NormalizationCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(FormName(c.number.form()), std::string(FormName(c.form)));
    EXPECT_EQ(c.number.ToString(), c.text);
  }
}

TEST(NumberTest, ExactDoubleTextParsesToDouble) {
  // The full expansion of a double is that double, not a decimal.
  for (double d : {kMinSubnormal, kMaxDouble, 0.1, -2.5e-310, 1.0 / 3}) {
    SCOPED_TRACE(d);
    Number n = Number::FromDouble(d);
    Number parsed = P(n.ToString());
    EXPECT_EQ(parsed.form(), Form::kDouble);
    EXPECT_EQ(parsed.ToExactDouble(), d);
  }
  // One digit fewer (or one more) is not exact.
  std::string text = Number::FromDouble(0.1).ToString();
  EXPECT_EQ(P(text.substr(0, text.size() - 1)).form(), Form::kDecimal);
  EXPECT_EQ(P(text + "1").form(), Form::kDecimal);
}

TEST(NumberTest, ParseRejectsBadText) {
  const std::vector<std::string> bad = {
      "",       "abc",    "1e",       "--1",      "+-1",        "0x10",     " 1",
      "1 ",     ".",      "+",        "-",        "e5",         ".e5",      "1e+",
      "1e-",    "1.2.3",  "inf",      "infinity", "-inf",       "NaN",      "nan",
      "1_000",  "1,5",    "Infinity ", "INFINITY", "1e5.5",     "1ee5",     "\xd9\xa1",
      "1e1000000001",     "1e-1000000001",        "1e99999999999999999999999",
      std::string("1\0", 2),
  };
  for (const std::string& text : bad) {
    SCOPED_TRACE(text);
    absl::StatusOr<Number> n = Number::Parse(text);
    EXPECT_FALSE(n.ok()) << n->ToString();
    if (!n.ok()) {
      EXPECT_EQ(n.status().code(), absl::StatusCode::kInvalidArgument);
    }
  }
}

TEST(NumberTest, ParseLimitsSignificantDigits) {
  std::string max_digits(10000, '7');
  EXPECT_TRUE(Number::Parse(max_digits).ok());
  EXPECT_FALSE(Number::Parse(max_digits + "7").ok());
  // Leading and trailing zeros are not significant.
  std::string padded = std::string(20000, '0') + max_digits + "." + std::string(20000, '0');
  absl::StatusOr<Number> n = Number::Parse(padded);
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_EQ(*n, P(max_digits));
  EXPECT_EQ(P("0." + std::string(20000, '0') + "1"), P("1e-20001"));
  // The error message does not echo a huge input.
  EXPECT_LT(Number::Parse(max_digits + "7").status().message().size(), 200u);
}

TEST(NumberTest, HugeExponentsStayCompact) {
  Number big = P("1e999999999");
  EXPECT_EQ(big.form(), Form::kDecimal);
  Number::Decimal d = big.ToDecimal();
  EXPECT_EQ(d.digits, "1");
  EXPECT_EQ(d.exponent, 999999999);
  EXPECT_EQ(big.ToString(), "1e+999999999");
  EXPECT_EQ(big.ToDouble(), kInf);
  EXPECT_TRUE(big.IsInteger());
  EXPECT_FALSE(big.IsInfinite());
  EXPECT_GT(big, P("1e400"));
  EXPECT_GT(big, Number::FromDouble(kMaxDouble));
  EXPECT_LT(big, Number::FromDouble(kInf));
  EXPECT_LT(big, P("1.0000000001e999999999"));
  EXPECT_EQ(big, P("0.1e1000000000"));
  EXPECT_EQ(P("0.00001e1000000000").ToString(), "1e+999999995");
  EXPECT_EQ(big, P("10000e999999995"));

  Number tiny = P("-1e-999999999");
  EXPECT_EQ(tiny.ToString(), "-1e-999999999");
  EXPECT_EQ(tiny.ToDouble(), 0);
  EXPECT_TRUE(std::signbit(tiny.ToDouble()));
  EXPECT_FALSE(tiny.IsInteger());
  EXPECT_LT(tiny, Number());
  EXPECT_GT(tiny, Number::FromDouble(-kMinSubnormal));
  EXPECT_EQ(P("1e1000000000").ToString(), "1e+1000000000");
  EXPECT_EQ(P("1e-1000000000").ToString(), "1e-1000000000");
}

TEST(NumberTest, ToStringRoundTrips) {
  const std::vector<Number> values = {
      Number(),
      Number::FromInt64(kInt64Min),
      Number::FromInt64(kInt64Max),
      Number::FromDouble(kMinSubnormal),
      Number::FromDouble(-kMinSubnormal),
      Number::FromDouble(kMaxDouble),
      Number::FromDouble(-kMaxDouble),
      Number::FromDouble(2.2250738585072014e-308),  // smallest normal
      Number::FromDouble(2.225073858507201e-308),   // largest subnormal
      Number::FromDouble(0.1),
      Number::FromDouble(1.0 / 3),
      Number::FromDouble(kTwoPow63),
      Number::FromDouble(1e300),
      Number::FromDouble(123.456),
      Number::FromDouble(kInf),
      Number::FromDouble(-kInf),
      Number::FromUint64(std::numeric_limits<uint64_t>::max()),
      P("0.1"),
      P("1e400"),
      P("-1e-400"),
      P("1e999999999"),
      P("-1.5e-300"),
      P("123456789.000000000000000000001"),
      P("3.14159265358979323846264338327950288419716939937510582097494459"),
      P("-98765432109876543210987654321e-50"),
      P("1e-40"),
      P("1e41"),
  };
  for (const Number& n : values) {
    std::string text = n.ToString();
    SCOPED_TRACE(text);
    Number back = P(text);
    EXPECT_EQ(back, n);
    EXPECT_EQ(back.form(), n.form());
    EXPECT_EQ(back.ToString(), text);
    EXPECT_EQ(back.Hash(), n.Hash());
    if (n.form() != Form::kDecimal) {
      // Plain strtod agrees too, so other parsers read the same value.
      EXPECT_EQ(std::strtod(text.c_str(), nullptr), n.ToDouble());
    }
  }
}

TEST(NumberTest, DoubleExpansionMatchesPrintfForRandomDoubles) {
  std::mt19937_64 rng(12345);
  for (int i = 0; i < 3000; ++i) {
    uint64_t bits = rng();
    if (i % 3 == 0) bits &= 0x800FFFFFFFFFFFFFull;  // subnormals
    double d;
    std::memcpy(&d, &bits, sizeof d);
    if (!std::isfinite(d)) continue;
    SCOPED_TRACE(bits);
    Number n = Number::FromDouble(d);
    Number::Decimal dec = n.ToDecimal();
    auto [digits, exponent] = ExactDecimalByPrintf(d);
    EXPECT_EQ(dec.digits, digits);
    EXPECT_EQ(dec.exponent, exponent);
    EXPECT_EQ(dec.negative, d < 0);
    EXPECT_EQ(n.ToDouble(), d);
    EXPECT_EQ(n.ToExactDouble(), d);
    Number back = P(n.ToString());
    EXPECT_EQ(back.form(), n.form());
    EXPECT_EQ(back.ToDouble(), d);
    // Neighbouring doubles order correctly against it, across forms.
    double up = std::nextafter(d, kInf);
    EXPECT_LT(n, Number::FromDouble(up));
    EXPECT_GT(Number::FromDouble(up), back);
  }
}

// Every pair of these compares by its index: they are strictly ascending and mix forms.
TEST(NumberTest, CompareAcrossForms) {
  const std::vector<Number> ascending = {
      Number::FromDouble(-kInf),
      P("-1e999999999"),
      P("-1e400"),
      Number::FromDouble(-kMaxDouble),
      P("-18446744073709551617"),
      P("-1e19"),
      P("-9223372036854775809"),
      Number::FromInt64(kInt64Min),
      Number::FromInt64(kInt64Min + 1),
      Number::FromDouble(-1.5),
      P("-1.0000000000000000000001"),
      Number::FromInt64(-1),
      Number::FromDouble(-0.1),
      P("-0.1"),
      P("-1e-999999999"),
      Number(),
      P("1e-999999999"),
      Number::FromDouble(kMinSubnormal),
      P("1e-323"),
      P("0.1"),
      Number::FromDouble(0.1),
      Number::FromDouble(0.5),
      Number::FromInt64(1),
      P("1.0000000000000000000001"),
      Number::FromDouble(1.0000000000000002),
      Number::FromDouble(1.5),
      Number::FromInt64((int64_t{1} << 53) + 1),
      Number::FromInt64(kInt64Max - 1),
      Number::FromInt64(kInt64Max),
      P("9223372036854775807.5"),
      Number::FromDouble(kTwoPow63),
      P("9223372036854775808.5"),
      Number::FromUint64((uint64_t{1} << 63) + 1),
      Number::FromUint64((uint64_t{1} << 63) + 2048),
      Number::FromUint64(std::numeric_limits<uint64_t>::max()),
      Number::FromDouble(2 * kTwoPow63),
      P("1.7976931348623157e308"),
      Number::FromDouble(kMaxDouble),
      P("1e400"),
      P("1e999999999"),
      Number::FromDouble(kInf),
  };
  for (size_t i = 0; i < ascending.size(); ++i) {
    for (size_t j = 0; j < ascending.size(); ++j) {
      SCOPED_TRACE(ascending[i].ToString() + " vs " + ascending[j].ToString());
      int want = i < j ? -1 : (i > j ? 1 : 0);
      EXPECT_EQ(ascending[i].Compare(ascending[j]), want);
      EXPECT_EQ(ascending[i] == ascending[j], i == j);
      EXPECT_EQ(ascending[i] < ascending[j], i < j);
      EXPECT_EQ(ascending[i] >= ascending[j], i >= j);
    }
  }
}

// Groups of numbers built differently that must be equal, in the same form, with equal
// hashes.
TEST(NumberTest, EqualValuesHaveEqualFormsAndHashes) {
  const std::vector<std::vector<Number>> groups = {
      {Number(), Number::FromInt64(0), Number::FromUint64(0), Number::FromDouble(0.0),
       Number::FromDouble(-0.0), P("0"), P("-0"), P("+0.000"), P("0e5"), P("-0.0e-7")},
      {Number::FromInt64(1), Number::FromUint64(1), Number::FromDouble(1.0), P("1.000"),
       P("1e0"), P("0.1e1"), P("100e-2"), P("+1")},
      {Number::FromInt64(kInt64Min), Number::FromDouble(-kTwoPow63),
       P("-9223372036854775808"), P("-9.223372036854775808e18")},
      {Number::FromDouble(kTwoPow63), Number::FromUint64(uint64_t{1} << 63),
       P("9223372036854775808"), P("9.223372036854775808e18"),
       P("92233720368547758080e-1")},
      {Number::FromDouble(0.5), P("0.5"), P("5e-1"), P("500e-3"), P(".50")},
      {P("0.1"), P("1e-1"), P("0.10"), P("00.100e0"), P("100e-3")},
      {Number::FromUint64(std::numeric_limits<uint64_t>::max()),
       P("18446744073709551615"), P("1.8446744073709551615e19")},
      {P("1e400"), P("10e399"), P("0.001e403")},
      {Number::FromDouble(kInf), P("Infinity"), P("+Infinity")},
      {Number::FromDouble(-kInf), P("-Infinity")},
  };
  for (const std::vector<Number>& group : groups) {
    SCOPED_TRACE(group[0].ToString());
    for (const Number& n : group) {
      EXPECT_EQ(n, group[0]) << n.ToString();
      EXPECT_EQ(n.form(), group[0].form()) << n.ToString();
      EXPECT_EQ(n.Hash(), group[0].Hash()) << n.ToString();
      EXPECT_EQ(n.ToString(), group[0].ToString());
    }
  }
  // Different values should (almost always) hash differently; these do.
  EXPECT_NE(Number::FromInt64(1).Hash(), Number::FromInt64(2).Hash());
  EXPECT_NE(P("0.1").Hash(), P("-0.1").Hash());
  EXPECT_NE(P("0.1").Hash(), P("0.01").Hash());
}

// The normalization invariant behind Hash: a kDecimal is never an int64 or a double,
// and a kDouble is never an int64.
TEST(NumberTest, DecimalsAreNeitherInt64NorDouble) {
  const std::vector<std::string> texts = {
      "0.1",  "1e400", "-1e-400", "123456789012345678901234567890", "18446744073709551615",
      "1e23", "5e-324", "2.5",    "9007199254740993",               "9007199254740993.0",
      "1e-5", "-7e19", "8e18",    "9223372036854775807.000",        "-9223372036854775808.5"};
  for (const std::string& text : texts) {
    SCOPED_TRACE(text);
    Number n = P(text);
    Number::Decimal d = n.ToDecimal();
    switch (n.form()) {
      case Form::kDecimal: {
        EXPECT_EQ(n.ToInt64(), std::nullopt);
        EXPECT_EQ(n.ToExactDouble(), std::nullopt);
        // The nearest double is a different number.
        double nearest = n.ToDouble();
        EXPECT_NE(Number::FromDouble(nearest), n);
        if (std::isfinite(nearest)) {
          auto [digits, exponent] = ExactDecimalByPrintf(nearest);
          EXPECT_FALSE(digits == d.digits && exponent == d.exponent);
        }
        break;
      }
      case Form::kDouble:
        EXPECT_EQ(n.ToInt64(), std::nullopt);
        EXPECT_TRUE(n.ToExactDouble().has_value());
        break;
      case Form::kInt64:
        EXPECT_TRUE(n.ToInt64().has_value());
        break;
    }
  }
  EXPECT_EQ(P("9007199254740993").form(), Form::kInt64);
  EXPECT_EQ(P("8e18").form(), Form::kInt64);
  EXPECT_EQ(P("-7e19").form(), Form::kDouble);
  EXPECT_EQ(P("-9223372036854775808.5").form(), Form::kDecimal);
}

struct AccessorCase {
  std::string name;
  Number number;
  bool integer;
  bool infinite;
  bool negative;
  std::optional<int64_t> int64;
  std::optional<double> exact_double;
  double nearest;
};

TEST(NumberTest, Accessors) {
  const std::vector<AccessorCase> cases = {
      {"zero", Number(), true, false, false, 0, 0.0, 0.0},
      {"-0.0", Number::FromDouble(-0.0), true, false, false, 0, 0.0, 0.0},
      {"5", Number::FromInt64(5), true, false, false, 5, 5.0, 5.0},
      {"-5", Number::FromInt64(-5), true, false, true, -5, -5.0, -5.0},
      {"2^53", Number::FromInt64(int64_t{1} << 53), true, false, false, int64_t{1} << 53,
       9007199254740992.0, 9007199254740992.0},
      {"2^53+1", Number::FromInt64((int64_t{1} << 53) + 1), true, false, false,
       (int64_t{1} << 53) + 1, std::nullopt, 9007199254740992.0},
      {"int64 max", Number::FromInt64(kInt64Max), true, false, false, kInt64Max,
       std::nullopt, kTwoPow63},
      {"int64 min", Number::FromInt64(kInt64Min), true, false, true, kInt64Min,
       -kTwoPow63, -kTwoPow63},
      {"2^63", Number::FromDouble(kTwoPow63), true, false, false, std::nullopt, kTwoPow63,
       kTwoPow63},
      {"0.5", Number::FromDouble(0.5), false, false, false, std::nullopt, 0.5, 0.5},
      {"-2.5", Number::FromDouble(-2.5), false, false, true, std::nullopt, -2.5, -2.5},
      {"inf", Number::FromDouble(kInf), false, true, false, std::nullopt, kInf, kInf},
      {"-inf", Number::FromDouble(-kInf), false, true, true, std::nullopt, -kInf, -kInf},
      {"decimal 0.1", P("0.1"), false, false, false, std::nullopt, std::nullopt, 0.1},
      {"decimal -1.5e-300", P("-1.5e-300"), false, false, true, std::nullopt, std::nullopt,
       -1.5e-300},
      {"decimal 1e400", P("1e400"), true, false, false, std::nullopt, std::nullopt, kInf},
      {"decimal -1e400", P("-1e400"), true, false, true, std::nullopt, std::nullopt,
       -kInf},
      {"decimal 1e-400", P("1e-400"), false, false, false, std::nullopt, std::nullopt, 0.0},
      {"decimal 2^64-1", Number::FromUint64(std::numeric_limits<uint64_t>::max()), true,
       false, false, std::nullopt, std::nullopt, 18446744073709551616.0},
      {"decimal 30 digits", P("123456789012345678901234567890"), true, false, false,
       std::nullopt, std::nullopt, 1.2345678901234568e29},
      // Rounding at the top of the double range: below the halfway point to 2^1024 it
      // rounds to the largest double, above it overflows.
      {"below overflow", P("1.7976931348623158e308"), true, false, false, std::nullopt,
       std::nullopt, kMaxDouble},
      {"overflow", P("1.7976931348623159e308"), true, false, false, std::nullopt,
       std::nullopt, kInf},
      // Rounding at the bottom: just above half the smallest subnormal rounds up.
      {"rounds to subnormal", P("2.4703282292062328e-324"), false, false, false,
       std::nullopt, std::nullopt, kMinSubnormal},
      {"rounds to zero", P("2.4703282292062327e-324"), false, false, false, std::nullopt,
       std::nullopt, 0.0},
  };
  for (const AccessorCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(c.number.IsInteger(), c.integer);
    EXPECT_EQ(c.number.IsInfinite(), c.infinite);
    EXPECT_EQ(c.number.IsNegative(), c.negative);
    EXPECT_EQ(c.number.IsInt64(), c.int64.has_value());
    EXPECT_EQ(c.number.ToInt64(), c.int64);
    EXPECT_EQ(c.number.ToExactDouble(), c.exact_double);
    EXPECT_EQ(c.number.ToDouble(), c.nearest);
  }
}

struct DecimalCase {
  std::string name;
  Number number;
  bool negative;
  std::string digits;
  int64_t exponent;
  bool infinite;
};

TEST(NumberTest, ToDecimal) {
  const std::vector<DecimalCase> cases = {
      {"zero", Number(), false, "", 0, false},
      {"int64 min", Number::FromInt64(kInt64Min), true, "9223372036854775808", 0, false},
      {"1000", Number::FromInt64(1000), false, "1", 3, false},
      {"-120", Number::FromInt64(-120), true, "12", 1, false},
      {"0.5", Number::FromDouble(0.5), false, "5", -1, false},
      {"-0.375", Number::FromDouble(-0.375), true, "375", -3, false},
      {"2^63", Number::FromDouble(kTwoPow63), false, "9223372036854775808", 0, false},
      {"1e22", Number::FromDouble(1e22), false, "1", 22, false},
      {"parse 0.1", P("0.1"), false, "1", -1, false},
      {"parse -12.50e-3", P("-12.50e-3"), true, "125", -4, false},
      {"parse 1e400", P("1e400"), false, "1", 400, false},
      {"inf", Number::FromDouble(kInf), false, "", 0, true},
      {"-inf", Number::FromDouble(-kInf), true, "", 0, true},
  };
  for (const DecimalCase& c : cases) {
    SCOPED_TRACE(c.name);
    Number::Decimal d = c.number.ToDecimal();
    EXPECT_EQ(d.negative, c.negative);
    EXPECT_EQ(d.infinite, c.infinite);
    if (!c.infinite) {
      EXPECT_EQ(d.digits, c.digits);
      EXPECT_EQ(d.exponent, c.exponent);
    }
  }
}

TEST(NumberTest, NaNIsRejected) {
  double nan = std::numeric_limits<double>::quiet_NaN();
  absl::StatusOr<Number> n = Number::TryFromDouble(nan);
  EXPECT_FALSE(n.ok());
  EXPECT_EQ(n.status().code(), absl::StatusCode::kInvalidArgument);
  ASSERT_TRUE(Number::TryFromDouble(2.5).ok());
  EXPECT_EQ(*Number::TryFromDouble(2.5), Number::FromDouble(2.5));
  EXPECT_DEBUG_DEATH(
      {
        Number zero = Number::FromDouble(nan);
        EXPECT_EQ(zero, Number());
      },
      "NaN");
}

TEST(NumberTest, CopiesShareAndCompareEqual) {
  Number a = P("123456789012345678901234567890.5");
  Number b = a;
  Number c;
  c = b;
  EXPECT_EQ(a, c);
  EXPECT_EQ(a.Hash(), c.Hash());
  EXPECT_EQ(c.ToString(), "123456789012345678901234567890.5");
}

}  // namespace
}  // namespace tfsdk
