// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
#include "src/plugin/plugin_server.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "grpcpp/grpcpp.h"
#include "grpcpp/health_check_service_interface.h"
#include "nlohmann/json.hpp"
#include "src/plugin/auto_mtls.h"
#include "src/plugin/go_plugin_services.h"
#include "src/plugin/handshake.h"

namespace tfsdk::internal {
namespace {

// The name go-plugin clients ask the health service about.
constexpr char kHealthServiceName[] = "plugin";
// How long in-flight RPCs may run on after a stop request before gRPC cancels them.
constexpr auto kGracePeriod = std::chrono::milliseconds(250);
// After a stop request RunPluginServer's process ends within this time even if a handler
// ignores cancellation (go-plugin clients kill the process 2 s after Shutdown anyway).
constexpr auto kExitDeadline = std::chrono::milliseconds(1000);

std::string TempDir() {
  const char* tmp = std::getenv("TMPDIR");
  return (tmp != nullptr && *tmp != '\0') ? std::string(tmp) : std::string("/tmp");
}

std::optional<std::string> GetEnv(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

std::string ErrnoText(int err) { return std::string(strerror(err)); }

// Where and how PluginHost listens.
struct ListenOptions {
  // Directory for the socket (or for the private directory, see below).
  std::string dir;
  // Create a fresh 0700 directory in `dir` and put the socket in it (removed on stop).
  bool private_dir = false;
  // PLUGIN_UNIX_SOCKET_GROUP: a group name or numeric gid that may also connect. Empty: none.
  std::string group;
  // Set umask 0077 while binding so the socket is never reachable by others, not even for
  // the moment before chmod. Process-wide, so only when the process is ours.
  bool restrict_umask = false;
  // TLS credentials; null serves plaintext.
  std::shared_ptr<grpc::ServerCredentials> credentials;
};

// Picks a fresh socket path. With `private_dir`, also creates that directory and returns it
// in `*created_dir`.
absl::StatusOr<std::string> MakeSocketPath(const ListenOptions& options, std::string* created_dir) {
  std::string dir = options.dir.empty() ? TempDir() : options.dir;
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  std::string path;
  if (options.private_dir) {
    std::string tmpl = dir + "/tfsdk-pluginXXXXXX";
    if (mkdtemp(tmpl.data()) == nullptr) {
      return absl::UnavailableError("cannot create a directory for the plugin socket in " + dir +
                                    ": " + ErrnoText(errno));
    }
    *created_dir = tmpl;
    path = tmpl + "/plugin.sock";
  } else {
    // Like go-plugin: reserve a unique "plugin…" name as a file, then free it for the socket.
    std::string tmpl = dir + "/pluginXXXXXX";
    const int fd = mkstemp(tmpl.data());
    if (fd < 0) {
      return absl::UnavailableError("cannot create the plugin socket in " + dir + ": " +
                                    ErrnoText(errno));
    }
    close(fd);
    unlink(tmpl.c_str());
    path = tmpl;
  }
  if (path.size() >= sizeof(sockaddr_un{}.sun_path)) {
    if (!created_dir->empty()) rmdir(created_dir->c_str());
    return absl::InvalidArgumentError("unix socket path too long (" + std::to_string(path.size()) +
                                      " bytes): " + path +
                                      "; set PLUGIN_UNIX_SOCKET_DIR or TMPDIR to a shorter path");
  }
  return path;
}

// Makes the socket group-owned and group-writable, as go-plugin does for
// PLUGIN_UNIX_SOCKET_GROUP.
absl::Status ShareSocketWithGroup(const std::string& path, const std::string& group_name) {
  gid_t gid = 0;
  unsigned long numeric = 0;
  const char* begin = group_name.data();
  const char* last = group_name.data() + group_name.size();
  const auto [end, ec] = std::from_chars(begin, last, numeric);
  if (ec == std::errc() && end == last) {
    gid = static_cast<gid_t>(numeric);
  } else {
    struct group entry {};
    struct group* found = nullptr;
    std::vector<char> buf(16384);
    if (getgrnam_r(group_name.c_str(), &entry, buf.data(), buf.size(), &found) != 0 ||
        found == nullptr) {
      return absl::NotFoundError("no group named \"" + group_name + "\"");
    }
    gid = found->gr_gid;
  }
  if (chown(path.c_str(), static_cast<uid_t>(-1), gid) != 0) {
    return absl::PermissionDeniedError("chown to group " + group_name + ": " + ErrnoText(errno));
  }
  if (chmod(path.c_str(), 0660) != 0) {
    return absl::PermissionDeniedError("chmod 0660: " + ErrnoText(errno));
  }
  return absl::OkStatus();
}

// One gRPC server on one unix socket hosting the provider services, health and the
// go-plugin side services. Thread-safe; Stop() must not run on one of its handler threads.
class PluginHost {
 public:
  static absl::StatusOr<std::unique_ptr<PluginHost>> Start(const PluginServices& services,
                                                           const ListenOptions& options);
  ~PluginHost() { Stop(); }

  const std::string& socket_path() const { return socket_path_; }
  ShutdownLatch& latch() { return latch_; }

  // Requests the latch (running on_shutdown once), stops the gRPC server giving in-flight
  // RPCs kGracePeriod before cancelling them, waits for every handler to return and removes
  // the socket (and the private directory). Idempotent; concurrent callers wait for the
  // first.
  void Stop();

 private:
  explicit PluginHost(std::function<void()> on_shutdown)
      : latch_(std::move(on_shutdown)), controller_(&latch_), stdio_(&latch_), broker_(&latch_) {}

  ShutdownLatch latch_;
  ControllerService controller_;
  StdioService stdio_;
  BrokerService broker_;
  std::unique_ptr<grpc::Server> server_;
  std::string socket_path_;
  std::string created_dir_;  // empty unless we made a private directory
  std::once_flag stop_once_;
};

absl::StatusOr<std::unique_ptr<PluginHost>> PluginHost::Start(const PluginServices& services,
                                                              const ListenOptions& options) {
  if (services.v5 == nullptr && services.v6 == nullptr) {
    return absl::InvalidArgumentError("no provider service to serve (neither v5 nor v6)");
  }
  std::unique_ptr<PluginHost> host(new PluginHost(services.on_shutdown));
  absl::StatusOr<std::string> path = MakeSocketPath(options, &host->created_dir_);
  if (!path.ok()) return path.status();
  host->socket_path_ = *path;

  // Process-wide switch; must be on before the builder is created.
  grpc::EnableDefaultHealthCheckService(true);
  grpc::ServerBuilder builder;
  std::shared_ptr<grpc::ServerCredentials> credentials =
      options.credentials ? options.credentials : grpc::InsecureServerCredentials();
  builder.AddListeningPort("unix:" + host->socket_path_, credentials);
  builder.SetMaxReceiveMessageSize(kMaxMessageBytes);
  builder.SetMaxSendMessageSize(kMaxMessageBytes);
  if (services.v5 != nullptr) builder.RegisterService(services.v5);
  if (services.v6 != nullptr) builder.RegisterService(services.v6);
  builder.RegisterService(&host->controller_);
  builder.RegisterService(&host->stdio_);
  builder.RegisterService(&host->broker_);

  mode_t old_umask = 0;
  if (options.restrict_umask) old_umask = umask(0077);
  host->server_ = builder.BuildAndStart();
  if (options.restrict_umask) umask(old_umask);
  if (host->server_ == nullptr) {
    if (!host->created_dir_.empty()) rmdir(host->created_dir_.c_str());
    return absl::UnavailableError("cannot listen on unix socket " + host->socket_path_ +
                                  " (see gRPC's log above)");
  }

  // Owner-only, whatever the umask was (a private directory already protects it).
  if (chmod(host->socket_path_.c_str(), 0600) != 0) {
    std::fprintf(stderr, "tfsdk: warning: chmod 0600 %s: %s\n", host->socket_path_.c_str(),
                 strerror(errno));
  }
  if (!options.group.empty()) {
    // Best effort: a failure leaves the socket owner-only, which still serves Terraform.
    if (absl::Status s = ShareSocketWithGroup(host->socket_path_, options.group); !s.ok()) {
      std::fprintf(stderr, "tfsdk: warning: %s=%s ignored: %s\n", kEnvUnixSocketGroup,
                   options.group.c_str(), std::string(s.message()).c_str());
    }
  }

  grpc::HealthCheckServiceInterface* health = host->server_->GetHealthCheckService();
  if (health == nullptr) {
    host->Stop();
    return absl::InternalError("gRPC's default health check service is unavailable");
  }
  health->SetServingStatus(kHealthServiceName, true);
  return host;
}

void PluginHost::Stop() {
  std::call_once(stop_once_, [this] {
    // A host that never started serving has nothing in flight: on_shutdown is not run.
    if (server_ != nullptr) {
      latch_.Request();
      server_->Shutdown(std::chrono::system_clock::now() + kGracePeriod);
      server_->Wait();
    }
    unlink(socket_path_.c_str());
    if (!created_dir_.empty()) rmdir(created_dir_.c_str());
  });
}

// Turns SIGTERM (and SIGINT in debug mode) into a latch request. The handler only writes a
// byte to a pipe (async-signal-safe); a thread turns the byte into Request(), which may
// run author code and take locks.
class SignalWatcher {
 public:
  SignalWatcher(std::vector<int> signals, ShutdownLatch* latch) : latch_(latch) {
    if (pipe2(pipe_, O_CLOEXEC) != 0) {
      std::fprintf(stderr, "tfsdk: warning: no signal handling (pipe: %s)\n", strerror(errno));
      pipe_[0] = pipe_[1] = -1;
      return;
    }
    write_fd_ = pipe_[1];
    thread_ = std::thread([this] { Run(); });
    for (int sig : signals) {
      struct sigaction action {};
      action.sa_handler = &SignalWatcher::OnSignal;
      sigemptyset(&action.sa_mask);
      action.sa_flags = SA_RESTART;
      struct sigaction old {};
      if (sigaction(sig, &action, &old) == 0) installed_.emplace_back(sig, old);
    }
  }

  ~SignalWatcher() {
    for (const auto& [sig, old] : installed_) sigaction(sig, &old, nullptr);
    if (pipe_[1] < 0) return;
    const char quit = 0;
    while (write(pipe_[1], &quit, 1) < 0 && errno == EINTR) {
    }
    thread_.join();
    write_fd_ = -1;
    close(pipe_[0]);
    close(pipe_[1]);
  }

 private:
  static void OnSignal(int sig) {
    const int saved_errno = errno;
    const char byte = static_cast<char>(sig);
    if (write_fd_ >= 0) (void)!write(write_fd_, &byte, 1);
    errno = saved_errno;
  }

  void Run() {
    char byte = 0;
    while (true) {
      const ssize_t n = read(pipe_[0], &byte, 1);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0 || byte == 0) return;
      latch_->Request();
    }
  }

  // The handler needs a global; one RunPluginServer per process.
  static inline volatile sig_atomic_t write_fd_ = -1;
  ShutdownLatch* latch_;
  int pipe_[2] = {-1, -1};
  std::thread thread_;
  std::vector<std::pair<int, struct sigaction>> installed_;
};

bool HasDebugFlag(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (argv[i] == nullptr) continue;
    const std::string arg = argv[i];
    if (arg == "--debug" || arg == "-debug" || arg == "--debug=true" || arg == "-debug=true") {
      return true;
    }
  }
  return false;
}

// Quotes `s` for a POSIX shell inside single quotes.
std::string ShellSingleQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

void WriteAllToFd(int fd, const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

// Serves until the latch is requested, then stops `host` and returns. In handshake mode the
// process is ours to end: if handlers do not return in time, _exit(0).
void ServeUntilStopped(PluginHost& host, bool hard_deadline) {
  host.latch().Wait();
  std::mutex mu;
  std::condition_variable cv;
  bool stopped = false;
  std::thread watchdog;
  if (hard_deadline) {
    const std::string socket_path = host.socket_path();
    watchdog = std::thread([&mu, &cv, &stopped, socket_path] {
      std::unique_lock<std::mutex> lock(mu);
      if (cv.wait_for(lock, kExitDeadline, [&stopped] { return stopped; })) return;
      std::fputs("tfsdk: RPC handlers did not finish after the stop request; exiting\n", stderr);
      std::fflush(stderr);
      unlink(socket_path.c_str());
      _exit(0);
    });
  }
  host.Stop();
  {
    std::lock_guard<std::mutex> lock(mu);
    stopped = true;
  }
  cv.notify_all();
  if (watchdog.joinable()) watchdog.join();
}

int RunHandshakeMode(const PluginServices& services, const std::vector<int>& served) {
  // Terraform forwards Ctrl-C as StopProvider; the signal itself must not kill us.
  signal(SIGINT, SIG_IGN);

  const std::optional<std::string> cookie = GetEnv(kMagicCookieKey);
  if (!cookie.has_value() || *cookie != kMagicCookieValue) {
    std::fputs(kNotAPluginMessage, stderr);
    return 1;
  }

  const std::optional<std::string> client_versions = GetEnv(kEnvProtocolVersions);
  absl::StatusOr<int> version = NegotiateProtocolVersion(
      served, client_versions ? std::optional<std::string_view>(*client_versions) : std::nullopt);
  if (!version.ok()) {
    std::fprintf(stderr, "tfsdk: %s\n", std::string(version.status().message()).c_str());
    return 1;
  }

  ListenOptions options;
  options.dir = GetEnv(kEnvUnixSocketDir).value_or("");
  options.group = GetEnv(kEnvUnixSocketGroup).value_or("");
  options.restrict_umask = true;

  std::string cert_base64;
  const std::string client_cert = GetEnv(kEnvClientCert).value_or("");
  if (!client_cert.empty()) {
    if (absl::Status s = ValidateCertificatePem(client_cert); !s.ok()) {
      std::fprintf(stderr, "tfsdk: %s\n", std::string(s.message()).c_str());
      return 1;
    }
    absl::StatusOr<AutoMtlsCertificate> cert = GenerateAutoMtlsCertificate();
    if (!cert.ok()) {
      std::fprintf(stderr, "tfsdk: %s\n", std::string(cert.status().message()).c_str());
      return 1;
    }
    grpc::SslServerCredentialsOptions ssl(
        GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
    ssl.pem_root_certs = client_cert;  // the only certificate a client may present
    ssl.pem_key_cert_pairs.push_back({cert->key_pem, cert->cert_pem});
    options.credentials = grpc::SslServerCredentials(ssl);
    cert_base64 = Base64RawStdEncode(cert->cert_der);
  }

  absl::StatusOr<std::unique_ptr<PluginHost>> host = PluginHost::Start(services, options);
  if (!host.ok()) {
    std::fprintf(stderr, "tfsdk: %s\n", std::string(host.status().message()).c_str());
    return 1;
  }
  SignalWatcher signals({SIGTERM}, &(*host)->latch());

  // The handshake line is the first and only output on the real stdout; flush whatever the
  // process buffered before us so nothing can interleave with it.
  std::cout.flush();
  std::fflush(stdout);
  WriteAllToFd(STDOUT_FILENO, FormatHandshakeLine(*version, (*host)->socket_path(), cert_base64));
  // From now on fd 1 is stderr: stray prints from author code reach Terraform's log instead
  // of a pipe nobody reads (or, worse, the client's line parser).
  dup2(STDERR_FILENO, STDOUT_FILENO);

  ServeUntilStopped(**host, /*hard_deadline=*/true);
  return 0;
}

int RunDebugMode(const PluginServices& services, const std::string& provider_address,
                 const std::vector<int>& served) {
  absl::StatusOr<int> version = NegotiateProtocolVersion(served, std::nullopt);
  if (!version.ok()) {
    std::fprintf(stderr, "tfsdk: %s\n", std::string(version.status().message()).c_str());
    return 1;
  }
  ListenOptions options;
  options.dir = TempDir();
  options.private_dir = true;
  absl::StatusOr<std::unique_ptr<PluginHost>> host = PluginHost::Start(services, options);
  if (!host.ok()) {
    std::fprintf(stderr, "tfsdk: %s\n", std::string(host.status().message()).c_str());
    return 1;
  }
  SignalWatcher signals({SIGINT, SIGTERM}, &(*host)->latch());

  const std::string json = ReattachConfigJson(provider_address, *version,
                                              static_cast<int>(getpid()), (*host)->socket_path());
  std::string message =
      "Provider started in debug mode. To attach Terraform or OpenTofu to it, set this in\n"
      "the shell you run them from (no `init` needed for this provider):\n\n\texport "
      "TF_REATTACH_PROVIDERS=" +
      ShellSingleQuote(json) + "\n\nPress Ctrl-C to stop the provider.\n";
  std::cout.flush();
  std::fflush(stdout);
  WriteAllToFd(STDOUT_FILENO, message);

  ServeUntilStopped(**host, /*hard_deadline=*/false);
  return 0;
}

}  // namespace

int RunPluginServer(const PluginServices& services, const std::string& provider_address, int argc,
                    char** argv) {
  std::vector<int> served;
  if (services.v5 != nullptr) served.push_back(5);
  if (services.v6 != nullptr) served.push_back(6);
  if (HasDebugFlag(argc, argv)) return RunDebugMode(services, provider_address, served);
  return RunHandshakeMode(services, served);
}

// InProcessPluginServer ---------------------------------------------------------------------

class InProcessPluginServer::Impl {
 public:
  Impl(std::unique_ptr<PluginHost> host, int protocol_version)
      : host_(std::move(host)), protocol_version_(protocol_version) {
    // A GRPCController.Shutdown call requests the latch from a handler thread, which cannot
    // stop its own server; this thread does it.
    stopper_ = std::thread([this] {
      host_->latch().Wait();
      host_->Stop();
    });
  }
  ~Impl() { Shutdown(); }

  void Shutdown() {
    std::lock_guard<std::mutex> lock(mu_);
    if (!stopper_.joinable()) return;
    host_->latch().Request();
    stopper_.join();
  }

  const std::string& socket_path() const { return host_->socket_path(); }
  int protocol_version() const { return protocol_version_; }

 private:
  std::unique_ptr<PluginHost> host_;
  const int protocol_version_;
  std::mutex mu_;
  std::thread stopper_;
};

absl::StatusOr<std::unique_ptr<InProcessPluginServer>> InProcessPluginServer::Start(
    const PluginServices& services, std::string dir) {
  ListenOptions options;
  if (dir.empty()) {
    options.dir = TempDir();
    options.private_dir = true;
  } else {
    options.dir = std::move(dir);
  }
  absl::StatusOr<std::unique_ptr<PluginHost>> host = PluginHost::Start(services, options);
  if (!host.ok()) return host.status();
  const int version = services.v6 != nullptr ? 6 : 5;
  return std::unique_ptr<InProcessPluginServer>(
      new InProcessPluginServer(std::make_unique<Impl>(*std::move(host), version)));
}

InProcessPluginServer::InProcessPluginServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

InProcessPluginServer::~InProcessPluginServer() { Shutdown(); }

const std::string& InProcessPluginServer::socket_path() const { return impl_->socket_path(); }

int InProcessPluginServer::protocol_version() const { return impl_->protocol_version(); }

void InProcessPluginServer::Shutdown() { impl_->Shutdown(); }

// Reattach ------------------------------------------------------------------------------------

std::string ReattachConfigJson(const std::string& provider_address, int protocol_version, int pid,
                               const std::string& socket_path) {
  // ordered_json keeps go-plugin's field order, which makes the output easy to compare by eye.
  nlohmann::ordered_json entry;
  entry["Protocol"] = "grpc";
  entry["ProtocolVersion"] = protocol_version;
  entry["Pid"] = pid;
  entry["Test"] = true;
  entry["Addr"] = {{"Network", "unix"}, {"String", socket_path}};
  nlohmann::ordered_json root;
  root[provider_address] = std::move(entry);
  return root.dump();
}

}  // namespace tfsdk::internal
