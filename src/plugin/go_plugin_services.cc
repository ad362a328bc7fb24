// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
#include "src/plugin/go_plugin_services.h"

#include <utility>

namespace tfsdk::internal {

ShutdownLatch::ShutdownLatch(std::function<void()> on_shutdown)
    : on_shutdown_(std::move(on_shutdown)) {}

void ShutdownLatch::Request() {
  std::call_once(once_, [this] {
    if (on_shutdown_) {
      // The hook belongs to the engine; whatever it throws must not keep the server running.
      try {
        on_shutdown_();
      } catch (...) {
      }
    }
    std::lock_guard<std::mutex> lock(mu_);
    requested_ = true;
    for (grpc::ServerContext* call : calls_) call->TryCancel();
    cv_.notify_all();
  });
}

bool ShutdownLatch::requested() const {
  std::lock_guard<std::mutex> lock(mu_);
  return requested_;
}

void ShutdownLatch::Wait() const {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [this] { return requested_; });
}

bool ShutdownLatch::WaitFor(std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(mu_);
  return cv_.wait_for(lock, timeout, [this] { return requested_; });
}

void ShutdownLatch::TrackCall(grpc::ServerContext* context) {
  std::lock_guard<std::mutex> lock(mu_);
  if (requested_) {
    context->TryCancel();
    return;
  }
  calls_.insert(context);
}

void ShutdownLatch::UntrackCall(grpc::ServerContext* context) {
  std::lock_guard<std::mutex> lock(mu_);
  calls_.erase(context);
}

grpc::Status ControllerService::Shutdown(grpc::ServerContext* /*context*/,
                                         const plugin::Empty* /*request*/,
                                         plugin::Empty* /*response*/) {
  latch_->Request();
  return grpc::Status::OK;
}

grpc::Status StdioService::StreamStdio(grpc::ServerContext* context,
                                       const google::protobuf::Empty* /*request*/,
                                       grpc::ServerWriter<plugin::StdioData>* /*writer*/) {
  // The latch wakes us at once on shutdown; the poll only notices a client that went away,
  // so this thread does not linger for the life of the process.
  while (!latch_->WaitFor(std::chrono::milliseconds(200))) {
    if (context->IsCancelled()) return grpc::Status::CANCELLED;
  }
  return grpc::Status::OK;
}

grpc::Status BrokerService::StartStream(
    grpc::ServerContext* context,
    grpc::ServerReaderWriter<plugin::ConnInfo, plugin::ConnInfo>* stream) {
  latch_->TrackCall(context);
  plugin::ConnInfo ignored;
  while (stream->Read(&ignored)) {
  }
  latch_->UntrackCall(context);
  return context->IsCancelled() ? grpc::Status::CANCELLED : grpc::Status::OK;
}

}  // namespace tfsdk::internal
