// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// tfsdk::testing — acceptance tests that drive a provider with the real Terraform and
// OpenTofu binaries, in the spirit of terraform-plugin-testing's resource.Test.
//
//   TEST(LocalFileTest, CreateUpdateImport) {
//     tfsdk::testing::TestCase tc;
//     tc.provider_factory = [] { return tfsdk_examples::MakeLocalProvider(); };
//     tc.steps = {
//         {.config = R"(resource "local_file" "a" { path = "/tmp/x"  content = "hi" })",
//          .checks = {tfsdk::testing::CheckAttr("local_file.a", "content", "hi")}},
//         {.config = R"(resource "local_file" "a" { path = "/nope/x"  content = "hi" })",
//          .expect_error = "Cannot create file"},
//         {.import_state = true, .resource_name = "local_file.a", .import_verify = true},
//     };
//     tfsdk::testing::Run(tc);
//   }
//
// How a run works. Run() repeats the whole case once per binary (Terraform and OpenTofu
// by default). Each run calls provider_factory for a fresh provider, serves it inside the
// test process on a private unix socket (protocol 6, or 5 if asked), and points the binary
// at it with TF_REATTACH_PROVIDERS, as Go provider tests do; so breakpoints and sanitizers
// see the provider code. Each step writes main.tf into a temporary working directory (a
// `terraform { required_providers { <type> = { source = "tfsdk/<type>" } } }` block is
// added in front of the step's configuration, so the configuration must not declare that
// provider's source itself) and runs the binary with an empty CLI configuration,
// TF_IN_AUTOMATION=1 and CHECKPOINT_DISABLE=1. A reattached provider needs no `init`, so
// none is run; configurations that use modules or other providers are not supported yet.
// After the last step (also after a failed one) everything is destroyed with `destroy`,
// which must succeed and leave no managed resource behind.
//
// Step kinds, chosen by the fields set (first match wins):
//   import_state   — imports resource_name in a fresh working directory (with the
//                    `import` command, or an `import {}` block and `apply` when
//                    import_with_block is set); optionally compares the imported
//                    attributes with the state of the previous steps (import_verify).
//   refresh_state  — `apply -refresh-only -auto-approve`, checks, then a plan that must be
//                    empty unless expect_non_empty_plan.
//   plan_only      — `plan`: empty unless expect_non_empty_plan; nothing is applied.
//   otherwise      — `apply -auto-approve`, checks, then `plan -detailed-exitcode`, which
//                    must be empty unless expect_non_empty_plan.
// A step without config reuses the configuration of the previous step. pre_config runs
// first (use it to change real objects out of band and simulate drift). With expect_error
// the step's command must fail with output (stdout and stderr) matching the regex; the
// match is tried against the raw output and against the output with Terraform's frame
// characters removed and whitespace collapsed, so line wrapping does not matter.
//
// Checks read the state from `show -json`. Attributes are flattened as in
// terraform-plugin-testing: "name", nested "block.0.attr", list/set sizes "tags.#",
// map/object sizes "labels.%"; null attributes are absent; numbers and bools appear as
// their JSON text. Addresses are Terraform's: "local_file.a", "data.local_file.b",
// "module.m.local_file.c".
//
// Failures are reported with ADD_FAILURE (the test continues with the next binary), each
// naming the binary, its version, the protocol and the step, with the full output of the
// command that failed. A binary that cannot be found is a failure, never a silent skip.
// Binaries are looked up by name in $TFSDK_TERRAFORM / $TFSDK_TOFU (generally
// $TFSDK_<NAME>), then .tools/bin/ in the working directory, the test executable's
// directory, the tfsdk source tree the harness was built from, or a parent of any of these
// (scripts/install-tools.sh installs them there), then PATH. Each binary's version is
// printed once per test executable. Every command is killed after command_timeout.
//
// The working directories are removed, except when the test has failed or
// TFSDK_ACC_KEEP=1 is set; then their paths are printed. Run() must be called from a
// GoogleTest test body; it is not thread-safe.
#ifndef TFSDK_TESTING_ACCEPTANCE_H_
#define TFSDK_TESTING_ACCEPTANCE_H_

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "tfsdk/provider.h"

namespace tfsdk::testing {

// One resource or data source instance in the state.
struct ResourceState {
  std::string address = {};  // e.g. "local_file.a", "data.local_file.b", "local_file.c[0]"
  std::string mode = {};     // "managed" or "data"
  std::string type = {};     // e.g. "local_file"
  std::string name = {};     // e.g. "a"
  // Flattened attribute values (see the top of this file).
  std::map<std::string, std::string> attributes = {};
  // The instance's "values" object from `show -json`, as JSON text.
  std::string values_json = {};
};

// The state after a step, as `show -json` reports it.
struct State {
  // Every resource instance, by address, from the root module and all child modules.
  std::map<std::string, ResourceState> resources = {};
  // The complete `show -json` output.
  std::string json = {};

  // The instance at `address`, or nullptr.
  const ResourceState* Find(const std::string& address) const;
};

// A check on the state after a step. `fn` returns "" when the check holds and otherwise
// says what is wrong; it may also use GoogleTest assertions (EXPECT_*), which are reported
// with the binary and step in their trace.
struct Check {
  std::string description = {};
  std::function<std::string(const State&)> fn = {};
};

// The attribute `key` of `address` equals `value`.
Check CheckAttr(std::string address, std::string key, std::string value);
// The attribute is present (not null), whatever its value.
Check CheckAttrSet(std::string address, std::string key);
// The attribute is absent or null.
Check CheckNoAttr(std::string address, std::string key);
// The attribute matches the ECMAScript regex `pattern` (search, not full match).
Check CheckAttrMatches(std::string address, std::string key, std::string pattern);
// Two attributes (of the same or different resources) are equal.
Check CheckAttrPair(std::string address1, std::string key1, std::string address2,
                    std::string key2);
// A resource instance exists at `address`.
Check CheckResourceExists(std::string address);
// A resource instance does not exist at `address`.
Check CheckResourceAbsent(std::string address);
// A custom check; `fn` returns "" on success, else the failure message.
Check CheckFunc(std::string description, std::function<std::string(const State&)> fn);

// One resource change of a saved plan, from `show -json <planfile>`.
struct PlannedChange {
  std::string address = {};
  // "create", "update", "replace", "delete", "read" or "no-op" (see Step::expect_actions).
  std::string action = {};
  // Flattened values before and after the change (as State attributes; unknown values
  // are absent from `after`).
  std::map<std::string, std::string> before = {};
  std::map<std::string, std::string> after = {};
  // Flattened keys whose value is known only after apply ("id", "rule.0.rule_id"; a whole
  // unknown collection or object appears under its own key).
  std::set<std::string> after_unknown = {};
};

// A saved plan, as `show -json <planfile>` reports it.
struct Plan {
  std::map<std::string, PlannedChange> changes = {};  // by address
  std::string json = {};  // the complete `show -json` output
  const PlannedChange* Find(const std::string& address) const;
};

// A check on the plan of a step, before it is applied (terraform-plugin-testing's
// plancheck). `fn` returns "" when the check holds, else what is wrong.
struct PlanCheck {
  std::string description = {};
  std::function<std::string(const Plan&)> fn = {};
};
// The planned value of `key` at `address` is unknown ("known after apply").
PlanCheck ExpectUnknownValue(std::string address, std::string key);
// The planned value of `key` at `address` is known and equals `value`.
PlanCheck ExpectKnownValue(std::string address, std::string key, std::string value);
// A custom plan check.
PlanCheck PlanCheckFunc(std::string description, std::function<std::string(const Plan&)> fn);

// Where a step runs, for Step::prepare_working_dir.
struct WorkingDir {
  std::string path = {};             // holds main.tf and terraform.tfstate
  std::string provider_source = {};  // e.g. "registry.terraform.io/tfsdk/local"
  std::string tool_name = {};        // e.g. "terraform", "tofu"
};

// One step of a test case. Field order allows designated initializers in this order.
struct Step {
  // Runs before the step, e.g. to change or delete the real object out of band.
  std::function<void()> pre_config = {};
  // The configuration (HCL) without the required_providers block, which is added.
  // Empty: the previous step's configuration.
  std::string config = {};
  // Apply and plan-only steps: the action the step's plan must show for each listed
  // address — "create", "update" (in place), "replace" (delete and create, either order),
  // "delete", "read" or "no-op". Addresses not listed are not checked. An apply step then
  // applies exactly that saved plan.
  std::map<std::string, std::string> expect_actions = {};
  // Evaluated against the state after the step (not on expect_error steps).
  std::vector<Check> checks = {};
  // A regex the failing command's output must match; the step must fail.
  std::string expect_error = {};
  // Only plan; see the top of this file.
  bool plan_only = false;
  // The plan after the step (or the plan of a plan_only step) must have changes.
  bool expect_non_empty_plan = false;
  // A refresh-only apply.
  bool refresh_state = false;
  // An import of `resource_name` with ID `import_id`.
  bool import_state = false;
  // The address to import, e.g. "local_file.a".
  std::string resource_name = {};
  // The import ID. Empty: the "id" attribute of resource_name in the current state.
  std::string import_id = {};
  // Compare the imported instance's attributes with the current state's.
  bool import_verify = false;
  // Attribute keys (and prefixes of flattened keys, "tags" also covers "tags.%") that
  // import_verify ignores.
  std::vector<std::string> import_verify_ignore = {};
  // Import with an `import {}` block and `apply` instead of the `import` command.
  bool import_with_block = false;
  // Apply and plan-only steps: checks on the step's plan before it is applied.
  std::vector<PlanCheck> plan_checks = {};
  // Runs after pre_config, before the step's command, with the working directory; e.g. to
  // write a terraform.tfstate from an older provider version to test state upgrades.
  std::function<void(const WorkingDir&)> prepare_working_dir = {};
  // A `query` step (Terraform 1.14+, list resources): the content of a query.tfquery.hcl
  // written beside the step's configuration, run with `query -json` (the file is removed
  // afterwards). `checks` are not run; `query_check` gets the command's stdout (JSON lines)
  // and returns "" when it holds, else what is wrong. expect_error applies.
  std::string query = {};
  std::function<std::string(const std::string& output)> query_check = {};
};

struct TestCase {
  // Makes a fresh provider; called once per binary. Required.
  std::function<std::unique_ptr<Provider>()> provider_factory = {};
  // The steps, in order. Required.
  std::vector<Step> steps = {};
  // The plugin protocol the provider is served with: 6 (default) or 5.
  int protocol_version = 6;
  // The binaries to run the case with, by tool name (see FindTool in the comment above).
  // Names starting with "tofu" are OpenTofu.
  std::vector<std::string> binaries = {"terraform", "tofu"};
  // Runs after the final destroy with the (normally empty) state; "" means it holds.
  std::function<std::string(const State&)> check_destroy = {};
  // The limit for each terraform/tofu command; a command running longer is killed and the
  // step fails.
  std::chrono::seconds command_timeout = std::chrono::seconds(120);
};

// Runs `test_case` against every binary in test_case.binaries; see the top of this file.
void Run(const TestCase& test_case);

// Flattens a JSON object's values into `out` (as described at the top of this file).
// Exposed for tests of the harness; returns false if `json` is not an object.
bool FlattenJsonAttributes(const std::string& json, std::map<std::string, std::string>& out);

// Parses `show -json` output. Returns false (and sets *error) on malformed input.
bool ParseShowJson(const std::string& json, State& state, std::string* error = nullptr);

}  // namespace tfsdk::testing

#endif  // TFSDK_TESTING_ACCEPTANCE_H_
