// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// The "x" test provider (tests/move/) through the in-process UnitHarness: moving state from
// x_old (and another provider's legacy_thing) to x_new, generated configuration, and
// deferred plans, reads and data source reads.

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "move_provider.h"
#include "tfsdk/testing/unit.h"

namespace {

using tfsdk::DeferredReason;
using tfsdk::testing::MoveSource;
using tfsdk::testing::UnitHarness;

class MoveUnitTest : public ::testing::Test {
 protected:
  MoveUnitTest()
      : store_(std::make_shared<move_test::Store>()),
        provider_(move_test::MakeProvider(store_)),
        h_(*provider_) {}

  std::shared_ptr<move_test::Store> store_;
  std::unique_ptr<tfsdk::Provider> provider_;
  UnitHarness h_;
};

TEST_F(MoveUnitTest, MoveOldToNewThenRead) {
  auto old = h_.Create("x_old", R"({"label": "alpha", "size": 3})");
  ASSERT_TRUE(old.ok()) << old.diagnostics.ToString();

  MoveSource source{.type_name = "x_old",
                    .state_json = R"({"id": "obj-alpha", "label": "alpha", "size": 3})",
                    .private_state = old.private_state};
  auto moved = h_.MoveState("x_new", source);
  ASSERT_TRUE(moved.ok()) << moved.diagnostics.ToString();
  EXPECT_EQ(moved.state.Get<std::string>("id"), "obj-alpha");
  EXPECT_EQ(moved.state.Get<std::string>("name"), "alpha");
  EXPECT_EQ(moved.state.Get<int64_t>("size"), 3);
  EXPECT_EQ(moved.private_state.Get("origin"), "\"x_old\"");
  EXPECT_EQ(moved.private_state.Get("moved_from"), "\"x_old\"");
  EXPECT_EQ(store_->moves().last_source_address, "registry.terraform.io/tfsdk/x");

  // Terraform refreshes the moved object, and the unchanged configuration plans a no-op.
  auto read = h_.Read("x_new", moved);
  ASSERT_TRUE(read.ok()) << read.diagnostics.ToString();
  auto plan = h_.Plan("x_new", read, R"({"name": "alpha", "size": 3})");
  ASSERT_TRUE(plan.ok()) << plan.diagnostics.ToString();
  EXPECT_EQ(plan.action, tfsdk::testing::PlanAction::kNoOp);
  EXPECT_FALSE(plan.deferred_reason.has_value());
}

TEST_F(MoveUnitTest, MoveFromUnknownSourceFails) {
  struct Case {
    std::string name;
    MoveSource source;
  };
  const Case cases[] = {
      {"another type", {.type_name = "x_other", .state_json = R"({"id": "a"})"}},
      {"x_old of another provider",
       {.provider_address = "registry.terraform.io/someone/x",
        .type_name = "x_old",
        .state_json = R"({"id": "a", "label": "b"})"}},
      {"legacy_thing of another namespace",
       {.provider_address = "registry.terraform.io/other/legacy",
        .type_name = "legacy_thing",
        .state_json = R"({"thing_id": "a", "title": "b"})"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    auto moved = h_.MoveState("x_new", c.source);
    ASSERT_FALSE(moved.ok());
    EXPECT_NE(moved.diagnostics.ToString().find("Unable to Move Resource State"),
              std::string::npos)
        << moved.diagnostics.ToString();
    EXPECT_TRUE(moved.state.IsNull());
  }
  EXPECT_EQ(store_->moves().count, 0);
}

TEST_F(MoveUnitTest, GenerateConfigForImport) {
  store_->Put("obj-beta", {"beta", 7, 4});
  auto imported = h_.Import("x_new", "obj-beta");
  ASSERT_TRUE(imported.ok()) << imported.diagnostics.ToString();
  EXPECT_EQ(imported.state.Get<int64_t>("version"), 4);

  auto generated = h_.GenerateConfig("x_new", imported);
  ASSERT_TRUE(generated.ok()) << generated.diagnostics.ToString();
  EXPECT_TRUE(generated.config.GetValue("id").IsNull());
  EXPECT_TRUE(generated.config.GetValue("version").IsNull());
  EXPECT_EQ(generated.config.Get<std::string>("name"), "beta");
  EXPECT_EQ(generated.config.Get<int64_t>("size"), 7);
  EXPECT_EQ(generated.config.Get<std::string>("note"), "imported");

  // The generated configuration is valid for the resource.
  EXPECT_TRUE(h_.Validate("x_new", generated.config).empty());
}

TEST(MoveDeferralUnitTest, ProviderDefersEverythingWhenAllowed) {
  auto store = std::make_shared<move_test::Store>();
  auto provider = move_test::MakeProvider(store);
  UnitHarness::Options options;
  options.deferral_allowed = true;
  UnitHarness h(*provider, options);
  ASSERT_TRUE(h.Configure(R"({"defer_all": true})").empty());

  auto plan = h.Plan("x_new", tfsdk::Value(), R"({"name": "n"})");
  ASSERT_TRUE(plan.ok()) << plan.diagnostics.ToString();
  EXPECT_EQ(plan.deferred_reason, DeferredReason::kProviderConfigUnknown);
  EXPECT_TRUE(plan.planned.GetValue("id").IsUnknown());

  auto data = h.ReadDataSource("x_info", R"({"id": "nothing-there"})");
  ASSERT_TRUE(data.ok()) << data.diagnostics.ToString();
  EXPECT_TRUE(data.deferred);
  EXPECT_EQ(data.deferred_reason, DeferredReason::kProviderConfigUnknown);

  auto imported = h.Import("x_new", "obj-n");
  ASSERT_TRUE(imported.ok()) << imported.diagnostics.ToString();
  EXPECT_EQ(imported.deferred_reason, DeferredReason::kProviderConfigUnknown);
  EXPECT_EQ(store->size(), 0u);
}

TEST(MoveDeferralUnitTest, NothingDeferredWithoutClientSupport) {
  auto store = std::make_shared<move_test::Store>();
  auto provider = move_test::MakeProvider(store);
  UnitHarness h(*provider);  // deferral_allowed is false by default, as in Terraform
  ASSERT_TRUE(h.Configure(R"({"defer_all": true})").empty());
  auto created = h.Create("x_new", R"({"name": "n"})");
  ASSERT_TRUE(created.ok()) << created.diagnostics.ToString();
  EXPECT_FALSE(created.plan.deferred_reason.has_value());
  EXPECT_EQ(created.state.Get<std::string>("id"), "obj-n");
}

}  // namespace
