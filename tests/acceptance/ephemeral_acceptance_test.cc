// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Acceptance tests of ephemeral resources and write-only attributes with the "x" test
// provider (tests/ephemeral/), against real Terraform and OpenTofu.

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "ephemeral_provider.h"
#include "tfsdk/testing/acceptance.h"

namespace {

using tfsdk::testing::CheckAttr;
using tfsdk::testing::CheckFunc;
using tfsdk::testing::CheckNoAttr;
using tfsdk::testing::Step;
using tfsdk::testing::TestCase;
using tfsdk::testing::WorkingDir;

// What x_secret returns for prefix "pw-" and length 20.
constexpr char kSecret[] = "pw-abcdefghijklmnopq";

std::string Config(const std::string& length) {
  return R"(
ephemeral "x_secret" "s" {
  length = )" + length + R"(
  prefix = "pw-"
}

resource "x_account" "a" {
  name             = "alice"
  password_wo      = ephemeral.x_secret.s.value
  password_version = 1
}
)";
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The ephemeral result feeds a write-only attribute: the resource receives the secret
// through its configuration, the state never holds it, every opened secret is closed, and
// a validation error of the ephemeral configuration points at its line.
TEST(EphemeralAcceptanceTest, SecretFeedsWriteOnlyAttribute) {
  auto vault = std::make_shared<ephemeral_test::Vault>();
  TestCase tc;
  tc.provider_factory = [vault] { return ephemeral_test::MakeProvider(vault); };
  auto received = CheckFunc("x_account received the secret", [vault](const auto&) {
    auto o = vault->observed();
    auto it = o.passwords.find("alice");
    if (it == o.passwords.end()) return std::string("no account alice in the vault");
    if (!it->second) return std::string("password_wo reached Create as null");
    if (*it->second != kSecret) return "password_wo was " + *it->second;
    if (o.plan_saw_password) return std::string("req.plan carried the write-only value");
    return std::string();
  });
  auto not_in_state = CheckFunc("the secret is not in the state", [](const auto& state) {
    return state.json.find(kSecret) == std::string::npos ? std::string()
                                                         : "show -json: " + state.json;
  });
  auto all_closed = CheckFunc("every opened secret was closed", [vault](const auto&) {
    auto o = vault->observed();
    if (o.opens == 0) return std::string("x_secret was never opened");
    if (!o.open_leases.empty() || o.closes != o.opens) {
      return "opened " + std::to_string(o.opens) + ", closed " + std::to_string(o.closes);
    }
    return std::string();
  });
  std::string raw_state_problem = "not checked";
  tc.steps = {
      {.config = Config("2"),
       .expect_error = R"(\d+:\s*length\s*=\s*2[\s\S]*between 4 and 64)",
       .plan_only = true},
      {.config = Config("20"),
       .expect_actions = {{"x_account.a", "create"}},
       .checks = {CheckAttr("x_account.a", "id", "acct-alice"),
                  CheckAttr("x_account.a", "password_version", "1"),
                  CheckNoAttr("x_account.a", "password_wo"), received, not_in_state,
                  all_closed}},
      // The state file itself (not only `show -json`) never holds the secret, and a plan
      // with the same configuration is empty although the write-only value is "set".
      {.plan_only = true,
       .prepare_working_dir =
           [&raw_state_problem](const WorkingDir& dir) {
             std::string raw = ReadFile(dir.path + "/terraform.tfstate");
             if (raw.empty()) {
               raw_state_problem = "no terraform.tfstate in " + dir.path;
             } else if (raw.find(kSecret) != std::string::npos) {
               raw_state_problem = "terraform.tfstate holds the secret: " + raw;
             } else if (raw.find("password_wo") == std::string::npos) {
               raw_state_problem = "terraform.tfstate lacks password_wo: " + raw;
             } else {
               raw_state_problem.clear();
             }
           }},
  };
  tfsdk::testing::Run(tc);
  EXPECT_EQ(raw_state_problem, "");
  auto o = vault->observed();
  EXPECT_GE(o.opens, 2);
  EXPECT_EQ(o.closes, o.opens);
  EXPECT_TRUE(o.open_leases.empty());
  EXPECT_TRUE(o.passwords.empty()) << "the final destroy deletes the account";
}

// An ephemeral configuration that depends on a resource not created yet is unknown during
// plan: the plan still succeeds, and apply opens the secret with the known value.
TEST(EphemeralAcceptanceTest, ConfigUnknownDuringPlan) {
  auto vault = std::make_shared<ephemeral_test::Vault>();
  TestCase tc;
  tc.provider_factory = [vault] { return ephemeral_test::MakeProvider(vault); };
  tc.steps = {
      {.config = R"(
resource "x_account" "base" {
  name = "base"
}

ephemeral "x_secret" "s" {
  length = 20
  prefix = x_account.base.id
}

resource "x_account" "a" {
  name        = "alice"
  password_wo = ephemeral.x_secret.s.value
}
)",
       .expect_actions = {{"x_account.base", "create"}, {"x_account.a", "create"}},
       .checks = {CheckFunc("alice received the secret opened in apply", [vault](const auto&) {
         auto o = vault->observed();
         auto it = o.passwords.find("alice");
         if (it == o.passwords.end() || !it->second) return std::string("no password for alice");
         return *it->second == "acct-baseabcdefghijk" ? std::string()
                                                      : "password_wo was " + *it->second;
       })}},
  };
  tfsdk::testing::Run(tc);
  EXPECT_EQ(vault->observed().closes, vault->observed().opens);
}

// The same over protocol 5.
TEST(EphemeralAcceptanceTest, Protocol5) {
  auto vault = std::make_shared<ephemeral_test::Vault>();
  TestCase tc;
  tc.provider_factory = [vault] { return ephemeral_test::MakeProvider(vault); };
  tc.protocol_version = 5;
  tc.steps = {
      {.config = Config("20"),
       .checks = {CheckNoAttr("x_account.a", "password_wo"),
                  CheckFunc("received", [vault](const auto&) {
                    auto o = vault->observed();
                    auto it = o.passwords.find("alice");
                    return it != o.passwords.end() && it->second == kSecret
                               ? std::string()
                               : std::string("x_account did not receive the secret");
                  })}},
  };
  tfsdk::testing::Run(tc);
  EXPECT_EQ(vault->observed().closes, vault->observed().opens);
}

}  // namespace
