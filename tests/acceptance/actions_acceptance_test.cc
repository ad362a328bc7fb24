// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Acceptance tests of actions with the "x" test provider (tests/actions/), against real
// Terraform. Terraform only: OpenTofu (1.12) has no actions — it rejects the `action`
// block and never calls PlanAction / InvokeAction (see actions_unit_test and
// src/protocol/action_protocol_test.cc for the RPCs themselves).

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "actions_provider.h"
#include "tfsdk/testing/acceptance.h"

namespace {

using tfsdk::testing::CheckAttr;
using tfsdk::testing::CheckFunc;
using tfsdk::testing::TestCase;

std::string Config(const std::string& action_config, const std::string& name = "a") {
  return R"(
action "x_notify" "n" {
  config {
)" + action_config + R"(
  }
}

resource "x_thing" "t" {
  name = ")" + name + R"("
  lifecycle {
    action_trigger {
      events  = [after_create]
      actions = [action.x_notify.n]
    }
  }
}
)";
}

// An action triggered after a resource is created: Terraform validates and plans it, then
// invokes it once during apply; its progress messages reach Terraform's output (shown by the
// failing step, whose output the harness matches), errors and exceptions come back as
// diagnostics, and a validation error points at the attribute.
TEST(ActionsAcceptanceTest, TriggeredAfterCreate) {
  auto backend = std::make_shared<actions_test::Backend>();
  TestCase tc;
  tc.binaries = {"terraform"};
  tc.provider_factory = [backend] { return actions_test::MakeProvider(backend); };
  tc.steps = {
      // Attribute validation: the error names the attribute's line.
      {.config = Config(R"(    message = "")"),
       .expect_error = R"(\d+:\s*message\s*=\s*""[\s\S]*string length must be between 1 and 64)",
       .plan_only = true},
      // The Plan hook's error.
      {.config = Config(R"(    message = "hi"
    channel = "closed")"),
       .expect_error = R"(Channel closed[\s\S]*accepts no messages)",
       .plan_only = true},
      // The action fails after reporting progress: both reach the output.
      {.config = Config(R"(    message = "deployed"
    channel = "ops"
    fail    = "error")"),
       .expect_error = R"(Action action\.x_notify\.n \(triggered by x_thing\.t\): )"
                       R"(x_notify: sending to #ops[\s\S]*Notification failed[\s\S]*refused)"},
      // An exception in Invoke is an error diagnostic, not a crash.
      {.config = Config(R"(    message = "deployed"
    fail    = "throw")", "b"),
       .expect_error = R"(chat server unreachable)"},
      // Success: the backend received the notification.
      {.config = Config(R"(    message = "deployed"
    channel = "ops")", "c"),
       .checks = {CheckAttr("x_thing.t", "id", "thing-c"),
                  CheckFunc("x_notify delivered once", [backend](const auto&) {
                    auto n = backend->notifications();
                    if (n.size() != 1) {
                      return "expected 1 notification, got " + std::to_string(n.size());
                    }
                    if (n[0].channel != "ops" || n[0].message != "deployed") {
                      return "got #" + n[0].channel + " " + n[0].message;
                    }
                    return std::string();
                  })}},
  };
  tfsdk::testing::Run(tc);
  EXPECT_GT(backend->plans(), 0) << "PlanAction was never called";
  EXPECT_EQ(backend->notifications().size(), 1u);
}

// The same action over protocol 5 (GetMetadata carries the action names in field 8 there).
TEST(ActionsAcceptanceTest, Protocol5) {
  auto backend = std::make_shared<actions_test::Backend>();
  TestCase tc;
  tc.binaries = {"terraform"};
  tc.protocol_version = 5;
  tc.provider_factory = [backend] { return actions_test::MakeProvider(backend); };
  tc.steps = {
      {.config = Config(R"(    message = "v5")"),
       .checks = {CheckFunc("x_notify delivered over protocol 5", [backend](const auto&) {
         auto n = backend->notifications();
         return n.size() == 1 && n[0].message == "v5" && n[0].channel == "general"
                    ? std::string()
                    : "got " + std::to_string(n.size()) + " notifications";
       })}},
  };
  tfsdk::testing::Run(tc);
}

}  // namespace
