// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "src/testing/command.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

namespace tfsdk::internal {
namespace {

CommandSpec Shell(const std::string& script) {
  CommandSpec spec;
  spec.argv = {"/bin/sh", "-c", script};
  spec.env = {"PATH=/usr/bin:/bin"};
  return spec;
}

TEST(RunCommandTest, CapturesStdoutStderrAndExitStatus) {
  CommandResult r = RunCommand(Shell("echo out; echo err >&2; exit 3"));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_FALSE(r.timed_out);
  EXPECT_TRUE(r.spawn_error.empty());
  EXPECT_EQ(r.out, "out\n");
  EXPECT_EQ(r.err, "err\n");
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.Combined(), "out\nerr\n");
}

TEST(RunCommandTest, SuccessIsOk) {
  CommandResult r = RunCommand(Shell("true"));
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(r.ok());
}

TEST(RunCommandTest, PassesExactlyTheGivenEnvironmentAndDirectory) {
  TempDir dir;
  ASSERT_TRUE(dir.ok());
  CommandSpec spec = Shell("echo \"$FOO\"; pwd; echo \"${HOME:-unset}\"");
  spec.env.push_back("FOO=bar baz");
  spec.dir = dir.path();
  CommandResult r = RunCommand(spec);
  ASSERT_TRUE(r.ok()) << DescribeCommand(spec, r);
  std::string canonical = std::filesystem::canonical(dir.path()).string();
  EXPECT_EQ(r.out, "bar baz\n" + canonical + "\nunset\n");
}

TEST(RunCommandTest, StdinIsEmpty) {
  CommandResult r = RunCommand(Shell("cat; echo done"));
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.out, "done\n");
}

TEST(RunCommandTest, LargeOutputOnBothStreamsDoesNotDeadlock) {
  CommandSpec spec = Shell(
      "i=0; while [ $i -lt 3000 ]; do "
      "echo 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'; "
      "echo 'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy' >&2; "
      "i=$((i+1)); done");
  spec.timeout = std::chrono::seconds(60);
  CommandResult r = RunCommand(spec);
  ASSERT_TRUE(r.ok()) << DescribeCommand(spec, r);
  EXPECT_EQ(r.out.size(), 3000u * 65);
  EXPECT_EQ(r.err.size(), 3000u * 65);
}

TEST(RunCommandTest, TimeoutKillsTheWholeProcessGroup) {
  // The grandchild (sleep) holds the pipes open too; the group kill must reach it.
  CommandSpec spec = Shell("echo started; sleep 30 & sleep 30; echo never");
  spec.timeout = std::chrono::milliseconds(300);
  auto start = std::chrono::steady_clock::now();
  CommandResult r = RunCommand(spec);
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(r.timed_out);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.out, "started\n");
  EXPECT_LT(elapsed, std::chrono::seconds(10));
  EXPECT_NE(DescribeCommand(spec, r).find("TIMED OUT"), std::string::npos);
}

TEST(RunCommandTest, MissingExecutableIsASpawnError) {
  CommandSpec spec;
  spec.argv = {"/nonexistent/tool", "version"};
  CommandResult r = RunCommand(spec);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.exit_code, -1);
  EXPECT_NE(r.spawn_error.find("No such file or directory"), std::string::npos)
      << r.spawn_error;
  EXPECT_NE(DescribeCommand(spec, r).find("could not start"), std::string::npos);
}

TEST(RunCommandTest, MissingDirectoryIsASpawnError) {
  CommandSpec spec = Shell("true");
  spec.dir = "/nonexistent/dir";
  CommandResult r = RunCommand(spec);
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.spawn_error.find("/nonexistent/dir"), std::string::npos) << r.spawn_error;
}

TEST(RunCommandTest, EmptyCommandLineIsAnError) {
  CommandResult r = RunCommand(CommandSpec{});
  EXPECT_FALSE(r.ok());
  EXPECT_FALSE(r.spawn_error.empty());
}

TEST(RunCommandTest, DeathBySignalIsReported) {
  CommandResult r = RunCommand(Shell("kill -TERM $$"));
  EXPECT_EQ(r.exit_code, 128 + 15);
}

TEST(DescribeCommandTest, ShowsCommandDirectoryStatusAndOutput) {
  CommandSpec spec = Shell("echo hello; echo oops >&2; exit 1");
  spec.dir = "/";
  CommandResult r = RunCommand(spec);
  std::string d = DescribeCommand(spec, r);
  EXPECT_NE(d.find("$ /bin/sh -c"), std::string::npos) << d;
  EXPECT_NE(d.find("(in /)"), std::string::npos) << d;
  EXPECT_NE(d.find("exit status 1"), std::string::npos) << d;
  EXPECT_NE(d.find("--- stdout ---\nhello\n"), std::string::npos) << d;
  EXPECT_NE(d.find("--- stderr ---\noops\n"), std::string::npos) << d;
}

TEST(DescribeCommandTest, CutsVeryLongOutputKeepingTheEnd) {
  CommandSpec spec = Shell("true");
  CommandResult r;
  r.exit_code = 1;
  r.out = std::string(50000, 'a') + "THE END";
  std::string d = DescribeCommand(spec, r);
  EXPECT_LT(d.size(), 30000u);
  EXPECT_NE(d.find("bytes cut"), std::string::npos);
  EXPECT_NE(d.find("THE END"), std::string::npos);
}

TEST(ToolEnvVarTest, Names) {
  struct Case {
    const char* tool;
    const char* var;
  };
  for (const Case& c : {Case{"terraform", "TFSDK_TERRAFORM"}, Case{"tofu", "TFSDK_TOFU"},
                        Case{"tofu-1.6.3", "TFSDK_TOFU_1_6_3"}}) {
    EXPECT_EQ(ToolEnvVar(c.tool), c.var);
  }
}

TEST(FindToolTest, EnvironmentVariableWins) {
  TempDir dir;
  ASSERT_TRUE(dir.ok());
  std::string tool = dir.path() + "/mytool";
  ASSERT_TRUE(WriteTextFile(tool, "#!/bin/sh\n"));
  ASSERT_EQ(::chmod(tool.c_str(), 0700), 0);
  ::setenv("TFSDK_TFSDK_TEST_TOOL_X", tool.c_str(), 1);
  EXPECT_EQ(FindTool("tfsdk-test-tool-x"), tool);
  ::unsetenv("TFSDK_TFSDK_TEST_TOOL_X");
}

TEST(FindToolTest, NotFoundSaysWhereItLooked) {
  std::string searched;
  EXPECT_EQ(FindTool("tfsdk-no-such-tool-anywhere", &searched), "");
  EXPECT_NE(searched.find("$TFSDK_TFSDK_NO_SUCH_TOOL_ANYWHERE"), std::string::npos) << searched;
  EXPECT_NE(searched.find(".tools/bin/tfsdk-no-such-tool-anywhere"), std::string::npos)
      << searched;
  EXPECT_NE(searched.find("PATH"), std::string::npos) << searched;
}

TEST(FindToolTest, FindsToolsOnPath) {
  EXPECT_EQ(FindTool("sh").empty(), false);
}

TEST(CleanToolEnvironmentTest, DropsToolVariablesKeepsLoggingAddsExtras) {
  ::setenv("TF_CLI_ARGS", "-no-color", 1);
  ::setenv("TOFU_CLI_CONFIG_FILE", "/x", 1);
  ::setenv("TF_LOG_PROVIDER", "DEBUG", 1);
  ::setenv("TFSDK_UNRELATED", "kept", 1);
  std::vector<std::string> env =
      CleanToolEnvironment({{"TF_IN_AUTOMATION", "1"}, {"TFSDK_UNRELATED", "replaced"}});
  auto has = [&](const std::string& entry) {
    return std::find(env.begin(), env.end(), entry) != env.end();
  };
  auto has_name = [&](const std::string& name) {
    return std::any_of(env.begin(), env.end(),
                       [&](const std::string& e) { return e.rfind(name + "=", 0) == 0; });
  };
  EXPECT_FALSE(has_name("TF_CLI_ARGS"));
  EXPECT_FALSE(has_name("TOFU_CLI_CONFIG_FILE"));
  EXPECT_TRUE(has("TF_LOG_PROVIDER=DEBUG"));
  EXPECT_TRUE(has("TF_IN_AUTOMATION=1"));
  EXPECT_TRUE(has("TFSDK_UNRELATED=replaced"));
  EXPECT_FALSE(has("TFSDK_UNRELATED=kept"));
  ::unsetenv("TF_CLI_ARGS");
  ::unsetenv("TOFU_CLI_CONFIG_FILE");
  ::unsetenv("TF_LOG_PROVIDER");
  ::unsetenv("TFSDK_UNRELATED");
}

TEST(NormalizeOutputTest, RemovesFramesAndCollapsesWhitespace) {
  struct Case {
    std::string in;
    std::string want;
  };
  const Case cases[] = {
      {"", ""},
      {"  a  b\n\nc  ", "a b c"},
      {"\xe2\x95\xb7\n\xe2\x94\x82 Error: Cannot create file\n\xe2\x94\x82 \n\xe2\x94\x82 "
       "Writing \"/x\" failed: No such file or\n\xe2\x94\x82 directory.\n\xe2\x95\xb5\n",
       "Error: Cannot create file Writing \"/x\" failed: No such file or directory."},
      {"tab\tseparated", "tab separated"},
  };
  for (const Case& c : cases) EXPECT_EQ(NormalizeOutput(c.in), c.want) << c.in;
}

TEST(TempDirTest, CreatesPrivateDirectoryAndRemovesIt) {
  std::string path;
  {
    TempDir dir("tfsdk-unit-");
    ASSERT_TRUE(dir.ok());
    path = dir.path();
    struct stat st;
    ASSERT_EQ(::stat(path.c_str(), &st), 0);
    EXPECT_TRUE(S_ISDIR(st.st_mode));
    EXPECT_EQ(st.st_mode & 0777, 0700u);
    EXPECT_TRUE(WriteTextFile(path + "/f", "x"));
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(TempDirTest, KeepLeavesItInPlace) {
  std::string path;
  {
    TempDir dir("tfsdk-unit-");
    ASSERT_TRUE(dir.ok());
    path = dir.path();
    dir.Keep();
  }
  EXPECT_TRUE(std::filesystem::exists(path));
  std::filesystem::remove_all(path);
}

}  // namespace
}  // namespace tfsdk::internal
