// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "tfsdk/plan_modifiers.h"

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tfsdk/attributes.h"
#include "tfsdk/diagnostics.h"
#include "tfsdk/path.h"
#include "tfsdk/plan_modifier.h"
#include "tfsdk/private_state.h"
#include "tfsdk/schema.h"
#include "tfsdk/type.h"
#include "tfsdk/value.h"

namespace tfsdk {
namespace {

Value Str(const char* s) { return Value::StringVal(s); }
Value NullStr() { return Value::NullVal(Type::String()); }
Value UnknownStr() { return Value::UnknownVal(Type::String()); }

// One resource with a single Optional+Computed string attribute "attr".
Schema TestSchema() {
  return Schema{.attributes = {Attribute::String("attr").Optional().Computed()}};
}

// What the engine would hand a modifier for "attr".
struct Situation {
  bool creating = false;    // the prior state is a null object
  bool destroying = false;  // the plan is a null object
  Value config;
  Value state;
  Value plan;
};

struct Outcome {
  Value plan_value;
  bool requires_replace = false;
  Diagnostics diagnostics;
};

Outcome RunModifier(const PlanModifier& modifier, const Situation& s, bool replace_before = false) {
  static const Schema* const kSchema = new Schema(TestSchema());
  Type type = kSchema->ImpliedType();
  Attributes config(kSchema, Value::ObjectVal(type, {{"attr", s.config}}));
  Attributes state(kSchema, s.creating ? Value::NullVal(type)
                                       : Value::ObjectVal(type, {{"attr", s.state}}));
  Attributes plan(kSchema, s.destroying ? Value::NullVal(type)
                                        : Value::ObjectVal(type, {{"attr", s.plan}}));
  PrivateState private_state;
  PlanModifierRequest req{.path = Path::Root("attr"),
                          .config_value = s.config,
                          .state_value = s.state,
                          .plan_value = s.plan,
                          .config = config,
                          .state = state,
                          .plan = plan,
                          .private_state = private_state};
  PlanModifierResponse resp{
      .plan_value = req.plan_value, .requires_replace = replace_before, .diagnostics = {}};
  modifier.Modify(req, resp);
  return Outcome{resp.plan_value, resp.requires_replace, resp.diagnostics};
}

// The situations the tables below are checked against (functions: Values are not
// constant-initialized).
Situation Create() {
  return {.creating = true, .config = NullStr(), .state = NullStr(), .plan = UnknownStr()};
}
Situation CreateConfigured() {
  return {.creating = true, .config = Str("a"), .state = NullStr(), .plan = Str("a")};
}
Situation Destroy() {
  return {.destroying = true, .config = NullStr(), .state = Str("old"), .plan = NullStr()};
}
Situation UpdateUnknownPlan() {
  return {.config = NullStr(), .state = Str("old"), .plan = UnknownStr()};
}
Situation UpdateKnownPlanSame() {
  return {.config = Str("old"), .state = Str("old"), .plan = Str("old")};
}
Situation UpdateKnownPlanChanged() {
  return {.config = Str("new"), .state = Str("old"), .plan = Str("new")};
}
Situation UpdateUnknownConfig() {
  return {.config = UnknownStr(), .state = Str("old"), .plan = UnknownStr()};
}
Situation UpdateNullState() {
  return {.config = NullStr(), .state = NullStr(), .plan = UnknownStr()};
}
Situation UpdateNullStateConfigured() {
  return {.config = Str("a"), .state = NullStr(), .plan = Str("a")};
}
Situation UpdateRemovedFromConfig() {
  return {.config = NullStr(), .state = Str("old"), .plan = NullStr()};
}

struct Case {
  std::string name;
  Situation situation;
  Value want_plan;
  bool want_replace;
};

void CheckTable(const PlanModifier& modifier, const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Outcome out = RunModifier(modifier, c.situation);
    EXPECT_EQ(out.plan_value, c.want_plan) << out.plan_value.ToString();
    EXPECT_EQ(out.requires_replace, c.want_replace);
    EXPECT_TRUE(out.diagnostics.empty()) << out.diagnostics.ToString();
  }
}

TEST(UseStateForUnknownTest, Table) {
  CheckTable(*modifiers::UseStateForUnknown(),
             {
                 {"create", Create(), UnknownStr(), false},
                 {"create configured", CreateConfigured(), Str("a"), false},
                 {"destroy", Destroy(), NullStr(), false},
                 {"update unknown plan", UpdateUnknownPlan(), Str("old"), false},
                 {"update known plan", UpdateKnownPlanChanged(), Str("new"), false},
                 {"update unknown config", UpdateUnknownConfig(), UnknownStr(), false},
                 // Go since v1.15.1: a known null prior value is kept too.
                 {"update null state", UpdateNullState(), NullStr(), false},
                 {"update null plan", UpdateRemovedFromConfig(), NullStr(), false},
             });
}

TEST(UseNonNullStateForUnknownTest, Table) {
  CheckTable(*modifiers::UseNonNullStateForUnknown(),
             {
                 {"create", Create(), UnknownStr(), false},
                 {"destroy", Destroy(), NullStr(), false},
                 {"update unknown plan", UpdateUnknownPlan(), Str("old"), false},
                 {"update known plan", UpdateKnownPlanChanged(), Str("new"), false},
                 {"update unknown config", UpdateUnknownConfig(), UnknownStr(), false},
                 {"update null state", UpdateNullState(), UnknownStr(), false},
             });
}

TEST(RequiresReplaceTest, Table) {
  CheckTable(*modifiers::RequiresReplace(),
             {
                 {"create", Create(), UnknownStr(), false},
                 {"create configured", CreateConfigured(), Str("a"), false},
                 {"destroy", Destroy(), NullStr(), false},
                 {"update same value", UpdateKnownPlanSame(), Str("old"), false},
                 {"update changed value", UpdateKnownPlanChanged(), Str("new"), true},
                 // Unknown is a change, even for an unconfigured Computed attribute.
                 {"update unknown plan", UpdateUnknownPlan(), UnknownStr(), true},
                 {"update unknown config", UpdateUnknownConfig(), UnknownStr(), true},
                 {"update null state, value set", UpdateNullStateConfigured(), Str("a"), true},
                 {"update value removed", UpdateRemovedFromConfig(), NullStr(), true},
             });
}

TEST(RequiresReplaceIfConfiguredTest, Table) {
  CheckTable(*modifiers::RequiresReplaceIfConfigured(),
             {
                 {"create", CreateConfigured(), Str("a"), false},
                 {"destroy", Destroy(), NullStr(), false},
                 {"update same value", UpdateKnownPlanSame(), Str("old"), false},
                 {"update changed value", UpdateKnownPlanChanged(), Str("new"), true},
                 {"update unconfigured, unknown plan", UpdateUnknownPlan(), UnknownStr(), false},
                 {"update unknown config", UpdateUnknownConfig(), UnknownStr(), true},
                 {"update value removed", UpdateRemovedFromConfig(), NullStr(), false},
             });
}

TEST(RequiresReplaceIfTest, CallsTheConditionOnlyForChangesOnUpdate) {
  int calls = 0;
  auto modifier = modifiers::RequiresReplaceIf(
      [&calls](const PlanModifierRequest& req) {
        ++calls;
        EXPECT_EQ(req.path, Path::Root("attr"));
        return req.plan_value == Str("replace-me");
      },
      "Replaces when set to replace-me.");
  EXPECT_EQ(modifier->Description(), "Replaces when set to replace-me.");

  CheckTable(*modifier, {
                            {"create", Create(), UnknownStr(), false},
                            {"destroy", Destroy(), NullStr(), false},
                            {"update same value", UpdateKnownPlanSame(), Str("old"), false},
                        });
  EXPECT_EQ(calls, 0);

  Situation to_replace{.config = Str("replace-me"), .state = Str("old"),
                       .plan = Str("replace-me")};
  CheckTable(*modifier, {
                            {"condition false", UpdateKnownPlanChanged(), Str("new"), false},
                            {"condition true", to_replace, Str("replace-me"), true},
                        });
  EXPECT_EQ(calls, 2);
}

TEST(RequiresReplaceIfTest, FalseKeepsAnEarlierReplacement) {
  auto never = modifiers::RequiresReplaceIf([](const PlanModifierRequest&) { return false; },
                                            "never");
  EXPECT_TRUE(RunModifier(*never, UpdateKnownPlanChanged(), /*replace_before=*/true)
                  .requires_replace);
  EXPECT_FALSE(RunModifier(*never, UpdateKnownPlanChanged(), /*replace_before=*/false)
                   .requires_replace);
}

TEST(RequiresReplaceIfTest, ExceptionBecomesAnErrorAtThePath) {
  auto throwing = modifiers::RequiresReplaceIf(
      [](const PlanModifierRequest&) -> bool { throw std::runtime_error("boom"); }, "x");
  Outcome out = RunModifier(*throwing, UpdateKnownPlanChanged());
  ASSERT_EQ(out.diagnostics.size(), 1u);
  EXPECT_TRUE(out.diagnostics[0].IsError());
  EXPECT_EQ(out.diagnostics[0].path, Path::Root("attr"));
  EXPECT_NE(out.diagnostics[0].detail.find("boom"), std::string::npos);
  EXPECT_FALSE(out.requires_replace);
  EXPECT_EQ(out.plan_value, Str("new"));
}

TEST(RequiresReplaceIfTest, MissingConditionIsAnError) {
  auto modifier = modifiers::RequiresReplaceIf(nullptr, "");
  EXPECT_FALSE(modifier->Description().empty());
  Outcome out = RunModifier(*modifier, UpdateKnownPlanChanged());
  ASSERT_EQ(out.diagnostics.size(), 1u);
  EXPECT_EQ(out.diagnostics[0].path, Path::Root("attr"));
  EXPECT_FALSE(out.requires_replace);
}

TEST(PlanModifiersTest, Descriptions) {
  EXPECT_EQ(modifiers::UseStateForUnknown()->Description(),
            "Once set, the value of this attribute in state will not change.");
  EXPECT_EQ(modifiers::UseNonNullStateForUnknown()->Description(),
            "Once set to a non-null value, the value of this attribute in state will not "
            "change.");
  EXPECT_EQ(modifiers::RequiresReplace()->Description(),
            "If the value of this attribute changes, Terraform will destroy and recreate the "
            "resource.");
  EXPECT_EQ(modifiers::RequiresReplaceIfConfigured()->Description(),
            "If the value of this attribute is configured and changes, Terraform will destroy "
            "and recreate the resource.");
}

TEST(PlanModifiersTest, ModifiersWorkOnStructuredValues) {
  // A list attribute: equal lists are no change; an element change is one.
  Schema schema{.attributes = {Attribute::List("l", Type::String()).Optional()}};
  Type type = schema.ImpliedType();
  Value before = Value::ListVal(Type::String(), {Str("a"), Str("b")});
  Value same = Value::ListVal(Type::String(), {Str("a"), Str("b")});
  Value after = Value::ListVal(Type::String(), {Str("a"), Str("c")});
  for (const auto& [plan_value, want] : std::vector<std::pair<Value, bool>>{
           {same, false}, {after, true}}) {
    Attributes config(&schema, Value::ObjectVal(type, {{"l", plan_value}}));
    Attributes state(&schema, Value::ObjectVal(type, {{"l", before}}));
    Attributes plan(&schema, Value::ObjectVal(type, {{"l", plan_value}}));
    PrivateState ps;
    PlanModifierRequest req{.path = Path::Root("l"),
                            .config_value = plan_value,
                            .state_value = before,
                            .plan_value = plan_value,
                            .config = config,
                            .state = state,
                            .plan = plan,
                            .private_state = ps};
    PlanModifierResponse resp{
        .plan_value = plan_value, .requires_replace = false, .diagnostics = {}};
    modifiers::RequiresReplace()->Modify(req, resp);
    EXPECT_EQ(resp.requires_replace, want) << plan_value.ToString();
  }
}

// --- Defaults ---------------------------------------------------------------------------

Schema DefaultsSchema() {
  return Schema{.attributes = {
                    Attribute::String("mode").Optional().Computed(),
                    Attribute::String("name").Required(),
                    Attribute::Dynamic("any").Optional().Computed(),
                    Attribute::SetNested("rules",
                                         {Attribute::Number("port").Optional().Computed()})
                        .Optional(),
                }};
}

struct DefaultOutcome {
  Value value;
  Diagnostics diagnostics;
};

DefaultOutcome RunDefault(const AttributeDefault& d, const Path& path,
                          bool with_schema = true) {
  static const Schema* const kSchema = new Schema(DefaultsSchema());
  Attributes config;
  if (with_schema) {
    config = Attributes(kSchema, Value::ObjectVal(kSchema->ImpliedType(),
                                                  {{"name", Str("web")}}));
  }
  DefaultRequest req{.path = path, .config = config};
  DefaultOutcome out;
  out.value = d.DefaultValue(req, out.diagnostics);
  return out;
}

TEST(DefaultsTest, StaticReturnsItsValue) {
  auto d = defaults::Static(Str("rw"));
  DefaultOutcome out = RunDefault(*d, Path::Root("mode"));
  EXPECT_TRUE(out.diagnostics.empty()) << out.diagnostics.ToString();
  EXPECT_EQ(out.value, Str("rw"));
  EXPECT_EQ(d->Description(), "Defaults to " + Str("rw").ToString() + " when not configured.");
}

TEST(DefaultsTest, FuncSeesTheConfiguration) {
  auto d = defaults::Func(
      [](const DefaultRequest& req) {
        return Value::StringVal(req.config.Get<std::string>("name") + "-mode");
      },
      "The name followed by -mode.");
  DefaultOutcome out = RunDefault(*d, Path::Root("mode"));
  EXPECT_TRUE(out.diagnostics.empty()) << out.diagnostics.ToString();
  EXPECT_EQ(out.value, Str("web-mode"));
  EXPECT_EQ(d->Description(), "The name followed by -mode.");
  EXPECT_FALSE(defaults::Func([](const DefaultRequest&) { return Str("x"); })
                   ->Description()
                   .empty());
}

TEST(DefaultsTest, BadDefaultsAreErrorsAtThePath) {
  struct BadCase {
    std::string name;
    std::shared_ptr<const AttributeDefault> d;
    std::string detail_contains;
  };
  std::vector<BadCase> cases = {
      {"static null", defaults::Static(NullStr()), "null"},
      {"static wrong type", defaults::Static(Value::IntVal(3)), "string"},
      {"func null", defaults::Func([](const DefaultRequest&) { return NullStr(); }), "null"},
      {"func wrong type", defaults::Func([](const DefaultRequest&) {
         return Value::BoolVal(true);
       }),
       "bool"},
      {"func throws", defaults::Func([](const DefaultRequest&) -> Value {
         throw std::runtime_error("no default today");
       }),
       "no default today"},
      {"func missing", defaults::Func(nullptr), "no function"},
  };
  for (const BadCase& c : cases) {
    SCOPED_TRACE(c.name);
    DefaultOutcome out = RunDefault(*c.d, Path::Root("mode"));
    ASSERT_EQ(out.diagnostics.size(), 1u);
    EXPECT_TRUE(out.diagnostics[0].IsError());
    EXPECT_EQ(out.diagnostics[0].path, Path::Root("mode"));
    EXPECT_NE(out.diagnostics[0].detail.find(c.detail_contains), std::string::npos)
        << out.diagnostics[0].detail;
    EXPECT_TRUE(out.value.IsNull());
  }
}

TEST(DefaultsTest, TypeCheckFollowsTheSchema) {
  // A dynamic attribute takes a value of any type, but never null.
  EXPECT_TRUE(RunDefault(*defaults::Static(Value::IntVal(1)), Path::Root("any"))
                  .diagnostics.empty());
  EXPECT_TRUE(RunDefault(*defaults::Static(Str("s")), Path::Root("any")).diagnostics.empty());
  EXPECT_TRUE(RunDefault(*defaults::Static(Value::NullVal(Type::Dynamic())), Path::Root("any"))
                  .diagnostics.HasError());
  // Inside a set the path stops at the set attribute, so the attribute cannot be told:
  // no false alarm for the number attribute "port" inside "rules".
  EXPECT_TRUE(RunDefault(*defaults::Static(Value::IntVal(80)), Path::Root("rules"))
                  .diagnostics.empty());
  // Without a schema only null is caught.
  EXPECT_TRUE(RunDefault(*defaults::Static(Value::IntVal(3)), Path::Root("mode"),
                         /*with_schema=*/false)
                  .diagnostics.empty());
  EXPECT_TRUE(RunDefault(*defaults::Static(NullStr()), Path::Root("mode"),
                         /*with_schema=*/false)
                  .diagnostics.HasError());
}

// --- Attribute builders -----------------------------------------------------------------

TEST(AttributeBuildersTest, PlanModifierShorthandsAppend) {
  Attribute a = Attribute::String("id")
                    .Computed()
                    .PlanModifiers({modifiers::RequiresReplace()})
                    .UseStateForUnknown()
                    .RequiresReplaceIf([](const PlanModifierRequest&) { return true; },
                                       "Always replaces on change.");
  ASSERT_EQ(a.plan_modifiers.size(), 3u);
  EXPECT_EQ(a.plan_modifiers[0]->Description(), modifiers::RequiresReplace()->Description());
  EXPECT_EQ(a.plan_modifiers[1]->Description(),
            modifiers::UseStateForUnknown()->Description());
  EXPECT_EQ(a.plan_modifiers[2]->Description(), "Always replaces on change.");
  // The appended modifiers behave like the factories' (UseStateForUnknown keeps state).
  EXPECT_EQ(RunModifier(*a.plan_modifiers[1], UpdateUnknownPlan()).plan_value, Str("old"));
  EXPECT_TRUE(RunModifier(*a.plan_modifiers[2], UpdateKnownPlanChanged()).requires_replace);
  EXPECT_FALSE(a.requires_replace);
}

TEST(AttributeBuildersTest, DefaultSetsAStaticDefault) {
  Attribute a = Attribute::String("mode").Optional().Computed().Default(Str("rw"));
  ASSERT_NE(a.default_value, nullptr);
  DefaultOutcome out = RunDefault(*a.default_value, Path::Root("mode"));
  EXPECT_TRUE(out.diagnostics.empty()) << out.diagnostics.ToString();
  EXPECT_EQ(out.value, Str("rw"));
  // Replacing the default, not adding a second one.
  a.Default(Str("ro"));
  EXPECT_EQ(RunDefault(*a.default_value, Path::Root("mode")).value, Str("ro"));
}

TEST(AttributeBuildersTest, DefaultFuncSetsAComputedDefault) {
  Attribute a = Attribute::String("mode").Optional().Computed().DefaultFunc(
      [](const DefaultRequest& req) { return Value::StringVal(req.path.ToString()); },
      "The attribute's own path.");
  ASSERT_NE(a.default_value, nullptr);
  EXPECT_EQ(a.default_value->Description(), "The attribute's own path.");
  DefaultOutcome out = RunDefault(*a.default_value, Path::Root("mode"));
  EXPECT_TRUE(out.diagnostics.empty()) << out.diagnostics.ToString();
  EXPECT_EQ(out.value, Str("mode"));
}

TEST(AttributeBuildersTest, BuilderDefaultsKnowTheirAttributesType) {
  // Even where the request's schema cannot name the attribute (no schema here, or inside a
  // set), a default attached by a builder is checked against its own attribute.
  Attribute port = Attribute::Number("port").Optional().Computed().Default(Str("eighty"));
  DefaultOutcome out = RunDefault(*port.default_value, Path::Root("rules"));
  ASSERT_TRUE(out.diagnostics.HasError());
  EXPECT_EQ(out.diagnostics[0].path, Path::Root("rules"));
  EXPECT_TRUE(out.value.IsNull());

  Attribute func = Attribute::Number("port").Optional().Computed().DefaultFunc(
      [](const DefaultRequest&) { return Str("eighty"); });
  EXPECT_TRUE(RunDefault(*func.default_value, Path::Root("port"), /*with_schema=*/false)
                  .diagnostics.HasError());
  Attribute good = Attribute::Number("port").Optional().Computed().Default(Value::IntVal(80));
  DefaultOutcome ok = RunDefault(*good.default_value, Path::Root("port"), false);
  EXPECT_TRUE(ok.diagnostics.empty()) << ok.diagnostics.ToString();
  EXPECT_EQ(ok.value, Value::IntVal(80));
}

}  // namespace
}  // namespace tfsdk
