// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// tfsdk::CancellationToken — tells a running callback that Terraform asked the provider to
// stop (StopProvider, e.g. on Ctrl-C) so long operations can give up early.
//
//   while (!req.cancel.cancelled()) { ... poll the API ... }
//
// Thread-safe. A default-constructed token is never cancelled.
#ifndef TFSDK_CANCELLATION_H_
#define TFSDK_CANCELLATION_H_

#include <atomic>
#include <memory>

namespace tfsdk {

class CancellationToken {
 public:
  CancellationToken() : flag_(std::make_shared<std::atomic<bool>>(false)) {}
  bool cancelled() const { return flag_->load(std::memory_order_acquire); }
  // Marks this token, and every copy of it, cancelled.
  void Cancel() const { flag_->store(true, std::memory_order_release); }

 private:
  std::shared_ptr<std::atomic<bool>> flag_;
};

}  // namespace tfsdk

#endif  // TFSDK_CANCELLATION_H_
