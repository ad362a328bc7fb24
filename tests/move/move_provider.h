// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// "x": a test provider for moving state between resource types, generated configuration
// and deferred actions, backed by an in-memory store that lives in the test process.
//
//   resource x_old   id (computed), label, size; the type being retired
//   resource x_new   id (computed), name, size, note, version (computed); takes over the
//                    state of x_old (from this provider only) and of legacy_thing from
//                    the provider registry.terraform.io/acme/legacy (raw JSON, no source
//                    schema); GenerateConfig writes note = "imported" when it is unset
//   data     x_info  id -> name, size of a stored object
// Both resources import by id. Provider attribute `defer_all` (bool): Configure defers
// every resource and data source (reason "provider config unknown") when Terraform allows it.
#ifndef TFSDK_TESTS_MOVE_MOVE_PROVIDER_H_
#define TFSDK_TESTS_MOVE_MOVE_PROVIDER_H_

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "tfsdk/provider.h"

namespace move_test {

// The fake backend. Thread-safe.
class Store {
 public:
  struct Object {
    std::string name;
    std::optional<int64_t> size;
    int64_t version = 1;
  };
  void Put(const std::string& id, Object object);
  std::optional<Object> Get(const std::string& id) const;
  void Erase(const std::string& id);
  size_t size() const;

  // What the movers received, for the tests.
  struct Moves {
    int count = 0;
    std::string last_source_address;
    std::string last_source_type;
    std::string last_source_private;  // raw bytes
  };
  Moves moves() const;
  void RecordMove(const std::string& address, const std::string& type,
                  const std::string& private_raw);

 private:
  mutable std::mutex mu_;
  std::map<std::string, Object> objects_;
  Moves moves_;
};

// The schema of x_old (the source schema of x_new's first mover).
tfsdk::Schema OldSchema();

std::unique_ptr<tfsdk::Provider> MakeProvider(std::shared_ptr<Store> store);

}  // namespace move_test

#endif  // TFSDK_TESTS_MOVE_MOVE_PROVIDER_H_
