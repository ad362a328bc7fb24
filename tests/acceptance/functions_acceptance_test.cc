// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Provider-defined functions (tfsdk/function.h) with the "fx" test provider, called as
// `provider::fx::NAME(...)` by real Terraform and OpenTofu (every test runs with both).

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "fx_provider.h"
#include "tfsdk/testing/acceptance.h"

namespace {

using tfsdk::testing::Check;
using tfsdk::testing::CheckFunc;
using tfsdk::testing::PlanCheck;
using tfsdk::testing::PlanCheckFunc;
using tfsdk::testing::Step;
using tfsdk::testing::TestCase;

TestCase Case(int protocol_version = 6) {
  TestCase tc;
  tc.provider_factory = [] { return fx::MakeProvider(); };
  tc.protocol_version = protocol_version;
  return tc;
}

// The root module's output `name` in the state equals `want` (JSON text).
Check CheckOutput(const std::string& name, const std::string& want) {
  return CheckFunc("output " + name + " == " + want, [name, want](const auto& state) {
    nlohmann::json doc = nlohmann::json::parse(state.json, nullptr, false);
    const nlohmann::json* outputs = nullptr;
    if (doc.is_object() && doc.contains("values") && doc["values"].contains("outputs")) {
      outputs = &doc["values"]["outputs"];
    }
    if (outputs == nullptr || !outputs->contains(name)) {
      return "no output " + name + " in " + state.json;
    }
    nlohmann::json got = (*outputs)[name]["value"];
    nlohmann::json expected = nlohmann::json::parse(want);
    return got == expected ? std::string()
                           : "output " + name + " is " + got.dump() + ", want " + want;
  });
}

// In the plan, output `name` is unknown ("known after apply").
PlanCheck ExpectUnknownOutput(const std::string& name) {
  return PlanCheckFunc("output " + name + " unknown in plan", [name](const auto& plan) {
    nlohmann::json doc = nlohmann::json::parse(plan.json, nullptr, false);
    if (!doc.is_object() || !doc.contains("output_changes") ||
        !doc["output_changes"].contains(name)) {
      return "no output change " + name + " in " + plan.json;
    }
    const nlohmann::json& change = doc["output_changes"][name];
    if (change.value("after_unknown", nlohmann::json(false)) == nlohmann::json(true)) {
      return std::string();
    }
    return "output " + name + " is not unknown: " + change.dump();
  });
}

constexpr char kValues[] = R"(
output "upper"   { value = provider::fx::upper("hello") }
output "sum0"    { value = provider::fx::sum(5) }
output "sum3"    { value = provider::fx::sum(1, 2, 3.5) }
output "reverse" { value = provider::fx::reverse(["a", "b", "c"]) }
output "person"  { value = provider::fx::person({ name = "Ada", age = 36 }) }
output "null"    { value = provider::fx::describe(tostring(null)) }
output "obj"     { value = provider::fx::describe({ a = 1 }) }
output "port"    { value = provider::fx::port("8080") }
)";

// Several parameter and return types, a variadic call with zero and several arguments, a
// null passed to a parameter that allows it. The null is typed (tostring(null)): OpenTofu
// 1.12 does not call a function whose argument is an untyped `null` for a dynamic
// parameter and makes the result unknown at plan and null after apply (Terraform calls it).
TEST(FunctionsAcceptanceTest, Values) {
  TestCase tc = Case();
  tc.steps = {{.config = kValues,
               .checks = {CheckOutput("upper", R"("HELLO")"), CheckOutput("sum0", "5"),
                          CheckOutput("sum3", "6.5"),
                          CheckOutput("reverse", R"(["c","b","a"])"),
                          CheckOutput("person", R"j({"adult":true,"label":"Ada (36)"})j"),
                          CheckOutput("null", R"("null")"),
                          CheckOutput("obj", R"("object: {a = 1}")"),
                          CheckOutput("port", "8080")}}};
  tfsdk::testing::Run(tc);
}

// The same calls over protocol 5.
TEST(FunctionsAcceptanceTest, ValuesOverProtocol5) {
  TestCase tc = Case(5);
  tc.steps = {{.config = kValues,
               .checks = {CheckOutput("upper", R"("HELLO")"), CheckOutput("sum3", "6.5"),
                          CheckOutput("person", R"j({"adult":true,"label":"Ada (36)"})j")}}};
  tfsdk::testing::Run(tc);
}

// Unknown arguments: a parameter with allow_unknown_values sees the unknown and returns
// unknown; one without it is never called and the result is unknown. After apply both
// are known.
TEST(FunctionsAcceptanceTest, UnknownArguments) {
  TestCase tc = Case();
  tc.steps = {{.config = R"(
resource "fx_thing" "a" {
  input = "x"
}
output "shout" { value = provider::fx::shout(fx_thing.a.id) }
output "upper" { value = provider::fx::upper(fx_thing.a.id) }
)",
               .checks = {CheckOutput("shout", R"("THING-X!")"),
                          CheckOutput("upper", R"("THING-X")")},
               .plan_checks = {ExpectUnknownOutput("shout"), ExpectUnknownOutput("upper")}}};
  tfsdk::testing::Run(tc);
}

// Errors: from the function (pointing at its argument), a null to a parameter that does
// not allow it (refused before the provider is called), and an exception.
TEST(FunctionsAcceptanceTest, Errors) {
  TestCase tc = Case();
  tc.steps = {
      {.config = R"(output "p" { value = provider::fx::port("http") })",
       .expect_error = R"(Invalid value for "text" parameter: "http" is not a port number)"},
      {.config = R"(output "p" { value = provider::fx::upper(null) })",
       .expect_error = R"(Invalid value for "s" parameter.*must not be null)"},
      {.config = R"(output "p" { value = provider::fx::boom() })",
       .expect_error = "the boom function exploded"},
      // A valid configuration last, so the final destroy can evaluate it.
      {.config = R"(output "p" { value = provider::fx::port("443") })",
       .checks = {CheckOutput("p", "443")}},
  };
  tfsdk::testing::Run(tc);
}

}  // namespace
