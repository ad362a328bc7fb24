// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// "idt": an in-memory test provider for resource identity (Terraform 1.12+). Its one
// resource, idt_thing, is named by {name, region}: name is required for import, region
// optional (Read completes it). The identity schema is at version 1; version 0 stored the
// name as "thing" and is upgraded by an identity upgrader. The list resource idt_thing
// (`terraform query`) lists the things of a region (config { region = "eu" }).
//
//   resource "idt_thing" "a" {
//     name    = "alpha"      # forces replacement
//     region  = "eu"
//     content = "hello"      # updated in place
//   }
#ifndef TFSDK_TESTS_IDENTITY_IDENTITY_PROVIDER_H_
#define TFSDK_TESTS_IDENTITY_IDENTITY_PROVIDER_H_

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "tfsdk/provider.h"

namespace identity_test {

struct Thing {
  std::string region;
  std::string content;
};

// The "remote" objects, by name. Thread-safe.
class Store {
 public:
  void Put(const std::string& name, Thing thing);
  std::optional<Thing> Get(const std::string& name) const;
  void Delete(const std::string& name);
  // Every object, by name.
  std::map<std::string, Thing> All() const;
  // How many times an identity upgrader ran.
  int identity_upgrades() const;
  void CountIdentityUpgrade();

 private:
  mutable std::mutex mu_;
  std::map<std::string, Thing> things_;
  int identity_upgrades_ = 0;
};

std::unique_ptr<tfsdk::Provider> MakeProvider(std::shared_ptr<Store> store);

}  // namespace identity_test

#endif  // TFSDK_TESTS_IDENTITY_IDENTITY_PROVIDER_H_
