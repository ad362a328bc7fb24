// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// The "acme" test provider driven in-process by tfsdk::testing::UnitHarness: the same
// features as acme_acceptance_test, in milliseconds and without a Terraform binary — the
// way a provider author unit-tests CRUD logic.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "acme_provider.h"
#include "tfsdk/testing/unit.h"

namespace {

using tfsdk::testing::PlanAction;
using tfsdk::testing::UnitHarness;

class AcmeUnitTest : public ::testing::Test {
 protected:
  AcmeUnitTest() : cloud_(std::make_shared<acme::Cloud>()), provider_(acme::MakeProvider(cloud_)) {}

  std::shared_ptr<acme::Cloud> cloud_;
  std::unique_ptr<tfsdk::Provider> provider_;
};

constexpr char kServer[] = R"({"name": "web", "zone": "z1", "rule": [{"port": 22}],
                               "disk": [{"size_gb": 10}]})";

TEST_F(AcmeUnitTest, CreatePlansDefaultsAndUnknowns) {
  UnitHarness h(*provider_);
  ASSERT_TRUE(h.Configure(R"({"region": "eu"})").empty());
  auto plan = h.Plan("acme_server", tfsdk::Value(), kServer);
  ASSERT_TRUE(plan.ok()) << plan.diagnostics.ToString();
  EXPECT_EQ(plan.action, PlanAction::kCreate);
  EXPECT_EQ(plan.planned.Get<std::string>("size"), "small");
  EXPECT_FALSE(plan.planned.Get<bool>("protect"));
  EXPECT_TRUE(plan.planned.GetValue("id").IsUnknown());
  EXPECT_EQ(plan.planned.Get<std::string>(tfsdk::Path::Root("disk").Index(0).Attr("label")),
            "disk-0");

  auto created = h.Apply(plan);
  ASSERT_TRUE(created.ok()) << created.diagnostics.ToString();
  EXPECT_EQ(created.state.Get<std::string>("region"), "eu");
  std::string id = created.state.Get<std::string>("id");
  ASSERT_TRUE(cloud_->Get(id).has_value());
  EXPECT_EQ(cloud_->Get(id)->rules.at(0).rule_id, "rule-22-tcp");
}

TEST_F(AcmeUnitTest, UpdateKeepsStateForUnknownAndReplacesOnZone) {
  UnitHarness h(*provider_);
  auto created = h.Create("acme_server", kServer);
  ASSERT_TRUE(created.ok()) << created.diagnostics.ToString();

  auto rename = h.Plan("acme_server", created,
                       R"({"name": "web2", "zone": "z1", "rule": [{"port": 22}],
                           "disk": [{"size_gb": 10}]})");
  ASSERT_TRUE(rename.ok()) << rename.diagnostics.ToString();
  EXPECT_EQ(rename.action, PlanAction::kUpdate);
  EXPECT_EQ(rename.planned.Get<std::string>("id"), created.state.Get<std::string>("id"));
  EXPECT_EQ(rename.planned.Get<std::string>("created_at"),
            created.state.Get<std::string>("created_at"));
  EXPECT_TRUE(rename.planned.GetValue("updated_at").IsUnknown());

  auto move = h.Plan("acme_server", created,
                     R"({"name": "web", "zone": "z2", "rule": [{"port": 22}],
                         "disk": [{"size_gb": 10}]})");
  ASSERT_TRUE(move.ok()) << move.diagnostics.ToString();
  EXPECT_EQ(move.action, PlanAction::kReplace);
}

TEST_F(AcmeUnitTest, RequiresReplaceIfLooksAtTheImageFamily) {
  UnitHarness h(*provider_);
  auto created = h.Create("acme_server", R"({"name": "a", "zone": "z1", "image": "ubuntu-22"})");
  ASSERT_TRUE(created.ok()) << created.diagnostics.ToString();
  EXPECT_EQ(h.Plan("acme_server", created, R"({"name": "a", "zone": "z1", "image": "ubuntu-24"})")
                .action,
            PlanAction::kUpdate);
  EXPECT_EQ(h.Plan("acme_server", created, R"({"name": "a", "zone": "z1", "image": "debian-12"})")
                .action,
            PlanAction::kReplace);
}

TEST_F(AcmeUnitTest, ValidatorsReportPaths) {
  UnitHarness h(*provider_);
  tfsdk::Diagnostics d = h.Validate("acme_server", R"({"name": "Bad", "zone": "z1"})");
  ASSERT_TRUE(d.HasError());
  EXPECT_EQ(d[0].path, tfsdk::Path::Root("name"));

  d = h.Validate("acme_server", R"({"name": "a", "zone": "z1", "disk": [{"size_gb": 5000}]})");
  ASSERT_TRUE(d.HasError());
  EXPECT_EQ(d[0].path, tfsdk::Path::Root("disk").Index(0).Attr("size_gb"));

  d = h.Validate("acme_server", R"({"name": "tmp-a", "zone": "z1", "protect": true})");
  ASSERT_TRUE(d.HasError());
  EXPECT_EQ(d[0].summary, "Temporary servers cannot be protected");

  d = h.ValidateDataSource("acme_server_info", R"({"id": "x", "name": "y"})");
  EXPECT_TRUE(d.HasError());
  EXPECT_TRUE(h.ValidateDataSource("acme_server_info", R"({"name": "y"})").empty());
}

TEST_F(AcmeUnitTest, ProtectedServerRefusesDestroy) {
  UnitHarness h(*provider_);
  auto created = h.Create("acme_server", R"({"name": "db", "zone": "z1", "protect": true})");
  ASSERT_TRUE(created.ok()) << created.diagnostics.ToString();
  auto destroyed = h.Destroy("acme_server", created);
  ASSERT_FALSE(destroyed.ok());
  EXPECT_NE(destroyed.diagnostics.ToString().find("Server is protected"), std::string::npos);
  EXPECT_EQ(cloud_->Count(), 1u);
}

TEST_F(AcmeUnitTest, PrivateStateFlowsToRead) {
  UnitHarness h(*provider_);
  auto created = h.Create("acme_server", R"({"name": "p", "zone": "z1"})");
  ASSERT_TRUE(created.ok()) << created.diagnostics.ToString();
  auto etag = created.private_state.Get("etag");
  ASSERT_TRUE(etag.has_value());
  auto read = h.Read("acme_server", created);
  ASSERT_TRUE(read.ok()) << read.diagnostics.ToString();
  EXPECT_EQ("\"" + cloud_->observed().read_etag + "\"", *etag);
}

TEST_F(AcmeUnitTest, WrongCreateIsNamed) {
  UnitHarness h(*provider_);
  auto r = h.Create("acme_broken", R"({"name": "n", "mode": "change_config"})");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.diagnostics.ToString().find("inconsistent result after apply"), std::string::npos)
      << r.diagnostics.ToString();
  r = h.Create("acme_broken", R"({"name": "n", "mode": "throw"})");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.diagnostics.ToString().find("on fire"), std::string::npos);
}

TEST_F(AcmeUnitTest, UpgradesVersion0) {
  UnitHarness h(*provider_);
  acme::ServerRecord r;
  r.id = "srv-9";
  r.name = "old";
  r.zone = "z1";
  r.size = "small";
  cloud_->Seed(r);
  auto read = h.UpgradeState("acme_server", 0,
                             R"({"id": "srv-9", "server_name": "old", "zone": "z1"})");
  ASSERT_TRUE(read.ok()) << read.diagnostics.ToString();
  EXPECT_EQ(read.state.Get<std::string>("name"), "old");
}

TEST_F(AcmeUnitTest, ImportThenRead) {
  UnitHarness h(*provider_);
  auto created = h.Create("acme_server", kServer);
  ASSERT_TRUE(created.ok()) << created.diagnostics.ToString();
  auto imported = h.Import("acme_server", created.state.Get<std::string>("id"));
  ASSERT_TRUE(imported.ok()) << imported.diagnostics.ToString();
  EXPECT_EQ(imported.state.Get<std::string>("name"), "web");
  EXPECT_FALSE(h.Import("acme_server", "srv-404").ok());
}

}  // namespace
