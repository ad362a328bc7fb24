// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "tfsdk/log.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "src/log/log_internal.h"

namespace {

namespace ti = tfsdk::internal;
using tfsdk::log::Level;
using nlohmann::json;

// Points file descriptor 2 at a pipe for the object's lifetime (a pipe, because there a
// write(2) longer than PIPE_BUF may be split, so unserialized writers would interleave);
// Finish() restores it and returns what was written.
class StderrCapture {
 public:
  StderrCapture() {
    std::fflush(stderr);
    int fds[2];
    if (::pipe(fds) != 0) return;
    read_fd_ = fds[0];
    write_fd_ = fds[1];
    saved_fd_ = ::dup(STDERR_FILENO);
    ok_ = saved_fd_ >= 0 && ::dup2(write_fd_, STDERR_FILENO) == STDERR_FILENO;
    reader_ = std::thread([this] {
      char buf[65536];
      for (;;) {
        ssize_t n = ::read(read_fd_, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        out_.append(buf, static_cast<size_t>(n));
      }
    });
  }
  ~StderrCapture() { Finish(); }

  bool ok() const { return ok_; }

  std::string Finish() {
    if (saved_fd_ >= 0) {
      std::fflush(stderr);
      ::dup2(saved_fd_, STDERR_FILENO);  // drops fd 2's reference to the pipe
      ::close(saved_fd_);
      saved_fd_ = -1;
    }
    if (write_fd_ >= 0) {
      ::close(write_fd_);  // the last writer: the reader sees end of file
      write_fd_ = -1;
    }
    if (reader_.joinable()) reader_.join();
    if (read_fd_ >= 0) {
      ::close(read_fd_);
      read_fd_ = -1;
    }
    return out_;
  }

 private:
  int read_fd_ = -1;
  int write_fd_ = -1;
  int saved_fd_ = -1;
  bool ok_ = false;
  std::string out_;
  std::thread reader_;
};

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Restores the environment and the level after each test.
class LogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* name : {"TF_LOG_PROVIDER", "TF_LOG"}) {
      const char* v = std::getenv(name);
      saved_.emplace_back(name, v != nullptr ? std::optional<std::string>(v) : std::nullopt);
    }
  }
  void TearDown() override {
    for (const auto& [name, value] : saved_) {
      if (value) {
        ::setenv(name.c_str(), value->c_str(), 1);
      } else {
        ::unsetenv(name.c_str());
      }
    }
    ti::ReloadLogLevelFromEnvironment();
  }

 private:
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

struct ParseCase {
  const char* provider;  // TF_LOG_PROVIDER, null = unset
  const char* log;       // TF_LOG, null = unset
  Level want;
};

TEST(ParseLogLevelTest, FollowsTerraformsReadingOfTheEnvironment) {
  const ParseCase cases[] = {
      {nullptr, nullptr, Level::kOff},
      {"", "", Level::kOff},
      {"", nullptr, Level::kOff},
      {"TRACE", nullptr, Level::kTrace},
      {"DEBUG", nullptr, Level::kDebug},
      {"INFO", nullptr, Level::kInfo},
      {"WARN", nullptr, Level::kWarn},
      {"ERROR", nullptr, Level::kError},
      {"OFF", nullptr, Level::kOff},
      {"debug", nullptr, Level::kDebug},
      {"Info", nullptr, Level::kInfo},
      {"wArN", nullptr, Level::kWarn},
      {nullptr, "DEBUG", Level::kDebug},
      {nullptr, "error", Level::kError},
      {nullptr, "JSON", Level::kTrace},
      {nullptr, "json", Level::kTrace},
      {"JSON", nullptr, Level::kTrace},
      {nullptr, "OFF", Level::kOff},
      // TF_LOG_PROVIDER wins over TF_LOG whenever it is non-empty...
      {"ERROR", "TRACE", Level::kError},
      {"TRACE", "ERROR", Level::kTrace},
      {"OFF", "DEBUG", Level::kOff},
      // ...and an empty one falls back to TF_LOG.
      {"", "WARN", Level::kWarn},
      // Terraform warns about an unknown level and then logs providers at TRACE.
      {"verbose", nullptr, Level::kTrace},
      {nullptr, "1", Level::kTrace},
      {" DEBUG", nullptr, Level::kTrace},
  };
  for (const ParseCase& c : cases) {
    EXPECT_EQ(ti::ParseLogLevel(c.provider, c.log), c.want)
        << "TF_LOG_PROVIDER=" << (c.provider ? c.provider : "(unset)")
        << " TF_LOG=" << (c.log ? c.log : "(unset)");
  }
}

TEST_F(LogTest, ReadsTheEnvironment) {
  ::unsetenv("TF_LOG_PROVIDER");
  ::unsetenv("TF_LOG");
  ti::ReloadLogLevelFromEnvironment();
  EXPECT_EQ(tfsdk::log::ConfiguredLevel(), Level::kOff);

  ::setenv("TF_LOG", "info", 1);
  ti::ReloadLogLevelFromEnvironment();
  EXPECT_EQ(tfsdk::log::ConfiguredLevel(), Level::kInfo);

  ::setenv("TF_LOG_PROVIDER", "Trace", 1);
  ti::ReloadLogLevelFromEnvironment();
  EXPECT_EQ(tfsdk::log::ConfiguredLevel(), Level::kTrace);
}

TEST_F(LogTest, EnabledComparesWithTheConfiguredLevel) {
  const Level all[] = {Level::kTrace, Level::kDebug, Level::kInfo, Level::kWarn, Level::kError};
  for (Level configured : {Level::kTrace, Level::kDebug, Level::kInfo, Level::kWarn,
                           Level::kError, Level::kOff}) {
    ti::SetLogLevelForTesting(configured);
    for (Level level : all) {
      const bool want = configured != Level::kOff &&
                        static_cast<int>(level) >= static_cast<int>(configured);
      EXPECT_EQ(tfsdk::log::Enabled(level), want)
          << "configured " << ti::LogLevelName(configured) << ", line at "
          << ti::LogLevelName(level);
    }
    EXPECT_FALSE(tfsdk::log::Enabled(Level::kOff)) << "nothing is ever logged at kOff";
  }
}

TEST_F(LogTest, WritesNothingWhenTheEnvironmentAsksForNothing) {
  ::unsetenv("TF_LOG_PROVIDER");
  ::unsetenv("TF_LOG");
  ti::ReloadLogLevelFromEnvironment();
  StderrCapture capture;
  ASSERT_TRUE(capture.ok());
  tfsdk::log::Trace("t");
  tfsdk::log::Debug("d", {{"k", "v"}});
  tfsdk::log::Info("i");
  tfsdk::log::Warn("w");
  tfsdk::log::Error("e");
  ti::SdkLog(Level::kDebug, "sdk");
  EXPECT_EQ(capture.Finish(), "");
}

TEST_F(LogTest, WritesOnlyLinesAtOrAboveTheConfiguredLevel) {
  ti::SetLogLevelForTesting(Level::kInfo);
  StderrCapture capture;
  ASSERT_TRUE(capture.ok());
  tfsdk::log::Trace("at trace");
  tfsdk::log::Debug("at debug");
  tfsdk::log::Info("at info");
  tfsdk::log::Warn("at warn");
  tfsdk::log::Error("at error");
  tfsdk::log::Log(Level::kOff, "at off");
  std::vector<std::string> lines = Lines(capture.Finish());
  ASSERT_EQ(lines.size(), 3u);
  const std::pair<const char*, const char*> want[] = {
      {"info", "at info"}, {"warn", "at warn"}, {"error", "at error"}};
  for (size_t i = 0; i < 3; ++i) {
    json j = json::parse(lines[i]);
    EXPECT_EQ(j["@level"], want[i].first);
    EXPECT_EQ(j["@message"], want[i].second);
  }
}

TEST_F(LogTest, LineHasHclogShape) {
  ti::SetLogLevelForTesting(Level::kTrace);
  StderrCapture capture;
  ASSERT_TRUE(capture.ok());
  std::string path = "/tmp/some file";
  const int line_of_call = __LINE__ + 1;
  tfsdk::log::Debug("created file", {{"path", path}, {"bytes", 5}, {"mode", 0644u},
                                     {"ratio", 0.5}, {"new", true}, {"kind", "text"}});
  std::time_t now = std::time(nullptr);
  ti::SdkLog(Level::kTrace, "engine says hi");
  std::string out = capture.Finish();
  std::vector<std::string> lines = Lines(out);
  ASSERT_EQ(lines.size(), 2u) << out;
  ASSERT_EQ(out.back(), '\n');

  json j = json::parse(lines[0]);
  EXPECT_EQ(j["@level"], "debug");
  EXPECT_EQ(j["@message"], "created file");
  EXPECT_EQ(j["@module"], "provider");
  EXPECT_EQ(j["path"], "/tmp/some file");
  EXPECT_EQ(j["bytes"], 5);
  EXPECT_TRUE(j["bytes"].is_number_integer());
  EXPECT_EQ(j["mode"], 0644);
  EXPECT_EQ(j["ratio"], 0.5);
  EXPECT_EQ(j["new"], true);
  EXPECT_EQ(j["kind"], "text");
  EXPECT_EQ(j.size(), 11u) << j.dump();
  std::string caller = j["@caller"];
  EXPECT_TRUE(caller.ends_with("log_test.cc:" + std::to_string(line_of_call))) << caller;

  // go-plugin parses "2006-01-02T15:04:05.000000Z07:00": exactly 6 fractional digits.
  std::string ts = j["@timestamp"];
  EXPECT_TRUE(std::regex_match(ts, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z)")))
      << ts;
  std::tm tm{};
  ASSERT_NE(::strptime(ts.c_str(), "%Y-%m-%dT%H:%M:%S", &tm), nullptr) << ts;
  std::time_t stamped = ::timegm(&tm);
  EXPECT_LE(std::abs(static_cast<long>(stamped - now)), 5L) << ts << " is not about now (UTC)";

  json sdk = json::parse(lines[1]);
  EXPECT_EQ(sdk["@level"], "trace");
  EXPECT_EQ(sdk["@module"], "sdk.tfsdk");
  EXPECT_EQ(sdk["@message"], "engine says hi");
}

TEST(FormatLogTimestampTest, AlwaysSixFractionalDigitsInUtc) {
  struct Case {
    std::timespec when;
    const char* want;
  };
  const Case cases[] = {
      {{0, 0}, "1970-01-01T00:00:00.000000Z"},
      {{0, 999}, "1970-01-01T00:00:00.000000Z"},
      {{0, 1000}, "1970-01-01T00:00:00.000001Z"},
      {{1795888800, 123456789}, "2026-11-28T18:00:00.123456Z"},
      {{1795888800, 999999999}, "2026-11-28T18:00:00.999999Z"},
      {{951782400, 500000000}, "2000-02-29T00:00:00.500000Z"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ti::FormatLogTimestamp(c.when), c.want) << c.when.tv_sec << "." << c.when.tv_nsec;
  }
}

TEST(FormatLogLineTest, EscapesText) {
  struct Case {
    std::string message;
    std::string want_message;  // after a JSON round trip
  };
  const Case cases[] = {
      {"say \"hi\"", "say \"hi\""},
      {"two\nlines\r\n", "two\nlines\r\n"},
      {"tab\there\\back", "tab\there\\back"},
      {std::string("nul\0byte", 8), std::string("nul\0byte", 8)},
      {"ctl\x01\x1f", "ctl\x01\x1f"},
      {"caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x98\x80", "caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x98\x80"},
      // Not UTF-8: replaced, not thrown.
      {"bad\xff byte", "bad\xef\xbf\xbd byte"},
      {"</script>", "</script>"},
  };
  const std::timespec when{1795888800, 0};
  for (const Case& c : cases) {
    std::string line = ti::FormatLogLine(Level::kWarn, "provider", c.message,
                                         {{"value", c.message}, {c.message, "as key"}},
                                         std::source_location::current(), when);
    ASSERT_FALSE(line.empty());
    EXPECT_EQ(line.back(), '\n');
    // One line: the only newline is the terminator.
    EXPECT_EQ(line.find('\n'), line.size() - 1) << line;
    json j = json::parse(line);
    EXPECT_EQ(j["@message"], c.want_message) << line;
    EXPECT_EQ(j["value"], c.want_message) << line;
    EXPECT_EQ(j[c.want_message], "as key") << line;
  }
}

TEST(FormatLogLineTest, FieldsCannotReplaceTheLinesOwnKeys) {
  std::string line = ti::FormatLogLine(
      Level::kError, "provider", "real",
      {{"@level", "trace"}, {"@message", "fake"}, {"@module", "m"}, {"@timestamp", "x"},
       {"@caller", "c"}, {"dup", 1}, {"dup", 2}},
      std::source_location::current(), std::timespec{0, 0});
  json j = json::parse(line);
  EXPECT_EQ(j["@level"], "error");
  EXPECT_EQ(j["@message"], "real");
  EXPECT_EQ(j["@module"], "provider");
  EXPECT_EQ(j["@timestamp"], "1970-01-01T00:00:00.000000Z");
  EXPECT_EQ(j["_@level"], "trace");
  EXPECT_EQ(j["_@message"], "fake");
  EXPECT_EQ(j["_@module"], "m");
  EXPECT_EQ(j["_@timestamp"], "x");
  EXPECT_EQ(j["_@caller"], "c");
  EXPECT_EQ(j["dup"], 2) << "the last of two fields with one key wins";
}

TEST_F(LogTest, ConcurrentLinesNeverInterleave) {
  ti::SetLogLevelForTesting(Level::kDebug);
  constexpr int kThreads = 8;
  constexpr int kLinesPerThread = 300;
  // Longer than PIPE_BUF (4096), where a single write(2) to a pipe stops being atomic.
  const std::string payload(5000, 'x');
  StderrCapture capture;
  ASSERT_TRUE(capture.ok());
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t, &payload] {
      for (int i = 0; i < kLinesPerThread; ++i) {
        tfsdk::log::Debug("concurrent", {{"thread", t}, {"i", i}, {"payload", payload}});
        tfsdk::log::Trace("filtered out", {{"thread", t}});
      }
    });
  }
  for (std::thread& t : threads) t.join();
  std::vector<std::string> lines = Lines(capture.Finish());
  ASSERT_EQ(lines.size(), static_cast<size_t>(kThreads * kLinesPerThread));
  std::vector<int> next(kThreads, 0);
  for (const std::string& line : lines) {
    json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
    ASSERT_FALSE(j.is_discarded()) << "a line does not parse: " << line.substr(0, 200);
    EXPECT_EQ(j["@message"], "concurrent");
    EXPECT_EQ(j["payload"], payload);
    int t = j["thread"];
    ASSERT_GE(t, 0);
    ASSERT_LT(t, kThreads);
    // Each thread's lines come out in the order it wrote them.
    EXPECT_EQ(j["i"], next[t]++);
  }
}

}  // namespace
