// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Acceptance tests of the author API (issue 4) with the "acme" test provider, against real
// Terraform and OpenTofu: every test runs with both binaries (tfsdk::testing::Run).

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "acme_provider.h"
#include "src/testing/command.h"
#include "tfsdk/testing/acceptance.h"

namespace {

using tfsdk::testing::Check;
using tfsdk::testing::CheckAttr;
using tfsdk::testing::CheckAttrSet;
using tfsdk::testing::CheckFunc;
using tfsdk::testing::ExpectKnownValue;
using tfsdk::testing::ExpectUnknownValue;
using tfsdk::testing::PlanCheckFunc;
using tfsdk::testing::Step;
using tfsdk::testing::TestCase;

TestCase Case(std::shared_ptr<acme::Cloud> cloud) {
  TestCase tc;
  tc.provider_factory = [cloud] { return acme::MakeProvider(cloud); };
  return tc;
}

constexpr char kProvider[] = R"(
provider "acme" {
  region = "eu"
}
)";

std::string Server(const std::string& body) {
  return std::string(kProvider) + "resource \"acme_server\" \"a\" {\n" + body + "\n}\n";
}

// A plan check that `key` of acme_server.a is known (any value).
tfsdk::testing::PlanCheck ExpectKnown(const std::string& key) {
  return PlanCheckFunc("acme_server.a " + key + " is known", [key](const auto& plan) {
    const tfsdk::testing::PlannedChange* pc = plan.Find("acme_server.a");
    if (pc == nullptr) return std::string("no change planned for acme_server.a");
    if (pc->after_unknown.count(key)) return key + " is unknown in the plan";
    if (!pc->after.count(key)) return key + " is null in the plan";
    return std::string();
  });
}

// Lifecycle: defaults, computed unknowns, UseStateForUnknown, RequiresReplace,
// RequiresReplaceIf, nested blocks and nested attributes through typed models, import.
TEST(AcmeAcceptanceTest, ServerLifecycle) {
  auto cloud = std::make_shared<acme::Cloud>();
  TestCase tc = Case(cloud);
  std::string id;  // captured after create, compared later
  auto remember_id = CheckFunc("remember id", [&id](const auto& state) {
    const auto* r = state.Find("acme_server.a");
    if (r == nullptr) return std::string("no acme_server.a");
    id = r->attributes.at("id");
    return std::string();
  });
  auto same_id = CheckFunc("id unchanged", [&id](const auto& state) {
    const auto* r = state.Find("acme_server.a");
    if (r == nullptr) return std::string("no acme_server.a");
    return r->attributes.at("id") == id ? std::string()
                                        : "id changed from " + id + " to " + r->attributes.at("id");
  });
  auto new_id = CheckFunc("id changed (replaced)", [&id](const auto& state) {
    const auto* r = state.Find("acme_server.a");
    if (r == nullptr) return std::string("no acme_server.a");
    return r->attributes.at("id") != id ? std::string() : "id is still " + id;
  });
  std::string base = R"(
  zone = "z1"
  tags = { env = "test" }
  metadata = { owner = "team-a", replicas = 2 }
  disk = [{ size_gb = 10 }, { size_gb = 20, label = "data" }]
  rule {
    port = 22
  }
  rule {
    port     = 53
    protocol = "udp"
  })";
  tc.steps = {
      {.config = Server("  name = \"web\"" + base),
       .expect_actions = {{"acme_server.a", "create"}},
       .checks = {CheckAttrSet("acme_server.a", "id"), CheckAttr("acme_server.a", "size", "small"),
                  CheckAttr("acme_server.a", "protect", "false"),
                  CheckAttr("acme_server.a", "region", "eu"),
                  CheckAttr("acme_server.a", "disk.0.label", "disk-0"),
                  CheckAttr("acme_server.a", "disk.1.label", "data"),
                  CheckAttr("acme_server.a", "rule.#", "2"),
                  CheckAttr("acme_server.a", "tags.env", "test"),
                  CheckAttr("acme_server.a", "metadata.owner", "team-a"),
                  CheckFunc("rule ids and protocols",
                            [](const auto& state) {
                              const auto* r = state.Find("acme_server.a");
                              std::string all = r->values_json;
                              for (const char* want : {"rule-22-tcp", "rule-53-udp"}) {
                                if (all.find(want) == std::string::npos) {
                                  return std::string("state lacks ") + want + ": " + all;
                                }
                              }
                              return std::string();
                            }),
                  remember_id},
       .plan_checks = {ExpectUnknownValue("acme_server.a", "id"),
                       ExpectUnknownValue("acme_server.a", "created_at"),
                       ExpectKnownValue("acme_server.a", "size", "small"),
                       ExpectKnownValue("acme_server.a", "protect", "false"),
                       ExpectKnownValue("acme_server.a", "disk.0.label", "disk-0")}},
      // In-place update: id, region and created_at stay known (UseStateForUnknown),
      // updated_at is "known after apply".
      {.config = Server("  name = \"web2\"\n  size = \"medium\"" + base),
       .expect_actions = {{"acme_server.a", "update"}},
       .checks = {same_id, CheckAttr("acme_server.a", "name", "web2"),
                  CheckAttr("acme_server.a", "size", "medium")},
       .plan_checks = {ExpectKnown("id"), ExpectKnown("created_at"), ExpectKnown("region"),
                       ExpectUnknownValue("acme_server.a", "updated_at")}},
      // RequiresReplaceIf: installing an image replaces the server, a new version of the same
      // image family updates it in place, another family replaces it again.
      {.config = Server("  name = \"web2\"\n  size = \"medium\"\n  image = \"ubuntu-22\"" + base),
       .expect_actions = {{"acme_server.a", "replace"}},
       .checks = {new_id, remember_id}},
      {.config = Server("  name = \"web2\"\n  size = \"medium\"\n  image = \"ubuntu-24\"" + base),
       .expect_actions = {{"acme_server.a", "update"}},
       .checks = {same_id}},
      {.config = Server("  name = \"web2\"\n  size = \"medium\"\n  image = \"debian-12\"" + base),
       .expect_actions = {{"acme_server.a", "replace"}},
       .checks = {new_id, remember_id}},
      // RequiresReplace: a new zone replaces the server.
      {.config = Server("  name = \"web2\"\n  size = \"medium\"\n  image = \"debian-12\"" +
                        std::string(base).replace(base.find("z1"), 2, "z2")),
       .expect_actions = {{"acme_server.a", "replace"}},
       .checks = {new_id, CheckAttr("acme_server.a", "zone", "z2")}},
      // Import by ID (passthrough), then Read fills in the rest.
      {.import_state = true,
       .resource_name = "acme_server.a",
       .import_verify = true,
       .import_verify_ignore = {"timeouts", "metadata"}},  // not stored by the cloud
  };
  tc.check_destroy = [cloud](const auto&) {
    return cloud->Count() == 0 ? std::string()
                               : std::to_string(cloud->Count()) + " servers left in the cloud";
  };
  tfsdk::testing::Run(tc);
}

// The same lifecycle basics over protocol 5.
TEST(AcmeAcceptanceTest, ServerOverProtocol5) {
  auto cloud = std::make_shared<acme::Cloud>();
  TestCase tc = Case(cloud);
  tc.protocol_version = 5;
  tc.steps = {
      {.config = Server("  name = \"p5\"\n  zone = \"z1\"\n  rule {\n    port = 80\n  }"),
       .checks = {CheckAttr("acme_server.a", "size", "small"),
                  CheckAttr("acme_server.a", "rule.0.protocol", "tcp")},
       .plan_checks = {ExpectUnknownValue("acme_server.a", "id")}},
      {.config = Server("  name = \"p5b\"\n  zone = \"z1\"\n  rule {\n    port = 80\n  }"),
       .expect_actions = {{"acme_server.a", "update"}},
       .plan_checks = {ExpectKnown("id")}},
  };
  tfsdk::testing::Run(tc);
}

// Validators report at the attribute's line of the configuration.
TEST(AcmeAcceptanceTest, ValidationErrorsPointAtTheAttribute) {
  auto cloud = std::make_shared<acme::Cloud>();
  TestCase tc = Case(cloud);
  auto bad = [](const std::string& body, const std::string& pattern) {
    return Step{.config = Server(body), .expect_error = pattern, .plan_only = true};
  };
  tc.steps = {
      bad("  name = \"Bad_Name\"\n  zone = \"z1\"",
          R"(Invalid Attribute Value Match[\s\S]*on main.tf line \d+, in resource "acme_server" "a":\s*\d+:\s*name\s*=\s*"Bad_Name"[\s\S]*must start with a lowercase letter)"),
      bad("  name = \"\"\n  zone = \"z1\"", R"(\d+:\s*name\s*=\s*""[\s\S]*length must be between 1 and 32)"),
      bad("  name = \"ok\"\n  zone = \"z1\"\n  size = \"huge\"",
          R"(\d+:\s*size\s*=\s*"huge"[\s\S]*(one of|small))"),
      bad("  name = \"ok\"\n  zone = \"z1\"\n  port = 70000", R"(\d+:\s*port\s*=\s*70000[\s\S]*between 1 and 65535)"),
      bad("  name = \"ok\"\n  zone = \"z1\"\n  port = 80\n  socket = \"/run/x\"",
          R"(Invalid Attribute Combination[\s\S]*\d+:\s*(port|socket)\s*=)"),
      bad("  name = \"ok\"\n  zone = \"z1\"\n  disk = [{ size_gb = 0 }]",
          R"(disk\[0\]\.size_gb[\s\S]*between 1 and 1000)"),
      bad("  name = \"ok\"\n  zone = \"z1\"\n  tags = { a = \"1\", b = \"2\", c = \"3\", d = "
          "\"4\", e = \"5\", f = \"6\" }",
          R"(\d+:\s*tags\s*=[\s\S]*at most 5)"),
      bad("  name = \"tmp-x\"\n  zone = \"z1\"\n  protect = true",
          R"(Temporary servers cannot be protected[\s\S]*\d+:\s*protect\s*=\s*true)"),
      bad("  name = \"ok\"\n  zone = \"z1\"\n  timeouts {\n    create = \"5x\"\n  }",
          R"(timeouts\.create|create\s*=\s*"5x")"),
      {.config = R"(
provider "acme" {
  region = "mars"
}
data "acme_server_info" "x" {
  name = "web"
}
)",
       .expect_error = R"(\d+:\s*region\s*=\s*"mars"[\s\S]*(one of|"us"))",
       .plan_only = true},
      {.config = std::string(kProvider) + R"(
data "acme_server_info" "x" {
  id   = "srv-1"
  name = "web"
}
)",
       .expect_error = R"(Invalid Attribute Combination)",
       .plan_only = true},
  };
  tfsdk::testing::Run(tc);
  EXPECT_EQ(cloud->Count(), 0u);
}

// ModifyPlan: refuses to plan the destroy of a protected server.
TEST(AcmeAcceptanceTest, ModifyPlanProtectsFromDestroy) {
  auto cloud = std::make_shared<acme::Cloud>();
  TestCase tc = Case(cloud);
  std::string server = Server("  name = \"db\"\n  zone = \"z1\"\n  protect = true");
  tc.steps = {
      {.config = server, .checks = {CheckAttr("acme_server.a", "protect", "true")}},
      {.config = kProvider, .expect_error = R"(Server is protected[\s\S]*protect = false)"},
      {.config = Server("  name = \"db\"\n  zone = \"z1\"\n  protect = false"),
       .expect_actions = {{"acme_server.a", "update"}}},
  };
  tfsdk::testing::Run(tc);
  EXPECT_EQ(cloud->Count(), 0u);
}

// Private state flows create -> state -> read and -> update.
TEST(AcmeAcceptanceTest, PrivateStateReachesReadAndUpdate) {
  auto cloud = std::make_shared<acme::Cloud>();
  TestCase tc = Case(cloud);
  auto etag_matches = [cloud](const char* which) {
    return CheckFunc(std::string("the provider saw the current etag in ") + which,
                     [cloud, which](const auto& state) {
                       const auto* r = state.Find("acme_server.a");
                       if (r == nullptr) return std::string("no acme_server.a");
                       auto rec = cloud->Get(r->attributes.at("id"));
                       if (!rec) return std::string("not in the cloud");
                       acme::Cloud::Observed o = cloud->observed();
                       std::string seen = std::string(which) == "read" ? o.read_etag
                                                                       : o.update_etag;
                       if (seen.empty()) return std::string("no etag was seen");
                       if (std::string(which) == "read" && seen != rec->etag) {
                         return "read saw " + seen + ", current is " + rec->etag;
                       }
                       return std::string();
                     });
  };
  tc.steps = {
      {.config = Server("  name = \"p\"\n  zone = \"z1\"")},
      {.checks = {etag_matches("read")}, .refresh_state = true},
      {.config = Server("  name = \"p2\"\n  zone = \"z1\""), .checks = {etag_matches("update")}},
  };
  tfsdk::testing::Run(tc);
}

// Timeouts block values reach Create as durations; provider_meta reaches Create.
TEST(AcmeAcceptanceTest, TimeoutsAndProviderMeta) {
  auto cloud = std::make_shared<acme::Cloud>();
  TestCase tc = Case(cloud);
  tc.steps = {
      {.config = std::string(R"(
terraform {
  provider_meta "acme" {
    module_name = "netmod"
  }
}
)") + Server("  name = \"t\"\n  zone = \"z1\"\n  timeouts {\n    create = \"1m30s\"\n  }"),
       .checks = {CheckFunc("Create saw timeouts.create = 90s and the module name",
                            [cloud](const auto&) {
                              acme::Cloud::Observed o = cloud->observed();
                              if (o.create_timeout != std::chrono::seconds(90)) {
                                return "create timeout was " +
                                       std::to_string(o.create_timeout.count()) + "ns";
                              }
                              if (o.provider_meta_module != "netmod") {
                                return "provider_meta module_name was \"" +
                                       o.provider_meta_module + "\"";
                              }
                              if (o.configured_region != "eu") {
                                return "configured region was " + o.configured_region;
                              }
                              return std::string();
                            })}},
  };
  tfsdk::testing::Run(tc);
}

// Bad credentials in the provider configuration: a clear diagnostic.
TEST(AcmeAcceptanceTest, BadCredentials) {
  auto cloud = std::make_shared<acme::Cloud>();
  TestCase tc = Case(cloud);
  tc.steps = {
      {.config = R"(
provider "acme" {
  api_token = "bad-token-0"
}
resource "acme_server" "a" {
  name = "x"
  zone = "z1"
}
)",
       .expect_error = R"(Invalid credentials[\s\S]*HTTP 401)"},
  };
  tfsdk::testing::Run(tc);
  EXPECT_EQ(cloud->Count(), 0u);
}

// A Create that changes a configured value gets our named diagnostic, and a throwing
// Create becomes an error diagnostic (the provider keeps running).
TEST(AcmeAcceptanceTest, WrongCreateIsNamed) {
  auto cloud = std::make_shared<acme::Cloud>();
  TestCase tc = Case(cloud);
  tc.steps = {
      {.config = R"(
resource "acme_broken" "a" {
  name = "n"
  mode = "change_config"
}
)",
       .expect_error = R"(inconsistent result after apply[\s\S]*"name"[\s\S]*n-renamed)"},
      {.config = R"(
resource "acme_broken" "b" {
  name = "n"
  mode = "throw"
}
)",
       .expect_error = R"(Unexpected error in Create of acme_broken[\s\S]*on fire)"},
      {.config = R"(
resource "acme_broken" "c" {
  name = "n"
  mode = "leave_unknown"
}
)",
       .expect_error = R"(unknown value after apply[\s\S]*"id")"},
  };
  tfsdk::testing::Run(tc);
}

// Data source: reads by name; the configured client is used.
TEST(AcmeAcceptanceTest, DataSourceReadsThroughTheConfiguredClient) {
  auto cloud = std::make_shared<acme::Cloud>();
  acme::ServerRecord seeded;
  seeded.id = "srv-77";
  seeded.name = "existing";
  seeded.zone = "z9";
  seeded.size = "large";
  seeded.region = "eu";
  cloud->Seed(seeded);
  TestCase tc = Case(cloud);
  tc.steps = {
      {.config = std::string(kProvider) + R"(
data "acme_server_info" "x" {
  name = "existing"
}
)",
       .checks = {CheckAttr("data.acme_server_info.x", "id", "srv-77"),
                  CheckAttr("data.acme_server_info.x", "zone", "z9"),
                  CheckAttr("data.acme_server_info.x", "size", "large")}},
  };
  tfsdk::testing::Run(tc);
}

// State written by older provider versions is upgraded: version 0 as JSON and as the legacy
// flatmap, version 1 through the raw JSON.
std::string StateFile(const tfsdk::testing::WorkingDir& wd, int schema_version,
                      const nlohmann::json& attributes, bool flat) {
  nlohmann::json instance = {{"schema_version", schema_version},
                             {"sensitive_attributes", nlohmann::json::array()}};
  instance[flat ? "attributes_flat" : "attributes"] = attributes;
  nlohmann::json state = {
      {"version", 4},
      {"terraform_version", "1.6.0"},
      {"serial", 1},
      {"lineage", "0f0e0d0c-0b0a-0908-0706-050403020100"},
      {"outputs", nlohmann::json::object()},
      {"resources",
       {{{"mode", "managed"},
         {"type", "acme_server"},
         {"name", "a"},
         {"provider", "provider[\"" + wd.provider_source + "\"]"},
         {"instances", {instance}}}}},
  };
  return state.dump(2);
}

void RunUpgrade(int schema_version, const nlohmann::json& attributes, bool flat,
                const std::string& config, std::vector<Check> checks) {
  auto cloud = std::make_shared<acme::Cloud>();
  TestCase tc = Case(cloud);
  tc.steps = {
      {.pre_config =
           [cloud] {
             acme::ServerRecord r;
             r.id = "srv-legacy";
             r.name = "legacy";
             r.zone = "z1";
             r.size = "medium";
             r.port = 8080;
             r.region = "eu";
             r.created_at = "t0";
             r.updated_at = "t0";
             r.etag = "etag-0";
             cloud->Seed(r);
           },
       .config = config,
       .checks = std::move(checks),
       .refresh_state = true,
       .prepare_working_dir =
           [=](const tfsdk::testing::WorkingDir& wd) {
             std::string path = wd.path + "/terraform.tfstate";
             if (!tfsdk::internal::WriteTextFile(
                     path, StateFile(wd, schema_version, attributes, flat))) {
               throw std::runtime_error("cannot write " + path);
             }
           }},
  };
  tfsdk::testing::Run(tc);
}

TEST(AcmeAcceptanceTest, UpgradesVersion0JsonState) {
  RunUpgrade(0, {{"id", "srv-legacy"}, {"server_name", "legacy"}, {"zone", "z1"},
                 {"size", "medium"}},
             false, Server("  name = \"legacy\"\n  zone = \"z1\"\n  size = \"medium\"\n  port = 8080"),
             {CheckAttr("acme_server.a", "name", "legacy"),
              CheckAttr("acme_server.a", "id", "srv-legacy"),
              CheckAttr("acme_server.a", "region", "eu")});
}

TEST(AcmeAcceptanceTest, UpgradesVersion0FlatmapState) {
  RunUpgrade(0, {{"id", "srv-legacy"}, {"server_name", "legacy"}, {"zone", "z1"},
                 {"size", "medium"}},
             true, Server("  name = \"legacy\"\n  zone = \"z1\"\n  size = \"medium\"\n  port = 8080"),
             {CheckAttr("acme_server.a", "name", "legacy"),
              CheckAttr("acme_server.a", "port", "8080")});
}

TEST(AcmeAcceptanceTest, UpgradesVersion1RawJson) {
  RunUpgrade(1, {{"id", "srv-legacy"}, {"name", "legacy"}, {"zone", "z1"}, {"size", "medium"},
                 {"port", "8080"}, {"protect", false}},
             false, Server("  name = \"legacy\"\n  zone = \"z1\"\n  size = \"medium\"\n  port = 8080"),
             {CheckAttr("acme_server.a", "port", "8080"),
              CheckAttr("acme_server.a", "created_at", "t0")});
}

}  // namespace
