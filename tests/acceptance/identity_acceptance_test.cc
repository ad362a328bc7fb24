// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Acceptance tests of resource identity with the "idt" test provider (tests/identity/):
// identity stored on create and kept on update, visible in `show -json`, import by
// identity with an `import { identity = {...} }` block, and the upgrade of an identity
// stored at an older identity schema version.

#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "identity_provider.h"
#include "src/testing/command.h"
#include "tfsdk/testing/acceptance.h"

namespace {

using tfsdk::testing::Check;
using tfsdk::testing::CheckAttr;
using tfsdk::testing::CheckFunc;
using tfsdk::testing::Step;
using tfsdk::testing::TestCase;
using tfsdk::testing::WorkingDir;

std::string Thing(const std::string& label, const std::string& name, const std::string& region,
                  const std::string& content) {
  return "resource \"idt_thing\" \"" + label + "\" {\n  name    = \"" + name +
         "\"\n  region  = \"" + region + "\"\n  content = \"" + content + "\"\n}\n";
}

// The resource's entry in `show -json` (values.root_module.resources), or null.
nlohmann::json FindResource(const std::string& show_json, const std::string& address) {
  nlohmann::json doc = nlohmann::json::parse(show_json, nullptr, false);
  if (doc.is_discarded()) return nullptr;
  const nlohmann::json* resources = nullptr;
  if (doc.contains("values") && doc["values"].contains("root_module")) {
    const nlohmann::json& root = doc["values"]["root_module"];
    if (root.contains("resources")) resources = &root["resources"];
  }
  if (resources == nullptr) return nullptr;
  for (const nlohmann::json& r : *resources) {
    if (r.value("address", "") == address) return r;
  }
  return nullptr;
}

// `show -json` has the identity {name, region} at identity schema version 1 for `address`.
Check CheckIdentity(const std::string& address, const std::string& name,
                    const std::string& region) {
  return CheckFunc(address + " has identity " + name + "/" + region,
                   [=](const tfsdk::testing::State& state) -> std::string {
                     nlohmann::json r = FindResource(state.json, address);
                     if (r.is_null()) return "no " + address + " in show -json";
                     if (!r.contains("identity")) return "no identity: " + r.dump();
                     nlohmann::json want = {{"name", name}, {"region", region}};
                     if (r["identity"] != want) return "identity is " + r["identity"].dump();
                     if (r.value("identity_schema_version", -1) != 1) {
                       return "identity_schema_version: " + r.dump();
                     }
                     return "";
                   });
}

TestCase Case(std::shared_ptr<identity_test::Store> store) {
  TestCase tc;
  tc.provider_factory = [store] { return identity_test::MakeProvider(store); };
  // Both: OpenTofu 1.12 stores identities, shows them and imports by identity too.
  tc.binaries = {"terraform", "tofu"};
  return tc;
}

TEST(IdentityAcceptanceTest, CreateUpdateImportByIdentity) {
  auto store = std::make_shared<identity_test::Store>();
  TestCase tc = Case(store);
  const std::string import_b = R"(
import {
  to       = idt_thing.b
  identity = { name = "beta" }
}
)";
  tc.steps = {
      {.config = Thing("a", "alpha", "eu", "hello"),
       .checks = {CheckAttr("idt_thing.a", "id", "eu/alpha"),
                  CheckIdentity("idt_thing.a", "alpha", "eu")}},
      {.config = Thing("a", "alpha", "eu", "world"),
       .expect_actions = {{"idt_thing.a", "update"}},
       .checks = {CheckAttr("idt_thing.a", "content", "world"),
                  CheckIdentity("idt_thing.a", "alpha", "eu")}},
      // Import by identity: only the name is given, Read finds the region.
      {.pre_config = [store] { store->Put("beta", identity_test::Thing{"us", "seeded"}); },
       .config = Thing("a", "alpha", "eu", "world") + Thing("b", "beta", "us", "seeded") +
                 import_b,
       .checks = {CheckAttr("idt_thing.b", "id", "us/beta"),
                  CheckAttr("idt_thing.b", "content", "seeded"),
                  CheckIdentity("idt_thing.b", "beta", "us")}},
      // A replacement (name forces it) gets the new object's identity.
      {.config = Thing("a", "gamma", "eu", "world") + Thing("b", "beta", "us", "seeded") +
                 import_b,
       .expect_actions = {{"idt_thing.a", "replace"}},
       .checks = {CheckIdentity("idt_thing.a", "gamma", "eu")}},
  };
  tfsdk::testing::Run(tc);
  EXPECT_FALSE(store->Get("gamma").has_value()) << "destroy left gamma behind";
  EXPECT_FALSE(store->Get("beta").has_value()) << "destroy left beta behind";
}

// A state written when the identity schema was at version 0 ({"thing": name}) is upgraded
// by the identity upgrader on refresh.
TEST(IdentityAcceptanceTest, UpgradesVersion0Identity) {
  auto store = std::make_shared<identity_test::Store>();
  TestCase tc = Case(store);
  auto write_state = [](const WorkingDir& wd) {
    nlohmann::json instance = {
        {"schema_version", 0},
        {"attributes",
         {{"name", "old"}, {"region", "ap"}, {"content", "legacy"}, {"id", "ap/old"}}},
        {"sensitive_attributes", nlohmann::json::array()},
        {"identity_schema_version", 0},
        {"identity", {{"thing", "old"}}},
    };
    nlohmann::json state = {
        {"version", 4},
        {"terraform_version", "1.12.0"},
        {"serial", 1},
        {"lineage", "0f0e0d0c-0b0a-0908-0706-0504030201ff"},
        {"outputs", nlohmann::json::object()},
        {"resources",
         {{{"mode", "managed"},
           {"type", "idt_thing"},
           {"name", "a"},
           {"provider", "provider[\"" + wd.provider_source + "\"]"},
           {"instances", {instance}}}}},
    };
    std::string path = wd.path + "/terraform.tfstate";
    if (!tfsdk::internal::WriteTextFile(path, state.dump(2))) {
      throw std::runtime_error("cannot write " + path);
    }
  };
  auto upgraded = CheckFunc("the identity upgrader ran", [store](const auto&) {
    return store->identity_upgrades() > 0 ? std::string() : std::string("it never ran");
  });
  tc.steps = {
      {.pre_config = [store] { store->Put("old", identity_test::Thing{"ap", "legacy"}); },
       .config = Thing("a", "old", "ap", "legacy"),
       .checks = {upgraded, CheckIdentity("idt_thing.a", "old", "ap")},
       .refresh_state = true,
       .prepare_working_dir = write_state},
  };
  tfsdk::testing::Run(tc);
}

// The list_resource_found events of `terraform query -json` output, in order.
std::vector<nlohmann::json> Found(const std::string& out) {
  std::vector<nlohmann::json> found;
  size_t start = 0;
  while (start < out.size()) {
    size_t end = out.find('\n', start);
    if (end == std::string::npos) end = out.size();
    nlohmann::json line = nlohmann::json::parse(out.substr(start, end - start), nullptr, false);
    if (!line.is_discarded() && line.value("type", "") == "list_resource_found") {
      found.push_back(line["list_resource_found"]);
    }
    start = end + 1;
  }
  return found;
}

std::string Query(const std::string& include, const std::string& limit) {
  return R"(
list "idt_thing" "eu" {
  provider         = idt
  include_resource = )" + include + R"(
  limit            = )" + limit + R"(
  config {
    region = "eu"
  }
}
)";
}

// `terraform query` with the list resource (Terraform 1.14+; OpenTofu has no list
// resources): a region filter, the limit, and the resource objects only when asked for.
TEST(IdentityAcceptanceTest, QueryListsThings) {
  auto store = std::make_shared<identity_test::Store>();
  TestCase tc = Case(store);
  tc.binaries = {"terraform"};
  tc.steps = {
      {.config = Thing("a", "alpha", "eu", "hello")},
      {.pre_config =
           [store] {
             store->Put("x1", identity_test::Thing{"eu", "one"});
             store->Put("x2", identity_test::Thing{"eu", "two"});
             store->Put("y", identity_test::Thing{"us", "three"});
           },
       .query = Query("true", "2"),
       .query_check = [](const std::string& out) -> std::string {
         std::vector<nlohmann::json> found = Found(out);
         if (found.size() != 2) return "want 2 results (the limit), got: " + out;
         if (found[0].value("display_name", "") != "eu/alpha" ||
             found[1].value("display_name", "") != "eu/x1") {
           return "unexpected results: " + out;
         }
         nlohmann::json identity = {{"name", "x1"}, {"region", "eu"}};
         if (found[1]["identity"] != identity) return "identity: " + found[1].dump();
         if (found[1].value("identity_version", -1) != 1) return "version: " + found[1].dump();
         if (!found[1].contains("resource_object") ||
             found[1]["resource_object"].value("content", "") != "one") {
           return "resource_object: " + found[1].dump();
         }
         return "";
       }},
      {.query = Query("false", "10"),
       .query_check = [](const std::string& out) -> std::string {
         std::vector<nlohmann::json> found = Found(out);
         if (found.size() != 3) return "want the 3 eu things, got: " + out;
         for (const nlohmann::json& f : found) {
           if (f.contains("resource_object") && !f["resource_object"].is_null()) {
             return "resource_object without include_resource: " + f.dump();
           }
         }
         return "";
       }},
  };
  tfsdk::testing::Run(tc);
}

}  // namespace
