// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "postgresql_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "src/testing/command.h"

extern char** environ;

namespace tfsdk_examples::testing {
namespace {

namespace fs = std::filesystem;
namespace ti = tfsdk::internal;

// $TFSDK_PG_BINDIR, else the newest /usr/lib/postgresql/<major>/bin holding initdb.
std::string FindBinDir() {
  if (const char* env = std::getenv("TFSDK_PG_BINDIR"); env != nullptr && *env != '\0') {
    return env;
  }
  std::string best;
  int best_major = -1;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || !std::all_of(name.begin(), name.end(), ::isdigit)) continue;
    const std::string bin = entry.path().string() + "/bin";
    if (::access((bin + "/initdb").c_str(), X_OK) != 0) continue;
    if (int major = std::stoi(name); major > best_major) {
      best_major = major;
      best = bin;
    }
  }
  return best;
}

// A TCP port on 127.0.0.1 that was free a moment ago.
int FreePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  ::close(fd);
  return port;
}

std::vector<std::string> Environment(const std::vector<std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry = *e;
    // Our own settings win; libpq variables of the caller must not leak into psql.
    if (entry.rfind("PG", 0) == 0 || entry.rfind("LC_", 0) == 0 || entry.rfind("LANG", 0) == 0) {
      continue;
    }
    env.push_back(std::move(entry));
  }
  env.push_back("LC_ALL=C");
  env.insert(env.end(), extra.begin(), extra.end());
  return env;
}

std::string Trim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  size_t start = 0;
  while (start < s.size() && std::isspace(static_cast<unsigned char>(s[start]))) ++start;
  return s.substr(start);
}

}  // namespace

std::vector<std::string> PostgresServer::AsServerUser(std::vector<std::string> argv) const {
  if (drop_privileges_.empty()) return argv;
  std::vector<std::string> out = drop_privileges_;
  out.insert(out.end(), argv.begin(), argv.end());
  return out;
}

std::string PostgresServer::LogTail() const {
  std::string log = ti::ReadTextFile(dir_ + "/server.log");
  if (log.size() > 4000) log = "..." + log.substr(log.size() - 4000);
  return log.empty() ? "" : "\nserver log:\n" + log;
}

std::string PostgresServer::Start() {
  if (running_) return "";
  bindir_ = FindBinDir();
  if (bindir_.empty()) {
    return "no PostgreSQL server binaries: no /usr/lib/postgresql/<version>/bin/initdb "
           "(install Debian's postgresql package: scripts/install-deps.sh) and "
           "TFSDK_PG_BINDIR is not set";
  }
  std::string tmpl = "/tmp/tfsdk-pg-XXXXXX";
  if (::mkdtemp(tmpl.data()) == nullptr) return "cannot create a directory under /tmp";
  dir_ = tmpl;

  if (::geteuid() == 0) {
    // initdb and postgres refuse to run as root.
    const passwd* pw = ::getpwnam("postgres");
    if (pw == nullptr) pw = ::getpwnam("nobody");
    if (pw == nullptr) return "running as root, and there is no postgres or nobody user";
    const uid_t uid = pw->pw_uid;
    const gid_t gid = pw->pw_gid;
    drop_privileges_ = {"/usr/bin/setpriv", "--reuid=" + std::to_string(uid),
                        "--regid=" + std::to_string(gid), "--clear-groups"};
    if (::access(drop_privileges_[0].c_str(), X_OK) != 0) {
      return "running as root, and /usr/bin/setpriv (util-linux) is missing";
    }
    if (::chown(dir_.c_str(), uid, gid) != 0) return "cannot chown " + dir_;
  }
  ::chmod(dir_.c_str(), 0700);

  const std::string pwfile = dir_ + "/pwfile";
  if (!ti::WriteTextFile(pwfile, std::string(kSuperuserPassword) + "\n")) {
    return "cannot write " + pwfile;
  }
  if (!drop_privileges_.empty()) {
    struct stat st;
    ::stat(dir_.c_str(), &st);
    if (::chown(pwfile.c_str(), st.st_uid, st.st_gid) != 0) return "cannot chown " + pwfile;
  }

  const std::vector<std::string> env = Environment({"HOME=" + dir_});
  ti::CommandSpec initdb{
      .argv = AsServerUser({bindir_ + "/initdb", "--pgdata=" + dir_ + "/data",
                            "--username=" + std::string(kSuperuser), "--pwfile=" + pwfile,
                            "--auth-local=trust", "--auth-host=scram-sha-256", "--encoding=UTF8",
                            "--locale=C", "--no-sync", "--no-instructions"}),
      .dir = dir_,
      .env = env,
      .timeout = std::chrono::seconds(120)};
  ti::CommandResult r = ti::RunCommand(initdb);
  if (!r.ok()) return "initdb failed:\n" + ti::DescribeCommand(initdb, r);

  // A port taken between FreePort and the server's bind makes pg_ctl fail: try again.
  for (int attempt = 0; attempt < 3; ++attempt) {
    port_ = FreePort();
    if (port_ == 0) return "cannot find a free TCP port on 127.0.0.1";
    const std::string options = "-c listen_addresses=" + std::string(kHost) + " -p " +
                                std::to_string(port_) + " -k " + dir_ +
                                " -c fsync=off -c synchronous_commit=off"
                                " -c full_page_writes=off";
    ti::CommandSpec start{.argv = AsServerUser({bindir_ + "/pg_ctl", "--pgdata=" + dir_ + "/data",
                                                "--log=" + dir_ + "/server.log", "--wait",
                                                "--timeout=60", "-o", options, "start"}),
                          .dir = dir_,
                          .env = env,
                          .timeout = std::chrono::seconds(90)};
    r = ti::RunCommand(start);
    if (r.ok()) {
      running_ = true;
      StartWatchdog();
      return "";
    }
    if (attempt == 2) return "pg_ctl start failed:\n" + ti::DescribeCommand(start, r) + LogTail();
  }
  return "pg_ctl start failed";
}

void PostgresServer::StartWatchdog() {
  // Everything the child needs is prepared before fork: between fork and exec it only
  // makes async-signal-safe calls.
  std::string stop;
  for (const std::string& arg : AsServerUser({bindir_ + "/pg_ctl", "--pgdata=" + dir_ + "/data",
                                              "--mode=immediate", "--wait", "stop"})) {
    stop += "'" + arg + "' ";  // paths we made: no quotes inside
  }
  const std::string script = stop + "; rm -rf '" + dir_ + "'";
  const char* const argv[] = {"/bin/sh", "-c", script.c_str(), nullptr};
  const pid_t parent = ::getpid();
  const int devnull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  pid_t pid = ::fork();
  if (pid == 0) {
    if (devnull >= 0) {
      ::dup2(devnull, 0);
      ::dup2(devnull, 1);
      ::dup2(devnull, 2);
    }
    ::setsid();  // not killed with the test's process group
    while (::getppid() == parent) {
      struct timespec second = {1, 0};
      ::nanosleep(&second, nullptr);
    }
    ::execv(argv[0], const_cast<char* const*>(argv));
    ::_exit(127);
  }
  if (devnull >= 0) ::close(devnull);
  watchdog_pid_ = pid;
}

void PostgresServer::Stop() {
  if (watchdog_pid_ > 0) {
    ::kill(watchdog_pid_, SIGKILL);
    ::waitpid(watchdog_pid_, nullptr, 0);
    watchdog_pid_ = -1;
  }
  if (running_) {
    ti::CommandSpec stop{.argv = AsServerUser({bindir_ + "/pg_ctl", "--pgdata=" + dir_ + "/data",
                                               "--mode=immediate", "--wait", "stop"}),
                         .dir = dir_,
                         .env = Environment({"HOME=" + dir_}),
                         .timeout = std::chrono::seconds(60)};
    ti::RunCommand(stop);
    running_ = false;
  }
  if (!dir_.empty()) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
    dir_.clear();
  }
}

bool PostgresServer::Sql(const std::string& sql, std::string* out, const std::string& database,
                         const std::string& user, const std::string& password) const {
  ti::CommandSpec psql{.argv = {bindir_ + "/psql", "--no-psqlrc", "--quiet", "--tuples-only",
                                "--no-align", "--set=ON_ERROR_STOP=1",
                                "--host=" + std::string(kHost), "--port=" + std::to_string(port_),
                                "--username=" + user, "--dbname=" + database, "--command=" + sql},
                       .dir = {},
                       .env = Environment({"PGPASSWORD=" + password, "PGCONNECT_TIMEOUT=10"}),
                       .timeout = std::chrono::seconds(60)};
  ti::CommandResult r = ti::RunCommand(psql);
  if (out != nullptr) *out = Trim(r.ok() ? r.out : r.err + r.spawn_error);
  return r.ok();
}

}  // namespace tfsdk_examples::testing
