// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// tfsdk::testing::Run: serves the provider in-process and drives a real terraform/tofu
// binary through the steps of a TestCase (see include/tfsdk/testing/acceptance.h).

#include "tfsdk/testing/acceptance.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <utility>

#include "src/engine/engine.h"
#include "src/plugin/plugin_server.h"
#include "src/protocol/services.h"
#include "src/testing/command.h"

namespace tfsdk::testing {
namespace {

namespace ti = ::tfsdk::internal;

struct ToolInfo {
  std::string path;      // "" when not found
  std::string version;   // first line of `<tool> version`
  std::string searched;  // where FindTool looked, when not found
};

// Finds `name` and reads its version once per process; prints the version the first time.
const ToolInfo& ResolveTool(const std::string& name) {
  static std::mutex mu;
  static std::map<std::string, ToolInfo> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(name);
  if (it != cache.end()) return it->second;
  ToolInfo info;
  info.path = ti::FindTool(name, &info.searched);
  if (!info.path.empty()) {
    ti::CommandSpec spec;
    spec.argv = {info.path, "version"};
    spec.env = ti::CleanToolEnvironment(
        {{"TF_CLI_CONFIG_FILE", "/dev/null"}, {"CHECKPOINT_DISABLE", "1"}});
    spec.timeout = std::chrono::seconds(60);
    ti::CommandResult r = ti::RunCommand(spec);
    std::string first_line = r.out.substr(0, r.out.find('\n'));
    info.version = r.ok() && !first_line.empty() ? first_line : "(version unknown)";
    std::printf("[tfsdk::testing] %s: %s (%s)\n", name.c_str(), info.version.c_str(),
                info.path.c_str());
    std::fflush(stdout);
  }
  return cache.emplace(name, std::move(info)).first->second;
}

bool HasPrefixKey(const std::string& key, const std::vector<std::string>& prefixes) {
  for (const std::string& p : prefixes) {
    if (key == p || key.rfind(p + ".", 0) == 0) return true;
  }
  return false;
}

std::string JsonQuote(const std::string& s) { return nlohmann::json(s).dump(); }

// The planned action per resource address from `show -json <planfile>`: "create",
// "update", "replace", "delete", "read" or "no-op" (others verbatim, joined with "+").
bool PlannedActions(const std::string& text, std::map<std::string, std::string>& out) {
  nlohmann::json v = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!v.is_object()) return false;
  auto changes = v.find("resource_changes");
  if (changes == v.end()) return true;
  if (!changes->is_array()) return false;
  for (const nlohmann::json& rc : *changes) {
    if (!rc.is_object()) continue;
    std::vector<std::string> actions;
    if (auto c = rc.find("change"); c != rc.end() && c->is_object()) {
      if (auto a = c->find("actions"); a != c->end() && a->is_array()) {
        for (const nlohmann::json& x : *a) {
          if (x.is_string()) actions.push_back(x.get<std::string>());
        }
      }
    }
    std::string action;
    if (actions.size() == 2 &&
        ((actions[0] == "delete" && actions[1] == "create") ||
         (actions[0] == "create" && actions[1] == "delete"))) {
      action = "replace";
    } else {
      for (const std::string& a : actions) action += (action.empty() ? "" : "+") + a;
    }
    out[rc.value("address", "")] = action;
  }
  return true;
}

// Flattens an `after_unknown` tree: every `true` leaf (or a whole unknown value) is added
// under its flattened key.
void FlattenUnknown(const nlohmann::json& v, const std::string& prefix,
                    std::set<std::string>& out) {
  if (v.is_boolean()) {
    if (v.get<bool>() && !prefix.empty()) out.insert(prefix);
    return;
  }
  std::string dot = prefix.empty() ? "" : prefix + ".";
  if (v.is_object()) {
    for (const auto& [k, x] : v.items()) FlattenUnknown(x, dot + k, out);
  } else if (v.is_array()) {
    for (size_t i = 0; i < v.size(); ++i) FlattenUnknown(v[i], dot + std::to_string(i), out);
  }
}

// Parses `show -json <planfile>` into `plan`.
bool ParsePlanJson(const std::string& text, Plan& plan) {
  plan.json = text;
  nlohmann::json v = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!v.is_object()) return false;
  std::map<std::string, std::string> actions;
  if (!PlannedActions(text, actions)) return false;
  auto changes = v.find("resource_changes");
  if (changes == v.end() || !changes->is_array()) return true;
  for (const nlohmann::json& rc : *changes) {
    if (!rc.is_object()) continue;
    PlannedChange pc;
    pc.address = rc.value("address", "");
    pc.action = actions[pc.address];
    if (auto c = rc.find("change"); c != rc.end() && c->is_object()) {
      if (auto b = c->find("before"); b != c->end() && b->is_object()) {
        FlattenJsonAttributes(b->dump(), pc.before);
      }
      if (auto a = c->find("after"); a != c->end() && a->is_object()) {
        FlattenJsonAttributes(a->dump(), pc.after);
      }
      if (auto u = c->find("after_unknown"); u != c->end()) {
        FlattenUnknown(*u, "", pc.after_unknown);
      }
    }
    plan.changes[pc.address] = std::move(pc);
  }
  return true;
}

// One run of a TestCase against one binary.
class Runner {
 public:
  Runner(const TestCase& tc, std::string tool_name, const ToolInfo& tool)
      : tc_(tc), tool_name_(std::move(tool_name)), tool_(tool), root_("tfsdk-acc-") {
    label_ = "[" + tool_.version + " (" + tool_name_ + "), protocol " +
             std::to_string(tc_.protocol_version) + "]";
  }

  ~Runner() {
    if (server_) server_->Shutdown();
    bool keep = ::testing::Test::HasFailure();
    if (const char* k = std::getenv("TFSDK_ACC_KEEP"); k != nullptr && std::string(k) == "1") {
      keep = true;
    }
    if (keep && root_.ok()) {
      root_.Keep();
      std::printf("[tfsdk::testing] %s working directories kept in %s\n", label_.c_str(),
                  root_.path().c_str());
    }
  }

  void Run() {
    SCOPED_TRACE(label_);
    if (!Setup()) return;
    const size_t n = tc_.steps.size();
    for (size_t i = 0; i < n; ++i) {
      const Step& step = tc_.steps[i];
      step_label_ = "step " + std::to_string(i + 1) + "/" + std::to_string(n) + " (" +
                    StepKind(step) + ")";
      SCOPED_TRACE(label_ + " " + step_label_);
      if (step.pre_config) {
        try {
          step.pre_config();
        } catch (const std::exception& e) {
          Fail(std::string("pre_config threw: ") + e.what());
          break;
        }
      }
      bool ok;
      if (step.import_state) {
        ok = ImportStep(step, i);
      } else if (step.refresh_state) {
        ok = RefreshStep(step);
      } else if (!step.query.empty()) {
        ok = QueryStep(step);
      } else if (step.plan_only) {
        ok = PlanOnlyStep(step);
      } else {
        ok = ApplyStep(step);
      }
      if (!ok) break;  // later steps build on this one
    }
    step_label_ = "final destroy";
    SCOPED_TRACE(label_ + " " + step_label_);
    Destroy();
  }

 private:
  static std::string StepKind(const Step& s) {
    if (s.import_state) return s.import_with_block ? "import block" : "import";
    if (s.refresh_state) return "refresh";
    if (!s.query.empty()) return "query";
    if (s.plan_only) return "plan only";
    return "apply";
  }

  void Fail(const std::string& message) {
    ADD_FAILURE() << label_ << " " << step_label_ << ": " << message;
  }

  bool Setup() {
    step_label_ = "setup";
    if (!tc_.provider_factory) {
      Fail("TestCase.provider_factory is not set");
      return false;
    }
    if (tc_.steps.empty()) {
      Fail("TestCase.steps is empty");
      return false;
    }
    if (tc_.protocol_version != 5 && tc_.protocol_version != 6) {
      Fail("TestCase.protocol_version must be 5 or 6, not " +
           std::to_string(tc_.protocol_version));
      return false;
    }
    if (!root_.ok()) {
      Fail("cannot create a temporary directory");
      return false;
    }
    try {
      provider_ = tc_.provider_factory();
    } catch (const std::exception& e) {
      Fail(std::string("provider_factory threw: ") + e.what());
      return false;
    }
    if (!provider_) {
      Fail("provider_factory returned null");
      return false;
    }
    engine_ = std::make_unique<ti::Engine>(*provider_);
    if (engine_->schema_diagnostics().HasError()) {
      Fail("the provider's schemas are invalid:\n" + engine_->schema_diagnostics().ToString());
      return false;
    }
    ti::PluginServices services;
    if (tc_.protocol_version == 6) {
      v6_ = std::make_unique<ti::ProviderV6Service>(*engine_);
      services.v6 = v6_.get();
    } else {
      v5_ = std::make_unique<ti::ProviderV5Service>(*engine_);
      services.v5 = v5_.get();
    }
    ti::Engine* engine = engine_.get();
    services.on_shutdown = [engine] { engine->StopProvider(); };
    absl::StatusOr<std::unique_ptr<ti::InProcessPluginServer>> server =
        ti::InProcessPluginServer::Start(services, root_.path());
    if (!server.ok()) {
      Fail("cannot start the in-process provider server: " + server.status().ToString());
      return false;
    }
    server_ = *std::move(server);

    const std::string& type = provider_->type_name();
    // Terraform and OpenTofu expand "tfsdk/<type>" with different default hosts; listing
    // both makes the same value work for either.
    nlohmann::json reattach = nlohmann::json::object();
    for (const char* host : {"registry.terraform.io", "registry.opentofu.org"}) {
      nlohmann::json one = nlohmann::json::parse(
          ti::ReattachConfigJson(std::string(host) + "/tfsdk/" + type,
                                 server_->protocol_version(), static_cast<int>(::getpid()),
                                 server_->socket_path()));
      for (auto& [k, v] : one.items()) reattach[k] = v;
    }
    std::string cli_config = root_.path() + "/cli.tfrc";
    if (!ti::WriteTextFile(cli_config, "")) {
      Fail("cannot write " + cli_config);
      return false;
    }
    env_ = ti::CleanToolEnvironment({
        {"TF_REATTACH_PROVIDERS", reattach.dump()},
        {"TF_CLI_CONFIG_FILE", cli_config},
        {"TF_IN_AUTOMATION", "1"},
        {"CHECKPOINT_DISABLE", "1"},
    });
    header_ = "terraform {\n  required_providers {\n    " + type + " = {\n      source = \"tfsdk/" +
              type + "\"\n    }\n  }\n}\n\n";
    work_ = root_.path() + "/work";
    if (::mkdir(work_.c_str(), 0700) != 0) {
      Fail("cannot create " + work_);
      return false;
    }
    return true;
  }

  // Runs the binary with `args` in `dir`; `described` gets the failure description.
  ti::CommandResult Tf(const std::string& dir, std::vector<std::string> args,
                       std::string* described) {
    ti::CommandSpec spec;
    spec.argv.push_back(tool_.path);
    for (std::string& a : args) spec.argv.push_back(std::move(a));
    spec.dir = dir;
    spec.env = env_;
    spec.timeout = tc_.command_timeout;
    ti::CommandResult r = ti::RunCommand(spec);
    *described = ti::DescribeCommand(spec, r);
    return r;
  }

  bool WriteConfig(const std::string& dir, const std::string& config,
                   const std::string& extra = {}) {
    std::string path = dir + "/main.tf";
    if (!ti::WriteTextFile(path, header_ + config + "\n" + extra)) {
      Fail("cannot write " + path);
      return false;
    }
    return true;
  }

  // The step's configuration, or the previous one; fails when there is none.
  bool StepConfig(const Step& s, std::string& config) {
    config = s.config.empty() ? current_config_ : s.config;
    if (config.empty()) {
      Fail("the step has no config and no earlier step had one");
      return false;
    }
    current_config_ = config;
    return true;
  }

  bool ShowState(const std::string& dir, State& state) {
    std::string described;
    ti::CommandResult r = Tf(dir, {"show", "-json", "-no-color"}, &described);
    if (!r.ok()) {
      Fail("`show -json` failed:\n" + described);
      return false;
    }
    std::string error;
    if (!ParseShowJson(r.out, state, &error)) {
      Fail(error + ":\n" + described);
      return false;
    }
    return true;
  }

  bool RunChecks(const std::vector<Check>& checks, const State& state) {
    bool ok = true;
    for (const Check& c : checks) {
      if (!c.fn) continue;
      std::string problem;
      try {
        problem = c.fn(state);
      } catch (const std::exception& e) {
        problem = std::string("the check threw: ") + e.what();
      }
      if (!problem.empty()) {
        Fail("check failed: " + c.description + "\n  " + problem);
        ok = false;
      }
    }
    return ok;
  }

  bool RunChecksOn(const std::string& dir, const std::vector<Check>& checks) {
    if (checks.empty()) return true;
    State state;
    if (!ShowState(dir, state)) return false;
    return RunChecks(checks, state);
  }

  // The step was to fail with output matching `pattern`.
  bool ExpectError(const std::string& pattern, const std::string& what,
                   const ti::CommandResult& r, const std::string& described) {
    if (r.timed_out || !r.spawn_error.empty()) {
      Fail(what + " did not run to completion:\n" + described);
      return false;
    }
    if (r.ok()) {
      Fail(what + " succeeded, but an error matching /" + pattern + "/ was expected:\n" +
           described);
      return false;
    }
    std::regex re;
    try {
      re = std::regex(pattern);
    } catch (const std::regex_error& e) {
      Fail("expect_error /" + pattern + "/ is not a valid regex: " + e.what());
      return false;
    }
    std::string output = r.Combined();
    if (std::regex_search(output, re) || std::regex_search(ti::NormalizeOutput(output), re)) {
      return true;
    }
    Fail(what + " failed as expected, but its output does not match /" + pattern + "/:\n" +
         described);
    return false;
  }

  // `plan -detailed-exitcode` must be empty, or non-empty if `expect_changes`.
  bool ExpectPlan(bool expect_changes, const std::string& when) {
    std::string described;
    ti::CommandResult r =
        Tf(work_, {"plan", "-detailed-exitcode", "-input=false", "-no-color"}, &described);
    return CheckPlanResult(r, described, expect_changes, when);
  }

  bool CheckPlanResult(const ti::CommandResult& r, const std::string& described,
                       bool expect_changes, const std::string& when) {
    if (r.timed_out || !r.spawn_error.empty() || (r.exit_code != 0 && r.exit_code != 2)) {
      Fail("plan " + when + " failed:\n" + described);
      return false;
    }
    if (r.exit_code == 0 && expect_changes) {
      Fail("the plan " + when + " is empty, but changes were expected "
           "(expect_non_empty_plan):\n" + described);
      return false;
    }
    if (r.exit_code == 2 && !expect_changes) {
      Fail("the plan " + when + " is not empty; the provider does not converge (set "
           "expect_non_empty_plan if that is intended):\n" + described);
      return false;
    }
    return true;
  }

  // Checks the saved plan `plan_file` against the step's expected actions and plan checks.
  bool CheckPlan(const std::string& plan_file, const Step& step) {
    std::string described;
    ti::CommandResult r = Tf(work_, {"show", "-json", "-no-color", plan_file}, &described);
    Plan plan;
    if (!r.ok() || !ParsePlanJson(r.out, plan)) {
      Fail("cannot read the saved plan with `show -json`:\n" + described);
      return false;
    }
    std::string problems;
    for (const auto& [address, want] : step.expect_actions) {
      const PlannedChange* pc = plan.Find(address);
      std::string got = pc == nullptr ? "(nothing planned)" : pc->action;
      if (got != want) problems += "  " + address + ": planned " + got + ", want " + want + "\n";
    }
    if (!problems.empty()) {
      std::string all;
      for (const auto& [address, pc] : plan.changes) {
        all += "  " + address + ": " + pc.action + "\n";
      }
      Fail("the plan does not show the expected actions:\n" + problems +
           "The plan has:\n" + (all.empty() ? std::string("  (no resource changes)\n") : all));
      return false;
    }
    bool ok = true;
    for (const PlanCheck& c : step.plan_checks) {
      if (!c.fn) continue;
      std::string problem;
      try {
        problem = c.fn(plan);
      } catch (const std::exception& e) {
        problem = std::string("the plan check threw: ") + e.what();
      }
      if (!problem.empty()) {
        Fail("plan check failed: " + c.description + "\n  " + problem);
        ok = false;
      }
    }
    return ok;
  }

  bool PrepareWorkingDir(const Step& s) {
    if (!s.prepare_working_dir) return true;
    WorkingDir wd;
    wd.path = work_;
    bool tofu = tool_name_.rfind("tofu", 0) == 0;
    wd.provider_source = std::string(tofu ? "registry.opentofu.org" : "registry.terraform.io") +
                         "/tfsdk/" + provider_->type_name();
    wd.tool_name = tool_name_;
    try {
      s.prepare_working_dir(wd);
    } catch (const std::exception& e) {
      Fail(std::string("prepare_working_dir threw: ") + e.what());
      return false;
    }
    return true;
  }

  bool ApplyStep(const Step& s) {
    std::string config;
    if (!StepConfig(s, config) || !WriteConfig(work_, config) || !PrepareWorkingDir(s)) {
      return false;
    }
    std::string described;
    attempted_apply_ = true;
    ti::CommandResult r;
    if (s.expect_actions.empty() && s.plan_checks.empty()) {
      r = Tf(work_, {"apply", "-auto-approve", "-input=false", "-no-color"}, &described);
    } else {
      // Plan, check the actions, then apply exactly the plan that was checked.
      std::string plan_file = root_.path() + "/step.tfplan";
      r = Tf(work_, {"plan", "-out=" + plan_file, "-input=false", "-no-color"}, &described);
      if (r.ok()) {
        if (!CheckPlan(plan_file, s)) return false;
        r = Tf(work_, {"apply", "-auto-approve", "-input=false", "-no-color", plan_file},
               &described);
      }
    }
    if (!s.expect_error.empty()) return ExpectError(s.expect_error, "apply", r, described);
    if (!r.ok()) {
      Fail("apply failed:\n" + described);
      return false;
    }
    last_applied_config_ = config;
    if (!RunChecksOn(work_, s.checks)) return false;
    return ExpectPlan(s.expect_non_empty_plan, "after apply");
  }

  bool PlanOnlyStep(const Step& s) {
    std::string config;
    if (!StepConfig(s, config) || !WriteConfig(work_, config) || !PrepareWorkingDir(s)) {
      return false;
    }
    std::string described;
    std::string plan_file = root_.path() + "/step.tfplan";
    ti::CommandResult r = Tf(work_,
                             {"plan", "-detailed-exitcode", "-out=" + plan_file, "-input=false",
                              "-no-color"},
                             &described);
    if (!s.expect_error.empty()) return ExpectError(s.expect_error, "plan", r, described);
    if (!CheckPlanResult(r, described, s.expect_non_empty_plan, "of this plan-only step")) {
      return false;
    }
    if ((!s.expect_actions.empty() || !s.plan_checks.empty()) && !CheckPlan(plan_file, s)) {
      return false;
    }
    return RunChecksOn(work_, s.checks);
  }

  bool QueryStep(const Step& s) {
    std::string config;
    if (!StepConfig(s, config) || !WriteConfig(work_, config) || !PrepareWorkingDir(s)) {
      return false;
    }
    const std::string query_file = work_ + "/query.tfquery.hcl";
    if (!ti::WriteTextFile(query_file, s.query)) {
      Fail("cannot write " + query_file);
      return false;
    }
    std::string described;
    ti::CommandResult r = Tf(work_, {"query", "-json", "-no-color"}, &described);
    std::remove(query_file.c_str());  // later plans and applies must not see it
    if (!s.expect_error.empty()) return ExpectError(s.expect_error, "query", r, described);
    if (!r.ok()) {
      Fail("query failed:\n" + described);
      return false;
    }
    if (s.query_check) {
      std::string problem = s.query_check(r.out);
      if (!problem.empty()) {
        Fail("query check: " + problem + "\n" + described);
        return false;
      }
    }
    return true;
  }

  bool RefreshStep(const Step& s) {
    std::string config;
    if (!StepConfig(s, config) || !WriteConfig(work_, config) || !PrepareWorkingDir(s)) {
      return false;
    }
    std::string described;
    attempted_apply_ = true;
    ti::CommandResult r = Tf(
        work_, {"apply", "-refresh-only", "-auto-approve", "-input=false", "-no-color"},
        &described);
    if (!s.expect_error.empty()) {
      return ExpectError(s.expect_error, "refresh-only apply", r, described);
    }
    if (!r.ok()) {
      Fail("refresh-only apply failed:\n" + described);
      return false;
    }
    if (!RunChecksOn(work_, s.checks)) return false;
    return ExpectPlan(s.expect_non_empty_plan, "after refresh");
  }

  bool ImportStep(const Step& s, size_t index) {
    if (s.resource_name.empty()) {
      Fail("an import_state step needs resource_name");
      return false;
    }
    std::string config;
    if (!StepConfig(s, config)) return false;
    State before;
    if (!ShowState(work_, before)) return false;
    std::string id = s.import_id;
    if (id.empty()) {
      const ResourceState* r = before.Find(s.resource_name);
      if (r == nullptr || r->attributes.count("id") == 0) {
        Fail("import_id is empty and the state has no \"id\" for " + s.resource_name +
             " to import with");
        return false;
      }
      id = r->attributes.at("id");
    }
    // A fresh directory with an empty state: the imported instance is the only one.
    std::string dir = root_.path() + "/import-" + std::to_string(index + 1);
    if (::mkdir(dir.c_str(), 0700) != 0) {
      Fail("cannot create " + dir);
      return false;
    }
    std::vector<std::string> args;
    std::string extra;
    if (s.import_with_block) {
      extra = "import {\n  to = " + s.resource_name + "\n  id = " + JsonQuote(id) + "\n}\n";
      // -target keeps other resources of the configuration from being created here.
      args = {"apply", "-auto-approve", "-input=false", "-no-color",
              "-target=" + s.resource_name};
    } else {
      args = {"import", "-input=false", "-no-color", s.resource_name, id};
    }
    if (!WriteConfig(dir, config, extra)) return false;
    std::string described;
    ti::CommandResult r = Tf(dir, args, &described);
    if (!s.expect_error.empty()) return ExpectError(s.expect_error, "import", r, described);
    if (!r.ok()) {
      Fail("import of " + s.resource_name + " (ID " + JsonQuote(id) + ") failed:\n" +
           described);
      return false;
    }
    State imported;
    if (!ShowState(dir, imported)) return false;
    const ResourceState* got = imported.Find(s.resource_name);
    if (got == nullptr) {
      Fail("after the import, the state has no " + s.resource_name + ":\n" + imported.json);
      return false;
    }
    if (!RunChecks(s.checks, imported)) return false;
    if (!s.import_verify) return true;
    const ResourceState* want = before.Find(s.resource_name);
    if (want == nullptr) {
      Fail("import_verify: the state of the previous steps has no " + s.resource_name +
           " to compare with");
      return false;
    }
    std::set<std::string> keys;
    for (const auto& [k, v] : got->attributes) keys.insert(k);
    for (const auto& [k, v] : want->attributes) keys.insert(k);
    std::string diffs;
    for (const std::string& k : keys) {
      if (HasPrefixKey(k, s.import_verify_ignore)) continue;
      auto g = got->attributes.find(k);
      auto w = want->attributes.find(k);
      std::string gv = g == got->attributes.end() ? "(unset)" : JsonQuote(g->second);
      std::string wv = w == want->attributes.end() ? "(unset)" : JsonQuote(w->second);
      if (gv != wv) diffs += "  " + k + ": imported " + gv + ", state " + wv + "\n";
    }
    if (!diffs.empty()) {
      Fail("import_verify: the imported " + s.resource_name +
           " differs from the state of the previous steps:\n" + diffs);
      return false;
    }
    return true;
  }

  void Destroy() {
    if (!attempted_apply_ || work_.empty()) return;
    std::string config = last_applied_config_.empty() ? current_config_ : last_applied_config_;
    if (!WriteConfig(work_, config)) return;
    std::string described;
    ti::CommandResult r =
        Tf(work_, {"destroy", "-auto-approve", "-input=false", "-no-color"}, &described);
    if (!r.ok()) {
      Fail("destroy failed (real objects may be left behind):\n" + described);
      return;
    }
    State state;
    if (!ShowState(work_, state)) return;
    for (const auto& [address, rs] : state.resources) {
      if (rs.mode == "managed") Fail("after destroy, the state still has " + address);
    }
    if (tc_.check_destroy) {
      std::string problem;
      try {
        problem = tc_.check_destroy(state);
      } catch (const std::exception& e) {
        problem = std::string("check_destroy threw: ") + e.what();
      }
      if (!problem.empty()) Fail("check_destroy: " + problem);
    }
  }

  const TestCase& tc_;
  std::string tool_name_;
  const ToolInfo& tool_;
  std::string label_;
  std::string step_label_;

  ti::TempDir root_;  // outlives the server, whose socket lives in it
  std::unique_ptr<Provider> provider_;
  std::unique_ptr<ti::Engine> engine_;
  std::unique_ptr<ti::ProviderV5Service> v5_;
  std::unique_ptr<ti::ProviderV6Service> v6_;
  std::unique_ptr<ti::InProcessPluginServer> server_;

  std::vector<std::string> env_;
  std::string header_;
  std::string work_;
  std::string current_config_;
  std::string last_applied_config_;
  bool attempted_apply_ = false;
};

}  // namespace

const PlannedChange* Plan::Find(const std::string& address) const {
  auto it = changes.find(address);
  return it == changes.end() ? nullptr : &it->second;
}

PlanCheck ExpectUnknownValue(std::string address, std::string key) {
  std::string description = "plan: " + address + " " + key + " is unknown";
  return PlanCheck{description, [address, key](const Plan& plan) -> std::string {
                     const PlannedChange* pc = plan.Find(address);
                     if (pc == nullptr) return "the plan has no change for " + address;
                     if (pc->after_unknown.count(key)) return "";
                     auto it = pc->after.find(key);
                     return key + " is planned as " +
                            (it == pc->after.end() ? std::string("null")
                                                   : JsonQuote(it->second)) +
                            ", not unknown";
                   }};
}

PlanCheck ExpectKnownValue(std::string address, std::string key, std::string value) {
  std::string description = "plan: " + address + " " + key + " = " + JsonQuote(value);
  return PlanCheck{description, [address, key, value](const Plan& plan) -> std::string {
                     const PlannedChange* pc = plan.Find(address);
                     if (pc == nullptr) return "the plan has no change for " + address;
                     if (pc->after_unknown.count(key)) return key + " is unknown in the plan";
                     auto it = pc->after.find(key);
                     if (it == pc->after.end()) return key + " is null in the plan";
                     if (it->second != value) {
                       return key + " is planned as " + JsonQuote(it->second) + ", want " +
                              JsonQuote(value);
                     }
                     return "";
                   }};
}

PlanCheck PlanCheckFunc(std::string description, std::function<std::string(const Plan&)> fn) {
  return PlanCheck{std::move(description), std::move(fn)};
}

void Run(const TestCase& test_case) {
  if (test_case.binaries.empty()) {
    ADD_FAILURE() << "tfsdk::testing::Run: TestCase.binaries is empty; nothing would run";
    return;
  }
  for (const std::string& name : test_case.binaries) {
    const ToolInfo& tool = ResolveTool(name);
    if (tool.path.empty()) {
      ADD_FAILURE() << "tfsdk::testing: the `" << name << "` binary was not found, so this "
                    << "test did not run against it. Looked for:\n"
                    << tool.searched << "Install it with scripts/install-tools.sh or set $"
                    << ti::ToolEnvVar(name) << " to its path.";
      continue;
    }
    Runner runner(test_case, name, tool);
    runner.Run();
  }
}

}  // namespace tfsdk::testing
