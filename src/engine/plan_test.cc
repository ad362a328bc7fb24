// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// The resource lifecycle of issue 4 through the engine, driven with the msgpack values
// Terraform sends: defaults, unknown marking, plan modifiers, RequiresReplace, ModifyPlan,
// the invalid-plan check, private state and provider_meta.

#include "src/engine/plan.h"

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "src/engine/engine.h"
#include "src/value/msgpack_codec.h"
#include "tfsdk/plan_modifier.h"

namespace tfsdk::internal {
namespace {

using ModifyFn = std::function<void(const PlanModifierRequest&, PlanModifierResponse&)>;

class FnModifier final : public PlanModifier {
 public:
  explicit FnModifier(ModifyFn fn) : fn_(std::move(fn)) {}
  std::string Description() const override { return "test modifier"; }
  void Modify(const PlanModifierRequest& req, PlanModifierResponse& resp) const override {
    fn_(req, resp);
  }

 private:
  ModifyFn fn_;
};

std::shared_ptr<const PlanModifier> Mod(ModifyFn fn) {
  return std::make_shared<FnModifier>(std::move(fn));
}

// What UseStateForUnknown does: keep the prior value rather than "known after apply".
std::shared_ptr<const PlanModifier> KeepPrior() {
  return Mod([](const PlanModifierRequest& req, PlanModifierResponse& resp) {
    if (req.state_value.IsNull() || !req.plan_value.IsUnknown()) return;
    resp.plan_value = req.state_value;
  });
}

class FnDefault final : public AttributeDefault {
 public:
  explicit FnDefault(std::function<Value(const DefaultRequest&)> fn) : fn_(std::move(fn)) {}
  std::string Description() const override { return "test default"; }
  Value DefaultValue(const DefaultRequest& req, Diagnostics&) const override { return fn_(req); }

 private:
  std::function<Value(const DefaultRequest&)> fn_;
};

std::shared_ptr<const AttributeDefault> Def(Value v) {
  return std::make_shared<FnDefault>([v](const DefaultRequest&) { return v; });
}
std::shared_ptr<const AttributeDefault> DefFn(std::function<Value(const DefaultRequest&)> fn) {
  return std::make_shared<FnDefault>(std::move(fn));
}

class TestResource final : public Resource {
 public:
  explicit TestResource(Schema schema) : schema_(std::move(schema)) {}

  std::function<void(const CreateRequest&, CreateResponse&)> create = [](const CreateRequest&,
                                                                         CreateResponse&) {};
  std::function<void(const ReadRequest&, ReadResponse&)> read = [](const ReadRequest&,
                                                                   ReadResponse&) {};
  std::function<void(const UpdateRequest&, UpdateResponse&)> update = [](const UpdateRequest&,
                                                                         UpdateResponse&) {};
  std::function<void(const DeleteRequest&, DeleteResponse&)> del = [](const DeleteRequest&,
                                                                      DeleteResponse&) {};
  std::function<void(const ModifyPlanRequest&, ModifyPlanResponse&)> modify_plan;
  std::function<void(const ImportStateRequest&, ImportStateResponse&)> import;

  std::string TypeName() const override { return "test_res"; }
  Schema GetSchema() const override { return schema_; }
  void Create(const CreateRequest& req, CreateResponse& resp) override { create(req, resp); }
  void Read(const ReadRequest& req, ReadResponse& resp) override { read(req, resp); }
  void Update(const UpdateRequest& req, UpdateResponse& resp) override { update(req, resp); }
  void Delete(const DeleteRequest& req, DeleteResponse& resp) override { del(req, resp); }
  void ModifyPlan(const ModifyPlanRequest& req, ModifyPlanResponse& resp) override {
    if (modify_plan) modify_plan(req, resp);
  }
  void ImportState(const ImportStateRequest& req, ImportStateResponse& resp) override {
    if (import) {
      import(req, resp);
    } else {
      Resource::ImportState(req, resp);
    }
  }

 private:
  Schema schema_;
};

class TestData final : public DataSource {
 public:
  std::function<void(const DataSourceReadRequest&, DataSourceReadResponse&)> read =
      [](const DataSourceReadRequest&, DataSourceReadResponse&) {};
  std::string TypeName() const override { return "test_data"; }
  Schema GetSchema() const override {
    return Schema{.attributes = {Attribute::String("out").Computed()}};
  }
  void Read(const DataSourceReadRequest& req, DataSourceReadResponse& resp) override {
    read(req, resp);
  }
};

class TestProvider final : public Provider {
 public:
  explicit TestProvider(std::optional<Schema> meta) : Provider("test"), meta_(std::move(meta)) {}
  std::optional<Schema> GetMetaSchema() const override { return meta_; }
  void Configure(const ConfigureProviderRequest&, ConfigureProviderResponse& resp) override {
    resp.provider_data = ProviderData::Make<std::string>("client");
  }

 private:
  std::optional<Schema> meta_;
};

// A provider with one resource of the given schema, behind an Engine.
class Harness {
 public:
  explicit Harness(Schema schema, std::optional<Schema> meta = std::nullopt)
      : provider_(std::move(meta)), type(schema.ImpliedType()) {
    auto r = std::make_unique<TestResource>(std::move(schema));
    resource = r.get();
    provider_.AddResource(std::move(r));
    auto d = std::make_unique<TestData>();
    data = d.get();
    provider_.AddDataSource(std::move(d));
    engine = std::make_unique<Engine>(provider_);
    EXPECT_FALSE(engine->schema_diagnostics().HasError())
        << engine->schema_diagnostics().ToString();
  }

  RawValue Raw(const Value& v) const { return RawValue{EncodeMsgpack(v, type).value(), {}}; }
  Value Decode(const RawValue& raw) const {
    absl::StatusOr<Value> v = DecodeMsgpack(raw.msgpack, type);
    EXPECT_TRUE(v.ok()) << v.status();
    return v.ok() ? *v : Value();
  }
  Value Obj(std::map<std::string, Value> attrs) const { return Value::ObjectVal(type, attrs); }
  Value Null() const { return Value::NullVal(type); }
  // The object type of one element of the nested attribute or block `name`.
  Type Elem(const std::string& name) const {
    const Type& t = type.AttributeType(name);
    return t.IsObject() ? t : t.ElementType();
  }

  PlanResourceChangeResult Plan(const Value& prior, const Value& proposed, const Value& config,
                                std::string prior_private = {}, RawValue meta = {}) {
    PlanResourceChangeRequest req;
    req.type_name = "test_res";
    req.prior_state = Raw(prior);
    req.proposed_new_state = Raw(proposed);
    req.config = Raw(config);
    req.prior_private = std::move(prior_private);
    req.provider_meta = std::move(meta);
    return engine->PlanResourceChange(req);
  }
  // Plans and decodes, failing the test on error diagnostics.
  Value PlanOk(const Value& prior, const Value& proposed, const Value& config) {
    PlanResourceChangeResult r = Plan(prior, proposed, config);
    EXPECT_FALSE(r.diagnostics.HasError()) << r.diagnostics.ToString();
    return Decode(r.planned_state);
  }
  ApplyResourceChangeResult Apply(const Value& prior, const Value& planned, const Value& config,
                                  std::string planned_private = {}, RawValue meta = {}) {
    ApplyResourceChangeRequest req;
    req.type_name = "test_res";
    req.prior_state = Raw(prior);
    req.planned_state = Raw(planned);
    req.config = Raw(config);
    req.planned_private = std::move(planned_private);
    req.provider_meta = std::move(meta);
    return engine->ApplyResourceChange(req);
  }

 private:
  TestProvider provider_;

 public:
  Type type;
  TestResource* resource = nullptr;
  TestData* data = nullptr;
  std::unique_ptr<Engine> engine;
};

Value S(const std::string& s) { return Value::StringVal(s); }
Value N(int64_t n) { return Value::IntVal(n); }

// --- defaults ---------------------------------------------------------------------------

TEST(PlanDefaultsTest, UnsetComputedAttributesPlanTheirDefaultEverywhere) {
  Harness h(Schema{
      .attributes =
          {
              Attribute::String("name").Required(),
              Attribute::String("mode").Optional().Computed().Default(Def(S("rw"))),
              Attribute::ListNested(
                  "rule",
                  {
                      Attribute::Number("port").Required(),
                      Attribute::String("proto").Optional().Computed().Default(Def(S("tcp"))),
                  })
                  .Optional(),
              Attribute::MapNested(
                  "env",
                  {
                      Attribute::Number("weight").Optional().Computed().Default(Def(N(1))),
                  })
                  .Optional(),
          },
      .blocks = {Block::Set("item", {.attributes =
                                         {
                                             Attribute::String("key").Required(),
                                             Attribute::Bool("on").Optional().Computed().Default(
                                                 Def(Value::BoolVal(true))),
                                         }})},
  });
  Type rule = h.Elem("rule");
  Type env = h.Elem("env");
  Type item = h.Elem("item");
  Value config = h.Obj({
      {"name", S("a")},
      {"rule",
       Value::ListVal(rule, {Value::ObjectVal(rule, {{"port", N(80)}}),
                             Value::ObjectVal(rule, {{"port", N(53)}, {"proto", S("udp")}})})},
      {"env", Value::MapVal(env, {{"x", Value::ObjectVal(env, {})},
                                  {"y", Value::ObjectVal(env, {{"weight", N(5)}})}})},
      {"item", Value::SetVal(item, {Value::ObjectVal(item, {{"key", S("k1")}}),
                                    Value::ObjectVal(
                                        item, {{"key", S("k2")}, {"on", Value::BoolVal(false)}})})},
  });
  Value planned = h.PlanOk(h.Null(), config, config);

  EXPECT_EQ(planned.GetAttr("mode"), S("rw"));
  EXPECT_EQ(planned.GetAttr("rule").Index(0).GetAttr("proto"), S("tcp"));
  EXPECT_EQ(planned.GetAttr("rule").Index(1).GetAttr("proto"), S("udp"));
  EXPECT_EQ(planned.GetAttr("env").FindKey("x")->GetAttr("weight"), N(1));
  EXPECT_EQ(planned.GetAttr("env").FindKey("y")->GetAttr("weight"), N(5));
  EXPECT_TRUE(planned.GetAttr("item").Contains(
      Value::ObjectVal(item, {{"key", S("k1")}, {"on", Value::BoolVal(true)}})));
  EXPECT_TRUE(planned.GetAttr("item").Contains(
      Value::ObjectVal(item, {{"key", S("k2")}, {"on", Value::BoolVal(false)}})));

  // A configured value wins over the default.
  Value configured = config.WithAttr("mode", S("ro"));
  EXPECT_EQ(h.PlanOk(h.Null(), configured, configured).GetAttr("mode"), S("ro"));
}

TEST(PlanDefaultsTest, DefaultOverridesThePriorValueWhenTheConfigurationDropsIt) {
  Harness h(Schema{.attributes = {
                       Attribute::String("id").Computed(),
                       Attribute::String("mode").Optional().Computed().Default(Def(S("rw"))),
                   }});
  Value prior = h.Obj({{"id", S("1")}, {"mode", S("ro")}});
  Value config = h.Obj({});
  // Terraform proposes the prior value for an unset optional+computed attribute.
  Value planned = h.PlanOk(prior, prior, config);
  EXPECT_EQ(planned.GetAttr("mode"), S("rw"));
  EXPECT_TRUE(planned.GetAttr("id").IsUnknown());  // the plan changed, so computed -> unknown
}

TEST(PlanDefaultsTest, DefaultFuncSeesPathAndConfiguration) {
  std::vector<std::string> paths;
  Harness h(Schema{.attributes = {
                       Attribute::String("name").Required(),
                       Attribute::String("label").Optional().Computed().Default(
                           DefFn([&paths](const DefaultRequest& req) {
                             paths.push_back(req.path.ToString());
                             return S(req.config.Get<std::string>("name") + "-label");
                           })),
                   }});
  Value config = h.Obj({{"name", S("web")}});
  EXPECT_EQ(h.PlanOk(h.Null(), config, config).GetAttr("label"), S("web-label"));
  EXPECT_EQ(paths, std::vector<std::string>{"label"});
}

TEST(PlanDefaultsTest, BadDefaultsAreNamedDiagnostics) {
  struct Case {
    const char* name;
    std::shared_ptr<const AttributeDefault> def;
    const char* summary;
  };
  const Case cases[] = {
      {"throws", DefFn([](const DefaultRequest&) -> Value { throw std::runtime_error("boom"); }),
       "Unexpected error in the default of mode"},
      {"null", Def(Value::NullVal(Type::String())), "Invalid default value"},
      {"wrong type", Def(N(3)), "Invalid default value"},
  };
  for (const Case& c : cases) {
    Harness h(Schema{.attributes = {
                         Attribute::String("mode").Optional().Computed().Default(c.def),
                     }});
    Value config = h.Obj({});
    PlanResourceChangeResult r = h.Plan(h.Null(), config, config);
    ASSERT_TRUE(r.diagnostics.HasError()) << c.name;
    EXPECT_EQ(r.diagnostics[0].summary, c.summary) << c.name;
    EXPECT_EQ(r.diagnostics[0].path, Path::Root("mode")) << c.name;
  }
}

// --- unknowns -----------------------------------------------------------------------------

TEST(PlanUnknownTest, ComputedValuesInsideNestedObjectsBecomeUnknown) {
  Harness h(Schema{
      .attributes = {Attribute::ListNested("rule",
                                           {
                                               Attribute::Number("port").Required(),
                                               Attribute::String("rid").Computed(),
                                           })
                         .Required()},
      .blocks = {Block::List("hop", {.attributes =
                                         {
                                             Attribute::String("to").Required(),
                                             Attribute::String("via").Optional().Computed(),
                                         }})},
  });
  Type rule = h.Elem("rule");
  Type hop = h.Elem("hop");
  Value config = h.Obj({
      {"rule", Value::ListVal(rule, {Value::ObjectVal(rule, {{"port", N(1)}})})},
      {"hop", Value::ListVal(hop, {Value::ObjectVal(hop, {{"to", S("a")}}),
                                   Value::ObjectVal(hop, {{"to", S("b")}, {"via", S("x")}})})},
  });
  Value planned = h.PlanOk(h.Null(), config, config);
  EXPECT_TRUE(planned.GetAttr("rule").Index(0).GetAttr("rid").IsUnknown());
  EXPECT_TRUE(planned.GetAttr("hop").Index(0).GetAttr("via").IsUnknown());
  EXPECT_EQ(planned.GetAttr("hop").Index(1).GetAttr("via"), S("x"));
}

TEST(PlanUnknownTest, SetElementsPairWithConfigurationByContentNotPosition) {
  Harness h(Schema{.attributes = {
                       Attribute::SetNested("rules",
                                            {
                                                Attribute::String("name").Required(),
                                                Attribute::String("mode").Optional().Computed(),
                                            })
                           .Optional(),
                   }});
  Type e = h.Elem("rules");
  Value a_cfg = Value::ObjectVal(e, {{"name", S("a")}});
  Value b_cfg = Value::ObjectVal(e, {{"name", S("b")}, {"mode", S("x")}});
  Value config = h.Obj({{"rules", Value::SetVal(e, {a_cfg, b_cfg})}});
  // The proposed set lists the elements in the other order.
  Value proposed = h.Obj({{"rules", Value::SetVal(e, {b_cfg, a_cfg})}});
  Value planned = h.PlanOk(h.Null(), proposed, config);
  const Value& rules = planned.GetAttr("rules");
  ASSERT_EQ(rules.Length(), 2u);
  EXPECT_TRUE(rules.Contains(b_cfg)) << rules.ToString();
  bool a_unknown = false;
  for (const Value& el : rules.Elements()) {
    if (el.GetAttr("name") == S("a")) a_unknown = el.GetAttr("mode").IsUnknown();
  }
  EXPECT_TRUE(a_unknown) << rules.ToString();
}

TEST(PlanUnknownTest, LargeSetBlockPlansQuicklyAndKeepsKnownElements) {
  Harness h(Schema{
      .attributes = {Attribute::String("id").Computed().PlanModifiers({KeepPrior()})},
      .blocks = {Block::Set(
          "item", {.attributes =
                       {
                           Attribute::String("key").Required(),
                           Attribute::String("value").Optional(),
                           Attribute::String("uid").Computed().PlanModifiers({KeepPrior()}),
                       }})},
  });
  Type item = h.Elem("item");
  constexpr int kN = 1000;
  ValueList config_items, prior_items;
  for (int i = 0; i < kN; ++i) {
    std::string k = "k" + std::to_string(i);
    config_items.push_back(Value::ObjectVal(item, {{"key", S(k)}, {"value", S("v")}}));
    prior_items.push_back(
        Value::ObjectVal(item, {{"key", S(k)}, {"value", S("v")}, {"uid", S("u" + k)}}));
  }
  Value config = h.Obj({{"item", Value::SetVal(item, config_items)}});

  auto start = std::chrono::steady_clock::now();
  Value planned = h.PlanOk(h.Null(), config, config);
  auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_EQ(planned.GetAttr("item").Length(), static_cast<size_t>(kN));
  for (const Value& el : planned.GetAttr("item").Elements()) {
    ASSERT_TRUE(el.GetAttr("uid").IsUnknown()) << el.ToString();
  }
#if defined(NDEBUG) && !defined(__SANITIZE_ADDRESS__)
  EXPECT_LT(elapsed, std::chrono::seconds(1));
#else
  (void)elapsed;
#endif

  // Update: one element added, one changed. The others keep their uid through KeepPrior,
  // which needs each plan element paired with its prior element by content.
  Value prior = h.Obj({{"id", S("1")}, {"item", Value::SetVal(item, prior_items)}});
  ValueList new_config_items = config_items;
  new_config_items[7] = Value::ObjectVal(item, {{"key", S("k7")}, {"value", S("changed")}});
  new_config_items.push_back(Value::ObjectVal(item, {{"key", S("new")}}));
  ValueList proposed_items = prior_items;
  proposed_items[7] = new_config_items[7];
  proposed_items.push_back(new_config_items.back());
  Value config2 = h.Obj({{"item", Value::SetVal(item, new_config_items)}});
  Value proposed = h.Obj({{"id", S("1")}, {"item", Value::SetVal(item, proposed_items)}});
  start = std::chrono::steady_clock::now();
  planned = h.PlanOk(prior, proposed, config2);
  elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(planned.GetAttr("id"), S("1"));
  size_t unknown = 0, kept = 0;
  for (const Value& el : planned.GetAttr("item").Elements()) {
    if (el.GetAttr("uid").IsUnknown()) {
      ++unknown;
      EXPECT_TRUE(el.GetAttr("key") == S("k7") || el.GetAttr("key") == S("new")) << el.ToString();
    } else {
      ++kept;
      EXPECT_EQ(el.GetAttr("uid").AsString(), "u" + el.GetAttr("key").AsString());
    }
  }
  EXPECT_EQ(unknown, 2u);
  EXPECT_EQ(kept, static_cast<size_t>(kN - 1));
#if defined(NDEBUG) && !defined(__SANITIZE_ADDRESS__)
  EXPECT_LT(elapsed, std::chrono::seconds(1));
#endif
}

// --- attribute plan modifiers -------------------------------------------------------------

TEST(PlanModifierTest, RunParentsBeforeChildrenEachSeeingThePreviousResult) {
  std::vector<std::string> calls;
  auto record = [&calls](const std::string& tag) {
    return Mod([&calls, tag](const PlanModifierRequest& req, PlanModifierResponse& resp) {
      calls.push_back(tag + "@" + req.path.ToString() + " plan=" + req.plan_value.ToString() +
                      " state=" + req.state_value.ToString() +
                      " config=" + req.config_value.ToString());
      if (tag == "first") resp.plan_value = S("one");
      if (tag == "second") resp.plan_value = S(req.plan_value.AsString() + "+two");
    });
  };
  Harness h(Schema{.attributes = {
                       Attribute::String("note").Optional().Computed().PlanModifiers(
                           {record("first"), record("second")}),
                       Attribute::ListNested(
                           "rule",
                           {
                               Attribute::Number("port").Required(),
                               Attribute::String("rid").Computed().PlanModifiers({record("child")}),
                           })
                           .Required()
                           .PlanModifiers({record("parent")}),
                   }});
  Type rule = h.Elem("rule");
  Value prior =
      h.Obj({{"note", S("old")},
             {"rule",
              Value::ListVal(rule, {Value::ObjectVal(rule, {{"port", N(1)}, {"rid", S("r1")}})})}});
  Value config =
      h.Obj({{"rule", Value::ListVal(rule, {Value::ObjectVal(rule, {{"port", N(1)}}),
                                            Value::ObjectVal(rule, {{"port", N(2)}})})}});
  Value proposed = h.Obj(
      {{"note", S("old")},
       {"rule", Value::ListVal(rule, {Value::ObjectVal(rule, {{"port", N(1)}, {"rid", S("r1")}}),
                                      Value::ObjectVal(rule, {{"port", N(2)}})})}});
  Value planned = h.PlanOk(prior, proposed, config);
  EXPECT_EQ(planned.GetAttr("note"), S("one+two"));
  ASSERT_EQ(calls.size(), 5u);
  EXPECT_EQ(calls[0], "first@note plan=(known after apply) state=\"old\" config=null");
  EXPECT_EQ(calls[1], "second@note plan=\"one\" state=\"old\" config=null");
  EXPECT_EQ(calls[2].substr(0, 12), "parent@rule ");
  EXPECT_EQ(calls[3], "child@rule[0].rid plan=(known after apply) state=\"r1\" config=null");
  // The second element is new: no prior value.
  EXPECT_EQ(calls[4], "child@rule[1].rid plan=(known after apply) state=null config=null");
}

TEST(PlanModifierTest, KeepPriorValueIsHonouredByApply) {
  Harness h(Schema{.attributes = {
                       Attribute::String("id").Computed().PlanModifiers({KeepPrior()}),
                       Attribute::String("content").Optional(),
                       Attribute::String("digest").Computed(),
                   }});
  Value prior = h.Obj({{"id", S("1")}, {"content", S("a")}, {"digest", S("d1")}});
  Value config = h.Obj({{"content", S("b")}});
  Value proposed = h.Obj({{"id", S("1")}, {"content", S("b")}, {"digest", S("d1")}});
  Value planned = h.PlanOk(prior, proposed, config);
  EXPECT_EQ(planned.GetAttr("id"), S("1"));
  EXPECT_TRUE(planned.GetAttr("digest").IsUnknown());

  // An Update that changes the kept value breaks the plan: named, prior state kept.
  h.resource->update = [](const UpdateRequest&, UpdateResponse& resp) {
    resp.state.Set("id", "2");
    resp.state.Set("digest", "d2");
  };
  ApplyResourceChangeResult r = h.Apply(prior, planned, config);
  ASSERT_TRUE(r.diagnostics.HasError());
  EXPECT_EQ(r.diagnostics[0].summary, "Provider produced inconsistent result after apply");
  EXPECT_EQ(r.diagnostics[0].path, Path::Root("id"));

  h.resource->update = [](const UpdateRequest&, UpdateResponse& resp) {
    resp.state.Set("digest", "d2");
  };
  r = h.Apply(prior, planned, config);
  ASSERT_FALSE(r.diagnostics.HasError()) << r.diagnostics.ToString();
  EXPECT_EQ(h.Decode(r.new_state),
            h.Obj({{"id", S("1")}, {"content", S("b")}, {"digest", S("d2")}}));
}

TEST(PlanModifierTest, RequiresReplaceFromFlagAndModifiers) {
  auto replace_if_big = Mod([](const PlanModifierRequest& req, PlanModifierResponse& resp) {
    if (req.plan_value.IsKnown() && req.plan_value.AsNumber().ToInt64().value_or(0) > 100) {
      resp.requires_replace = true;
    }
  });
  Harness h(Schema{
      .attributes = {
          Attribute::String("name").Required().RequiresReplace(),
          Attribute::Number("size").Optional().PlanModifiers({replace_if_big}),
          Attribute::ListNested("rule", {Attribute::Number("port").Required().RequiresReplace()})
              .Optional(),
      }});
  Type rule = h.Elem("rule");
  auto obj = [&](const char* name, int64_t size, int64_t port) {
    return h.Obj({{"name", S(name)},
                  {"size", N(size)},
                  {"rule", Value::ListVal(rule, {Value::ObjectVal(rule, {{"port", N(port)}})})}});
  };
  struct Case {
    const char* what;
    Value prior;
    Value config;
    std::vector<Path> want;
  };
  const Case cases[] = {
      {"unchanged", obj("a", 1, 80), obj("a", 1, 80), {}},
      {"name changed", obj("a", 1, 80), obj("b", 1, 80), {Path::Root("name")}},
      {"modifier", obj("a", 1, 80), obj("a", 500, 80), {Path::Root("size")}},
      {"nested", obj("a", 1, 80), obj("a", 1, 81), {Path::Root("rule").Index(0).Attr("port")}},
      {"sorted",
       obj("a", 1, 80),
       obj("b", 500, 81),
       {Path::Root("name"), Path::Root("rule").Index(0).Attr("port"), Path::Root("size")}},
      {"create", h.Null(), obj("b", 500, 81), {}},
  };
  for (const Case& c : cases) {
    PlanResourceChangeResult r = h.Plan(c.prior, c.config, c.config);
    ASSERT_FALSE(r.diagnostics.HasError()) << c.what << ": " << r.diagnostics.ToString();
    EXPECT_EQ(r.requires_replace, c.want) << c.what;
  }
}

TEST(PlanModifierTest, ThrowingModifierIsADiagnosticAtItsPath) {
  bool modify_plan_called = false;
  Harness h(Schema{.attributes = {
                       Attribute::String("name").Required().PlanModifiers(
                           {Mod([](const PlanModifierRequest&, PlanModifierResponse&) {
                             throw std::runtime_error("modifier broke");
                           })}),
                   }});
  h.resource->modify_plan = [&](const ModifyPlanRequest&, ModifyPlanResponse&) {
    modify_plan_called = true;
  };
  Value config = h.Obj({{"name", S("a")}});
  PlanResourceChangeResult r = h.Plan(h.Null(), config, config);
  ASSERT_TRUE(r.diagnostics.HasError());
  EXPECT_EQ(r.diagnostics[0].path, Path::Root("name"));
  EXPECT_NE(r.diagnostics[0].detail.find("modifier broke"), std::string::npos);
  EXPECT_FALSE(modify_plan_called);
}

TEST(PlanModifierTest, WrongTypeFromModifierIsADiagnostic) {
  Harness h(Schema{.attributes = {
                       Attribute::String("name").Optional().Computed().PlanModifiers(
                           {Mod([](const PlanModifierRequest&, PlanModifierResponse& resp) {
                             resp.plan_value = Value::IntVal(1);
                           })}),
                   }});
  Value config = h.Obj({});
  PlanResourceChangeResult r = h.Plan(h.Null(), config, config);
  ASSERT_TRUE(r.diagnostics.HasError());
  EXPECT_EQ(r.diagnostics[0].summary, "Plan modifier returned a value of the wrong type");
  EXPECT_EQ(r.diagnostics[0].path, Path::Root("name"));
}

TEST(PlanModifierTest, BlockModifiersSeeTheWholeBlockValue) {
  std::vector<std::string> seen;
  Harness h(Schema{
      .blocks = {
          Block::List("hop", {.attributes = {Attribute::String("to").Required()}})
              .PlanModifiers({Mod([&seen](const PlanModifierRequest& req, PlanModifierResponse&) {
                seen.push_back(req.path.ToString() + "=" + req.plan_value.ToString());
              })})}});
  Type hop = h.Elem("hop");
  Value config = h.Obj({{"hop", Value::ListVal(hop, {Value::ObjectVal(hop, {{"to", S("x")}})})}});
  h.PlanOk(h.Null(), config, config);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0], "hop=[{to = \"x\"}]");
}

// --- ModifyPlan ---------------------------------------------------------------------------

Schema ThingSchema() {
  return Schema{.attributes = {
                    Attribute::String("id").Computed(),
                    Attribute::String("name").Required(),
                    Attribute::String("note").Optional(),
                    Attribute::String("digest").Computed(),
                }};
}

TEST(ModifyPlanTest, GetsContextAndValuesAndItsResultsAreTaken) {
  Harness h(ThingSchema());
  ASSERT_FALSE(h.engine->ConfigureProvider("1.9.0", {}, {}).HasError());
  PrivateState prior_private;
  prior_private.Set("etag", "\"e1\"");
  h.resource->modify_plan = [](const ModifyPlanRequest& req, ModifyPlanResponse& resp) {
    ASSERT_NE(req.provider_data.Get<std::string>(), nullptr);
    EXPECT_EQ(*req.provider_data.Get<std::string>(), "client");
    EXPECT_TRUE(req.provider_meta.IsNull());
    EXPECT_EQ(req.config.Get<std::string>("name"), "b");
    EXPECT_EQ(req.state.Get<std::string>("name"), "a");
    EXPECT_TRUE(req.plan.GetValue("digest").IsUnknown());
    EXPECT_EQ(req.private_state.Get("etag"), "\"e1\"");
    EXPECT_EQ(resp.private_state.Get("etag"), "\"e1\"");
    resp.plan.Set("digest", "precomputed");
    resp.requires_replace.push_back(Path::Root("name"));
    resp.private_state.Set("etag", "\"e2\"");
  };
  Value prior = h.Obj({{"id", S("1")}, {"name", S("a")}, {"digest", S("d")}});
  Value config = h.Obj({{"name", S("b")}});
  Value proposed = h.Obj({{"id", S("1")}, {"name", S("b")}, {"digest", S("d")}});
  PlanResourceChangeResult r = h.Plan(prior, proposed, config, prior_private.Serialize());
  ASSERT_FALSE(r.diagnostics.HasError()) << r.diagnostics.ToString();
  Value planned = h.Decode(r.planned_state);
  EXPECT_EQ(planned.GetAttr("digest"), S("precomputed"));
  EXPECT_TRUE(planned.GetAttr("id").IsUnknown());
  EXPECT_EQ(r.requires_replace, std::vector<Path>{Path::Root("name")});
  EXPECT_EQ(PrivateState::Parse(r.planned_private).Get("etag"), "\"e2\"");
}

TEST(ModifyPlanTest, CalledForDestroyAndCanRefuseIt) {
  Harness h(ThingSchema());
  Value prior = h.Obj({{"id", S("1")}, {"name", S("a")}, {"digest", S("d")}});
  bool called = false;
  h.resource->modify_plan = [&](const ModifyPlanRequest& req, ModifyPlanResponse& resp) {
    called = true;
    EXPECT_TRUE(req.plan.IsNull());
    EXPECT_TRUE(req.config.IsNull());
    EXPECT_EQ(req.state.Get<std::string>("id"), "1");
    resp.diagnostics.AddError("Cannot destroy", "This object is protected.");
  };
  PlanResourceChangeResult r = h.Plan(prior, h.Null(), h.Null());
  EXPECT_TRUE(called);
  ASSERT_TRUE(r.diagnostics.HasError());
  EXPECT_EQ(r.diagnostics[0].summary, "Cannot destroy");

  h.resource->modify_plan = [&](const ModifyPlanRequest&, ModifyPlanResponse&) {};
  r = h.Plan(prior, h.Null(), h.Null(), "foreign-bytes");
  ASSERT_FALSE(r.diagnostics.HasError()) << r.diagnostics.ToString();
  EXPECT_TRUE(h.Decode(r.planned_state).IsNull());
  EXPECT_EQ(r.planned_private, "foreign-bytes");

  // A destroy plan must stay null.
  h.resource->modify_plan = [&](const ModifyPlanRequest& req, ModifyPlanResponse& resp) {
    resp.plan.SetWhole(req.state.value());
  };
  r = h.Plan(prior, h.Null(), h.Null());
  ASSERT_TRUE(r.diagnostics.HasError());
  EXPECT_EQ(r.diagnostics[0].summary, "Provider produced invalid plan");
}

TEST(ModifyPlanTest, ExceptionBecomesADiagnostic) {
  Harness h(ThingSchema());
  h.resource->modify_plan = [](const ModifyPlanRequest&, ModifyPlanResponse&) {
    throw std::runtime_error("plan exploded");
  };
  Value config = h.Obj({{"name", S("a")}});
  PlanResourceChangeResult r = h.Plan(h.Null(), config, config);
  ASSERT_TRUE(r.diagnostics.HasError());
  EXPECT_EQ(r.diagnostics[0].summary, "Unexpected error in ModifyPlan of test_res");
  EXPECT_NE(r.diagnostics[0].detail.find("plan exploded"), std::string::npos);
  // Destroy too.
  Value prior = h.Obj({{"id", S("1")}, {"name", S("a")}});
  EXPECT_TRUE(h.Plan(prior, h.Null(), h.Null()).diagnostics.HasError());
}

// --- the invalid-plan check ---------------------------------------------------------------

TEST(InvalidPlanTest, BrokenPlansAreReportedAtTheAttribute) {
  Schema schema{
      .attributes =
          {
              Attribute::String("id").Computed(),
              Attribute::String("name").Required(),
              Attribute::String("note").Optional(),
              Attribute::String("secret").Optional().Sensitive(),
              Attribute::String("mode").Optional().Computed(),
              Attribute::SingleNested("conn", {Attribute::String("host").Required(),
                                               Attribute::String("ip").Computed()})
                  .Optional(),
          },
      .blocks = {Block::List("hop", {.attributes = {Attribute::String("to").Required()}})},
  };
  struct Case {
    const char* what;
    std::function<void(ModifyPlanResponse&)> mutate;
    std::optional<Path> path;  // nullopt: the plan is valid
    const char* detail_has;
  };
  const Case cases[] = {
      {"computed-only may change", [](ModifyPlanResponse& r) { r.plan.Set("id", "x"); },
       std::nullopt, ""},
      {"unset optional+computed may change", [](ModifyPlanResponse& r) { r.plan.Set("mode", "m"); },
       std::nullopt, ""},
      {"required changed", [](ModifyPlanResponse& r) { r.plan.Set("name", "other"); },
       Path::Root("name"), "configuration sets it to \"web\""},
      {"unset optional set", [](ModifyPlanResponse& r) { r.plan.Set("note", "n"); },
       Path::Root("note"), "not Computed"},
      {"sensitive value hidden", [](ModifyPlanResponse& r) { r.plan.Set("secret", "leak"); },
       Path::Root("secret"), "(sensitive value)"},
      {"configured nested wholly unknown",
       [](ModifyPlanResponse& r) {
         r.plan.SetValue(Path::Root("conn"), Value::UnknownVal(r.plan.TypeAt(Path::Root("conn"))));
       },
       Path::Root("conn"), "wholly unknown"},
      {"nested attribute changed",
       [](ModifyPlanResponse& r) { r.plan.Set(Path::Root("conn").Attr("host"), "h2"); },
       Path::Root("conn").Attr("host"), "\"h2\""},
      {"block dropped",
       [](ModifyPlanResponse& r) {
         r.plan.SetValue(Path::Root("hop"),
                         Value::ListVal(r.plan.TypeAt(Path::Root("hop")).ElementType(), {}));
       },
       Path::Root("hop"), "has 0 block(s)"},
      {"block null",
       [](ModifyPlanResponse& r) {
         r.plan.SetValue(Path::Root("hop"), Value::NullVal(r.plan.TypeAt(Path::Root("hop"))));
       },
       Path::Root("hop"), "not null"},
      {"block attribute changed",
       [](ModifyPlanResponse& r) { r.plan.Set(Path::Root("hop").Index(0).Attr("to"), "z"); },
       Path::Root("hop").Index(0).Attr("to"), "\"z\""},
  };
  for (const Case& c : cases) {
    Harness h(schema);
    Type conn = h.type.AttributeType("conn");
    Type hop = h.Elem("hop");
    Value config = h.Obj({{"name", S("web")},
                          {"conn", Value::ObjectVal(conn, {{"host", S("h")}})},
                          {"hop", Value::ListVal(hop, {Value::ObjectVal(hop, {{"to", S("a")}})})}});
    h.resource->modify_plan = [&c](const ModifyPlanRequest&, ModifyPlanResponse& resp) {
      c.mutate(resp);
    };
    PlanResourceChangeResult r = h.Plan(h.Null(), config, config);
    if (!c.path) {
      EXPECT_FALSE(r.diagnostics.HasError()) << c.what << ": " << r.diagnostics.ToString();
      continue;
    }
    ASSERT_TRUE(r.diagnostics.HasError()) << c.what;
    EXPECT_EQ(r.diagnostics[0].summary, "Provider produced invalid plan") << c.what;
    EXPECT_EQ(r.diagnostics[0].path, c.path) << c.what << ": " << r.diagnostics.ToString();
    EXPECT_NE(r.diagnostics[0].detail.find(c.detail_has), std::string::npos)
        << c.what << ": " << r.diagnostics[0].detail;
    if (std::string(c.what) == "sensitive value hidden") {
      EXPECT_EQ(r.diagnostics[0].detail.find("leak"), std::string::npos);
    }
  }
}

TEST(InvalidPlanTest, SetNestedAttributeCountsAreCompared) {
  Harness h(
      Schema{.attributes = {
                 Attribute::SetNested("tags", {Attribute::String("k").Required()}).Optional()}});
  Type e = h.Elem("tags");
  Value config = h.Obj({{"tags", Value::SetVal(e, {Value::ObjectVal(e, {{"k", S("a")}}),
                                                   Value::ObjectVal(e, {{"k", S("b")}})})}});
  h.resource->modify_plan = [&](const ModifyPlanRequest&, ModifyPlanResponse& resp) {
    resp.plan.SetValue(Path::Root("tags"),
                       Value::SetVal(e, {Value::ObjectVal(e, {{"k", S("a")}})}));
  };
  PlanResourceChangeResult r = h.Plan(h.Null(), config, config);
  ASSERT_TRUE(r.diagnostics.HasError());
  EXPECT_EQ(r.diagnostics[0].path, Path::Root("tags"));
  EXPECT_NE(r.diagnostics[0].detail.find("has 1 element(s)"), std::string::npos)
      << r.diagnostics[0].detail;
}

TEST(InvalidPlanTest, KeepingThePriorValueIsAllowed) {
  Harness h(ThingSchema());
  h.resource->modify_plan = [](const ModifyPlanRequest& req, ModifyPlanResponse& resp) {
    // "functionally equivalent": keep the prior spelling instead of the configured one.
    resp.plan.SetValue(Path::Root("note"), req.state.GetValue("note"));
  };
  Value prior = h.Obj({{"id", S("1")}, {"name", S("a")}, {"note", S("Hello")}, {"digest", S("d")}});
  Value config = h.Obj({{"name", S("a")}, {"note", S("hello")}});
  Value proposed = prior.WithAttr("note", S("hello"));
  PlanResourceChangeResult r = h.Plan(prior, proposed, config);
  ASSERT_FALSE(r.diagnostics.HasError()) << r.diagnostics.ToString();
  EXPECT_EQ(h.Decode(r.planned_state).GetAttr("note"), S("Hello"));
}

TEST(InvalidPlanTest, WriteOnlyAttributesArePlannedNull) {
  Harness h(Schema{.attributes = {Attribute::String("name").Required(),
                                  Attribute::String("password").Optional().WriteOnly()}});
  Value config = h.Obj({{"name", S("a")}, {"password", S("hunter2")}});
  Value planned = h.PlanOk(h.Null(), config, config);
  EXPECT_TRUE(planned.GetAttr("password").IsNull());
  EXPECT_EQ(planned.GetAttr("name"), S("a"));
}

// --- private state ------------------------------------------------------------------------

TEST(PrivateStateFlowTest, RoundTripsThroughPlanApplyReadAndImport) {
  Harness h(ThingSchema());
  h.resource->modify_plan = [](const ModifyPlanRequest&, ModifyPlanResponse& resp) {
    resp.private_state.Set("planned", "1");
  };
  h.resource->create = [](const CreateRequest&, CreateResponse& resp) {
    EXPECT_EQ(resp.private_state.Get("planned"), "1");
    resp.private_state.Set("etag", "\"v1\"");
    resp.state.Set("id", "1");
    resp.state.Set("digest", "d");
  };
  Value config = h.Obj({{"name", S("a")}});
  PlanResourceChangeResult plan = h.Plan(h.Null(), config, config);
  ASSERT_FALSE(plan.diagnostics.HasError()) << plan.diagnostics.ToString();
  ApplyResourceChangeResult applied =
      h.Apply(h.Null(), h.Decode(plan.planned_state), config, plan.planned_private);
  ASSERT_FALSE(applied.diagnostics.HasError()) << applied.diagnostics.ToString();
  PrivateState stored = PrivateState::Parse(applied.private_state);
  EXPECT_EQ(stored.Get("planned"), "1");
  EXPECT_EQ(stored.Get("etag"), "\"v1\"");

  h.resource->read = [](const ReadRequest& req, ReadResponse& resp) {
    EXPECT_EQ(req.private_state.Get("etag"), "\"v1\"");
    resp.private_state.Set("etag", "\"v2\"");
  };
  ReadResourceResult read =
      h.engine->ReadResource({"test_res", applied.new_state, applied.private_state});
  ASSERT_FALSE(read.diagnostics.HasError()) << read.diagnostics.ToString();
  EXPECT_EQ(PrivateState::Parse(read.private_state).Get("etag"), "\"v2\"");

  // Update sees the planned private state and may change it.
  Value prior = h.Decode(read.new_state);
  h.resource->modify_plan = nullptr;
  h.resource->update = [](const UpdateRequest& req, UpdateResponse& resp) {
    EXPECT_EQ(req.private_state.Get("etag"), "\"v2\"");
    resp.private_state.Remove("planned");
  };
  Value config2 = h.Obj({{"name", S("a")}, {"note", S("n")}});
  Value proposed2 = prior.WithAttr("note", S("n"));
  plan = h.Plan(prior, proposed2, config2, read.private_state);
  ASSERT_FALSE(plan.diagnostics.HasError()) << plan.diagnostics.ToString();
  EXPECT_EQ(plan.planned_private, read.private_state);
  h.resource->update = [](const UpdateRequest& req, UpdateResponse& resp) {
    EXPECT_EQ(req.private_state.Get("etag"), "\"v2\"");
    resp.private_state.Remove("planned");
    resp.state.Set("id", "1");
    resp.state.Set("digest", "d2");
  };
  applied = h.Apply(prior, h.Decode(plan.planned_state), config2, plan.planned_private);
  ASSERT_FALSE(applied.diagnostics.HasError()) << applied.diagnostics.ToString();
  EXPECT_EQ(applied.private_state, "{\"etag\":\"v2\"}");

  // Delete sees it; afterwards nothing is stored.
  std::optional<std::string> seen_by_delete;
  h.resource->del = [&](const DeleteRequest& req, DeleteResponse&) {
    seen_by_delete = req.private_state.Get("etag");
  };
  ApplyResourceChangeResult deleted =
      h.Apply(h.Decode(applied.new_state), h.Null(), h.Null(), applied.private_state);
  ASSERT_FALSE(deleted.diagnostics.HasError()) << deleted.diagnostics.ToString();
  EXPECT_EQ(seen_by_delete, "\"v2\"");
  EXPECT_EQ(deleted.private_state, "");

  // Import stores what ImportState set.
  h.resource->import = [](const ImportStateRequest& req, ImportStateResponse& resp) {
    resp.state.Set("id", req.id);
    resp.private_state.Set("imported", "true");
  };
  ImportResourceStateResult imported = h.engine->ImportResourceState("test_res", "7", {});
  ASSERT_FALSE(imported.diagnostics.HasError()) << imported.diagnostics.ToString();
  ASSERT_EQ(imported.imported.size(), 1u);
  EXPECT_EQ(imported.imported[0].private_state, "{\"imported\":true}");
}

TEST(PrivateStateFlowTest, ForeignBytesSurviveWhenUntouched) {
  const std::string foreign = "\x01legacy-sdk-bytes";
  Harness h(ThingSchema());
  Value prior = h.Obj({{"id", S("1")}, {"name", S("a")}, {"digest", S("d")}});
  Value config = h.Obj({{"name", S("a")}, {"note", S("n")}});
  Value proposed = prior.WithAttr("note", S("n"));

  PlanResourceChangeResult plan = h.Plan(prior, proposed, config, foreign);
  ASSERT_FALSE(plan.diagnostics.HasError()) << plan.diagnostics.ToString();
  EXPECT_EQ(plan.planned_private, foreign);

  h.resource->update = [](const UpdateRequest& req, UpdateResponse& resp) {
    EXPECT_TRUE(req.private_state.empty());
    resp.state.Set("id", "1");
    resp.state.Set("digest", "d2");
  };
  ApplyResourceChangeResult applied =
      h.Apply(prior, h.Decode(plan.planned_state), config, plan.planned_private);
  ASSERT_FALSE(applied.diagnostics.HasError()) << applied.diagnostics.ToString();
  EXPECT_EQ(applied.private_state, foreign);

  ReadResourceResult read = h.engine->ReadResource({"test_res", applied.new_state, foreign});
  EXPECT_EQ(read.private_state, foreign);

  // Once the author writes, the new private state replaces the foreign bytes.
  h.resource->read = [](const ReadRequest&, ReadResponse& resp) {
    resp.private_state.Set("k", "1");
  };
  read = h.engine->ReadResource({"test_res", applied.new_state, foreign});
  EXPECT_EQ(read.private_state, "{\"k\":1}");
}

TEST(PrivateStateFlowTest, PlanModifiersSeeThePriorPrivateState) {
  std::optional<std::string> seen;
  Harness h(Schema{.attributes = {Attribute::String("name").Required().PlanModifiers(
                       {Mod([&seen](const PlanModifierRequest& req, PlanModifierResponse&) {
                         seen = req.private_state.Get("k");
                       })})}});
  Value config = h.Obj({{"name", S("a")}});
  PlanResourceChangeResult r = h.Plan(config, config, config, "{\"k\":\"v\"}");
  ASSERT_FALSE(r.diagnostics.HasError()) << r.diagnostics.ToString();
  EXPECT_EQ(seen, "\"v\"");
}

// --- provider_meta ------------------------------------------------------------------------

Schema MetaSchema() { return Schema{.attributes = {Attribute::String("module_name").Optional()}}; }

TEST(ProviderMetaTest, ReachesEveryCallback) {
  Harness h(ThingSchema(), MetaSchema());
  Type meta_type = MetaSchema().ImpliedType();
  RawValue meta{
      EncodeMsgpack(Value::ObjectVal(meta_type, {{"module_name", S("mod")}}), meta_type).value(),
      {}};
  std::vector<std::string> seen;
  auto note = [&seen](const char* where, const CallContext& ctx) {
    seen.push_back(std::string(where) + "=" +
                   (ctx.provider_meta.IsNull()
                        ? std::string("null")
                        : ctx.provider_meta.Get<std::string>("module_name")));
  };
  h.resource->modify_plan = [&](const ModifyPlanRequest& req, ModifyPlanResponse&) {
    note("plan", req);
  };
  h.resource->create = [&](const CreateRequest& req, CreateResponse& resp) {
    note("create", req);
    resp.state.Set("id", "1");
    resp.state.Set("digest", "d");
  };
  h.resource->read = [&](const ReadRequest& req, ReadResponse&) { note("read", req); };
  h.resource->update = [&](const UpdateRequest& req, UpdateResponse&) { note("update", req); };
  h.resource->del = [&](const DeleteRequest& req, DeleteResponse&) { note("delete", req); };
  h.resource->import = [&](const ImportStateRequest& req, ImportStateResponse& resp) {
    note("import", req);
    resp.state.Set("id", req.id);
  };
  h.data->read = [&](const DataSourceReadRequest& req, DataSourceReadResponse& resp) {
    note("data", req);
    resp.state.Set("out", "x");
  };

  Value config = h.Obj({{"name", S("a")}});
  PlanResourceChangeResult plan = h.Plan(h.Null(), config, config, {}, meta);
  ASSERT_FALSE(plan.diagnostics.HasError()) << plan.diagnostics.ToString();
  ApplyResourceChangeResult applied =
      h.Apply(h.Null(), h.Decode(plan.planned_state), config, {}, meta);
  ASSERT_FALSE(applied.diagnostics.HasError()) << applied.diagnostics.ToString();
  Value state = h.Decode(applied.new_state);
  ReadResourceRequest read_req{"test_res", applied.new_state, {}, meta};
  EXPECT_FALSE(h.engine->ReadResource(read_req).diagnostics.HasError());
  Value updated_config = h.Obj({{"name", S("a")}, {"note", S("n")}});
  EXPECT_FALSE(h.Apply(state, state.WithAttr("note", S("n")), updated_config, {}, meta)
                   .diagnostics.HasError());
  EXPECT_FALSE(h.Apply(state, h.Null(), h.Null(), {}, meta).diagnostics.HasError());
  EXPECT_FALSE(h.engine->ImportResourceState("test_res", "1", {}).diagnostics.HasError());
  Type data_type = h.data->GetSchema().ImpliedType();
  RawValue data_cfg{EncodeMsgpack(Value::ObjectVal(data_type, {}), data_type).value(), {}};
  EXPECT_FALSE(h.engine->ReadDataSource("test_data", data_cfg, meta, {}).diagnostics.HasError());
  // Absent (the module sets no provider_meta block): a null object.
  EXPECT_FALSE(h.engine->ReadDataSource("test_data", data_cfg, {}, {}).diagnostics.HasError());

  EXPECT_EQ(seen, (std::vector<std::string>{"plan=mod", "create=mod", "read=mod", "update=mod",
                                            "delete=mod", "import=null", "data=mod", "data=null"}));

  RawValue bad{"\x93garbage", {}};
  PlanResourceChangeResult r = h.Plan(h.Null(), config, config, {}, bad);
  ASSERT_TRUE(r.diagnostics.HasError());
  EXPECT_NE(r.diagnostics[0].summary.find("provider_meta"), std::string::npos);
}

TEST(ProviderMetaTest, NullObjectWithoutAMetaSchema) {
  Harness h(ThingSchema());
  bool checked = false;
  h.resource->modify_plan = [&](const ModifyPlanRequest& req, ModifyPlanResponse&) {
    checked = true;
    EXPECT_TRUE(req.provider_meta.IsNull());
    EXPECT_TRUE(req.provider_meta.value().type().IsObject());
  };
  Value config = h.Obj({{"name", S("a")}});
  EXPECT_FALSE(h.Plan(h.Null(), config, config).diagnostics.HasError());
  EXPECT_TRUE(checked);
}

// --- PlanSchema ---------------------------------------------------------------------------

TEST(PlanSchemaTest, IndexesFollowTheValueOrderAndFlagsSummariseSubtrees) {
  Schema schema{
      .attributes = {Attribute::String("zeta").Optional(), Attribute::String("alpha").Computed()},
      .blocks = {
          Block::List("mid", {.attributes = {Attribute::String("x").Optional().WriteOnly()}})}};
  PlanSchema ps(schema);
  const PlanSchema::Object& root = ps.root();
  ASSERT_EQ(root.attributes.size(), 2u);
  EXPECT_EQ(root.attributes[0].index, 2);  // zeta after alpha and mid
  EXPECT_EQ(root.attributes[1].index, 0);
  ASSERT_EQ(root.blocks.size(), 1u);
  EXPECT_EQ(root.blocks[0].index, 1);
  EXPECT_TRUE(root.any_computed);
  EXPECT_TRUE(root.any_write_only);
  EXPECT_FALSE(root.any_default);
  EXPECT_FALSE(root.any_modifier);
  EXPECT_FALSE(root.blocks[0].object->any_computed);
}

}  // namespace
}  // namespace tfsdk::internal
