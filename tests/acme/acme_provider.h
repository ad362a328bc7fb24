// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// "acme": a test provider that exercises every feature of the author API (issue 4) against
// an in-memory cloud. The cloud lives in the test process (acceptance tests serve the
// provider in-process), so tests can seed it, change it out of band and inspect what the
// provider saw.
//
//   resource acme_server       models, validators, defaults, plan modifiers, ModifyPlan
//                              (incl. destroy protection), private state, timeouts, import,
//                              state upgrades from versions 0 (JSON/flatmap) and 1
//   resource acme_broken       deliberately wrong callbacks (inconsistent results, throws)
//   data     acme_server_info  validators, ExactlyOneOf, ValidateConfig
//   provider                   configuration with validators, a typed client, provider_meta
#ifndef TFSDK_TESTS_ACME_ACME_PROVIDER_H_
#define TFSDK_TESTS_ACME_ACME_PROVIDER_H_

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "tfsdk/provider.h"

namespace acme {

struct Rule {
  int64_t port = 0;
  std::string protocol;
  std::string rule_id;
};

struct Disk {
  int64_t size_gb = 0;
  std::string label;
};

struct ServerRecord {
  std::string id;
  std::string name;
  std::string zone;
  std::string size;
  std::optional<std::string> image;
  std::optional<int64_t> port;
  std::optional<std::string> socket;
  std::string region;
  std::string created_at;
  std::string updated_at;
  bool protect = false;
  std::map<std::string, std::string> tags;
  std::vector<Rule> rules;
  std::vector<Disk> disks;
  std::string etag;
};

// The fake API. Thread-safe.
class Cloud {
 public:
  std::optional<ServerRecord> Get(const std::string& id) const;
  std::optional<ServerRecord> FindByName(const std::string& name) const;
  // Assigns id (if empty), etag and timestamps; returns the stored record.
  ServerRecord Put(ServerRecord r);
  bool Delete(const std::string& id);
  // Out-of-band changes, as a practitioner clicking in a console would.
  void Seed(const ServerRecord& r);
  size_t Count() const;

  // What the provider saw, for assertions.
  struct Observed {
    std::string provider_meta_module;    // module_name from provider_meta at the last Create
    std::string configured_region;       // region the provider was configured with
    std::chrono::nanoseconds create_timeout{0};  // timeouts.create at the last Create
    std::string read_etag;               // private-state etag seen by the last Read
    std::string update_etag;             // private-state etag seen by the last Update
    int creates = 0;
    int upgrades = 0;
  };
  Observed observed() const;
  template <class F>
  void Observe(F&& f) {
    std::lock_guard<std::mutex> lock(mu_);
    f(observed_);
  }

 private:
  mutable std::mutex mu_;
  std::map<std::string, ServerRecord> servers_;
  int next_id_ = 1;
  int clock_ = 0;
  Observed observed_;
};

// The provider, backed by `cloud`.
std::unique_ptr<tfsdk::Provider> MakeProvider(std::shared_ptr<Cloud> cloud);

}  // namespace acme

#endif  // TFSDK_TESTS_ACME_ACME_PROVIDER_H_
