// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Process plumbing for the acceptance harness: running a command with a deadline and
// capturing its output, finding the terraform/tofu binaries, building a clean environment
// for them, and private temporary directories. Internal to tfsdk::testing (and its tests).
#ifndef TFSDK_SRC_TESTING_COMMAND_H_
#define TFSDK_SRC_TESTING_COMMAND_H_

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace tfsdk::internal {

struct CommandSpec {
  // argv[0] must be an absolute or relative path (no PATH search).
  std::vector<std::string> argv;
  // Working directory; empty = the caller's.
  std::string dir;
  // The complete environment, "NAME=value" each.
  std::vector<std::string> env;
  // After this long the whole process group is killed (SIGKILL).
  std::chrono::milliseconds timeout = std::chrono::seconds(120);
};

struct CommandResult {
  // The exit status, or 128+signal when killed by a signal, or -1 when it never ran.
  int exit_code = -1;
  bool timed_out = false;
  std::string out;          // captured stdout
  std::string err;          // captured stderr
  std::string spawn_error;  // why the command could not be started, if it could not

  bool ok() const { return exit_code == 0 && !timed_out && spawn_error.empty(); }
  // stdout then stderr, for matching error messages.
  std::string Combined() const { return out + err; }
};

// Runs the command to completion (or to its timeout); stdin is /dev/null. Safe to call
// while other threads run (only async-signal-safe calls happen between fork and exec).
// The child gets its own process group so a timeout also stops its children.
CommandResult RunCommand(const CommandSpec& spec);

// A readable account of a finished command for failure messages: the command line, the
// directory, the exit status (or timeout), and the tail of stdout and stderr.
std::string DescribeCommand(const CommandSpec& spec, const CommandResult& result);

// Locates a tool by name ("terraform", "tofu", "tofu-1.6.3"), in this order:
//   1. the environment variable TFSDK_<NAME> (upper case, '-' and '.' as '_'), e.g.
//      TFSDK_TERRAFORM, TFSDK_TOFU;
//   2. .tools/bin/<name> in the current directory or any parent, then in the directory of
//      the running executable or any parent (a build tree inside the repository), then
//      in the repository this harness was compiled from;
//   3. PATH.
// Returns the path of an executable file, or "" and a description of where it looked.
std::string FindTool(const std::string& name, std::string* searched = nullptr);

// The environment variable FindTool reads for `name`.
std::string ToolEnvVar(const std::string& name);

// The current process environment minus every TF_* and TOFU_* variable that could change
// how terraform/tofu behave (TF_LOG* stay, for debugging), plus `extra` (NAME -> value).
std::vector<std::string> CleanToolEnvironment(const std::map<std::string, std::string>& extra);

// Output with Terraform's diagnostic frame characters (│ ╷ ╵) removed and every run of
// whitespace collapsed to one space, so a regex need not care where lines wrap.
std::string NormalizeOutput(const std::string& text);

// A fresh directory (mode 0700) under $TMPDIR or /tmp, removed with its contents by the
// destructor unless Keep() was called. Short, so unix socket paths inside stay short.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "tfsdk-");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  bool ok() const { return !path_.empty(); }
  void Keep() { keep_ = true; }

 private:
  std::string path_;
  bool keep_ = false;
};

// Writes `content` to `path`; returns false on failure.
bool WriteTextFile(const std::string& path, const std::string& content);
// The whole file, or "" if it cannot be read.
std::string ReadTextFile(const std::string& path);
bool FileExists(const std::string& path);

}  // namespace tfsdk::internal

#endif  // TFSDK_SRC_TESTING_COMMAND_H_
