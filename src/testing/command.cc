// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "src/testing/command.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

extern char** environ;

namespace tfsdk::internal {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

void CloseFd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

// The last `max` bytes of `s`, marked when cut.
std::string Tail(const std::string& s, size_t max) {
  if (s.size() <= max) return s;
  return "[... " + std::to_string(s.size() - max) + " bytes cut ...]\n" +
         s.substr(s.size() - max);
}

bool IsExecutableFile(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec) && ::access(p.c_str(), X_OK) == 0;
}

// Looks for .tools/bin/<name> in `start` and its parents.
std::string FindUpward(fs::path start, const std::string& name, std::string& searched) {
  std::error_code ec;
  start = fs::absolute(start, ec);
  if (ec) return "";
  for (fs::path dir = start;; dir = dir.parent_path()) {
    fs::path candidate = dir / ".tools" / "bin" / name;
    if (IsExecutableFile(candidate)) return candidate.string();
    if (dir == dir.parent_path()) break;
  }
  searched += "  .tools/bin/" + name + " in " + start.string() + " and its parents\n";
  return "";
}

}  // namespace

CommandResult RunCommand(const CommandSpec& spec) {
  CommandResult r;
  if (spec.argv.empty()) {
    r.spawn_error = "empty command line";
    return r;
  }
  // Everything the child needs is prepared before fork: after fork, in a process with other
  // threads (gRPC's), only async-signal-safe calls are allowed.
  std::vector<char*> argv;
  for (const std::string& a : spec.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (const std::string& e : spec.env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  const char* dir = spec.dir.empty() ? nullptr : spec.dir.c_str();

  int out_pipe[2] = {-1, -1}, err_pipe[2] = {-1, -1}, exec_pipe[2] = {-1, -1};
  int devnull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (devnull < 0 || ::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0 ||
      ::pipe2(exec_pipe, O_CLOEXEC) != 0) {
    r.spawn_error = std::string("cannot create pipes: ") + std::strerror(errno);
    CloseFd(devnull);
    for (int* fd : {&out_pipe[0], &out_pipe[1], &err_pipe[0], &err_pipe[1], &exec_pipe[0],
                    &exec_pipe[1]}) {
      CloseFd(*fd);
    }
    return r;
  }

  pid_t pid = ::fork();
  if (pid == 0) {
    // Child. dup2 clears FD_CLOEXEC on the new descriptors; the originals close on exec.
    ::setpgid(0, 0);
    int failed_errno = 0;
    if (::dup2(devnull, 0) < 0 || ::dup2(out_pipe[1], 1) < 0 || ::dup2(err_pipe[1], 2) < 0) {
      failed_errno = errno;
    } else if (dir != nullptr && ::chdir(dir) != 0) {
      failed_errno = errno;
    } else {
      ::execve(argv[0], argv.data(), envp.data());
      failed_errno = errno;
    }
    ssize_t ignored = ::write(exec_pipe[1], &failed_errno, sizeof failed_errno);
    (void)ignored;
    ::_exit(127);
  }
  CloseFd(devnull);
  CloseFd(out_pipe[1]);
  CloseFd(err_pipe[1]);
  CloseFd(exec_pipe[1]);
  if (pid < 0) {
    r.spawn_error = std::string("fork failed: ") + std::strerror(errno);
    CloseFd(out_pipe[0]);
    CloseFd(err_pipe[0]);
    CloseFd(exec_pipe[0]);
    return r;
  }
  ::setpgid(pid, pid);  // also in the parent, so the group exists before any kill

  // The exec pipe closes on a successful exec; otherwise it carries the child's errno.
  int child_errno = 0;
  ssize_t n;
  do {
    n = ::read(exec_pipe[0], &child_errno, sizeof child_errno);
  } while (n < 0 && errno == EINTR);
  CloseFd(exec_pipe[0]);
  if (n == static_cast<ssize_t>(sizeof child_errno)) {
    r.spawn_error = "cannot run " + spec.argv[0] + (dir ? " in " + spec.dir : std::string()) +
                    ": " + std::strerror(child_errno);
  }

  const Clock::time_point deadline = Clock::now() + spec.timeout;
  Clock::time_point drain_deadline = Clock::time_point::max();
  int fds[2] = {out_pipe[0], err_pipe[0]};
  std::string* sinks[2] = {&r.out, &r.err};
  char buf[16384];
  while (fds[0] >= 0 || fds[1] >= 0) {
    Clock::time_point now = Clock::now();
    if (!r.timed_out && now >= deadline) {
      r.timed_out = true;
      ::kill(-pid, SIGKILL);
      ::kill(pid, SIGKILL);
      // A grandchild in another process group could keep the pipes open; stop waiting for
      // EOF after a short while.
      drain_deadline = now + std::chrono::seconds(2);
    }
    if (now >= drain_deadline) break;
    Clock::time_point until = r.timed_out ? drain_deadline : deadline;
    int wait_ms = static_cast<int>(
        std::chrono::duration_cast<std::chrono::milliseconds>(until - now).count()) + 1;
    pollfd pfds[2];
    int count = 0;
    int which[2];
    for (int i = 0; i < 2; ++i) {
      if (fds[i] < 0) continue;
      pfds[count] = {fds[i], POLLIN, 0};
      which[count++] = i;
    }
    int ready = ::poll(pfds, count, wait_ms);
    if (ready < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int k = 0; k < count; ++k) {
      if (pfds[k].revents == 0) continue;
      int i = which[k];
      ssize_t got = ::read(fds[i], buf, sizeof buf);
      if (got > 0) {
        sinks[i]->append(buf, static_cast<size_t>(got));
      } else if (got == 0 || (errno != EINTR && errno != EAGAIN)) {
        CloseFd(fds[i]);
      }
    }
  }
  CloseFd(fds[0]);
  CloseFd(fds[1]);

  int status = 0;
  pid_t waited;
  do {
    waited = ::waitpid(pid, &status, 0);
  } while (waited < 0 && errno == EINTR);
  if (waited == pid) {
    if (WIFEXITED(status)) {
      r.exit_code = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
      r.exit_code = 128 + WTERMSIG(status);
    }
  }
  if (!r.spawn_error.empty()) r.exit_code = -1;
  return r;
}

std::string DescribeCommand(const CommandSpec& spec, const CommandResult& result) {
  std::ostringstream o;
  o << "$";
  for (const std::string& a : spec.argv) o << ' ' << a;
  o << "\n  (in " << (spec.dir.empty() ? std::string(".") : spec.dir) << ")\n";
  if (!result.spawn_error.empty()) {
    o << "  could not start: " << result.spawn_error << "\n";
    return o.str();
  }
  if (result.timed_out) {
    o << "  TIMED OUT after "
      << std::chrono::duration_cast<std::chrono::seconds>(spec.timeout).count()
      << " s and was killed\n";
  } else {
    o << "  exit status " << result.exit_code << "\n";
  }
  constexpr size_t kMax = 12000;
  o << "--- stdout ---\n" << Tail(result.out, kMax);
  if (!result.out.empty() && result.out.back() != '\n') o << '\n';
  o << "--- stderr ---\n" << Tail(result.err, kMax);
  if (!result.err.empty() && result.err.back() != '\n') o << '\n';
  o << "--------------";
  return o.str();
}

std::string ToolEnvVar(const std::string& name) {
  std::string var = "TFSDK_";
  for (char c : name) {
    var += (std::isalnum(static_cast<unsigned char>(c)) != 0)
               ? static_cast<char>(std::toupper(static_cast<unsigned char>(c)))
               : '_';
  }
  return var;
}

std::string FindTool(const std::string& name, std::string* searched_out) {
  std::string searched;
  std::string var = ToolEnvVar(name);
  if (const char* v = std::getenv(var.c_str()); v != nullptr && *v != '\0') {
    if (IsExecutableFile(v)) return v;
    searched += "  $" + var + " = " + v + " (not an executable file)\n";
  } else {
    searched += "  $" + var + " (not set)\n";
  }
  // Where a repository checkout may be: around the working directory, around the test
  // executable (a build tree inside the checkout), and around this source file (a build
  // tree elsewhere; __FILE__ is absolute in CMake builds).
  std::error_code ec;
  std::vector<fs::path> starts = {fs::current_path(ec)};
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) starts.push_back(exe.parent_path());
  if (fs::path source = __FILE__; source.is_absolute()) starts.push_back(source.parent_path());
  std::vector<fs::path> seen;
  for (const fs::path& start : starts) {
    if (start.empty() || std::find(seen.begin(), seen.end(), start) != seen.end()) continue;
    seen.push_back(start);
    if (std::string found = FindUpward(start, name, searched); !found.empty()) return found;
  }
  const char* path_env = std::getenv("PATH");
  std::string path = path_env ? path_env : "";
  std::stringstream ss(path);
  std::string dir;
  while (std::getline(ss, dir, ':')) {
    if (dir.empty()) continue;
    fs::path candidate = fs::path(dir) / name;
    if (IsExecutableFile(candidate)) return candidate.string();
  }
  searched += "  PATH (" + path + ")\n";
  if (searched_out != nullptr) *searched_out = searched;
  return "";
}

std::vector<std::string> CleanToolEnvironment(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string entry = *e;
    std::string name = entry.substr(0, entry.find('='));
    bool tool_var = name.rfind("TF_", 0) == 0 || name.rfind("TOFU_", 0) == 0;
    bool log_var = name.find("LOG") != std::string::npos;
    if (tool_var && !log_var) continue;
    if (extra.count(name)) continue;
    env.push_back(std::move(entry));
  }
  for (const auto& [name, value] : extra) env.push_back(name + "=" + value);
  return env;
}

std::string NormalizeOutput(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (size_t i = 0; i < text.size();) {
    // U+2502 │, U+2577 ╷, U+2575 ╵ in UTF-8.
    if (text.compare(i, 3, "\xe2\x94\x82") == 0 || text.compare(i, 3, "\xe2\x95\xb7") == 0 ||
        text.compare(i, 3, "\xe2\x95\xb5") == 0) {
      pending_space = true;
      i += 3;
      continue;
    }
    char c = text[i++];
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty()) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

TempDir::TempDir(const std::string& prefix) {
  const char* tmp = std::getenv("TMPDIR");
  std::string base = (tmp != nullptr && *tmp != '\0') ? tmp : "/tmp";
  std::string templ = base + "/" + prefix + "XXXXXX";
  std::vector<char> buf(templ.begin(), templ.end());
  buf.push_back('\0');
  if (::mkdtemp(buf.data()) != nullptr) path_ = buf.data();
}

TempDir::~TempDir() {
  if (path_.empty() || keep_) return;
  std::error_code ec;
  fs::remove_all(path_, ec);
}

bool WriteTextFile(const std::string& path, const std::string& content) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << content;
  f.close();
  return static_cast<bool>(f);
}

std::string ReadTextFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

bool FileExists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

}  // namespace tfsdk::internal
