// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// The "x" test provider (tests/ephemeral/) through the in-process UnitHarness: ephemeral
// resource open/renew/close and a write-only attribute.

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "ephemeral_provider.h"
#include "tfsdk/testing/unit.h"

namespace {

using tfsdk::testing::UnitHarness;

class EphemeralUnitTest : public ::testing::Test {
 protected:
  EphemeralUnitTest()
      : vault_(std::make_shared<ephemeral_test::Vault>()),
        provider_(ephemeral_test::MakeProvider(vault_)),
        h_(*provider_) {}

  std::shared_ptr<ephemeral_test::Vault> vault_;
  std::unique_ptr<tfsdk::Provider> provider_;
  UnitHarness h_;
};

TEST_F(EphemeralUnitTest, SchemaIsPublished) {
  ASSERT_FALSE(h_.schema_diagnostics().HasError()) << h_.schema_diagnostics().ToString();
  ASSERT_NE(h_.EphemeralResourceSchema("x_secret"), nullptr);
  EXPECT_EQ(h_.EphemeralResourceSchema("x_account"), nullptr);
  EXPECT_EQ(h_.ResourceSchema("x_secret"), nullptr);
}

TEST_F(EphemeralUnitTest, OpenRenewClose) {
  auto opened = h_.OpenEphemeral("x_secret", R"({"length": 8, "prefix": "k-"})");
  ASSERT_TRUE(opened.ok()) << opened.diagnostics.ToString();
  EXPECT_FALSE(opened.deferred);
  EXPECT_EQ(opened.result.Get<std::string>("value"), "k-abcdef");
  EXPECT_EQ(opened.result.Get<std::string>("lease_id"), "lease-1");
  EXPECT_EQ(opened.private_state.Get("lease"), "\"lease-1\"");

  auto renewed = h_.RenewEphemeral(opened);
  ASSERT_TRUE(renewed.ok()) << renewed.diagnostics.ToString();
  EXPECT_EQ(renewed.private_state.Get("renewed"), "true");
  EXPECT_EQ(renewed.private_state.Get("lease"), "\"lease-1\"");
  EXPECT_EQ(vault_->observed().renews, 1);

  EXPECT_TRUE(h_.CloseEphemeral(renewed).empty());
  auto o = vault_->observed();
  EXPECT_EQ(o.opens, 1);
  EXPECT_EQ(o.closes, 1);
  EXPECT_TRUE(o.open_leases.empty());
  EXPECT_EQ(o.closed_leases.count("lease-1"), 1u);
}

TEST_F(EphemeralUnitTest, CloseWithoutLeaseIsAnError) {
  tfsdk::testing::EphemeralResult nothing;
  nothing.type_name = "x_secret";
  tfsdk::Diagnostics d = h_.CloseEphemeral(nothing);
  ASSERT_TRUE(d.HasError());
  EXPECT_EQ(d[0].summary, "No lease in the private state");
}

TEST_F(EphemeralUnitTest, ValidationNamesTheAttribute) {
  for (const char* config : {R"({"length": 2})", R"({"length": 65})"}) {
    SCOPED_TRACE(config);
    tfsdk::Diagnostics d = h_.ValidateEphemeral("x_secret", config);
    ASSERT_TRUE(d.HasError());
    ASSERT_TRUE(d[0].path.has_value());
    EXPECT_EQ(d[0].path->ToString(), "length");
    EXPECT_FALSE(h_.OpenEphemeral("x_secret", config).ok());
  }
  EXPECT_TRUE(h_.ValidateEphemeral("x_secret", R"({"length": 4})").empty());
  EXPECT_EQ(vault_->observed().opens, 0);
}

TEST_F(EphemeralUnitTest, UnknownConfigIsNotOpened) {
  tfsdk::Value config = tfsdk::Value::ObjectVal(
      h_.EphemeralResourceSchema("x_secret")->ImpliedType(),
      {{"prefix", tfsdk::Value::UnknownVal(tfsdk::Type::String())}});
  auto opened = h_.OpenEphemeral("x_secret", config);
  ASSERT_TRUE(opened.ok()) << opened.diagnostics.ToString();
  EXPECT_TRUE(opened.deferred);
  EXPECT_TRUE(opened.result.value().IsUnknown());
  EXPECT_EQ(vault_->observed().opens, 0);
}

TEST_F(EphemeralUnitTest, WriteOnlyPasswordReachesCreateAndUpdateButNotState) {
  auto created =
      h_.Create("x_account", R"({"name": "bob", "password_wo": "pw1", "password_version": 1})");
  ASSERT_TRUE(created.ok()) << created.diagnostics.ToString();
  EXPECT_TRUE(created.state.GetValue("password_wo").IsNull());
  EXPECT_TRUE(created.plan.planned.GetValue("password_wo").IsNull());
  EXPECT_EQ(vault_->observed().passwords.at("bob"), std::optional<std::string>("pw1"));

  auto updated = h_.Update("x_account", created,
                           R"({"name": "bob", "password_wo": "pw2", "password_version": 2})");
  ASSERT_TRUE(updated.ok()) << updated.diagnostics.ToString();
  EXPECT_TRUE(updated.state.GetValue("password_wo").IsNull());
  EXPECT_EQ(vault_->observed().passwords.at("bob"), std::optional<std::string>("pw2"));
  EXPECT_FALSE(vault_->observed().plan_saw_password);
}

}  // namespace
