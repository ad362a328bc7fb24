// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// "x": a test provider for ephemeral resources and write-only attributes, backed by an
// in-memory vault that lives in the test process, so tests can see what the provider
// received and how often secrets were opened, renewed and closed.
//
//   ephemeral x_secret   length (validated: 4 to 64), prefix; result `value` (sensitive);
//                        keeps a lease id in its private state; Renew and Close count
//   resource  x_account  name, password_wo (write-only), password_version; Create/Update
//                        store the configured password_wo in the vault
#ifndef TFSDK_TESTS_EPHEMERAL_EPHEMERAL_PROVIDER_H_
#define TFSDK_TESTS_EPHEMERAL_EPHEMERAL_PROVIDER_H_

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "tfsdk/provider.h"

namespace ephemeral_test {

// The fake backend. Thread-safe.
class Vault {
 public:
  // Issues a secret of `length` characters starting with `prefix`; returns {lease, secret}.
  std::pair<std::string, std::string> Open(const std::string& prefix, int64_t length);
  void Renew(const std::string& lease);
  void Close(const std::string& lease);
  // What x_account received in password_wo, by account name (nullopt: it was null).
  void SetPassword(const std::string& account, std::optional<std::string> password);
  void DeleteAccount(const std::string& account);

  struct Observed {
    int opens = 0;
    int renews = 0;
    int closes = 0;
    std::set<std::string> open_leases;  // opened, not yet closed
    std::set<std::string> closed_leases;
    std::map<std::string, std::optional<std::string>> passwords;  // by account name
    int password_writes = 0;
    bool plan_saw_password = false;  // Create/Update saw password_wo non-null in req.plan
  };
  Observed observed() const;
  template <class F>
  void Observe(F&& f) {
    std::lock_guard<std::mutex> lock(mu_);
    f(observed_);
  }

 private:
  mutable std::mutex mu_;
  int next_lease_ = 1;
  Observed observed_;
};

std::unique_ptr<tfsdk::Provider> MakeProvider(std::shared_ptr<Vault> vault);

}  // namespace ephemeral_test

#endif  // TFSDK_TESTS_EPHEMERAL_EPHEMERAL_PROVIDER_H_
