// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// The go-plugin side services every plugin process hosts next to the provider service
// (package "plugin", proto/goplugin/*.proto), and the shutdown latch they share:
//
//   plugin.GRPCController/Shutdown  the client is done: stop serving and exit;
//   plugin.GRPCStdio/StreamStdio    the client listens for forwarded stdout/stderr; we forward
//                                   nothing (stray output goes to stderr, which Terraform
//                                   logs), so the stream stays open and quiet until shutdown;
//   plugin.GRPCBroker/StartStream   the client announces broker connections; providers never
//                                   use the broker, so the stream is accepted and drained.
//
// Facts: docs/PROTOCOL.md §2 (hashicorp/go-plugin grpc_controller.go, grpc_stdio.go,
// grpc_broker.go).
#ifndef TFSDK_SRC_PLUGIN_GO_PLUGIN_SERVICES_H_
#define TFSDK_SRC_PLUGIN_GO_PLUGIN_SERVICES_H_

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <set>

#include "goplugin/grpc_broker.grpc.pb.h"
#include "goplugin/grpc_controller.grpc.pb.h"
#include "goplugin/grpc_stdio.grpc.pb.h"
#include "grpcpp/grpcpp.h"

namespace tfsdk::internal {

// A one-way "serving -> stopping" switch for one plugin server.
//
// Thread-safe. Request() may be called from any thread, including gRPC handlers and the
// signal watcher, any number of times.
class ShutdownLatch {
 public:
  // `on_shutdown` (may be empty) runs exactly once, on the thread of the first Request(),
  // before waiters wake; it must not block for long and must not call back into the latch.
  explicit ShutdownLatch(std::function<void()> on_shutdown);
  ShutdownLatch(const ShutdownLatch&) = delete;
  ShutdownLatch& operator=(const ShutdownLatch&) = delete;

  // Asks the server to stop: runs on_shutdown (first call only; concurrent callers wait for
  // it), then marks the latch, cancels every tracked call and wakes every waiter.
  void Request();

  // True once Request() has completed its first run.
  bool requested() const;

  // Blocks until Request() has been called.
  void Wait() const;
  // As Wait(), giving up after `timeout`. Returns requested().
  bool WaitFor(std::chrono::milliseconds timeout) const;

  // Tracks a long-lived server call so Request() can cancel it (ServerContext::TryCancel).
  // If the latch is already requested the call is cancelled at once. Every tracked call must
  // be untracked before its handler returns.
  void TrackCall(grpc::ServerContext* context);
  void UntrackCall(grpc::ServerContext* context);

 private:
  std::function<void()> on_shutdown_;
  std::once_flag once_;
  mutable std::mutex mu_;
  mutable std::condition_variable cv_;
  bool requested_ = false;                // guarded by mu_
  std::set<grpc::ServerContext*> calls_;  // guarded by mu_
};

// plugin.GRPCController. Shutdown requests the latch and replies; whoever owns the server
// notices the latch and stops it (a handler cannot stop its own server).
class ControllerService final : public plugin::GRPCController::Service {
 public:
  explicit ControllerService(ShutdownLatch* latch) : latch_(latch) {}
  grpc::Status Shutdown(grpc::ServerContext* context, const plugin::Empty* request,
                        plugin::Empty* response) override;

 private:
  ShutdownLatch* latch_;  // not owned
};

// plugin.GRPCStdio. StreamStdio sends nothing and returns OK once the latch is requested, or
// CANCELLED once the client goes away.
class StdioService final : public plugin::GRPCStdio::Service {
 public:
  explicit StdioService(ShutdownLatch* latch) : latch_(latch) {}
  grpc::Status StreamStdio(grpc::ServerContext* context, const google::protobuf::Empty* request,
                           grpc::ServerWriter<plugin::StdioData>* writer) override;

 private:
  ShutdownLatch* latch_;  // not owned
};

// plugin.GRPCBroker. StartStream reads and ignores ConnInfo messages until the client half-
// closes (OK) or the latch cancels the call.
class BrokerService final : public plugin::GRPCBroker::Service {
 public:
  explicit BrokerService(ShutdownLatch* latch) : latch_(latch) {}
  grpc::Status StartStream(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<plugin::ConnInfo, plugin::ConnInfo>* stream) override;

 private:
  ShutdownLatch* latch_;  // not owned
};

}  // namespace tfsdk::internal

#endif  // TFSDK_SRC_PLUGIN_GO_PLUGIN_SERVICES_H_
