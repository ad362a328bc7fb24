// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// "x": a test provider for actions and state stores. Its backend lives in the test process,
// so tests see every invocation the provider received.
//
//   action    x_notify  message (required, 1 to 64 characters), channel (optional; Plan
//                       refuses "closed"), fail (optional: "error" reports an error,
//                       "throw" throws); Invoke sends two progress messages, then records
//                       the notification
//   resource  x_thing   name; id computed ("thing-<name>")
//   state     x_fs      directory (required): each state is <directory>/<id>.tfstate, its
//   store               lock <directory>/<id>.tflock (created exclusively, so a second lock
//                       fails naming the holder, also across processes)
#ifndef TFSDK_TESTS_ACTIONS_ACTIONS_PROVIDER_H_
#define TFSDK_TESTS_ACTIONS_ACTIONS_PROVIDER_H_

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "tfsdk/provider.h"

namespace actions_test {

// What the provider did. Thread-safe.
class Backend {
 public:
  struct Notification {
    std::string channel;
    std::string message;
  };
  void Notify(Notification n);
  void CountPlan();
  std::vector<Notification> notifications() const;
  int plans() const;

 private:
  mutable std::mutex mu_;
  std::vector<Notification> notifications_;
  int plans_ = 0;
};

// The two progress messages x_notify sends for `message` on `channel`.
std::string ProgressSending(const std::string& channel);
std::string ProgressDelivered(const std::string& message);

std::unique_ptr<tfsdk::Provider> MakeProvider(std::shared_ptr<Backend> backend);

}  // namespace actions_test

#endif  // TFSDK_TESTS_ACTIONS_ACTIONS_PROVIDER_H_
