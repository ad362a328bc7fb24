// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// The "idt" test provider (tests/identity/) through the in-process UnitHarness: a resource
// with an identity schema goes through create, update, read and import by ID; the engine's
// identity checks run on every step. The harness does not carry identities between calls
// (Terraform does), so Update sees no planned identity here; see
// tests/acceptance/identity_acceptance_test.cc and src/engine/engine_identity_test.cc.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "identity_provider.h"
#include "tfsdk/testing/unit.h"

namespace {

using tfsdk::testing::PlanAction;
using tfsdk::testing::UnitHarness;

class IdentityUnitTest : public ::testing::Test {
 protected:
  IdentityUnitTest()
      : store_(std::make_shared<identity_test::Store>()),
        provider_(identity_test::MakeProvider(store_)),
        h_(*provider_) {}

  std::shared_ptr<identity_test::Store> store_;
  std::unique_ptr<tfsdk::Provider> provider_;
  UnitHarness h_;
};

TEST_F(IdentityUnitTest, LifecycleWithIdentity) {
  ASSERT_FALSE(h_.schema_diagnostics().HasError()) << h_.schema_diagnostics().ToString();
  auto created = h_.Create("idt_thing", R"({"name": "a", "region": "eu", "content": "x"})");
  ASSERT_TRUE(created.ok()) << created.diagnostics.ToString();
  EXPECT_EQ(created.state.Get<std::string>("id"), "eu/a");

  auto updated =
      h_.Update("idt_thing", created, R"({"name": "a", "region": "eu", "content": "y"})");
  ASSERT_TRUE(updated.ok()) << updated.diagnostics.ToString();
  EXPECT_EQ(updated.plan.action, PlanAction::kUpdate);
  EXPECT_EQ(store_->Get("a")->content, "y");

  auto read = h_.Read("idt_thing", updated);
  ASSERT_TRUE(read.ok()) << read.diagnostics.ToString();
  EXPECT_EQ(read.state.Get<std::string>("content"), "y");

  auto imported = h_.Import("idt_thing", "a");
  ASSERT_TRUE(imported.ok()) << imported.diagnostics.ToString();
  EXPECT_EQ(imported.state.Get<std::string>("region"), "eu");

  store_->Delete("a");
  auto gone = h_.Read("idt_thing", read);
  ASSERT_TRUE(gone.ok()) << gone.diagnostics.ToString();
  EXPECT_TRUE(gone.removed());
}

}  // namespace
