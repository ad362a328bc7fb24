// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "tfsdk/log.h"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <mutex>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "src/log/log_internal.h"

namespace tfsdk::internal {
namespace {

using log::Level;

// The configured level as an int, or kUnread before the environment was read.
constexpr int kUnread = -1;
std::atomic<int> g_level{kUnread};

// Serializes writes so that lines never interleave, even if a line is longer than
// PIPE_BUF or a write(2) is cut short.
std::mutex& WriteMutex() {
  static std::mutex* mu = new std::mutex;  // never destroyed: logging may outlive statics
  return *mu;
}

Level LevelFromEnvironment() {
  return ParseLogLevel(std::getenv("TF_LOG_PROVIDER"), std::getenv("TF_LOG"));
}

Level CurrentLevel() {
  int level = g_level.load(std::memory_order_relaxed);
  if (level == kUnread) {
    int read = static_cast<int>(LevelFromEnvironment());
    // Another thread may have read it (same answer) or a test may have set it: keep theirs.
    if (g_level.compare_exchange_strong(level, read, std::memory_order_relaxed)) level = read;
  }
  return static_cast<Level>(level);
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i] >= 'a' && a[i] <= 'z' ? static_cast<char>(a[i] - 'a' + 'A') : a[i];
    char y = b[i] >= 'a' && b[i] <= 'z' ? static_cast<char>(b[i] - 'a' + 'A') : b[i];
    if (x != y) return false;
  }
  return true;
}

bool IsReservedKey(std::string_view key) {
  return key == "@level" || key == "@message" || key == "@module" || key == "@timestamp" ||
         key == "@caller";
}

nlohmann::json FieldValue(const log::Field& field) {
  switch (field.kind()) {
    case log::Field::Kind::kString:
      return std::string(field.string_value());
    case log::Field::Kind::kInt:
      return field.int_value();
    case log::Field::Kind::kUint:
      return field.uint_value();
    case log::Field::Kind::kDouble:
      return field.double_value();
    case log::Field::Kind::kBool:
      return field.bool_value();
  }
  return nullptr;
}

void WriteAll(int fd, const std::string& line) {
  std::lock_guard<std::mutex> lock(WriteMutex());
  size_t done = 0;
  while (done < line.size()) {
    ssize_t n = ::write(fd, line.data() + done, line.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // nowhere to report a failure to log; drop the rest of the line
    done += static_cast<size_t>(n);
  }
}

}  // namespace

log::Level ParseLogLevel(const char* tf_log_provider, const char* tf_log) {
  std::string_view value;
  if (tf_log_provider != nullptr && *tf_log_provider != '\0') {
    value = tf_log_provider;
  } else if (tf_log != nullptr) {
    value = tf_log;
  }
  if (value.empty()) return Level::kOff;
  static constexpr std::pair<std::string_view, Level> kNames[] = {
      {"TRACE", Level::kTrace}, {"DEBUG", Level::kDebug}, {"INFO", Level::kInfo},
      {"WARN", Level::kWarn},   {"ERROR", Level::kError}, {"OFF", Level::kOff},
      {"JSON", Level::kTrace},
  };
  for (const auto& [name, level] : kNames) {
    if (EqualsIgnoreCase(value, name)) return level;
  }
  return Level::kTrace;
}

void ReloadLogLevelFromEnvironment() {
  g_level.store(static_cast<int>(LevelFromEnvironment()), std::memory_order_relaxed);
}

void SetLogLevelForTesting(log::Level level) {
  g_level.store(static_cast<int>(level), std::memory_order_relaxed);
}

std::string_view LogLevelName(log::Level level) {
  switch (level) {
    case Level::kTrace:
      return "trace";
    case Level::kDebug:
      return "debug";
    case Level::kInfo:
      return "info";
    case Level::kWarn:
      return "warn";
    case Level::kError:
      return "error";
    case Level::kOff:
      return "off";
  }
  return "off";
}

std::string FormatLogTimestamp(const std::timespec& when) {
  std::tm utc{};
  std::time_t seconds = when.tv_sec;
  ::gmtime_r(&seconds, &utc);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06ldZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<long>(when.tv_nsec / 1000));
  return buf;
}

std::string FormatLogLine(log::Level level, std::string_view module, std::string_view message,
                          log::Fields fields, const std::source_location& caller,
                          const std::timespec& when) {
  nlohmann::json line = nlohmann::json::object();
  for (const log::Field& field : fields) {
    std::string key(field.key());
    if (IsReservedKey(key)) key.insert(0, "_");
    line[key] = FieldValue(field);
  }
  line["@level"] = std::string(LogLevelName(level));
  line["@message"] = std::string(message);
  line["@module"] = std::string(module);
  line["@timestamp"] = FormatLogTimestamp(when);
  if (caller.line() != 0 && caller.file_name() != nullptr && *caller.file_name() != '\0') {
    line["@caller"] = std::string(caller.file_name()) + ":" + std::to_string(caller.line());
  }
  // Bytes that are not UTF-8 become U+FFFD instead of making dump() throw.
  std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  text += '\n';
  return text;
}

void WriteLog(log::Level level, std::string_view module, std::string_view message,
              log::Fields fields, const std::source_location& caller) {
  if (!log::Enabled(level)) return;
  std::timespec now{};
  ::clock_gettime(CLOCK_REALTIME, &now);
  std::string text;
  try {
    text = FormatLogLine(level, module, message, fields, caller, now);
  } catch (...) {
    return;  // logging never throws into the caller (out of memory is all that is left)
  }
  WriteAll(STDERR_FILENO, text);
}

void SdkLog(log::Level level, std::string_view message, log::Fields fields,
            std::source_location caller) {
  WriteLog(level, kSdkLogModule, message, fields, caller);
}

}  // namespace tfsdk::internal

namespace tfsdk::log {

Level ConfiguredLevel() { return internal::CurrentLevel(); }

bool Enabled(Level level) {
  return level != Level::kOff &&
         static_cast<int>(level) >= static_cast<int>(internal::CurrentLevel());
}

void Log(Level level, std::string_view message, Fields fields, std::source_location caller) {
  internal::WriteLog(level, internal::kProviderLogModule, message, fields, caller);
}

}  // namespace tfsdk::log
