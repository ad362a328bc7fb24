// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "tfsdk/timeouts.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "tfsdk/convert.h"
#include "tfsdk/validators.h"

namespace tfsdk::timeouts {
namespace {

constexpr uint64_t kNanosecond = 1;
constexpr uint64_t kMicrosecond = 1000 * kNanosecond;
constexpr uint64_t kMillisecond = 1000 * kMicrosecond;
constexpr uint64_t kSecond = 1000 * kMillisecond;
constexpr uint64_t kMinute = 60 * kSecond;
constexpr uint64_t kHour = 60 * kMinute;
// The magnitude of the most negative int64; Go's parser accumulates up to it.
constexpr uint64_t kLimit = uint64_t{1} << 63;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The length of a unit name in nanoseconds, or 0 for an unknown unit.
uint64_t UnitNanos(std::string_view unit) {
  static const std::pair<std::string_view, uint64_t> kUnits[] = {
      {"ns", kNanosecond},
      {"us", kMicrosecond},
      {"\xC2\xB5s", kMicrosecond},  // U+00B5 micro sign
      {"\xCE\xBCs", kMicrosecond},  // U+03BC Greek small letter mu
      {"ms", kMillisecond},
      {"s", kSecond},
      {"m", kMinute},
      {"h", kHour},
  };
  for (const auto& [name, nanos] : kUnits) {
    if (name == unit) return nanos;
  }
  return 0;
}

// Go's time.ParseDuration, step for step (including its float arithmetic for fractions, so
// results agree to the nanosecond), except that sums past the int64 range are rejected
// instead of wrapping. On failure returns nullopt and sets *why.
std::optional<std::chrono::nanoseconds> Parse(std::string_view s, std::string* why) {
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "0") return std::chrono::nanoseconds(0);
  if (s.empty()) {
    *why = "it is empty";
    return std::nullopt;
  }
  uint64_t total = 0;
  while (!s.empty()) {
    if (!(s[0] == '.' || IsDigit(s[0]))) {
      *why = "each part must start with a number";
      return std::nullopt;
    }
    // Whole part.
    uint64_t whole = 0;
    size_t i = 0;
    for (; i < s.size() && IsDigit(s[i]); ++i) {
      if (whole > kLimit / 10) {
        *why = "a number is too large";
        return std::nullopt;
      }
      whole = whole * 10 + static_cast<uint64_t>(s[i] - '0');
      if (whole > kLimit) {
        *why = "a number is too large";
        return std::nullopt;
      }
    }
    bool has_whole = i > 0;
    s.remove_prefix(i);
    // Fraction: digits beyond what fits in 63 bits only lose precision.
    uint64_t fraction = 0;
    double scale = 1;
    bool has_fraction = false;
    if (!s.empty() && s[0] == '.') {
      s.remove_prefix(1);
      bool saturated = false;
      size_t j = 0;
      for (; j < s.size() && IsDigit(s[j]); ++j) {
        if (saturated) continue;
        if (fraction > (kLimit - 1) / 10) {
          saturated = true;
          continue;
        }
        uint64_t next = fraction * 10 + static_cast<uint64_t>(s[j] - '0');
        if (next > kLimit) {
          saturated = true;
          continue;
        }
        fraction = next;
        scale *= 10;
      }
      has_fraction = j > 0;
      s.remove_prefix(j);
    }
    if (!has_whole && !has_fraction) {
      *why = "a number has no digits";
      return std::nullopt;
    }
    // Unit: everything up to the next number.
    size_t k = 0;
    while (k < s.size() && s[k] != '.' && !IsDigit(s[k])) ++k;
    if (k == 0) {
      *why = "a number has no unit";
      return std::nullopt;
    }
    std::string_view unit_name = s.substr(0, k);
    s.remove_prefix(k);
    uint64_t unit = UnitNanos(unit_name);
    if (unit == 0) {
      *why = "unknown unit \"" + std::string(unit_name) + "\"";
      return std::nullopt;
    }
    if (whole > kLimit / unit) {
      *why = "it is too long";
      return std::nullopt;
    }
    uint64_t part = whole * unit;
    if (fraction > 0) {
      // fraction < scale, so this is below `unit` and the conversion is safe.
      part += static_cast<uint64_t>(static_cast<double>(fraction) *
                                    (static_cast<double>(unit) / scale));
      if (part > kLimit) {
        *why = "it is too long";
        return std::nullopt;
      }
    }
    if (part > kLimit - total) {
      *why = "it is too long";
      return std::nullopt;
    }
    total += part;
  }
  if (negative) {
    // total <= 2^63; the most negative int64 needs care to avoid overflow.
    if (total == kLimit) return std::chrono::nanoseconds(INT64_MIN);
    return std::chrono::nanoseconds(-static_cast<int64_t>(total));
  }
  if (total > kLimit - 1) {
    *why = "it is too long";
    return std::nullopt;
  }
  return std::chrono::nanoseconds(static_cast<int64_t>(total));
}

std::vector<tfsdk::Attribute> OperationAttributes(const Options& options) {
  const std::string common =
      "A duration such as \"30s\", \"10m\" or \"2h45m\": a sequence of decimal numbers, each "
      "with an optional fraction and a unit (\"s\" seconds, \"m\" minutes, \"h\" hours; also "
      "\"ms\", \"us\", \"ns\").";
  std::vector<tfsdk::Attribute> attributes;
  auto add = [&](const char* name, const std::string& what) {
    attributes.push_back(tfsdk::Attribute::String(name)
                             .Optional()
                             .Description("How long " + what + " may take. " + common)
                             .Validators({validators::IsDuration()}));
  };
  if (options.create) add("create", "creating the resource");
  if (options.read) add("read", "reading the resource (during refresh and plan)");
  if (options.update) add("update", "updating the resource");
  if (options.del) {
    add("delete",
        "destroying the resource (the value must already be in the state when the "
        "destroy runs)");
  }
  return attributes;
}

constexpr const char* kDescription =
    "Time limits for operations on this resource, each a duration such as \"30s\" or \"1h\".";

std::chrono::nanoseconds Get(const Attributes& attributes, const char* operation,
                             std::chrono::nanoseconds fallback) {
  const Value* block = attributes.value().FindAttr("timeouts");
  if (block == nullptr || !block->IsKnown()) return fallback;
  const Value* value = block->FindAttr(operation);
  if (value == nullptr || !value->IsKnown()) return fallback;
  Path path = Path::Root("timeouts").Attr(operation);
  if (value->type().kind() != TypeKind::kString) {
    throw ConversionError(path, "a timeout must be a string, not " + value->type().FriendlyName());
  }
  std::string why;
  std::optional<std::chrono::nanoseconds> d = Parse(value->AsString(), &why);
  if (!d) {
    throw ConversionError(path, "\"" + value->AsString() + "\" is not a valid duration (" + why +
                                    "); write e.g. \"30s\", \"10m\" or \"2h45m\"");
  }
  return *d;
}

}  // namespace

std::optional<std::chrono::nanoseconds> ParseDuration(std::string_view text) {
  std::string why;
  return Parse(text, &why);
}

tfsdk::NestedBlock Block(Options options) {
  return tfsdk::Block::Single(
      "timeouts", tfsdk::Block{.description = kDescription,
                               .attributes = OperationAttributes(options)});
}

tfsdk::Attribute Attribute(Options options) {
  return tfsdk::Attribute::SingleNested("timeouts", OperationAttributes(options))
      .Optional()
      .Description(kDescription);
}

std::chrono::nanoseconds Create(const Attributes& attributes, std::chrono::nanoseconds fallback) {
  return Get(attributes, "create", fallback);
}
std::chrono::nanoseconds Read(const Attributes& attributes, std::chrono::nanoseconds fallback) {
  return Get(attributes, "read", fallback);
}
std::chrono::nanoseconds Update(const Attributes& attributes, std::chrono::nanoseconds fallback) {
  return Get(attributes, "update", fallback);
}
std::chrono::nanoseconds Delete(const Attributes& attributes, std::chrono::nanoseconds fallback) {
  return Get(attributes, "delete", fallback);
}

}  // namespace tfsdk::timeouts
