// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// tfsdk/log.h end to end: real `terraform` and `tofu` binaries launch the
// terraform-provider-logprobe executable (tests/acceptance/log_provider/) through
// dev_overrides (handshake + AutoMTLS, no reattach) and run `apply`; the provider's Create
// writes one tfsdk::log line per level. The tests read the lines back where a practitioner
// would see them: Terraform re-logs each JSON line at its "@level" as
//
//   <time> [DEBUG] provider.terraform-provider-logprobe: tfsdk-log-probe created: ...
//
// followed by the other keys as key=value pairs (@caller=... @module=provider attempt=1
// path="..." timestamp=..., in an order that varies between runs), and drops lines below
// the level TF_LOG_PROVIDER asks for. Two more runs start the provider through a wrapper
// that sends its stderr to a file, to see what the provider itself writes: nothing below
// the configured level, nothing at all when neither TF_LOG_PROVIDER nor TF_LOG is set.
//
// The executable's path comes from TFSDK_LOGPROBE_PROVIDER (environment) or else the
// TFSDK_LOGPROBE_PROVIDER_PATH compile definition that log_provider/CMakeLists.txt sets.
// A missing terraform/tofu binary or provider executable is a failure, never a skip.

#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "src/testing/command.h"

namespace {

namespace ti = tfsdk::internal;

constexpr char kProbeMessage[] = "tfsdk-log-probe created";
constexpr char kTraceMessage[] = "tfsdk-log-probe trace line";
// Every probe line's message starts with this.
constexpr char kProbePrefix[] = "tfsdk-log-probe";

std::string ProviderPath() {
  if (const char* p = std::getenv("TFSDK_LOGPROBE_PROVIDER"); p != nullptr && *p != '\0') {
    return p;
  }
#ifdef TFSDK_LOGPROBE_PROVIDER_PATH
  return TFSDK_LOGPROBE_PROVIDER_PATH;
#else
  return "";
#endif
}

using ti::FileExists;

std::string ReadAll(const std::string& path) { return ti::ReadTextFile(path); }

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The lines of `text` that mention any probe message.
std::vector<std::string> ProbeLines(const std::string& text) {
  std::vector<std::string> found;
  for (const std::string& line : Lines(text)) {
    if (line.find(kProbePrefix) != std::string::npos) found.push_back(line);
  }
  return found;
}

std::string Joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += "  " + line + "\n";
  return out.empty() ? "  (none)\n" : out;
}

// The line Terraform logs for the provider line `message` at `level` ("DEBUG", ...), or "".
// hclog writes "<timestamp> [LEVEL] <logger name>: <message>: key=value ..." with the level
// padded to five characters.
std::string FindRelogged(const std::string& stderr_text, const std::string& level,
                         const std::string& message) {
  const std::regex line_re("^\\S+ \\[" + level +
                           "\\] +provider\\.terraform-provider-logprobe: " + message + ": .*$");
  for (const std::string& line : Lines(stderr_text)) {
    if (std::regex_match(line, line_re)) return line;
  }
  return "";
}

class LogAcceptanceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    provider_ = ProviderPath();
    ASSERT_FALSE(provider_.empty())
        << "the path of terraform-provider-logprobe is unknown: set TFSDK_LOGPROBE_PROVIDER, "
           "or build through tests/CMakeLists.txt, which passes it in";
    ASSERT_TRUE(FileExists(provider_)) << provider_ << " does not exist; build it first";

    std::string searched;
    tool_ = ti::FindTool(GetParam(), &searched);
    ASSERT_FALSE(tool_.empty()) << "the `" << GetParam() << "` binary was not found. Looked for:\n"
                                << searched << "Install it with scripts/install-tools.sh or set $"
                                << ti::ToolEnvVar(GetParam()) << ".";
    ASSERT_TRUE(root_.ok());
    probe_path_ = root_.path() + "/probe target";  // a space: path="..." is quoted
  }

  // Runs `apply -auto-approve` in a fresh working directory (so Create runs) with the
  // provider at `override_dir`/terraform-provider-logprobe and exactly the log variables in
  // `log_env` (every inherited TF_LOG* variable is removed first).
  ti::CommandResult Apply(const std::string& override_dir,
                          const std::map<std::string, std::string>& log_env,
                          std::string* described) {
    const std::string dir = root_.path() + "/run" + std::to_string(++runs_);
    const std::string work = dir + "/work";
    std::filesystem::create_directories(work);
    const std::string cli_config = dir + "/cli.tfrc";
    EXPECT_TRUE(ti::WriteTextFile(cli_config, "provider_installation {\n  dev_overrides {\n"
                                              "    \"tfsdk/logprobe\" = \"" + override_dir +
                                                  "\"\n  }\n  direct {}\n}\n"));
    EXPECT_TRUE(ti::WriteTextFile(work + "/main.tf",
                                  "terraform {\n  required_providers {\n    logprobe = {\n"
                                  "      source = \"tfsdk/logprobe\"\n    }\n  }\n}\n\n"
                                  "resource \"logprobe_probe\" \"p\" {\n  path = \"" +
                                      probe_path_ + "\"\n}\n"));
    std::map<std::string, std::string> extra = {
        {"TF_CLI_CONFIG_FILE", cli_config},
        {"TF_IN_AUTOMATION", "1"},
        {"CHECKPOINT_DISABLE", "1"},
    };
    for (const auto& [name, value] : log_env) extra[name] = value;
    std::vector<std::string> env;
    for (std::string& entry : ti::CleanToolEnvironment(extra)) {
      std::string name = entry.substr(0, entry.find('='));
      if (name.rfind("TF_LOG", 0) == 0 && extra.count(name) == 0) continue;
      env.push_back(std::move(entry));
    }
    ti::CommandSpec spec;
    spec.argv = {tool_, "apply", "-auto-approve", "-input=false", "-no-color"};
    spec.dir = work;
    spec.env = env;
    spec.timeout = std::chrono::seconds(120);
    ti::CommandResult r = ti::RunCommand(spec);
    *described = ti::DescribeCommand(spec, r);
    if (runs_ == 1) {
      ti::CommandSpec version = spec;
      version.argv = {tool_, "version"};
      ti::CommandResult v = ti::RunCommand(version);
      std::printf("[log_acceptance_test] %s: %s (%s)\n", GetParam().c_str(),
                  v.out.substr(0, v.out.find('\n')).c_str(), tool_.c_str());
    }
    return r;
  }

  // A directory holding a terraform-provider-logprobe wrapper that runs the real executable
  // with its stderr appended to `stderr_file` (exec keeps the process Terraform started).
  std::string WrapperDir(const std::string& stderr_file) {
    const std::string dir = root_.path() + "/wrapper" + std::to_string(++wrappers_);
    std::filesystem::create_directories(dir);
    const std::string wrapper = dir + "/terraform-provider-logprobe";
    EXPECT_TRUE(ti::WriteTextFile(
        wrapper, "#!/bin/sh\nexec '" + provider_ + "' \"$@\" 2>>'" + stderr_file + "'\n"));
    EXPECT_EQ(::chmod(wrapper.c_str(), 0700), 0);
    return dir;
  }

  std::string BuildDir() const { return std::filesystem::path(provider_).parent_path().string(); }

  std::string provider_;
  std::string tool_;
  ti::TempDir root_{"tfsdk-log-"};
  std::string probe_path_;
  int runs_ = 0;
  int wrappers_ = 0;
};

// The proof issue 3 asks for: with TF_LOG_PROVIDER=DEBUG, a tfsdk::log::Debug line shows up
// in Terraform's log as a DEBUG line of the provider with its fields; Info/Warn/Error keep
// their levels; the Trace line is not shown.
TEST_P(LogAcceptanceTest, DebugLineAppearsAtDebugUnderTfLogProviderDebug) {
  std::string described;
  ti::CommandResult r = Apply(BuildDir(), {{"TF_LOG_PROVIDER", "DEBUG"}}, &described);
  ASSERT_TRUE(r.ok()) << described;

  const std::string line = FindRelogged(r.err, "DEBUG", kProbeMessage);
  ASSERT_FALSE(line.empty()) << "no `[DEBUG] provider.terraform-provider-logprobe: "
                             << kProbeMessage << ": ...` line. Probe lines seen:\n"
                             << Joined(ProbeLines(r.err)) << described;
  // The fields became key=value pairs (in no fixed order); "timestamp=" is the parsed
  // @timestamp, present only when go-plugin could parse the line as hclog JSON.
  for (const std::string& want :
       {std::string("@module=provider"), "path=\"" + probe_path_ + "\"", std::string("attempt=1"),
        std::string(" timestamp="), std::string("@caller=")}) {
    EXPECT_NE(line.find(want), std::string::npos) << "`" << want << "` missing from:\n" << line;
  }
  EXPECT_FALSE(FindRelogged(r.err, "INFO", "tfsdk-log-probe info line").empty())
      << Joined(ProbeLines(r.err));
  EXPECT_FALSE(FindRelogged(r.err, "WARN", "tfsdk-log-probe warn line").empty())
      << Joined(ProbeLines(r.err));
  EXPECT_FALSE(FindRelogged(r.err, "ERROR", "tfsdk-log-probe error line").empty())
      << Joined(ProbeLines(r.err));

  // Nothing else of ours: no trace line at any level, and no line that go-plugin failed to
  // parse and passed on as raw text (it would still hold the JSON key "@message").
  std::vector<std::string> probe_lines = ProbeLines(r.err);
  EXPECT_EQ(probe_lines.size(), 4u) << Joined(probe_lines);
  for (const std::string& l : probe_lines) {
    EXPECT_EQ(l.find(kTraceMessage), std::string::npos) << "trace line shown at DEBUG:\n" << l;
    EXPECT_EQ(l.find("\"@message\""), std::string::npos) << "not parsed as hclog JSON:\n" << l;
  }
  EXPECT_TRUE(ProbeLines(r.out).empty()) << "log lines leaked to stdout:\n" << r.out;
}

// TF_LOG_PROVIDER=TRACE shows the Trace line, at TRACE.
TEST_P(LogAcceptanceTest, TraceLineAppearsAtTraceUnderTfLogProviderTrace) {
  std::string described;
  ti::CommandResult r = Apply(BuildDir(), {{"TF_LOG_PROVIDER", "TRACE"}}, &described);
  ASSERT_TRUE(r.ok()) << described;
  const std::string line = FindRelogged(r.err, "TRACE", kTraceMessage);
  EXPECT_FALSE(line.empty()) << "no `[TRACE] provider.terraform-provider-logprobe: "
                             << kTraceMessage << ": ...` line. Probe lines seen:\n"
                             << Joined(ProbeLines(r.err)) << described;
  EXPECT_NE(line.find("path=\"" + probe_path_ + "\""), std::string::npos) << line;
  EXPECT_FALSE(FindRelogged(r.err, "DEBUG", kProbeMessage).empty())
      << Joined(ProbeLines(r.err));
}

// What the provider writes itself, before Terraform filters: at DEBUG, hclog JSON lines
// with no trace line among them (the provider filters, not only Terraform).
TEST_P(LogAcceptanceTest, ProviderWritesOnlyLinesAtOrAboveTheLevel) {
  const std::string raw_file = root_.path() + "/provider-stderr.log";
  std::string described;
  ti::CommandResult r =
      Apply(WrapperDir(raw_file), {{"TF_LOG_PROVIDER", "DEBUG"}}, &described);
  ASSERT_TRUE(r.ok()) << described;
  ASSERT_TRUE(FileExists(raw_file)) << "the wrapper did not run: " << raw_file << "\n" << described;
  const std::string raw = ReadAll(raw_file);
  std::vector<std::string> probe_lines = ProbeLines(raw);
  ASSERT_EQ(probe_lines.size(), 4u) << "provider stderr:\n" << raw;
  const std::regex timestamp_re(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z)");
  std::vector<std::string> levels;
  for (const std::string& l : probe_lines) {
    nlohmann::json j = nlohmann::json::parse(l, nullptr, /*allow_exceptions=*/false);
    ASSERT_FALSE(j.is_discarded()) << "not JSON: " << l;
    levels.push_back(j.value("@level", ""));
    EXPECT_EQ(j.value("@module", ""), "provider") << l;
    EXPECT_EQ(j.value("path", ""), probe_path_) << l;
    EXPECT_TRUE(std::regex_match(j.value("@timestamp", ""), timestamp_re)) << l;
  }
  EXPECT_EQ(levels, (std::vector<std::string>{"debug", "info", "warn", "error"}));
}

// Neither TF_LOG_PROVIDER nor TF_LOG: the provider writes nothing, and nothing of ours
// reaches Terraform's output either.
TEST_P(LogAcceptanceTest, NothingWithoutTfLogProviderOrTfLog) {
  {
    std::string described;
    ti::CommandResult r = Apply(BuildDir(), {}, &described);
    ASSERT_TRUE(r.ok()) << described;
    EXPECT_TRUE(ProbeLines(r.err).empty()) << Joined(ProbeLines(r.err)) << described;
    EXPECT_TRUE(ProbeLines(r.out).empty()) << described;
  }
  {
    const std::string raw_file = root_.path() + "/provider-stderr-off.log";
    std::string described;
    ti::CommandResult r = Apply(WrapperDir(raw_file), {}, &described);
    ASSERT_TRUE(r.ok()) << described;
    ASSERT_TRUE(FileExists(raw_file)) << "the wrapper did not run: " << raw_file << "\n"
                                      << described;
    const std::string raw = ReadAll(raw_file);
    EXPECT_TRUE(ProbeLines(raw).empty()) << "the provider logged with logging off:\n" << raw;
    // Nor did the SDK log about itself (every tfsdk::log line carries "@level").
    EXPECT_EQ(raw.find("\"@level\""), std::string::npos) << raw;
  }
}

INSTANTIATE_TEST_SUITE_P(Binaries, LogAcceptanceTest,
                         ::testing::Values(std::string("terraform"), std::string("tofu")),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
