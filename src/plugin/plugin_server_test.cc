// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Tests of the plugin host. RunPluginServer owns its process (signals, stdout, exit), so it
// is tested in child processes: this binary re-executes itself with TFSDK_PLUGIN_TEST_CHILD_*
// in the environment, and its main() then serves instead of running tests (fork+exec rather
// than a bare fork: gRPC state must not be shared across fork). The parent plays Terraform:
// it reads the handshake line from the child's stdout and talks gRPC to the socket.
#include "src/plugin/plugin_server.h"

#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "goplugin/grpc_broker.grpc.pb.h"
#include "goplugin/grpc_controller.grpc.pb.h"
#include "goplugin/grpc_stdio.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "src/plugin/auto_mtls.h"
#include "src/plugin/handshake.h"
#include "src/plugin/plugin_test_util.h"
#include "tfplugin5.grpc.pb.h"
#include "tfplugin6.grpc.pb.h"

namespace tfsdk::internal {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// ---------------------------------------------------------------------------------------------
// The child side: a provider process serving do-nothing protocol services.

constexpr char kChildServeEnv[] = "TFSDK_PLUGIN_TEST_CHILD_SERVE";      // "5", "6" or "5,6"
constexpr char kChildHandlerEnv[] = "TFSDK_PLUGIN_TEST_CHILD_HANDLER";  // see ChildV6Service
constexpr char kOnShutdownMarker[] = "tfsdk-test: on_shutdown called\n";
constexpr char kTestAddress[] = "registry.terraform.io/tfsdk/test";

std::mutex g_child_mu;
std::condition_variable g_child_cv;
bool g_child_stopping = false;  // set by on_shutdown

// tfplugin6.Provider answering UNIMPLEMENTED, except GetProviderSchema, whose behaviour
// TFSDK_PLUGIN_TEST_CHILD_HANDLER selects:
//   ""            OK with an empty response;
//   "cooperative" blocks until on_shutdown runs or the call is cancelled, then CANCELLED;
//   "stuck"       ignores everything and sleeps for a minute.
class ChildV6Service final : public tfplugin6::Provider::Service {
 public:
  explicit ChildV6Service(std::string handler) : handler_(std::move(handler)) {}
  grpc::Status GetProviderSchema(grpc::ServerContext* context,
                                 const tfplugin6::GetProviderSchema::Request*,
                                 tfplugin6::GetProviderSchema::Response*) override {
    if (handler_ == "stuck") {
      std::this_thread::sleep_for(std::chrono::seconds(60));
      return grpc::Status::OK;
    }
    if (handler_ == "cooperative") {
      std::unique_lock<std::mutex> lock(g_child_mu);
      while (!g_child_stopping && !context->IsCancelled()) {
        g_child_cv.wait_for(lock, milliseconds(20));
      }
      return grpc::Status(grpc::StatusCode::CANCELLED, "stopped by on_shutdown");
    }
    return grpc::Status::OK;
  }

 private:
  std::string handler_;
};

int RunChild(int argc, char** argv) {
  const std::string serve = std::getenv(kChildServeEnv);
  const char* handler = std::getenv(kChildHandlerEnv);
  ChildV6Service v6(handler != nullptr ? handler : "");
  tfplugin5::Provider::Service v5;
  PluginServices services;
  if (serve.find('5') != std::string::npos) services.v5 = &v5;
  if (serve.find('6') != std::string::npos) services.v6 = &v6;
  services.on_shutdown = [] {
    (void)!write(STDERR_FILENO, kOnShutdownMarker, strlen(kOnShutdownMarker));
    std::lock_guard<std::mutex> lock(g_child_mu);
    g_child_stopping = true;
    g_child_cv.notify_all();
  };
  return RunPluginServer(services, kTestAddress, argc, argv);
}

// ---------------------------------------------------------------------------------------------
// The parent side.

std::string MakeTempDir() {
  const char* tmp = std::getenv("TMPDIR");
  std::string tmpl =
      std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/tfsdk-plugin-testXXXXXX";
  if (mkdtemp(tmpl.data()) == nullptr) ADD_FAILURE() << "mkdtemp: " << strerror(errno);
  return tmpl;
}

// A temporary directory removed (with its contents) at scope exit.
struct TempDir {
  std::string path = MakeTempDir();
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::vector<std::string> Entries() const {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(path, ec)) {
      names.push_back(e.path().filename().string());
    }
    return names;
  }
};

// This test binary running as a plugin child, stdout on a pipe, stderr in a file.
class Child {
 public:
  using Env = std::vector<std::pair<std::string, std::string>>;

  // Starts the child with the parent's environment minus every plugin-related variable,
  // plus `env`, and with `args` after argv[0].
  static std::unique_ptr<Child> Spawn(const Env& env, const std::vector<std::string>& args = {}) {
    auto child = std::unique_ptr<Child>(new Child());
    child->stderr_path_ = child->dir_.path + "/stderr";

    std::vector<std::string> env_strings;
    for (char** e = environ; *e != nullptr; ++e) {
      const std::string entry = *e;
      if (entry.rfind("TF_PLUGIN_MAGIC_COOKIE=", 0) == 0 || entry.rfind("PLUGIN_", 0) == 0 ||
          entry.rfind("TFSDK_PLUGIN_TEST_", 0) == 0 || entry.rfind("TF_REATTACH", 0) == 0) {
        continue;
      }
      env_strings.push_back(entry);
    }
    for (const auto& [k, v] : env) env_strings.push_back(k + "=" + v);
    std::vector<std::string> arg_strings = {"plugin_server_test"};
    arg_strings.insert(arg_strings.end(), args.begin(), args.end());

    // Everything the child needs is prepared before fork: after it, only async-signal-safe
    // calls until exec.
    std::vector<char*> envp, argv;
    for (auto& s : env_strings) envp.push_back(s.data());
    envp.push_back(nullptr);
    for (auto& s : arg_strings) argv.push_back(s.data());
    argv.push_back(nullptr);
    const std::string exe = std::filesystem::read_symlink("/proc/self/exe").string();
    int out[2];
    if (pipe2(out, O_CLOEXEC) != 0) {
      ADD_FAILURE() << "pipe2: " << strerror(errno);
      return nullptr;
    }
    const int err =
        open(child->stderr_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    const int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
    const pid_t pid = fork();
    if (pid == 0) {
      dup2(devnull, STDIN_FILENO);
      dup2(out[1], STDOUT_FILENO);
      dup2(err, STDERR_FILENO);
      execve(exe.c_str(), argv.data(), envp.data());
      _exit(127);
    }
    close(out[1]);
    close(err);
    close(devnull);
    child->pid_ = pid;
    child->stdout_fd_ = out[0];
    if (pid < 0) ADD_FAILURE() << "fork: " << strerror(errno);
    return child;
  }

  ~Child() {
    if (pid_ > 0 && !exit_code_.has_value()) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (stdout_fd_ >= 0) close(stdout_fd_);
  }

  pid_t pid() const { return pid_; }

  // Reads stdout up to and including the first '\n'; returns what arrived before EOF or
  // the timeout otherwise.
  std::string ReadStdoutLine(milliseconds timeout = milliseconds(20000)) {
    const auto deadline = Clock::now() + timeout;
    while (buffer_.find('\n') == std::string::npos && !eof_ && Clock::now() < deadline) {
      Fill(deadline);
    }
    const size_t nl = buffer_.find('\n');
    const size_t take = nl == std::string::npos ? buffer_.size() : nl + 1;
    std::string line = buffer_.substr(0, take);
    buffer_.erase(0, take);
    return line;
  }

  // Reads stdout until `needle` has arrived (or EOF/timeout); returns everything read.
  std::string ReadStdoutUntil(const std::string& needle,
                              milliseconds timeout = milliseconds(20000)) {
    const auto deadline = Clock::now() + timeout;
    while (buffer_.find(needle) == std::string::npos && !eof_ && Clock::now() < deadline) {
      Fill(deadline);
    }
    std::string all = std::move(buffer_);
    buffer_.clear();
    return all;
  }

  // Reads stdout until EOF. Sets *eof to whether EOF was seen before the timeout.
  std::string ReadStdoutToEof(bool* eof, milliseconds timeout = milliseconds(5000)) {
    const auto deadline = Clock::now() + timeout;
    while (!eof_ && Clock::now() < deadline) Fill(deadline);
    *eof = eof_;
    std::string rest = std::move(buffer_);
    buffer_.clear();
    return rest;
  }

  // The exit code, -signal if a signal ended it, nullopt if still running after `timeout`.
  std::optional<int> WaitForExit(milliseconds timeout = milliseconds(10000)) {
    if (exit_code_.has_value()) return exit_code_;
    const auto deadline = Clock::now() + timeout;
    while (true) {
      int status = 0;
      const pid_t r = waitpid(pid_, &status, WNOHANG);
      if (r == pid_) {
        exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
        return exit_code_;
      }
      if (r < 0 || Clock::now() >= deadline) return std::nullopt;
      std::this_thread::sleep_for(milliseconds(5));
    }
  }

  std::string Stderr() const {
    std::ifstream in(stderr_path_);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

 private:
  Child() = default;

  void Fill(Clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
    pollfd pfd{stdout_fd_, POLLIN, 0};
    if (poll(&pfd, 1, static_cast<int>(std::max<int64_t>(left.count(), 0))) <= 0) return;
    char buf[4096];
    const ssize_t n = read(stdout_fd_, buf, sizeof(buf));
    if (n > 0) {
      buffer_.append(buf, static_cast<size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      eof_ = true;
    }
  }

  TempDir dir_;
  std::string stderr_path_;
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::string buffer_;
  bool eof_ = false;
  std::optional<int> exit_code_;
};

// The handshake line split the way go-plugin's client splits it.
struct Handshake {
  int core_version = 0;
  int protocol_version = 0;
  std::string network;
  std::string address;
  std::string protocol;
  std::string cert;
};

std::optional<Handshake> ParseHandshake(const std::string& raw) {
  std::string line = raw;
  while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.pop_back();
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    const size_t bar = line.find('|', start);
    parts.push_back(line.substr(start, bar - start));
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  if (parts.size() != 6) return std::nullopt;
  Handshake h;
  try {
    h.core_version = std::stoi(parts[0]);
    h.protocol_version = std::stoi(parts[1]);
  } catch (...) {
    return std::nullopt;
  }
  h.network = parts[2];
  h.address = parts[3];
  h.protocol = parts[4];
  h.cert = parts[5];
  return h;
}

Child::Env HandshakeEnv(const std::string& serve, const std::string& socket_dir) {
  return {{kMagicCookieKey, kMagicCookieValue},
          {kChildServeEnv, serve},
          {kEnvUnixSocketDir, socket_dir}};
}

std::shared_ptr<grpc::Channel> PlainChannel(const std::string& socket) {
  return grpc::CreateChannel("unix:" + socket, grpc::InsecureChannelCredentials());
}

// A TLS channel trusting `server_cert_pem`, presenting `client` (if any).
std::shared_ptr<grpc::Channel> TlsChannel(const std::string& socket,
                                          const std::string& server_cert_pem,
                                          const AutoMtlsCertificate* client) {
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = server_cert_pem;
  if (client != nullptr) {
    ssl.pem_private_key = client->key_pem;
    ssl.pem_cert_chain = client->cert_pem;
  }
  grpc::ChannelArguments args;
  args.SetSslTargetNameOverride("localhost");
  return grpc::CreateCustomChannel("unix:" + socket, grpc::SslCredentials(ssl), args);
}

grpc::Status CallShutdown(grpc::Channel* channel) {
  auto stub = plugin::GRPCController::NewStub(
      std::shared_ptr<grpc::Channel>(channel, [](grpc::Channel*) {}));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  plugin::Empty request, response;
  return stub->Shutdown(&context, request, &response);
}

grpc::Status CallGetProviderSchema(grpc::Channel* channel,
                                   milliseconds timeout = milliseconds(5000)) {
  auto stub =
      tfplugin6::Provider::NewStub(std::shared_ptr<grpc::Channel>(channel, [](grpc::Channel*) {}));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + timeout);
  tfplugin6::GetProviderSchema::Request request;
  tfplugin6::GetProviderSchema::Response response;
  return stub->GetProviderSchema(&context, request, &response);
}

int CountOccurrences(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (size_t pos = haystack.find(needle); pos != std::string::npos;
       pos = haystack.find(needle, pos + needle.size())) {
    ++n;
  }
  return n;
}

mode_t PermissionBits(const std::string& path) {
  struct stat st {};
  if (lstat(path.c_str(), &st) != 0) return static_cast<mode_t>(-1);
  return st.st_mode & 07777;
}

bool IsSocket(const std::string& path) {
  struct stat st {};
  return lstat(path.c_str(), &st) == 0 && S_ISSOCK(st.st_mode);
}

bool Exists(const std::string& path) {
  struct stat st {};
  return lstat(path.c_str(), &st) == 0;
}

// Polls `predicate` every few milliseconds until it holds or `timeout` passes.
template <typename F>
bool Eventually(F predicate, milliseconds timeout = milliseconds(5000)) {
  const auto deadline = Clock::now() + timeout;
  while (!predicate()) {
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(milliseconds(5));
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// (1) The magic cookie.

struct CookieCase {
  std::string name;
  std::optional<std::string> cookie;
};

class CookieTest : public ::testing::TestWithParam<CookieCase> {};

TEST_P(CookieTest, WithoutTheCookieExitsOneWithAMessage) {
  TempDir sockets;
  Child::Env env = {{kChildServeEnv, "5,6"}, {kEnvUnixSocketDir, sockets.path}};
  if (GetParam().cookie) env.emplace_back(kMagicCookieKey, *GetParam().cookie);
  auto child = Child::Spawn(env);
  ASSERT_NE(child, nullptr);
  EXPECT_EQ(child->WaitForExit(), 1);
  bool eof = false;
  EXPECT_EQ(child->ReadStdoutToEof(&eof), "");
  EXPECT_TRUE(eof);
  EXPECT_THAT(child->Stderr(), HasSubstr("This binary is a plugin. These are not meant to be "
                                         "executed directly."));
  EXPECT_THAT(child->Stderr(), Not(HasSubstr(kOnShutdownMarker)));
  EXPECT_TRUE(sockets.Entries().empty()) << "no socket may be created";
}

INSTANTIATE_TEST_SUITE_P(Cases, CookieTest,
                         ::testing::Values(CookieCase{"Missing", std::nullopt},
                                           CookieCase{"Empty", ""},
                                           CookieCase{"Wrong", "d602bf8f"}),
                         [](const auto& info) { return info.param.name; });

// ---------------------------------------------------------------------------------------------
// (2) The handshake line.

struct HandshakeCase {
  std::string name;
  std::string serve;                    // versions the child serves
  std::optional<std::string> versions;  // PLUGIN_PROTOCOL_VERSIONS
  bool auto_mtls;
  int want_version;
};

class HandshakeTest : public ::testing::TestWithParam<HandshakeCase> {};

TEST_P(HandshakeTest, LineParsesAsGoPluginParsesIt) {
  const HandshakeCase& c = GetParam();
  TempDir sockets;
  Child::Env env = HandshakeEnv(c.serve, sockets.path);
  if (c.versions) env.emplace_back(kEnvProtocolVersions, *c.versions);
  absl::StatusOr<AutoMtlsCertificate> client_cert = GenerateAutoMtlsCertificate();
  ASSERT_TRUE(client_cert.ok());
  if (c.auto_mtls) env.emplace_back(kEnvClientCert, client_cert->cert_pem);
  auto child = Child::Spawn(env);
  ASSERT_NE(child, nullptr);

  const std::string line = child->ReadStdoutLine();
  ASSERT_THAT(line, ::testing::EndsWith("\n")) << "stderr: " << child->Stderr();
  std::optional<Handshake> h = ParseHandshake(line);
  ASSERT_TRUE(h.has_value()) << line;
  EXPECT_EQ(h->core_version, 1);
  EXPECT_EQ(h->protocol_version, c.want_version);
  EXPECT_EQ(h->network, "unix");
  EXPECT_EQ(h->protocol, "grpc");
  EXPECT_EQ(std::filesystem::path(h->address).parent_path(), sockets.path);
  EXPECT_THAT(std::filesystem::path(h->address).filename().string(), StartsWith("plugin"));
  EXPECT_TRUE(IsSocket(h->address));
  EXPECT_EQ(PermissionBits(h->address), 0600u);

  if (c.auto_mtls) {
    EXPECT_EQ(h->cert.find('='), std::string::npos) << "padding is not allowed";
    std::optional<std::string> der = testing::Base64RawStdDecode(h->cert);
    ASSERT_TRUE(der.has_value()) << h->cert;
    absl::StatusOr<testing::CertFacts> facts = testing::ReadCertFacts(*der);
    ASSERT_TRUE(facts.ok()) << facts.status();
    EXPECT_EQ(facts->key_type, "EC");
    EXPECT_EQ(facts->curve, "secp521r1");
    EXPECT_EQ(facts->common_name, "localhost");
    EXPECT_THAT(facts->dns_names, ::testing::ElementsAre("localhost"));
    EXPECT_TRUE(facts->is_ca);
  } else {
    EXPECT_EQ(h->cert, "");
    EXPECT_THAT(line, ::testing::EndsWith("|grpc|\n"));
  }

  // Nothing else ever reaches the original stdout: it is closed right after the line.
  bool eof = false;
  EXPECT_EQ(child->ReadStdoutToEof(&eof), "");
  EXPECT_TRUE(eof);

  // The server really serves the negotiated protocol version.
  std::shared_ptr<grpc::Channel> channel =
      c.auto_mtls ? TlsChannel(h->address, testing::DerToPem(*testing::Base64RawStdDecode(h->cert)),
                               &*client_cert)
                  : PlainChannel(h->address);
  absl::StatusOr<int> health = testing::CheckHealth(channel.get(), "plugin");
  ASSERT_TRUE(health.ok()) << health.status();
  EXPECT_EQ(*health, 1);
  const grpc::Status v6_call = CallGetProviderSchema(channel.get());
  if (c.want_version == 6) {
    EXPECT_EQ(v6_call.error_code(), grpc::StatusCode::OK) << v6_call.error_message();
  } else if (c.serve.find('6') == std::string::npos) {
    EXPECT_EQ(v6_call.error_code(), grpc::StatusCode::UNIMPLEMENTED);
  }

  // Hang up first, as Terraform does: an open connection would hold the stop for the grace
  // period (ShutdownTest covers that case).
  channel.reset();
  ASSERT_EQ(kill(child->pid(), SIGTERM), 0);
  EXPECT_EQ(child->WaitForExit(), 0) << child->Stderr();
  EXPECT_EQ(CountOccurrences(child->Stderr(), kOnShutdownMarker), 1);
  EXPECT_FALSE(Exists(h->address)) << "the socket is removed on exit";
}

INSTANTIATE_TEST_SUITE_P(Cases, HandshakeTest,
                         ::testing::Values(HandshakeCase{"Plain_56", "5,6", "5,6", false, 6},
                                           HandshakeCase{"Plain_65", "5,6", "6,5", false, 6},
                                           HandshakeCase{"Plain_ClientOnly5", "5,6", "5", false, 5},
                                           HandshakeCase{"Plain_Unset", "5,6", std::nullopt, false,
                                                         6},
                                           HandshakeCase{"Plain_ServeOnly5", "5", "5,6", false, 5},
                                           HandshakeCase{"Mtls_56", "5,6", "5,6", true, 6},
                                           HandshakeCase{"Mtls_ClientOnly5", "5,6", "5", true, 5},
                                           HandshakeCase{"Mtls_ServeOnly6", "6", "6,5", true, 6}),
                         [](const auto& info) { return info.param.name; });

TEST(SocketPlacementTest, DefaultsToTmpdir) {
  TempDir tmp;
  auto child = Child::Spawn(
      {{kMagicCookieKey, kMagicCookieValue}, {kChildServeEnv, "6"}, {"TMPDIR", tmp.path}});
  ASSERT_NE(child, nullptr);
  std::optional<Handshake> h = ParseHandshake(child->ReadStdoutLine());
  ASSERT_TRUE(h.has_value()) << child->Stderr();
  EXPECT_EQ(std::filesystem::path(h->address).parent_path(), tmp.path);
  EXPECT_TRUE(IsSocket(h->address));
  ASSERT_EQ(kill(child->pid(), SIGTERM), 0);
  EXPECT_EQ(child->WaitForExit(), 0);
  EXPECT_TRUE(tmp.Entries().empty());
}

TEST(SocketPlacementTest, MissingSocketDirExitsOne) {
  TempDir tmp;
  auto child = Child::Spawn(HandshakeEnv("6", tmp.path + "/does-not-exist"));
  ASSERT_NE(child, nullptr);
  EXPECT_EQ(child->WaitForExit(), 1);
  bool eof = false;
  EXPECT_EQ(child->ReadStdoutToEof(&eof), "");
  EXPECT_THAT(child->Stderr(), HasSubstr("does-not-exist"));
}

struct GroupCase {
  std::string name;
  std::string group;  // PLUGIN_UNIX_SOCKET_GROUP
  mode_t want_mode;
  bool want_warning;
};

class SocketGroupTest : public ::testing::TestWithParam<GroupCase> {};

// Our own primary group: the one group every user may hand a file to.
std::string OwnGroupName() {
  const group* g = getgrgid(getgid());
  return g != nullptr ? g->gr_name : std::to_string(getgid());
}

TEST_P(SocketGroupTest, SharesTheSocketWithTheGroup) {
  const GroupCase& c = GetParam();
  TempDir sockets;
  Child::Env env = HandshakeEnv("5,6", sockets.path);
  env.emplace_back(kEnvUnixSocketGroup, c.group);
  auto child = Child::Spawn(env);
  ASSERT_NE(child, nullptr);
  std::optional<Handshake> h = ParseHandshake(child->ReadStdoutLine());
  ASSERT_TRUE(h.has_value()) << child->Stderr();
  EXPECT_EQ(PermissionBits(h->address), c.want_mode);
  struct stat st {};
  ASSERT_EQ(lstat(h->address.c_str(), &st), 0);
  EXPECT_EQ(st.st_gid, getgid());
  EXPECT_EQ(child->Stderr().find(kEnvUnixSocketGroup) != std::string::npos, c.want_warning)
      << child->Stderr();
  absl::StatusOr<int> health = testing::CheckHealth(PlainChannel(h->address).get(), "plugin");
  ASSERT_TRUE(health.ok()) << health.status();
  ASSERT_EQ(kill(child->pid(), SIGTERM), 0);
  EXPECT_EQ(child->WaitForExit(), 0);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SocketGroupTest,
    ::testing::Values(GroupCase{"NumericGid", std::to_string(getgid()), 0660, false},
                      GroupCase{"GroupName", OwnGroupName(), 0660, false},
                      GroupCase{"UnknownGroup", "tfsdk-no-such-group", 0600, true}),
    [](const auto& info) { return info.param.name; });

TEST(HandshakeErrorsTest, NoCommonVersionExitsOne) {
  TempDir sockets;
  Child::Env env = HandshakeEnv("6", sockets.path);
  env.emplace_back(kEnvProtocolVersions, "4,5");
  auto child = Child::Spawn(env);
  ASSERT_NE(child, nullptr);
  EXPECT_EQ(child->WaitForExit(), 1);
  bool eof = false;
  EXPECT_EQ(child->ReadStdoutToEof(&eof), "");
  EXPECT_THAT(child->Stderr(), HasSubstr("no plugin protocol version in common"));
  EXPECT_TRUE(sockets.Entries().empty());
}

TEST(HandshakeErrorsTest, UnparsableClientCertExitsOne) {
  TempDir sockets;
  Child::Env env = HandshakeEnv("5,6", sockets.path);
  env.emplace_back(kEnvClientCert, "-----BEGIN CERTIFICATE-----\nbroken\n");
  auto child = Child::Spawn(env);
  ASSERT_NE(child, nullptr);
  EXPECT_EQ(child->WaitForExit(), 1);
  bool eof = false;
  EXPECT_EQ(child->ReadStdoutToEof(&eof), "");
  EXPECT_THAT(child->Stderr(), HasSubstr("PLUGIN_CLIENT_CERT"));
}

// ---------------------------------------------------------------------------------------------
// (3) AutoMTLS: only the certificate given in PLUGIN_CLIENT_CERT gets in.

TEST(AutoMtlsServeTest, OnlyTheAnnouncedClientCertificateIsAccepted) {
  TempDir sockets;
  absl::StatusOr<AutoMtlsCertificate> client_cert = GenerateAutoMtlsCertificate();
  absl::StatusOr<AutoMtlsCertificate> stranger_cert = GenerateAutoMtlsCertificate();
  ASSERT_TRUE(client_cert.ok() && stranger_cert.ok());
  Child::Env env = HandshakeEnv("5,6", sockets.path);
  env.emplace_back(kEnvProtocolVersions, "5,6");
  env.emplace_back(kEnvClientCert, client_cert->cert_pem);
  auto child = Child::Spawn(env);
  ASSERT_NE(child, nullptr);
  std::optional<Handshake> h = ParseHandshake(child->ReadStdoutLine());
  ASSERT_TRUE(h.has_value()) << child->Stderr();
  const std::string server_pem = testing::DerToPem(*testing::Base64RawStdDecode(h->cert));
  ASSERT_FALSE(server_pem.empty());

  // The right certificate: health answers SERVING for "plugin", the provider service is there.
  auto good = TlsChannel(h->address, server_pem, &*client_cert);
  absl::StatusOr<int> health = testing::CheckHealth(good.get(), "plugin");
  ASSERT_TRUE(health.ok()) << health.status();
  EXPECT_EQ(*health, 1);
  EXPECT_TRUE(CallGetProviderSchema(good.get()).ok());

  // Refused: no client certificate, a different certificate, or no TLS at all.
  const milliseconds quick(3000);
  auto no_cert = TlsChannel(h->address, server_pem, nullptr);
  EXPECT_FALSE(testing::CheckHealth(no_cert.get(), "plugin", quick).ok());
  auto stranger = TlsChannel(h->address, server_pem, &*stranger_cert);
  EXPECT_FALSE(testing::CheckHealth(stranger.get(), "plugin", quick).ok());
  auto plain = PlainChannel(h->address);
  EXPECT_FALSE(testing::CheckHealth(plain.get(), "plugin", quick).ok());
  // And the client refuses a server whose certificate is not the announced one.
  auto wrong_server = TlsChannel(h->address, stranger_cert->cert_pem, &*client_cert);
  EXPECT_FALSE(testing::CheckHealth(wrong_server.get(), "plugin", quick).ok());

  // The good connection is unaffected by the refused ones.
  health = testing::CheckHealth(good.get(), "plugin");
  ASSERT_TRUE(health.ok()) << health.status();
  EXPECT_EQ(*health, 1);

  EXPECT_TRUE(CallShutdown(good.get()).ok());
  EXPECT_EQ(child->WaitForExit(), 0) << child->Stderr();
}

// ---------------------------------------------------------------------------------------------
// (4) Stopping: GRPCController.Shutdown, SIGTERM, SIGINT.

struct RunningChild {
  std::unique_ptr<Child> child;
  Handshake handshake;
  std::shared_ptr<grpc::Channel> channel;
};

// A plaintext child serving 5 and 6 with the given GetProviderSchema behaviour.
std::optional<RunningChild> StartPlainChild(const TempDir& sockets,
                                            const std::string& handler = "") {
  Child::Env env = HandshakeEnv("5,6", sockets.path);
  env.emplace_back(kEnvProtocolVersions, "5,6");
  env.emplace_back(kChildHandlerEnv, handler);
  RunningChild r;
  r.child = Child::Spawn(env);
  if (r.child == nullptr) return std::nullopt;
  std::optional<Handshake> h = ParseHandshake(r.child->ReadStdoutLine());
  if (!h.has_value()) {
    ADD_FAILURE() << "no handshake; stderr: " << r.child->Stderr();
    return std::nullopt;
  }
  r.handshake = *h;
  r.channel = PlainChannel(h->address);
  return r;
}

TEST(ShutdownTest, ControllerShutdownStopsWithStreamsOpen) {
  TempDir sockets;
  std::optional<RunningChild> r = StartPlainChild(sockets);
  ASSERT_TRUE(r.has_value());

  // Like a go-plugin client: the stdio stream and the broker stream stay open throughout.
  std::atomic<int> stdio_messages{0};
  std::atomic<bool> stdio_done{false};
  std::atomic<bool> broker_done{false};
  grpc::ClientContext stdio_context;
  grpc::ClientContext broker_context;
  auto stdio_stub = plugin::GRPCStdio::NewStub(r->channel);
  auto broker_stub = plugin::GRPCBroker::NewStub(r->channel);
  std::thread stdio_reader([&] {
    google::protobuf::Empty request;
    auto reader = stdio_stub->StreamStdio(&stdio_context, request);
    plugin::StdioData data;
    while (reader->Read(&data)) ++stdio_messages;
    reader->Finish();
    stdio_done = true;
  });
  std::thread broker_client([&] {
    auto stream = broker_stub->StartStream(&broker_context);
    plugin::ConnInfo info;
    info.set_service_id(1);
    info.set_network("unix");
    info.set_address("/nonexistent");
    stream->Write(info);
    while (stream->Read(&info)) {
    }
    stream->Finish();
    broker_done = true;
  });

  // Both streams are open and quiet while the server runs.
  absl::StatusOr<int> health = testing::CheckHealth(r->channel.get(), "plugin");
  ASSERT_TRUE(health.ok()) << health.status();
  std::this_thread::sleep_for(milliseconds(300));
  EXPECT_EQ(stdio_messages.load(), 0);
  EXPECT_FALSE(stdio_done.load()) << "StreamStdio must stay open";
  EXPECT_FALSE(broker_done.load()) << "StartStream must stay open";
  EXPECT_THAT(r->child->Stderr(), Not(HasSubstr(kOnShutdownMarker)));

  const auto start = Clock::now();
  const grpc::Status shutdown = CallShutdown(r->channel.get());
  EXPECT_TRUE(shutdown.ok()) << shutdown.error_message();
  EXPECT_EQ(r->child->WaitForExit(), 0) << r->child->Stderr();
  EXPECT_LT(Clock::now() - start, milliseconds(1500));
  EXPECT_EQ(CountOccurrences(r->child->Stderr(), kOnShutdownMarker), 1);
  EXPECT_FALSE(Exists(r->handshake.address));

  stdio_reader.join();
  broker_client.join();
  EXPECT_EQ(stdio_messages.load(), 0);
}

TEST(ShutdownTest, InFlightRpcsAreCancelledThroughOnShutdown) {
  TempDir sockets;
  std::optional<RunningChild> r = StartPlainChild(sockets, "cooperative");
  ASSERT_TRUE(r.has_value());
  grpc::Status slow_status;
  std::atomic<bool> slow_done{false};
  std::thread slow([&] {
    slow_status = CallGetProviderSchema(r->channel.get(), milliseconds(20000));
    slow_done = true;
  });
  // Give the call time to reach its handler; it must not finish on its own.
  std::this_thread::sleep_for(milliseconds(300));
  EXPECT_FALSE(slow_done.load());

  const auto start = Clock::now();
  EXPECT_TRUE(CallShutdown(r->channel.get()).ok());
  EXPECT_EQ(r->child->WaitForExit(), 0) << r->child->Stderr();
  EXPECT_LT(Clock::now() - start, milliseconds(1500));
  slow.join();
  EXPECT_FALSE(slow_status.ok());
  EXPECT_EQ(CountOccurrences(r->child->Stderr(), kOnShutdownMarker), 1);
}

TEST(ShutdownTest, StuckHandlerDoesNotKeepTheProcessAlive) {
  TempDir sockets;
  std::optional<RunningChild> r = StartPlainChild(sockets, "stuck");
  ASSERT_TRUE(r.has_value());
  std::thread stuck([&] { CallGetProviderSchema(r->channel.get(), milliseconds(10000)); });
  std::this_thread::sleep_for(milliseconds(200));

  const auto start = Clock::now();
  CallShutdown(r->channel.get());
  EXPECT_EQ(r->child->WaitForExit(), 0) << r->child->Stderr();
  EXPECT_LT(Clock::now() - start, milliseconds(2000));
  EXPECT_THAT(r->child->Stderr(), HasSubstr("did not finish"));
  EXPECT_FALSE(Exists(r->handshake.address));
  stuck.join();
}

TEST(SignalTest, SigintIsIgnoredSigtermStops) {
  TempDir sockets;
  std::optional<RunningChild> r = StartPlainChild(sockets);
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(kill(r->child->pid(), SIGINT), 0);
  std::this_thread::sleep_for(milliseconds(200));
  EXPECT_EQ(r->child->WaitForExit(milliseconds(0)), std::nullopt) << "SIGINT must not stop it";
  absl::StatusOr<int> health = testing::CheckHealth(r->channel.get(), "plugin");
  ASSERT_TRUE(health.ok()) << health.status();
  EXPECT_EQ(*health, 1);
  EXPECT_THAT(r->child->Stderr(), Not(HasSubstr(kOnShutdownMarker)));

  ASSERT_EQ(kill(r->child->pid(), SIGTERM), 0);
  EXPECT_EQ(r->child->WaitForExit(), 0) << r->child->Stderr();
  EXPECT_EQ(CountOccurrences(r->child->Stderr(), kOnShutdownMarker), 1);
  EXPECT_FALSE(Exists(r->handshake.address));
}

// ---------------------------------------------------------------------------------------------
// --debug

TEST(DebugModeTest, PrintsReattachConfigAndStopsOnCtrlC) {
  TempDir tmp;
  // No cookie: debug mode is run by hand.
  auto child = Child::Spawn({{kChildServeEnv, "5,6"}, {"TMPDIR", tmp.path}}, {"--debug"});
  ASSERT_NE(child, nullptr);
  const std::string out = child->ReadStdoutUntil("Ctrl-C");
  const std::string prefix = "TF_REATTACH_PROVIDERS='";
  const size_t begin = out.find(prefix);
  ASSERT_NE(begin, std::string::npos) << out << "\nstderr: " << child->Stderr();
  const size_t end = out.find('\'', begin + prefix.size());
  ASSERT_NE(end, std::string::npos) << out;
  const nlohmann::json reattach =
      nlohmann::json::parse(out.substr(begin + prefix.size(), end - begin - prefix.size()));
  ASSERT_TRUE(reattach.contains(kTestAddress)) << reattach.dump();
  const nlohmann::json& entry = reattach[kTestAddress];
  EXPECT_EQ(entry["Protocol"], "grpc");
  EXPECT_EQ(entry["ProtocolVersion"], 6);
  EXPECT_EQ(entry["Pid"], child->pid());
  EXPECT_EQ(entry["Test"], true);
  EXPECT_EQ(entry["Addr"]["Network"], "unix");
  const std::string socket = entry["Addr"]["String"];
  EXPECT_THAT(socket, StartsWith(tmp.path + "/"));
  EXPECT_TRUE(IsSocket(socket));
  EXPECT_EQ(PermissionBits(std::filesystem::path(socket).parent_path()), 0700u);

  auto channel = PlainChannel(socket);
  absl::StatusOr<int> health = testing::CheckHealth(channel.get(), "plugin");
  ASSERT_TRUE(health.ok()) << health.status();
  EXPECT_EQ(*health, 1);

  ASSERT_EQ(kill(child->pid(), SIGINT), 0);
  EXPECT_EQ(child->WaitForExit(), 0) << child->Stderr();
  EXPECT_EQ(CountOccurrences(child->Stderr(), kOnShutdownMarker), 1);
  EXPECT_FALSE(Exists(socket));
  EXPECT_TRUE(tmp.Entries().empty()) << "the private socket directory is removed";
}

// ---------------------------------------------------------------------------------------------
// (5) InProcessPluginServer.

class CountingServices {
 public:
  PluginServices Services(bool v5, bool v6) {
    PluginServices s;
    if (v5) s.v5 = &v5_;
    if (v6) s.v6 = &v6_;
    s.on_shutdown = [this] { ++shutdown_calls_; };
    return s;
  }
  int shutdown_calls() const { return shutdown_calls_.load(); }

 private:
  tfplugin5::Provider::Service v5_;
  ChildV6Service v6_{""};
  std::atomic<int> shutdown_calls_{0};
};

TEST(InProcessPluginServerTest, ServesHealthOverPlaintextUnixSocket) {
  CountingServices services;
  absl::StatusOr<std::unique_ptr<InProcessPluginServer>> server =
      InProcessPluginServer::Start(services.Services(true, true));
  ASSERT_TRUE(server.ok()) << server.status();
  const std::string socket = (*server)->socket_path();
  const std::string dir = std::filesystem::path(socket).parent_path().string();
  EXPECT_EQ((*server)->protocol_version(), 6);
  EXPECT_TRUE(IsSocket(socket));
  EXPECT_EQ(PermissionBits(dir), 0700u);
  EXPECT_EQ(PermissionBits(socket), 0600u);

  auto channel = PlainChannel(socket);
  absl::StatusOr<int> health = testing::CheckHealth(channel.get(), "plugin");
  ASSERT_TRUE(health.ok()) << health.status();
  EXPECT_EQ(*health, 1);
  EXPECT_TRUE(CallGetProviderSchema(channel.get()).ok());
  EXPECT_EQ(services.shutdown_calls(), 0);

  (*server)->Shutdown();
  EXPECT_EQ(services.shutdown_calls(), 1);
  EXPECT_FALSE(Exists(socket));
  EXPECT_FALSE(Exists(dir));
  (*server)->Shutdown();
  server->reset();
  EXPECT_EQ(services.shutdown_calls(), 1) << "on_shutdown runs once";
  EXPECT_FALSE(testing::CheckHealth(PlainChannel(socket).get(), "plugin", milliseconds(500)).ok());
}

TEST(InProcessPluginServerTest, UsesTheGivenDirectory) {
  TempDir dir;
  CountingServices services;
  absl::StatusOr<std::unique_ptr<InProcessPluginServer>> server =
      InProcessPluginServer::Start(services.Services(true, false), dir.path);
  ASSERT_TRUE(server.ok()) << server.status();
  const std::filesystem::path socket = (*server)->socket_path();
  EXPECT_EQ(socket.parent_path(), dir.path);
  EXPECT_THAT(socket.filename().string(), StartsWith("plugin"));
  EXPECT_EQ(PermissionBits(socket), 0600u);
  EXPECT_EQ((*server)->protocol_version(), 5);
  auto channel = PlainChannel(socket);
  absl::StatusOr<int> health = testing::CheckHealth(channel.get(), "plugin");
  ASSERT_TRUE(health.ok()) << health.status();
  EXPECT_EQ(*health, 1);
  // Only v5 is served here.
  EXPECT_EQ(CallGetProviderSchema(channel.get()).error_code(), grpc::StatusCode::UNIMPLEMENTED);
  server->reset();  // the destructor shuts down
  EXPECT_EQ(services.shutdown_calls(), 1);
  EXPECT_FALSE(Exists(socket));
  EXPECT_TRUE(Exists(dir.path)) << "a directory we did not create is left alone";
}

TEST(InProcessPluginServerTest, ControllerShutdownStopsTheServerNotTheProcess) {
  CountingServices services;
  absl::StatusOr<std::unique_ptr<InProcessPluginServer>> server =
      InProcessPluginServer::Start(services.Services(false, true));
  ASSERT_TRUE(server.ok()) << server.status();
  const std::string socket = (*server)->socket_path();
  auto channel = PlainChannel(socket);
  EXPECT_TRUE(CallShutdown(channel.get()).ok());
  EXPECT_TRUE(Eventually([&] { return !Exists(socket); }));
  EXPECT_EQ(services.shutdown_calls(), 1);
  (*server)->Shutdown();
  EXPECT_EQ(services.shutdown_calls(), 1);
}

TEST(InProcessPluginServerTest, RequiresAProviderService) {
  absl::StatusOr<std::unique_ptr<InProcessPluginServer>> server =
      InProcessPluginServer::Start(PluginServices{});
  ASSERT_FALSE(server.ok());
  EXPECT_EQ(server.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(InProcessPluginServerTest, AcceptsLargeMessages) {
  // 256 MiB limits: a 10 MiB request (over gRPC's 4 MiB default) must get through.
  CountingServices services;
  absl::StatusOr<std::unique_ptr<InProcessPluginServer>> server =
      InProcessPluginServer::Start(services.Services(false, true));
  ASSERT_TRUE(server.ok()) << server.status();
  grpc::ChannelArguments args;
  args.SetMaxSendMessageSize(64 << 20);
  auto channel = grpc::CreateCustomChannel("unix:" + (*server)->socket_path(),
                                           grpc::InsecureChannelCredentials(), args);
  auto stub = tfplugin6::Provider::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  tfplugin6::ValidateProviderConfig::Request request;
  request.mutable_config()->set_msgpack(std::string(10 << 20, 'x'));
  tfplugin6::ValidateProviderConfig::Response response;
  const grpc::Status status = stub->ValidateProviderConfig(&context, request, &response);
  // The service does not implement it: UNIMPLEMENTED proves the message was accepted.
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNIMPLEMENTED) << status.error_message();
}

// ---------------------------------------------------------------------------------------------
// (6) ReattachConfigJson.

struct ReattachCase {
  std::string name;
  std::string address;
  int version;
  int pid;
  std::string socket;
};

class ReattachConfigTest : public ::testing::TestWithParam<ReattachCase> {};

TEST_P(ReattachConfigTest, ParsesWithTheFieldsTerraformReads) {
  const ReattachCase& c = GetParam();
  const nlohmann::json parsed =
      nlohmann::json::parse(ReattachConfigJson(c.address, c.version, c.pid, c.socket));
  ASSERT_TRUE(parsed.is_object());
  ASSERT_EQ(parsed.size(), 1u);
  ASSERT_TRUE(parsed.contains(c.address));
  const nlohmann::json& e = parsed[c.address];
  EXPECT_EQ(e.size(), 5u) << e.dump();
  EXPECT_EQ(e["Protocol"], "grpc");
  EXPECT_EQ(e["ProtocolVersion"], c.version);
  EXPECT_EQ(e["Pid"], c.pid);
  EXPECT_EQ(e["Test"], true);
  EXPECT_EQ(e["Addr"], (nlohmann::json{{"Network", "unix"}, {"String", c.socket}}));
}

INSTANTIATE_TEST_SUITE_P(Cases, ReattachConfigTest,
                         ::testing::Values(ReattachCase{"V6", "registry.terraform.io/tfsdk/local",
                                                        6, 123, "/tmp/plugin1"},
                                           ReattachCase{"V5OpenTofu",
                                                        "registry.opentofu.org/tfsdk/local", 5,
                                                        99999, "/tmp/d/plugin.sock"},
                                           ReattachCase{"Escaping", "example.com/a\"b/c\\d", 6, 1,
                                                        "/tmp/we\"ird\\path\n"}),
                         [](const auto& info) { return info.param.name; });

TEST(ReattachConfigTest, ExactShape) {
  EXPECT_EQ(ReattachConfigJson("registry.terraform.io/tfsdk/local", 6, 123, "/tmp/plugin1"),
            R"({"registry.terraform.io/tfsdk/local":{"Protocol":"grpc","ProtocolVersion":6,)"
            R"("Pid":123,"Test":true,"Addr":{"Network":"unix","String":"/tmp/plugin1"}}})");
}

}  // namespace
}  // namespace tfsdk::internal

// This file brings its own main (instead of gtest_main) so that the same binary can serve as
// the plugin child: with TFSDK_PLUGIN_TEST_CHILD_SERVE set it runs RunPluginServer and exits
// with its result, exactly as a provider's main would.
int main(int argc, char** argv) {
  if (std::getenv(tfsdk::internal::kChildServeEnv) != nullptr) {
    return tfsdk::internal::RunChild(argc, argv);
  }
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
