// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Timeouts — let practitioners choose how long create, read, update and delete may take,
// like the Go terraform-plugin-framework-timeouts module:
//
//   resource "example_server" "web" {
//     timeouts {              # with timeouts::Block (a nested block) ...
//       create = "30m"
//     }
//     # timeouts = { create = "30m" }   ... or with timeouts::Attribute
//   }
//
// Add the block (or attribute) to the schema and read the durations in the callbacks:
//
//   tfsdk::Schema GetSchema() const override {
//     return tfsdk::Schema{
//         .attributes = {...},
//         .blocks = {tfsdk::timeouts::Block({.create = true, .del = true})},
//     };
//   }
//   void Create(const tfsdk::CreateRequest& req, tfsdk::CreateResponse& resp) override {
//     std::chrono::nanoseconds limit =
//         tfsdk::timeouts::Create(req.plan, std::chrono::minutes(20));
//     ...
//   }
//
// Each duration is a string in Go's time.ParseDuration syntax ("90s", "1h30m"), checked
// when the configuration is validated (validators::IsDuration). The getters return the
// fallback when the block, the attribute or its value is absent, null or unknown.
#ifndef TFSDK_TIMEOUTS_H_
#define TFSDK_TIMEOUTS_H_

#include <chrono>
#include <optional>
#include <string_view>

#include "tfsdk/attributes.h"
#include "tfsdk/schema.h"

namespace tfsdk::timeouts {

// Which operations get a timeout attribute.
struct Options {
  bool create = false;  // "create"
  bool read = false;    // "read"
  bool update = false;  // "update"
  bool del = false;     // "delete" (`delete` is a C++ keyword)
};

// A SINGLE nested block named "timeouts" holding an Optional string attribute, validated
// with validators::IsDuration(), for each chosen operation.
tfsdk::NestedBlock Block(Options options);
// The same as an Optional single nested attribute named "timeouts", written
// `timeouts = { create = "10m" }` in configuration.
tfsdk::Attribute Attribute(Options options);

// Parses a duration in Go's time.ParseDuration syntax: an optional sign and a sequence of
// decimal numbers, each with an optional fraction and a unit ("300ms", "-1.5h", "2h45m",
// ".5s"). Units: "ns", "us" (or "µs", "μs"), "ms", "s", "m", "h". "0" needs no unit.
// Returns nullopt for anything else ("", "1", "1x", "1 s") and for durations outside
// about +-292 years (the range of int64 nanoseconds).
std::optional<std::chrono::nanoseconds> ParseDuration(std::string_view text);

// The duration configured at timeouts.<operation> in `attributes` (a configuration, plan
// or state whose schema has the timeouts block or attribute), or `fallback` when the block,
// the attribute or its value is absent, null or unknown. A value that is not a valid
// duration throws tfsdk::ConversionError with the path timeouts.<operation> (the engine
// reports it as an error diagnostic); validation normally catches it before.
std::chrono::nanoseconds Create(const Attributes& attributes, std::chrono::nanoseconds fallback);
std::chrono::nanoseconds Read(const Attributes& attributes, std::chrono::nanoseconds fallback);
std::chrono::nanoseconds Update(const Attributes& attributes, std::chrono::nanoseconds fallback);
std::chrono::nanoseconds Delete(const Attributes& attributes, std::chrono::nanoseconds fallback);

}  // namespace tfsdk::timeouts

#endif  // TFSDK_TIMEOUTS_H_
