// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Acceptance tests of MoveResourceState (a `moved` block across resource types) and
// GenerateResourceConfig (`plan -generate-config-out` with an `import` block), with the
// "x" test provider (tests/move/) against real Terraform and OpenTofu.
//
// Deferred actions are not here: Terraform release builds refuse `-allow-deferral` ("only
// valid in experimental builds") and never set deferral_allowed, so deferral is tested
// through the in-process protocol harness (src/protocol/move_protocol_test.cc).

#include <gtest/gtest.h>
#include <unistd.h>

#include <map>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "move_provider.h"
#include "src/engine/engine.h"
#include "src/plugin/plugin_server.h"
#include "src/protocol/services.h"
#include "src/testing/command.h"
#include "tfsdk/testing/acceptance.h"

namespace {

using tfsdk::testing::CheckAttr;
using tfsdk::testing::CheckFunc;
using tfsdk::testing::CheckNoAttr;
using tfsdk::testing::CheckResourceAbsent;
using tfsdk::testing::PlanCheckFunc;
using tfsdk::testing::TestCase;

namespace ti = ::tfsdk::internal;

// x_old becomes x_new through a `moved` block: no replacement, the converted values, the
// private state carried over, and the mover saw this provider's address.
TEST(MoveAcceptanceTest, MovedBlockAcrossResourceTypes) {
  auto store = std::make_shared<move_test::Store>();
  TestCase tc;
  int moves_before = 0;  // per binary: the store outlives each run
  tc.provider_factory = [store, &moves_before] {
    moves_before = store->moves().count;
    return move_test::MakeProvider(store);
  };
  auto moved_in_plan = PlanCheckFunc("the plan moves x_old.a to x_new.a", [](const auto& plan) {
    const auto* change = plan.Find("x_new.a");
    if (change == nullptr) return "no change for x_new.a in " + plan.json;
    if (plan.json.find(R"("previous_address":"x_old.a")") == std::string::npos) {
      return "x_new.a has no previous_address x_old.a: " + plan.json;
    }
    if (change->before.count("name") == 0 || change->before.at("name") != "alpha") {
      return std::string("the moved state (before) lacks name = alpha");
    }
    return std::string();
  });
  auto mover_ran = CheckFunc("the x_old mover ran", [store, &moves_before](const auto&) {
    auto m = store->moves();
    if (m.count <= moves_before) return std::string("MoveResourceState never reached the mover");
    if (m.last_source_type != "x_old") return "source type " + m.last_source_type;
    if (m.last_source_address.find("/tfsdk/x") == std::string::npos) {
      return "source provider address " + m.last_source_address;
    }
    if (m.last_source_private.find("origin") == std::string::npos) {
      return "source private state " + m.last_source_private;
    }
    return std::string();
  });
  tc.steps = {
      {.config = R"(
resource "x_old" "a" {
  label = "alpha"
  size  = 3
}
)",
       .checks = {CheckAttr("x_old.a", "id", "obj-alpha")}},
      {.config = R"(
resource "x_new" "a" {
  name = "alpha"
  size = 3
}

moved {
  from = x_old.a
  to   = x_new.a
}
)",
       .expect_actions = {{"x_new.a", "no-op"}},
       .checks = {CheckAttr("x_new.a", "id", "obj-alpha"), CheckAttr("x_new.a", "name", "alpha"),
                  CheckAttr("x_new.a", "size", "3"), CheckAttr("x_new.a", "version", "1"),
                  CheckNoAttr("x_new.a", "note"), CheckResourceAbsent("x_old.a"), mover_ran},
       .plan_checks = {moved_in_plan}},
  };
  tfsdk::testing::Run(tc);
  EXPECT_EQ(store->size(), 0u) << "the final destroy deletes the moved object";
}

// Runs `plan -generate-config-out` for an `import` block against the provider served in
// this process, and returns the generated file ("" with a test failure when the command
// fails).
std::string GenerateConfig(const std::string& tool, std::shared_ptr<move_test::Store> store) {
  std::string binary = ti::FindTool(tool);
  if (binary.empty()) {
    ADD_FAILURE() << tool << " not found";
    return "";
  }
  ti::TempDir root("tfsdk-gen-");
  std::unique_ptr<tfsdk::Provider> provider = move_test::MakeProvider(store);
  ti::Engine engine(*provider);
  ti::ProviderV6Service v6(engine);
  ti::PluginServices services;
  services.v6 = &v6;
  services.on_shutdown = [&engine] { engine.StopProvider(); };
  auto server = ti::InProcessPluginServer::Start(services, root.path());
  if (!server.ok()) {
    ADD_FAILURE() << server.status();
    return "";
  }
  std::string reattach = "{";
  for (const char* host : {"registry.terraform.io", "registry.opentofu.org"}) {
    std::string one = ti::ReattachConfigJson(std::string(host) + "/tfsdk/x", 6,
                                             static_cast<int>(::getpid()),
                                             (*server)->socket_path());
    if (reattach.size() > 1) reattach += ",";
    reattach += one.substr(1, one.size() - 2);  // the object's members
  }
  reattach += "}";
  std::string work = root.path();
  EXPECT_TRUE(ti::WriteTextFile(work + "/cli.tfrc", ""));
  EXPECT_TRUE(ti::WriteTextFile(work + "/main.tf", R"(
terraform {
  required_providers {
    x = {
      source = "tfsdk/x"
    }
  }
}

import {
  to = x_new.b
  id = "obj-beta"
}
)"));
  ti::CommandSpec spec;
  spec.argv = {binary, "plan", "-input=false", "-no-color", "-generate-config-out=gen.tf"};
  spec.dir = work;
  spec.env = ti::CleanToolEnvironment({{"TF_REATTACH_PROVIDERS", reattach},
                                       {"TF_CLI_CONFIG_FILE", work + "/cli.tfrc"},
                                       {"TF_IN_AUTOMATION", "1"},
                                       {"CHECKPOINT_DISABLE", "1"}});
  ti::CommandResult result = ti::RunCommand(spec);
  (*server)->Shutdown();
  if (!result.ok()) {
    ADD_FAILURE() << ti::DescribeCommand(spec, result);
    return "";
  }
  std::string generated = ti::ReadTextFile(work + "/gen.tf");
  if (generated.empty()) ADD_FAILURE() << "no gen.tf; output:\n" << result.Combined();
  return generated;
}

// Terraform 1.14+ asks the provider (GenerateResourceConfig): the default drops the
// computed-only values (id, version) and GenerateConfig adds note = "imported".
TEST(MoveAcceptanceTest, GenerateConfigOutWithTerraform) {
  auto store = std::make_shared<move_test::Store>();
  store->Put("obj-beta", {"beta", 7, 4});
  std::string gen = GenerateConfig("terraform", store);
  SCOPED_TRACE("gen.tf:\n" + gen);
  EXPECT_NE(gen.find(R"(resource "x_new" "b" {)"), std::string::npos);
  EXPECT_TRUE(std::regex_search(gen, std::regex(R"(\n\s*name\s*=\s*"beta"\n)")));
  EXPECT_TRUE(std::regex_search(gen, std::regex(R"(\n\s*size\s*=\s*7\n)")));
  EXPECT_TRUE(std::regex_search(gen, std::regex(R"(\n\s*note\s*=\s*"imported"\n)")));
  EXPECT_FALSE(std::regex_search(gen, std::regex(R"(\n\s*id\s*=)")));
  EXPECT_FALSE(std::regex_search(gen, std::regex(R"(\n\s*version\s*=)")));
}

// OpenTofu generates the configuration itself from the schema and never calls
// GenerateResourceConfig: the provider's hook (note = "imported") is absent.
TEST(MoveAcceptanceTest, GenerateConfigOutWithOpenTofuIgnoresTheHook) {
  auto store = std::make_shared<move_test::Store>();
  store->Put("obj-beta", {"beta", 7, 4});
  std::string gen = GenerateConfig("tofu", store);
  SCOPED_TRACE("gen.tf:\n" + gen);
  EXPECT_TRUE(std::regex_search(gen, std::regex(R"(\n\s*name\s*=\s*"beta"\n)")));
  EXPECT_EQ(gen.find("imported"), std::string::npos);
}

}  // namespace
