// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// The parts of tfsdk/log.h the SDK itself uses: logging under the SDK's own module name,
// and the pure pieces (level parsing, line formatting) exposed for tests.
#ifndef TFSDK_SRC_LOG_LOG_INTERNAL_H_
#define TFSDK_SRC_LOG_LOG_INTERNAL_H_

#include <ctime>
#include <source_location>
#include <string>
#include <string_view>

#include "tfsdk/log.h"

namespace tfsdk::internal {

// "@module" of lines the SDK writes about itself (Go providers' SDKs use "sdk.<name>").
inline constexpr std::string_view kSdkLogModule = "sdk.tfsdk";
// "@module" of lines written through tfsdk::log by provider authors.
inline constexpr std::string_view kProviderLogModule = "provider";

// Writes one line with @module "sdk.tfsdk" when tfsdk::log::Enabled(level). For the
// SDK's own diagnostics: keep to kDebug and kTrace (authors' lines own the higher levels).
void SdkLog(log::Level level, std::string_view message, log::Fields fields = {},
            std::source_location caller = std::source_location::current());

// Writes one line with the given module when Enabled(level).
void WriteLog(log::Level level, std::string_view module, std::string_view message,
              log::Fields fields, const std::source_location& caller);

// Terraform's reading of the environment: `tf_log_provider` (TF_LOG_PROVIDER) wins when
// non-empty, else `tf_log` (TF_LOG); either may be null (unset). Empty or unset -> kOff;
// TRACE/DEBUG/INFO/WARN/ERROR/OFF in any case -> that level; JSON -> kTrace; anything
// else -> kTrace (Terraform warns and logs providers at TRACE then).
log::Level ParseLogLevel(const char* tf_log_provider, const char* tf_log);

// Re-reads TF_LOG_PROVIDER/TF_LOG now (the level is otherwise read once, at first use).
// For tests that change the environment.
void ReloadLogLevelFromEnvironment();

// Overrides the configured level (tests).
void SetLogLevelForTesting(log::Level level);

// "2006-01-02T15:04:05.000000Z07:00" in UTC ("Z"), exactly 6 fractional digits: the layout
// go-plugin parses "@timestamp" with.
std::string FormatLogTimestamp(const std::timespec& when);

// The JSON line (with its trailing '\n') that WriteLog writes. `level` must not be kOff.
std::string FormatLogLine(log::Level level, std::string_view module, std::string_view message,
                          log::Fields fields, const std::source_location& caller,
                          const std::timespec& when);

// "trace", "debug", "info", "warn", "error" ("off" for kOff): hclog's @level names.
std::string_view LogLevelName(log::Level level);

}  // namespace tfsdk::internal

#endif  // TFSDK_SRC_LOG_LOG_INTERNAL_H_
