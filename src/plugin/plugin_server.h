// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// The plugin host: serves already-built gRPC provider services the way a go-plugin plugin
// does, so Terraform and OpenTofu can launch or attach to the process. It knows nothing of
// the provider protocol itself; src/protocol/ builds the services.
//
//   int main(int argc, char** argv) {            // what tfsdk::Serve does, in essence
//     ProviderV6Service v6(...);                 // a tfplugin6.Provider grpc::Service
//     return RunPluginServer({.v6 = &v6, .on_shutdown = [&] { engine.Stop(); }},
//                            "registry.terraform.io/tfsdk/local", argc, argv);
//   }
//
// Three ways to serve:
//   - launched by Terraform/OpenTofu (RunPluginServer): magic cookie check, protocol
//     negotiation, unix socket, AutoMTLS, the handshake line on stdout;
//   - `--debug` (RunPluginServer): no handshake, plaintext; prints TF_REATTACH_PROVIDERS for a
//     human to paste; stops on Ctrl-C;
//   - in-process for tests (InProcessPluginServer): plaintext on a private unix socket that a
//     real binary reaches through TF_REATTACH_PROVIDERS (ReattachConfigJson).
// Every mode also hosts grpc.health.v1.Health (service "plugin" SERVING) and the go-plugin
// side services (go_plugin_services.h), with 256 MiB message limits.
//
// Facts: docs/PROTOCOL.md §2 and §3.
#ifndef TFSDK_SRC_PLUGIN_PLUGIN_SERVER_H_
#define TFSDK_SRC_PLUGIN_PLUGIN_SERVER_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace grpc {
class Service;
}  // namespace grpc

namespace tfsdk::internal {

// What to serve. At least one of v5/v6 must be set. The services are not owned and must
// outlive the server; they must be thread-safe (RPCs arrive concurrently).
struct PluginServices {
  // The tfplugin5.Provider service, if protocol 5 is served.
  grpc::Service* v5 = nullptr;
  // The tfplugin6.Provider service, if protocol 6 is served.
  grpc::Service* v6 = nullptr;
  // Called exactly once when the server is asked to stop (GRPCController.Shutdown, SIGTERM,
  // Ctrl-C in debug mode, InProcessPluginServer::Shutdown), before the gRPC server stops;
  // used to cancel in-flight work so handlers return quickly. Runs on the thread that asked
  // (possibly a gRPC handler thread): it must not block for long. May be empty.
  std::function<void()> on_shutdown;
};

// The process entry point; returns the exit code for main to return.
//
// Without `--debug` in argv (the normal launch by Terraform/OpenTofu):
//   1. SIGINT is ignored (the client sends StopProvider/Shutdown instead).
//   2. TF_PLUGIN_MAGIC_COOKIE must hold the Terraform cookie, else a message on stderr and 1.
//   3. The protocol version is negotiated from PLUGIN_PROTOCOL_VERSIONS (see
//      NegotiateProtocolVersion); nothing in common: a message on stderr and 1.
//   4. The socket is created in PLUGIN_UNIX_SOCKET_DIR, else $TMPDIR, else /tmp, named
//      "plugin" + random, owner-only (0600; 0660 and group-owned when PLUGIN_UNIX_SOCKET_GROUP
//      names a group), removed on exit.
//   5. With PLUGIN_CLIENT_CERT: TLS with a fresh P-521 certificate, the client must present
//      that certificate. Without it: plaintext.
//   6. The handshake line is printed and flushed; it is the only thing ever written to the
//      original stdout: fd 1 is then pointed at stderr, so stray prints land in the log.
//   7. Serves until GRPCController.Shutdown or SIGTERM: runs on_shutdown, gives in-flight
//      RPCs a short grace period (then cancels them), removes the socket and returns 0.
//      Handlers that ignore cancellation do not keep the process alive: about one second
//      after the stop request the process exits with status 0 regardless.
// With `--debug` (also `-debug`, `--debug=true`): no cookie, no negotiation (the highest
// version served), plaintext on a socket in a fresh private directory under $TMPDIR, a
// ready-to-paste TF_REATTACH_PROVIDERS message for `provider_address` on stdout; serves until
// SIGINT, SIGTERM or GRPCController.Shutdown, then returns 0.
// Startup failures (socket, TLS) print a message on stderr and return 1.
//
// REQUIRES: called once per process, from the main thread, before other threads that care
// about signal dispositions exist. Installs handlers for SIGTERM (and SIGINT in debug mode)
// while it runs.
int RunPluginServer(const PluginServices& services, const std::string& provider_address, int argc,
                    char** argv);

// A plugin server inside the calling process, for tests: plaintext, no handshake, no
// cookie, no signal handling. Point Terraform/OpenTofu at it with ReattachConfigJson.
//
// Thread-safe. A GRPCController.Shutdown call stops the gRPC server (the socket goes away)
// but not the process.
class InProcessPluginServer {
 public:
  // Starts serving `services` (which must outlive the server). The socket is created
  // directly in `dir` (which should be private to the user) with a fresh "plugin…" name, or,
  // when `dir` is empty, in a fresh 0700 directory under $TMPDIR (removed again on Shutdown).
  static absl::StatusOr<std::unique_ptr<InProcessPluginServer>> Start(
      const PluginServices& services, std::string dir = {});

  InProcessPluginServer(const InProcessPluginServer&) = delete;
  InProcessPluginServer& operator=(const InProcessPluginServer&) = delete;
  // Calls Shutdown().
  ~InProcessPluginServer();

  // Absolute path of the unix socket (valid until Shutdown).
  const std::string& socket_path() const;
  // The highest protocol version served (6 when v6 is set, else 5): what goes in
  // ReattachConfigJson.
  int protocol_version() const;

  // Runs on_shutdown (if not yet run), stops the gRPC server (in-flight RPCs get a short
  // grace period, then are cancelled), waits for every handler to return and removes the
  // socket (and the directory Start created). Idempotent.
  // REQUIRES: not called from inside an RPC handler of this server.
  void Shutdown();

 private:
  class Impl;
  explicit InProcessPluginServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The TF_REATTACH_PROVIDERS value for one provider served on `socket_path`:
// {"<address>":{"Protocol":"grpc","ProtocolVersion":N,"Pid":P,"Test":true,
//               "Addr":{"Network":"unix","String":"<socket_path>"}}}
// "Test": true tells Terraform the process is not its own (no Shutdown, and protocol 6 is
// honoured). Strings are JSON-escaped.
std::string ReattachConfigJson(const std::string& provider_address, int protocol_version, int pid,
                               const std::string& socket_path);

}  // namespace tfsdk::internal

#endif  // TFSDK_SRC_PLUGIN_PLUGIN_SERVER_H_
