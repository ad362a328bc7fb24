// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// The real launch path: Terraform and OpenTofu start the built terraform-provider-local
// executable themselves (a dev_overrides CLI configuration, so no init and no registry),
// with the go-plugin handshake and AutoMTLS; no reattach. For each binary and protocol
// the test runs plan, apply, an empty detailed plan and destroy, and checks the file on
// disk appears and disappears.
//
// The executable's path comes from TFSDK_LOCAL_PROVIDER (environment) or else the
// TFSDK_LOCAL_PROVIDER_PATH compile definition that examples/local/CMakeLists.txt sets.
// Protocol 5 is forced by launching the provider through a wrapper script that narrows
// PLUGIN_PROTOCOL_VERSIONS (which Terraform sets to every version it speaks) to "5"; the
// negotiated version is read back from the client's debug log.

#include <sys/stat.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <tuple>

#include <gtest/gtest.h>

#include "src/testing/command.h"

namespace {

namespace ti = tfsdk::internal;

std::string ProviderPath() {
  if (const char* p = std::getenv("TFSDK_LOCAL_PROVIDER"); p != nullptr && *p != '\0') return p;
#ifdef TFSDK_LOCAL_PROVIDER_PATH
  return TFSDK_LOCAL_PROVIDER_PATH;
#else
  return "";
#endif
}

using ti::FileExists;

std::string ReadAll(const std::string& path) { return ti::ReadTextFile(path); }

// (tool name, protocol)
class LaunchTest : public ::testing::TestWithParam<std::tuple<std::string, int>> {};

TEST_P(LaunchTest, PlanApplyPlanDestroyThroughDevOverrides) {
  const auto& [tool_name, protocol] = GetParam();
  const std::string provider = ProviderPath();
  ASSERT_FALSE(provider.empty())
      << "the path of terraform-provider-local is unknown: set TFSDK_LOCAL_PROVIDER, or build "
         "with TFSDK_BUILD_EXAMPLES=ON so examples/local/CMakeLists.txt passes it in";
  ASSERT_TRUE(FileExists(provider)) << provider << " does not exist; build it first";

  std::string searched;
  const std::string tool = ti::FindTool(tool_name, &searched);
  ASSERT_FALSE(tool.empty()) << "the `" << tool_name << "` binary was not found. Looked for:\n"
                             << searched << "Install it with scripts/install-tools.sh or set $"
                             << ti::ToolEnvVar(tool_name) << ".";

  ti::TempDir root("tfsdk-launch-");
  ASSERT_TRUE(root.ok());
  // The directory dev_overrides points at: the build directory itself, or (protocol 5) a
  // directory holding a wrapper with the executable name Terraform looks for.
  std::string override_dir = std::filesystem::path(provider).parent_path().string();
  if (protocol == 5) {
    override_dir = root.path() + "/bin";
    ASSERT_EQ(::mkdir(override_dir.c_str(), 0700), 0);
    const std::string wrapper = override_dir + "/terraform-provider-local";
    ASSERT_TRUE(ti::WriteTextFile(
        wrapper, "#!/bin/sh\nPLUGIN_PROTOCOL_VERSIONS=5 exec '" + provider + "' \"$@\"\n"));
    ASSERT_EQ(::chmod(wrapper.c_str(), 0700), 0);
  }
  const std::string cli_config = root.path() + "/cli.tfrc";
  ASSERT_TRUE(ti::WriteTextFile(cli_config, "provider_installation {\n  dev_overrides {\n"
                                            "    \"tfsdk/local\" = \"" + override_dir +
                                                "\"\n  }\n  direct {}\n}\n"));
  const std::string work = root.path() + "/work";
  ASSERT_EQ(::mkdir(work.c_str(), 0700), 0);
  const std::string file = root.path() + "/hello.txt";
  ASSERT_TRUE(ti::WriteTextFile(work + "/main.tf",
                                "terraform {\n  required_providers {\n    local = {\n"
                                "      source = \"tfsdk/local\"\n    }\n  }\n}\n\n"
                                "resource \"local_file\" \"hello\" {\n  path    = \"" + file +
                                    "\"\n  content = \"hello from " + tool_name + "\"\n}\n"
                                    "\noutput \"sha256\" {\n"
                                    "  value = local_file.hello.sha256\n}\n"));

  const std::vector<std::string> env = ti::CleanToolEnvironment({
      {"TF_CLI_CONFIG_FILE", cli_config},
      {"TF_IN_AUTOMATION", "1"},
      {"CHECKPOINT_DISABLE", "1"},
      // The client's debug log names the negotiated protocol and the TLS setup.
      {"TF_LOG", "DEBUG"},
  });
  auto run = [&](std::vector<std::string> args) {
    ti::CommandSpec spec;
    spec.argv = {tool};
    spec.argv.insert(spec.argv.end(), args.begin(), args.end());
    spec.dir = work;
    spec.env = env;
    spec.timeout = std::chrono::seconds(120);
    ti::CommandResult r = ti::RunCommand(spec);
    return std::make_pair(r, ti::DescribeCommand(spec, r));
  };

  {
    auto [version, described] = run({"version"});
    std::printf("[launch_test] %s: %s (%s)\n", tool_name.c_str(),
                version.out.substr(0, version.out.find('\n')).c_str(), tool.c_str());
  }

  // 1. plan: no init needed with dev_overrides; one resource to add.
  {
    auto [r, described] = run({"plan", "-input=false", "-no-color"});
    ASSERT_TRUE(r.ok()) << described;
    EXPECT_NE(r.out.find("1 to add, 0 to change, 0 to destroy"), std::string::npos) << described;
    // The provider was launched (not reattached), spoke the expected protocol and used
    // AutoMTLS (go-plugin logs "using plugin" with the negotiated version).
    EXPECT_NE(r.err.find("using plugin: version=" + std::to_string(protocol)),
              std::string::npos)
        << described;
    EXPECT_NE(r.err.find("configuring client automatic mTLS"), std::string::npos)
        << "the client did not set up AutoMTLS:\n" << described;
    EXPECT_FALSE(FileExists(file)) << "plan must not create the file";
  }
  // 2. apply creates the file.
  {
    auto [r, described] = run({"apply", "-auto-approve", "-input=false", "-no-color"});
    ASSERT_TRUE(r.ok()) << described;
    EXPECT_EQ(ReadAll(file), "hello from " + tool_name);
    auto [out, out_described] = run({"output", "-raw", "sha256"});
    ASSERT_TRUE(out.ok()) << out_described;
    EXPECT_EQ(out.out.size(), 64u) << out_described;
  }
  // 3. Nothing left to do.
  {
    auto [r, described] = run({"plan", "-detailed-exitcode", "-input=false", "-no-color"});
    EXPECT_EQ(r.exit_code, 0) << "the plan after apply is not empty:\n" << described;
  }
  // 4. destroy removes the file.
  {
    auto [r, described] = run({"destroy", "-auto-approve", "-input=false", "-no-color"});
    ASSERT_TRUE(r.ok()) << described;
    EXPECT_FALSE(FileExists(file)) << "destroy did not remove " << file;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Binaries, LaunchTest,
    ::testing::Combine(::testing::Values(std::string("terraform"), std::string("tofu")),
                       ::testing::Values(6, 5)),
    [](const ::testing::TestParamInfo<std::tuple<std::string, int>>& info) {
      std::string name = std::get<0>(info.param) + "_protocol" +
                         std::to_string(std::get<1>(info.param));
      for (char& c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      }
      return name;
    });

}  // namespace
