// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Tests of the acceptance harness itself (tfsdk::testing::Run) with the real binaries:
// every kind of failure it promises to report is provoked and its message checked, so a
// green acceptance test means something. The provider here keeps its objects in memory,
// which lets a test break it on purpose (a Read that lies, a Delete that fails).

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include "tfsdk/tfsdk.h"
#include "tfsdk/testing/acceptance.h"

namespace {

using tfsdk::testing::CheckAttr;
using tfsdk::testing::State;
using tfsdk::testing::Step;
using tfsdk::testing::TestCase;

// The "remote API" of the scratch provider.
std::mutex g_mu;
std::map<std::string, std::string> g_store;  // name -> value
std::atomic<bool> g_read_lies{false};        // Read reports a value nobody configured
std::atomic<bool> g_delete_fails{false};

class ItemResource final : public tfsdk::Resource {
 public:
  std::string TypeName() const override { return "scratch_item"; }
  tfsdk::Schema GetSchema() const override {
    return tfsdk::Schema{.attributes = {
                             tfsdk::Attribute::String("name").Required().RequiresReplace(),
                             tfsdk::Attribute::String("value").Required(),
                             tfsdk::Attribute::String("note").Optional(),
                             tfsdk::Attribute::String("id").Computed(),
                         }};
  }
  void Create(const tfsdk::CreateRequest& req, tfsdk::CreateResponse& resp) override {
    std::string name = req.plan.Get<std::string>("name");
    std::lock_guard<std::mutex> lock(g_mu);
    g_store[name] = req.plan.Get<std::string>("value");
    resp.state.Set("id", name);
  }
  void Read(const tfsdk::ReadRequest& req, tfsdk::ReadResponse& resp) override {
    std::string name = req.state.Get<std::string>("name");
    std::lock_guard<std::mutex> lock(g_mu);
    auto it = g_store.find(name);
    if (it == g_store.end()) {
      resp.state.RemoveResource();
      return;
    }
    resp.state.Set("value", g_read_lies ? it->second + "-drifted" : it->second);
    resp.state.Set("id", name);
  }
  void Update(const tfsdk::UpdateRequest& req, tfsdk::UpdateResponse& resp) override {
    std::string name = req.plan.Get<std::string>("name");
    std::lock_guard<std::mutex> lock(g_mu);
    g_store[name] = req.plan.Get<std::string>("value");
    resp.state.Set("id", name);
  }
  void Delete(const tfsdk::DeleteRequest& req, tfsdk::DeleteResponse& resp) override {
    if (g_delete_fails) {
      resp.diagnostics.AddError("Delete refused", "The scratch API is read-only today.");
      return;
    }
    std::lock_guard<std::mutex> lock(g_mu);
    g_store.erase(req.state.Get<std::string>("name"));
  }
  void ImportState(const tfsdk::ImportStateRequest& req,
                   tfsdk::ImportStateResponse& resp) override {
    resp.state.Set("name", req.id);
    resp.state.Set("id", req.id);
  }
};

std::unique_ptr<tfsdk::Provider> MakeScratchProvider() {
  auto p = std::make_unique<tfsdk::Provider>("scratch");
  p->AddResource<ItemResource>();
  return p;
}

std::string Item(const std::string& value, const std::string& extra = {}) {
  return "resource \"scratch_item\" \"a\" {\n  name  = \"a\"\n  value = \"" + value + "\"\n" +
         extra + "}\n";
}

// The messages of the failures Run reports for `tc` (intercepted, so this test passes).
std::vector<std::string> FailuresOf(const TestCase& tc) {
  ::testing::TestPartResultArray results;
  {
    ::testing::ScopedFakeTestPartResultReporter reporter(
        ::testing::ScopedFakeTestPartResultReporter::INTERCEPT_ONLY_CURRENT_THREAD, &results);
    tfsdk::testing::Run(tc);
  }
  std::vector<std::string> out;
  for (int i = 0; i < results.size(); ++i) out.push_back(results.GetTestPartResult(i).message());
  return out;
}

std::string Joined(const std::vector<std::string>& v) {
  std::string s;
  for (const std::string& x : v) s += "----\n" + x + "\n";
  return s;
}

// How many of `failures` contain every one of `parts`.
int Count(const std::vector<std::string>& failures, const std::vector<std::string>& parts) {
  int n = 0;
  for (const std::string& f : failures) {
    bool all = true;
    for (const std::string& p : parts) all = all && f.find(p) != std::string::npos;
    n += all ? 1 : 0;
  }
  return n;
}

class HarnessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    g_read_lies = false;
    g_delete_fails = false;
    std::lock_guard<std::mutex> lock(g_mu);
    g_store.clear();
  }
  void TearDown() override {
    g_read_lies = false;
    g_delete_fails = false;
  }
  static TestCase NewCase() {
    TestCase tc;
    tc.provider_factory = MakeScratchProvider;
    return tc;
  }
};

TEST_F(HarnessTest, AGoodCasePassesWithNoFailures) {
  TestCase tc = NewCase();
  tc.steps = {
      Step{.config = Item("one"),
           .expect_actions = {{"scratch_item.a", "create"}},
           .checks = {CheckAttr("scratch_item.a", "value", "one"),
                      CheckAttr("scratch_item.a", "id", "a")}},
      Step{.config = Item("two"), .expect_actions = {{"scratch_item.a", "update"}}},
      Step{.plan_only = true},
      Step{.refresh_state = true},
      Step{.import_state = true, .resource_name = "scratch_item.a", .import_verify = true},
  };
  int destroy_checks = 0;
  tc.check_destroy = [&destroy_checks](const State& s) {
    ++destroy_checks;
    return s.resources.empty() ? std::string() : std::string("resources left");
  };
  std::vector<std::string> failures = FailuresOf(tc);
  EXPECT_TRUE(failures.empty()) << Joined(failures);
  EXPECT_EQ(destroy_checks, 2) << "check_destroy runs once per binary";
  std::lock_guard<std::mutex> lock(g_mu);
  EXPECT_TRUE(g_store.empty()) << "the final destroy deletes the object";
}

TEST_F(HarnessTest, AFailedCheckNamesBinaryStepAndValues) {
  TestCase tc = NewCase();
  tc.steps = {Step{.config = Item("one"), .checks = {CheckAttr("scratch_item.a", "value", "x")}}};
  std::vector<std::string> f = FailuresOf(tc);
  EXPECT_EQ(Count(f, {"Terraform v", "(terraform), protocol 6] step 1/1 (apply)",
                      "check failed: scratch_item.a.value == \"x\"",
                      "scratch_item.a.value is \"one\", want \"x\""}),
            1)
      << Joined(f);
  EXPECT_EQ(Count(f, {"OpenTofu v", "(tofu), protocol 6] step 1/1 (apply)", "check failed"}), 1)
      << Joined(f);
  EXPECT_EQ(f.size(), 2u) << Joined(f);
}

TEST_F(HarnessTest, APlanThatDoesNotConvergeIsAFailure) {
  g_read_lies = true;
  TestCase tc = NewCase();
  tc.binaries = {"tofu"};
  tc.steps = {Step{.config = Item("one")}};
  std::vector<std::string> f = FailuresOf(tc);
  EXPECT_EQ(Count(f, {"the plan after apply is not empty", "one-drifted"}), 1) << Joined(f);
}

TEST_F(HarnessTest, ExpectNonEmptyPlanFailsWhenThePlanIsEmpty) {
  TestCase tc = NewCase();
  tc.binaries = {"tofu"};
  tc.steps = {Step{.config = Item("one"), .expect_non_empty_plan = true},
              Step{.plan_only = true, .expect_non_empty_plan = true}};
  std::vector<std::string> f = FailuresOf(tc);
  EXPECT_EQ(Count(f, {"step 1/2 (apply)", "the plan after apply is empty, but changes were "
                                          "expected"}),
            1)
      << Joined(f);
}

TEST_F(HarnessTest, PlanOnlyStepsSeeDrift) {
  TestCase tc = NewCase();
  tc.binaries = {"tofu"};
  tc.steps = {
      Step{.config = Item("one")},
      Step{.pre_config =
               [] {
                 std::lock_guard<std::mutex> lock(g_mu);
                 g_store["a"] = "changed behind terraform's back";
               },
           .plan_only = true},
  };
  std::vector<std::string> f = FailuresOf(tc);
  EXPECT_EQ(Count(f, {"step 2/2 (plan only)", "the plan of this plan-only step is not empty"}),
            1)
      << Joined(f);
}

TEST_F(HarnessTest, ExpectErrorWhenNothingFails) {
  TestCase tc = NewCase();
  tc.binaries = {"tofu"};
  tc.steps = {Step{.config = Item("one"), .expect_error = "boom"}};
  std::vector<std::string> f = FailuresOf(tc);
  EXPECT_EQ(Count(f, {"apply succeeded, but an error matching /boom/ was expected"}), 1)
      << Joined(f);
}

TEST_F(HarnessTest, ExpectErrorWithTheWrongMessage) {
  TestCase tc = NewCase();
  tc.binaries = {"tofu"};
  // A configuration error (missing required attribute), not the one the test expects.
  tc.steps = {Step{.config = "resource \"scratch_item\" \"a\" {\n  name = \"a\"\n}\n",
                   .expect_error = "Delete refused"}};
  std::vector<std::string> f = FailuresOf(tc);
  EXPECT_EQ(Count(f, {"apply failed as expected, but its output does not match /Delete refused/",
                      "--- stderr ---"}),
            1)
      << Joined(f);
}

TEST_F(HarnessTest, ExpectErrorMatchesAcrossLineWraps) {
  TestCase tc = NewCase();
  tc.binaries = {"tofu"};
  g_delete_fails = true;
  tc.steps = {
      Step{.config = Item("one")},
      // Removing the resource makes apply call Delete, which fails.
      Step{.config = "# nothing\n",
           .expect_error = "Delete refused The scratch API is read-only today\\."},
  };
  std::vector<std::string> f = FailuresOf(tc);
  // The steps pass; only the final destroy fails (Delete still refuses) and says so.
  EXPECT_EQ(Count(f, {"final destroy", "destroy failed", "Delete refused"}), 1) << Joined(f);
  EXPECT_EQ(f.size(), 1u) << Joined(f);
  g_delete_fails = false;
  std::lock_guard<std::mutex> lock(g_mu);
  g_store.clear();
}

TEST_F(HarnessTest, WrongPlannedActionIsReported) {
  TestCase tc = NewCase();
  tc.binaries = {"tofu"};
  tc.steps = {
      Step{.config = Item("one")},
      Step{.config = "resource \"scratch_item\" \"a\" {\n  name  = \"b\"\n  value = \"one\"\n}\n",
           .expect_actions = {{"scratch_item.a", "update"}}},
  };
  std::vector<std::string> f = FailuresOf(tc);
  EXPECT_EQ(Count(f, {"scratch_item.a: planned replace, want update"}), 1) << Joined(f);
}

TEST_F(HarnessTest, ImportVerifyReportsDifferencesAndHonoursIgnore) {
  TestCase tc = NewCase();
  tc.binaries = {"tofu"};
  // "note" lives only in configuration and state; an import cannot recover it.
  tc.steps = {
      Step{.config = Item("one", "  note = \"remember me\"\n")},
      Step{.import_state = true, .resource_name = "scratch_item.a", .import_verify = true,
           .import_verify_ignore = {"note"}},
      Step{.import_state = true, .resource_name = "scratch_item.a", .import_verify = true},
  };
  std::vector<std::string> f = FailuresOf(tc);
  EXPECT_EQ(Count(f, {"step 3/3 (import)", "note: imported (unset), state \"remember me\""}), 1)
      << Joined(f);
  EXPECT_EQ(f.size(), 1u) << "the ignore list must make the import in step 2 pass\n"
                          << Joined(f);
}

TEST_F(HarnessTest, ImportOfAMissingObjectFails) {
  TestCase tc = NewCase();
  tc.binaries = {"tofu"};
  tc.steps = {Step{.config = Item("one")},
              Step{.import_state = true, .resource_name = "scratch_item.a", .import_id = "zz"}};
  std::vector<std::string> f = FailuresOf(tc);
  EXPECT_EQ(Count(f, {"import of scratch_item.a (ID \"zz\") failed",
                      "non-existent remote object"}),
            1)
      << Joined(f);
}

TEST_F(HarnessTest, PreConfigExceptionsAreFailures) {
  TestCase tc = NewCase();
  tc.binaries = {"tofu"};
  tc.steps = {Step{.config = Item("one")},
              Step{.pre_config = [] { throw std::runtime_error("fixture broke"); }}};
  std::vector<std::string> f = FailuresOf(tc);
  EXPECT_EQ(Count(f, {"step 2/2", "pre_config threw: fixture broke"}), 1) << Joined(f);
  std::lock_guard<std::mutex> lock(g_mu);
  EXPECT_TRUE(g_store.empty()) << "destroy still runs after a failed step";
}

TEST_F(HarnessTest, CheckDestroyProblemsAreFailures) {
  TestCase tc = NewCase();
  tc.binaries = {"tofu"};
  tc.steps = {Step{.config = Item("one")}};
  tc.check_destroy = [](const State&) { return std::string("the API still lists it"); };
  std::vector<std::string> f = FailuresOf(tc);
  EXPECT_EQ(Count(f, {"final destroy", "check_destroy: the API still lists it"}), 1)
      << Joined(f);
}

TEST_F(HarnessTest, CommandsThatHangAreKilled) {
  TestCase tc = NewCase();
  tc.binaries = {"tofu"};
  tc.command_timeout = std::chrono::seconds(0);
  tc.steps = {Step{.config = Item("one")}};
  std::vector<std::string> f = FailuresOf(tc);
  EXPECT_GE(Count(f, {"apply failed", "TIMED OUT"}), 1) << Joined(f);
}

TEST_F(HarnessTest, AMissingBinaryIsAFailureNotASkip) {
  TestCase tc = NewCase();
  tc.binaries = {"tfsdk-no-such-binary"};
  tc.steps = {Step{.config = Item("one")}};
  std::vector<std::string> f = FailuresOf(tc);
  EXPECT_EQ(Count(f, {"the `tfsdk-no-such-binary` binary was not found",
                      "$TFSDK_TFSDK_NO_SUCH_BINARY"}),
            1)
      << Joined(f);
}

TEST_F(HarnessTest, InvalidTestCasesAreReported) {
  struct Case {
    std::string name;
    TestCase tc;
    std::string message;
  };
  std::vector<Case> cases;
  {
    TestCase tc;
    tc.steps = {Step{.config = Item("one")}};
    cases.push_back({"NoFactory", tc, "provider_factory is not set"});
  }
  {
    TestCase tc = NewCase();
    cases.push_back({"NoSteps", tc, "TestCase.steps is empty"});
  }
  {
    TestCase tc = NewCase();
    tc.protocol_version = 4;
    tc.steps = {Step{.config = Item("one")}};
    cases.push_back({"BadProtocol", tc, "protocol_version must be 5 or 6, not 4"});
  }
  {
    TestCase tc = NewCase();
    tc.steps = {Step{.plan_only = true}};
    cases.push_back({"NoConfig", tc, "no config and no earlier step had one"});
  }
  {
    TestCase tc = NewCase();
    tc.steps = {Step{.config = Item("one")}, Step{.import_state = true}};
    cases.push_back({"ImportWithoutName", tc, "needs resource_name"});
  }
  for (Case& c : cases) {
    c.tc.binaries = {"tofu"};
    std::vector<std::string> f = FailuresOf(c.tc);
    EXPECT_EQ(Count(f, {c.message}), 1) << c.name << "\n" << Joined(f);
  }
}

TEST_F(HarnessTest, Protocol5IsServedWhenAsked) {
  TestCase tc = NewCase();
  tc.protocol_version = 5;
  tc.steps = {Step{.config = Item("one"), .checks = {CheckAttr("scratch_item.a", "value", "x")}}};
  std::vector<std::string> f = FailuresOf(tc);
  // The failure label proves which protocol the run used; the check itself fails on purpose.
  EXPECT_EQ(Count(f, {"(tofu), protocol 5]", "scratch_item.a.value is \"one\""}), 1) << Joined(f);
  EXPECT_EQ(Count(f, {"(terraform), protocol 5]", "scratch_item.a.value is \"one\""}), 1)
      << Joined(f);
}

}  // namespace
