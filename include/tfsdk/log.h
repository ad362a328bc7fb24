// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// tfsdk::log — structured logging that Terraform and OpenTofu show in their own logs.
//
//   #include "tfsdk/log.h"
//
//   void Create(const tfsdk::CreateRequest& req, tfsdk::CreateResponse& resp) override {
//     std::string path = req.plan.Get<std::string>("path");
//     tfsdk::log::Debug("creating file", {{"path", path}, {"bytes", content.size()}});
//     ...
//     if (tfsdk::log::Enabled(tfsdk::log::Level::kTrace)) {
//       tfsdk::log::Trace("file content", {{"content", ExpensiveDump()}});
//     }
//   }
//
// A provider's stderr is read line by line by the Terraform process that launched it.
// Each call here writes one JSON object on one line of stderr, in the shape HashiCorp's
// hclog writes for Go providers:
//
//   {"@caller":"/src/file.cc:42","@level":"debug","@message":"creating file",
//    "@module":"provider","@timestamp":"2026-11-28T18:00:00.123456Z","bytes":5,"path":"/tmp/a"}
//
// Terraform re-logs such a line at its "@level" under the name of the provider executable,
// with the other keys as key=value pairs:
//
//   ... [DEBUG] provider.terraform-provider-local: creating file: @module=provider bytes=5 ...
//
// so `TF_LOG_PROVIDER=DEBUG terraform apply` shows it. The level this process writes at is
// read once, at the first call, from the environment Terraform passes to the provider:
// TF_LOG_PROVIDER, or TF_LOG when TF_LOG_PROVIDER is unset or empty, with Terraform's
// reading of the value (TRACE, DEBUG, INFO, WARN, ERROR in any case; JSON means TRACE; OFF
// or unset means nothing is written; any other value means TRACE, as Terraform itself
// then logs providers at TRACE). When nothing is enabled a call costs one atomic load.
//
// Thread-safety: every function here may be called from any thread at any time. Each line
// is written with a single write(2) under a process-wide lock, so lines from concurrent
// calls never interleave. Messages and values may hold any text, including quotes,
// newlines and non-ASCII characters (they are JSON-escaped; bytes that are not valid UTF-8
// become U+FFFD).
//
// Never write anything else to stdout in a provider: stdout carries the go-plugin
// handshake. Plain text on stderr is shown by Terraform at DEBUG level; these functions
// are the way to log at a chosen level.
#ifndef TFSDK_LOG_H_
#define TFSDK_LOG_H_

#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <source_location>
#include <string>
#include <string_view>

namespace tfsdk::log {

// Severity, least to most severe. kOff is only a configured level ("write nothing"); a
// line is never logged at kOff.
enum class Level { kTrace = 0, kDebug = 1, kInfo = 2, kWarn = 3, kError = 4, kOff = 5 };

// One key/value pair of a log line. Strings are written as JSON strings, integers and
// floating-point numbers as JSON numbers, bools as true/false. A Field only refers to
// the key and string value it was made from (it is meant to be built inside the call's
// braces, which keep them alive for the call); it never outlives the call.
//
// The keys "@level", "@message", "@module", "@timestamp" and "@caller" belong to the
// line itself; a field with one of those keys is written under the key prefixed with
// "_" (e.g. "_@level") instead of replacing it. When two fields share a key the last wins.
class Field {
 public:
  enum class Kind { kString, kInt, kUint, kDouble, kBool };

  Field(std::string_view key, std::string_view value)
      : key_(key), kind_(Kind::kString), string_(value) {}
  Field(std::string_view key, const char* value)
      : Field(key, std::string_view(value != nullptr ? value : "")) {}
  Field(std::string_view key, const std::string& value)
      : Field(key, std::string_view(value)) {}
  Field(std::string_view key, bool value) : key_(key), kind_(Kind::kBool), int_(value ? 1 : 0) {}
  template <std::signed_integral T>
  Field(std::string_view key, T value)
      : key_(key), kind_(Kind::kInt), int_(static_cast<std::int64_t>(value)) {}
  template <std::unsigned_integral T>
    requires(!std::same_as<T, bool>)
  Field(std::string_view key, T value)
      : key_(key), kind_(Kind::kUint), uint_(static_cast<std::uint64_t>(value)) {}
  template <std::floating_point T>
  Field(std::string_view key, T value)
      : key_(key), kind_(Kind::kDouble), double_(static_cast<double>(value)) {}

  std::string_view key() const { return key_; }
  Kind kind() const { return kind_; }
  // Valid for the matching kind only.
  std::string_view string_value() const { return string_; }
  std::int64_t int_value() const { return int_; }
  std::uint64_t uint_value() const { return uint_; }
  double double_value() const { return double_; }
  bool bool_value() const { return int_ != 0; }

 private:
  std::string_view key_;
  Kind kind_;
  std::string_view string_;
  std::int64_t int_ = 0;
  std::uint64_t uint_ = 0;
  double double_ = 0;
};

using Fields = std::initializer_list<Field>;

// True when a line at `level` would be written (level is at or above the configured
// level). Use it to skip building expensive messages; the logging calls check it
// themselves.
bool Enabled(Level level);

// The level lines are written at, from the environment (see the top of this file).
Level ConfiguredLevel();

// Writes one line at `level` with @module "provider" when Enabled(level); otherwise does
// nothing. `caller` fills "@caller" (file:line); leave it defaulted.
void Log(Level level, std::string_view message, Fields fields = {},
         std::source_location caller = std::source_location::current());

// Log at a fixed level. Trace is for very detailed output (request contents); Debug for
// what a developer of the provider wants when diagnosing; Info for notable events; Warn
// and Error for problems (a problem the practitioner must see belongs in Diagnostics too:
// logs are only shown when asked for).
inline void Trace(std::string_view message, Fields fields = {},
                  std::source_location caller = std::source_location::current()) {
  Log(Level::kTrace, message, fields, caller);
}
inline void Debug(std::string_view message, Fields fields = {},
                  std::source_location caller = std::source_location::current()) {
  Log(Level::kDebug, message, fields, caller);
}
inline void Info(std::string_view message, Fields fields = {},
                 std::source_location caller = std::source_location::current()) {
  Log(Level::kInfo, message, fields, caller);
}
inline void Warn(std::string_view message, Fields fields = {},
                 std::source_location caller = std::source_location::current()) {
  Log(Level::kWarn, message, fields, caller);
}
inline void Error(std::string_view message, Fields fields = {},
                  std::source_location caller = std::source_location::current()) {
  Log(Level::kError, message, fields, caller);
}

}  // namespace tfsdk::log

#endif  // TFSDK_LOG_H_
