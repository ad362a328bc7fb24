// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// The unit harness, driven as a provider author would: a small provider whose resource
// stores objects in the client its Configure creates.

#include "tfsdk/testing/unit.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>

#include "gtest/gtest.h"
#include "tfsdk/validators.h"

namespace {

using tfsdk::Attribute;
using tfsdk::Block;
using tfsdk::Diagnostics;
using tfsdk::Path;
using tfsdk::Schema;
using tfsdk::Type;
using tfsdk::Value;
using tfsdk::ValueList;
using tfsdk::testing::PlanAction;
using tfsdk::testing::UnitHarness;

// The "remote API": objects by id, as the provider's Configure creates it.
struct Client {
  std::string endpoint;
  std::map<std::string, Value> objects;
  int creates = 0;
  int updates = 0;
  int deletes = 0;
};

// Fills the computed rule_id of every rule whose id is unknown.
Value FillRuleIds(const Value& rules) {
  if (!rules.IsKnown()) return rules;
  ValueList out;
  for (const Value& r : rules.Elements()) {
    Value id = r.GetAttr("rule_id");
    if (id.IsUnknown()) {
      id = Value::StringVal("r-" + r.GetAttr("port").AsNumber().ToString());
    }
    out.push_back(r.WithAttr("rule_id", id));
  }
  return Value::SetVal(rules.type().ElementType(), std::move(out));
}

class ThingResource final : public tfsdk::Resource {
 public:
  // Run at the end of Create / Read, to misbehave on purpose.
  std::function<void(const tfsdk::CreateRequest&, tfsdk::CreateResponse&)> after_create;
  std::function<void(tfsdk::ReadResponse&)> after_read;

  std::string TypeName() const override { return "ex_thing"; }
  Schema GetSchema() const override {
    return Schema{
        .attributes =
            {
                Attribute::String("id").Computed(),
                Attribute::String("name").Required().RequiresReplace(),
                Attribute::String("content").Optional(),
                Attribute::Number("size").Optional().Computed(),
            },
        .blocks = {Block::Set("rule", {.attributes =
                                           {
                                               Attribute::Number("port").Required(),
                                               Attribute::String("proto").Optional(),
                                               Attribute::String("rule_id").Computed(),
                                           }})},
    };
  }

  void Create(const tfsdk::CreateRequest& req, tfsdk::CreateResponse& resp) override {
    Client* c = req.provider_data.Get<Client>();
    if (c == nullptr) {
      resp.diagnostics.AddError("Unconfigured provider");
      return;
    }
    std::string id = "thing-" + req.plan.Get<std::string>("name");
    resp.state.Set("id", id);
    Fill(req.plan, resp.state);
    c->objects[id] = resp.state.value();
    ++c->creates;
    if (after_create) after_create(req, resp);
  }

  void Read(const tfsdk::ReadRequest& req, tfsdk::ReadResponse& resp) override {
    Client* c = req.provider_data.Get<Client>();
    auto it = c->objects.find(req.state.Get<std::string>("id"));
    if (it == c->objects.end()) {
      resp.state.RemoveResource();
    } else {
      resp.state.SetWhole(it->second);
    }
    if (after_read) after_read(resp);
  }

  void Update(const tfsdk::UpdateRequest& req, tfsdk::UpdateResponse& resp) override {
    Client* c = req.provider_data.Get<Client>();
    std::string id = req.state.Get<std::string>("id");
    resp.state.Set("id", id);
    Fill(req.plan, resp.state);
    c->objects[id] = resp.state.value();
    ++c->updates;
  }

  void Delete(const tfsdk::DeleteRequest& req, tfsdk::DeleteResponse&) override {
    Client* c = req.provider_data.Get<Client>();
    c->objects.erase(req.state.Get<std::string>("id"));
    ++c->deletes;
  }

  void ImportState(const tfsdk::ImportStateRequest& req,
                   tfsdk::ImportStateResponse& resp) override {
    ImportStatePassthrough(req, resp, "id");
  }

 private:
  // Computed values the provider decides: size (when not configured) and rule ids.
  static void Fill(const tfsdk::Attributes& plan, tfsdk::Attributes& state) {
    if (plan.GetValue("size").IsUnknown()) {
      std::optional<std::string> content = plan.Get<std::optional<std::string>>("content");
      state.Set("size", static_cast<int64_t>(content ? content->size() : 0));
    }
    state.SetValue(Path::Root("rule"), FillRuleIds(plan.GetValue("rule")));
  }
};

class EchoData final : public tfsdk::DataSource {
 public:
  std::function<void()> before_read;

  std::string TypeName() const override { return "ex_echo"; }
  Schema GetSchema() const override {
    return Schema{.attributes = {Attribute::String("input").Required(),
                                 Attribute::String("output").Computed()}};
  }
  void Read(const tfsdk::DataSourceReadRequest& req, tfsdk::DataSourceReadResponse& resp) override {
    if (before_read) before_read();
    std::string in = req.config.Get<std::string>("input");
    std::transform(in.begin(), in.end(), in.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
    Client* c = req.provider_data.Get<Client>();
    resp.state.Set("output", (c != nullptr ? c->endpoint : std::string("?")) + ":" + in);
  }
};

class ExProvider final : public tfsdk::Provider {
 public:
  ExProvider() : tfsdk::Provider("ex") {
    auto r = std::make_unique<ThingResource>();
    thing = r.get();
    AddResource(std::move(r));
    auto d = std::make_unique<EchoData>();
    echo = d.get();
    AddDataSource(std::move(d));
  }
  Schema GetSchema() const override {
    return Schema{.attributes = {Attribute::String("endpoint").Optional()}};
  }
  void Configure(const tfsdk::ConfigureProviderRequest& req,
                 tfsdk::ConfigureProviderResponse& resp) override {
    ++configures;
    std::string endpoint =
        req.config.Get<std::optional<std::string>>("endpoint").value_or("default");
    if (endpoint == "bad") {
      resp.diagnostics.AddError("Bad endpoint", "", Path::Root("endpoint"));
      return;
    }
    client = std::make_shared<Client>();
    client->endpoint = endpoint;
    resp.provider_data = tfsdk::ProviderData::Wrap(client);
  }

  ThingResource* thing = nullptr;
  EchoData* echo = nullptr;
  std::shared_ptr<Client> client;
  int configures = 0;
};

// True if some diagnostic has this summary (and this path, when given).
bool HasError(const Diagnostics& diags, const std::string& summary,
              std::optional<Path> path = std::nullopt) {
  for (const tfsdk::Diagnostic& d : diags) {
    if (d.IsError() && d.summary == summary && (!path || d.path == path)) return true;
  }
  return false;
}

Value Rule(int64_t port, std::optional<std::string> rule_id = std::nullopt) {
  std::map<std::string, Value> attrs{{"port", Value::IntVal(port)}};
  attrs["proto"] = Value::NullVal(Type::String());
  attrs["rule_id"] = rule_id ? Value::StringVal(*rule_id) : Value::NullVal(Type::String());
  return Value::ObjectVal(std::move(attrs));
}

class UnitHarnessTest : public ::testing::Test {
 protected:
  UnitHarnessTest() : h_(provider_) {}

  ExProvider provider_;
  UnitHarness h_;
};

TEST_F(UnitHarnessTest, SchemasAreValid) {
  EXPECT_TRUE(h_.schema_diagnostics().empty()) << h_.schema_diagnostics().ToString();
  ASSERT_NE(h_.ResourceSchema("ex_thing"), nullptr);
  ASSERT_NE(h_.DataSourceSchema("ex_echo"), nullptr);
  EXPECT_EQ(h_.ResourceSchema("ex_nope"), nullptr);
  EXPECT_EQ(h_.ProviderSchema().attributes.size(), 1u);
}

TEST(UnitHarnessSchemaTest, InvalidSchemaFailsEveryCall) {
  class Bad final : public tfsdk::Resource {
    std::string TypeName() const override { return "ex_bad"; }
    Schema GetSchema() const override {
      return Schema{.attributes = {Attribute::String("Name")}};  // no flags, bad name
    }
    void Create(const tfsdk::CreateRequest&, tfsdk::CreateResponse&) override {}
    void Read(const tfsdk::ReadRequest&, tfsdk::ReadResponse&) override {}
    void Update(const tfsdk::UpdateRequest&, tfsdk::UpdateResponse&) override {}
    void Delete(const tfsdk::DeleteRequest&, tfsdk::DeleteResponse&) override {}
  };
  tfsdk::Provider p("ex");
  p.AddResource<Bad>();
  UnitHarness h(p);
  ASSERT_TRUE(h.schema_diagnostics().HasError());
  auto created = h.Create("ex_bad", "{}");
  EXPECT_FALSE(created.ok());
  EXPECT_NE(created.diagnostics.ToString().find("ex_bad"), std::string::npos);
  EXPECT_TRUE(h.Configure().HasError());
}

// The issue's two examples: both compiled and started before, and failed only at a plan.
TEST(UnitHarnessSchemaTest, WrongKindOfValidatorOrDefaultStopsTheProvider) {
  class Mistakes final : public tfsdk::Resource {
    std::string TypeName() const override { return "ex_mistakes"; }
    Schema GetSchema() const override {
      return Schema{.attributes = {
                        Attribute::String("n").Optional().Validators(
                            {tfsdk::validators::AtLeast(1)}),
                        Attribute::String("mode").Optional().Computed().Default(
                            Value::IntVal(644)),
                    }};
    }
    void Create(const tfsdk::CreateRequest&, tfsdk::CreateResponse&) override {}
    void Read(const tfsdk::ReadRequest&, tfsdk::ReadResponse&) override {}
    void Update(const tfsdk::UpdateRequest&, tfsdk::UpdateResponse&) override {}
    void Delete(const tfsdk::DeleteRequest&, tfsdk::DeleteResponse&) override {}
  };
  tfsdk::Provider p("ex");
  p.AddResource<Mistakes>();
  UnitHarness h(p);
  const Diagnostics& diags = h.schema_diagnostics();
  ASSERT_EQ(diags.ErrorCount(), 2u) << diags.ToString();
  std::string text = diags.ToString();
  EXPECT_NE(text.find("resource ex_mistakes: Invalid schema"), std::string::npos) << text;
  EXPECT_NE(text.find("attribute \"n\": validator \"value must be at least 1\" checks numbers, "
                      "not string"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("attribute \"mode\": the default is 644 of type number"), std::string::npos)
      << text;
  EXPECT_TRUE(h.Configure().HasError());
}

TEST_F(UnitHarnessTest, ConfigFromJsonHasNullsAndEmptyBlocks) {
  Value v = h_.Config("ex_thing", R"({"name": "a"})");
  EXPECT_EQ(v.GetAttr("name").AsString(), "a");
  EXPECT_TRUE(v.GetAttr("content").IsNull());
  EXPECT_TRUE(v.GetAttr("id").IsNull());
  ASSERT_TRUE(v.GetAttr("rule").IsKnown());
  EXPECT_EQ(v.GetAttr("rule").Length(), 0u);
  EXPECT_THROW(h_.Config("ex_thing", R"({"nope": 1})"), std::invalid_argument);
  EXPECT_THROW(h_.Config("ex_nope", "{}"), std::invalid_argument);
  EXPECT_EQ(h_.DataSourceConfig("ex_echo", R"({"input": "x"})").GetAttr("input").AsString(), "x");
  EXPECT_TRUE(h_.ProviderConfig("{}").GetAttr("endpoint").IsNull());
}

TEST_F(UnitHarnessTest, ConfigureHandsProviderDataToCallbacks) {
  Diagnostics d = h_.Configure(R"({"endpoint": "e1"})");
  ASSERT_FALSE(d.HasError()) << d.ToString();
  auto read = h_.ReadDataSource("ex_echo", R"({"input": "hi"})");
  ASSERT_TRUE(read.ok()) << read.diagnostics.ToString();
  EXPECT_FALSE(read.deferred);
  EXPECT_EQ(read.state.Get<std::string>("output"), "e1:HI");
  EXPECT_EQ(provider_.configures, 1);
}

TEST_F(UnitHarnessTest, WithoutConfigureTheProviderIsConfiguredEmptyOnce) {
  auto created = h_.Create("ex_thing", R"({"name": "a"})");
  ASSERT_TRUE(created.ok()) << created.diagnostics.ToString();
  auto read = h_.ReadDataSource("ex_echo", R"({"input": "x"})");
  EXPECT_EQ(read.state.Get<std::string>("output"), "default:X");
  EXPECT_EQ(provider_.configures, 1);
}

TEST_F(UnitHarnessTest, FailedConfigureStopsLaterCalls) {
  Diagnostics d = h_.Configure(R"({"endpoint": "bad"})");
  ASSERT_TRUE(HasError(d, "Bad endpoint", Path::Root("endpoint"))) << d.ToString();
  auto created = h_.Create("ex_thing", R"({"name": "a"})");
  EXPECT_TRUE(HasError(created.diagnostics, "Provider is not configured"))
      << created.diagnostics.ToString();
}

TEST_F(UnitHarnessTest, PlanCreateSendsProposedAndMarksComputedUnknown) {
  auto plan = h_.Plan("ex_thing", Value(), R"({"name": "a", "content": "hello"})");
  ASSERT_TRUE(plan.ok()) << plan.diagnostics.ToString();
  EXPECT_EQ(plan.action, PlanAction::kCreate);
  EXPECT_TRUE(plan.prior.IsNull());
  // Terraform proposes computed attributes null on create; the engine plans them unknown.
  EXPECT_TRUE(plan.proposed.GetValue("id").IsNull());
  EXPECT_TRUE(plan.planned.GetValue("id").IsUnknown());
  EXPECT_TRUE(plan.planned.GetValue("size").IsUnknown());
  EXPECT_EQ(plan.planned.Get<std::string>("content"), "hello");
  EXPECT_TRUE(plan.requires_replace.empty());
}

TEST_F(UnitHarnessTest, CreateFillsComputedValues) {
  auto created = h_.Create("ex_thing", R"({"name": "a", "content": "hello",
                                          "rule": [{"port": 80}, {"port": 443}]})");
  ASSERT_TRUE(created.ok()) << created.diagnostics.ToString();
  EXPECT_EQ(created.plan.action, PlanAction::kCreate);
  EXPECT_EQ(created.state.Get<std::string>("id"), "thing-a");
  EXPECT_EQ(created.state.Get<int64_t>("size"), 5);
  Value rules = created.state.GetValue("rule");
  ASSERT_EQ(rules.Length(), 2u);
  EXPECT_TRUE(rules.Contains(
      Value::ObjectVal(rules.type().ElementType(),
                       {{"port", Value::IntVal(80)}, {"rule_id", Value::StringVal("r-80")}})));
  EXPECT_EQ(provider_.client->objects.count("thing-a"), 1u);
}

TEST_F(UnitHarnessTest, UnchangedConfigurationPlansNoOpWithPriorComputedValues) {
  const char* config = R"({"name": "a", "content": "hello", "rule": [{"port": 80}]})";
  auto created = h_.Create("ex_thing", config);
  ASSERT_TRUE(created.ok()) << created.diagnostics.ToString();
  auto plan = h_.Plan("ex_thing", created, config);
  ASSERT_TRUE(plan.ok()) << plan.diagnostics.ToString();
  // The proposed new state keeps every computed value of the prior state, nested ones too,
  // so planning the same configuration again changes nothing.
  EXPECT_EQ(plan.proposed.value(), created.state.value());
  EXPECT_EQ(plan.action, PlanAction::kNoOp);
  auto applied = h_.Apply(plan);
  ASSERT_TRUE(applied.ok()) << applied.diagnostics.ToString();
  EXPECT_EQ(applied.state.value(), created.state.value());
  EXPECT_EQ(provider_.client->updates, 0);
}

TEST_F(UnitHarnessTest, UpdateProposesPriorComputedValuesAndApplies) {
  auto created = h_.Create("ex_thing", R"({"name": "a", "content": "hello"})");
  ASSERT_TRUE(created.ok()) << created.diagnostics.ToString();
  auto plan = h_.Plan("ex_thing", created, R"({"name": "a", "content": "hi"})");
  ASSERT_TRUE(plan.ok()) << plan.diagnostics.ToString();
  EXPECT_EQ(plan.action, PlanAction::kUpdate);
  // Computed and optional+computed attributes left out of the configuration are proposed
  // with their prior values ...
  EXPECT_EQ(plan.proposed.Get<std::string>("id"), "thing-a");
  EXPECT_EQ(plan.proposed.Get<int64_t>("size"), 5);
  // ... and the engine plans them unknown because something changed.
  EXPECT_TRUE(plan.planned.GetValue("size").IsUnknown());
  auto updated = h_.Apply(plan);
  ASSERT_TRUE(updated.ok()) << updated.diagnostics.ToString();
  EXPECT_EQ(updated.state.Get<std::string>("id"), "thing-a");
  EXPECT_EQ(updated.state.Get<int64_t>("size"), 2);
  EXPECT_EQ(provider_.client->updates, 1);
}

TEST_F(UnitHarnessTest, ConfiguredOptionalComputedValueIsPlannedAsConfigured) {
  auto created = h_.Create("ex_thing", R"({"name": "a", "content": "hello"})");
  ASSERT_TRUE(created.ok()) << created.diagnostics.ToString();
  auto updated = h_.Update("ex_thing", created, R"({"name": "a", "content": "hello", "size": 9})");
  ASSERT_TRUE(updated.ok()) << updated.diagnostics.ToString();
  EXPECT_EQ(updated.plan.planned.Get<int64_t>("size"), 9);
  EXPECT_EQ(updated.state.Get<int64_t>("size"), 9);
}

TEST_F(UnitHarnessTest, ChangingARequiresReplaceAttributeReplaces) {
  auto created = h_.Create("ex_thing", R"({"name": "a", "content": "x"})");
  ASSERT_TRUE(created.ok()) << created.diagnostics.ToString();
  auto plan = h_.Plan("ex_thing", created, R"({"name": "b", "content": "x"})");
  ASSERT_TRUE(plan.ok()) << plan.diagnostics.ToString();
  EXPECT_EQ(plan.action, PlanAction::kReplace);
  ASSERT_EQ(plan.requires_replace.size(), 1u);
  EXPECT_EQ(plan.requires_replace[0], Path::Root("name"));
  // The replacement is planned from nothing: the id is unknown, not the prior one.
  EXPECT_TRUE(plan.proposed.GetValue("id").IsNull());
  EXPECT_TRUE(plan.planned.GetValue("id").IsUnknown());
  auto replaced = h_.Apply(plan);
  ASSERT_TRUE(replaced.ok()) << replaced.diagnostics.ToString();
  EXPECT_EQ(replaced.plan.action, PlanAction::kReplace);
  EXPECT_EQ(replaced.state.Get<std::string>("id"), "thing-b");
  EXPECT_EQ(provider_.client->deletes, 1);
  EXPECT_EQ(provider_.client->objects.count("thing-a"), 0u);
  EXPECT_EQ(provider_.client->objects.count("thing-b"), 1u);
}

TEST_F(UnitHarnessTest, ProposedNewMatchesSetBlockElementsOnNonComputedValues) {
  auto created = h_.Create("ex_thing", R"({"name": "a", "rule": [{"port": 80}, {"port": 443}]})");
  ASSERT_TRUE(created.ok()) << created.diagnostics.ToString();
  auto plan =
      h_.Plan("ex_thing", created, R"({"name": "a", "rule": [{"port": 80}, {"port": 8080}]})");
  ASSERT_TRUE(plan.ok()) << plan.diagnostics.ToString();
  Value rules = plan.proposed.GetValue("rule");
  Type elem = rules.type().ElementType();
  ASSERT_EQ(rules.Length(), 2u);
  // The unchanged element keeps its computed id; the new one has none yet.
  EXPECT_TRUE(rules.Contains(Value::ObjectVal(
      elem, {{"port", Value::IntVal(80)}, {"rule_id", Value::StringVal("r-80")}})));
  EXPECT_TRUE(rules.Contains(Value::ObjectVal(elem, {{"port", Value::IntVal(8080)}})));
  auto applied = h_.Apply(plan);
  ASSERT_TRUE(applied.ok()) << applied.diagnostics.ToString();
  EXPECT_TRUE(applied.state.GetValue("rule").Contains(Value::ObjectVal(
      elem, {{"port", Value::IntVal(8080)}, {"rule_id", Value::StringVal("r-8080")}})));
}

TEST_F(UnitHarnessTest, DestroyDeletesAndLeavesNoState) {
  auto created = h_.Create("ex_thing", R"({"name": "a"})");
  ASSERT_TRUE(created.ok()) << created.diagnostics.ToString();
  auto destroyed = h_.Destroy("ex_thing", created);
  ASSERT_TRUE(destroyed.ok()) << destroyed.diagnostics.ToString();
  EXPECT_EQ(destroyed.plan.action, PlanAction::kDelete);
  EXPECT_TRUE(destroyed.plan.planned.IsNull());
  EXPECT_TRUE(destroyed.state.IsNull());
  EXPECT_TRUE(provider_.client->objects.empty());
  // Destroying nothing is a no-op.
  EXPECT_EQ(h_.Plan("ex_thing", Value(), Value()).action, PlanAction::kNoOp);
}

TEST_F(UnitHarnessTest, ReadSeesDriftAndRemoval) {
  auto created = h_.Create("ex_thing", R"({"name": "a", "content": "x"})");
  ASSERT_TRUE(created.ok()) << created.diagnostics.ToString();
  Value& remote = provider_.client->objects["thing-a"];
  remote = remote.WithAttr("content", Value::StringVal("changed"));
  auto read = h_.Read("ex_thing", created);
  ASSERT_TRUE(read.ok()) << read.diagnostics.ToString();
  EXPECT_FALSE(read.removed());
  EXPECT_EQ(read.state.Get<std::string>("content"), "changed");
  // The drift then shows as an update back to the configuration.
  EXPECT_EQ(h_.Plan("ex_thing", read, R"({"name": "a", "content": "x"})").action,
            PlanAction::kUpdate);

  provider_.client->objects.clear();
  auto gone = h_.Read("ex_thing", created);
  ASSERT_TRUE(gone.ok()) << gone.diagnostics.ToString();
  EXPECT_TRUE(gone.removed());
}

TEST_F(UnitHarnessTest, ImportPassthroughThenReadFillsTheState) {
  auto created = h_.Create("ex_thing", R"({"name": "a", "content": "x", "rule": [{"port": 1}]})");
  ASSERT_TRUE(created.ok()) << created.diagnostics.ToString();
  auto imported = h_.Import("ex_thing", "thing-a");
  ASSERT_TRUE(imported.ok()) << imported.diagnostics.ToString();
  EXPECT_EQ(imported.state.value(), created.state.value());

  auto missing = h_.Import("ex_thing", "thing-zzz");
  EXPECT_TRUE(HasError(missing.diagnostics, "Cannot import non-existent remote object"))
      << missing.diagnostics.ToString();
}

TEST_F(UnitHarnessTest, DataSourceWithUnknownConfigurationIsDeferred) {
  Value config = Value::ObjectVal({{"input", Value::UnknownVal(Type::String())}});
  auto read = h_.ReadDataSource("ex_echo", config);
  ASSERT_TRUE(read.ok()) << read.diagnostics.ToString();
  EXPECT_TRUE(read.deferred);
  EXPECT_TRUE(read.state.GetValue("output").IsUnknown());
}

TEST_F(UnitHarnessTest, ValidateAppliesTerraformsConfigurationRules) {
  Diagnostics ok = h_.Validate("ex_thing", R"({"name": "a"})");
  EXPECT_FALSE(ok.HasError()) << ok.ToString();

  struct Case {
    const char* config;
    const char* summary;
    Path path;
  };
  const Case cases[] = {
      {R"({})", "Missing required argument", Path::Root("name")},
      {R"({"name": "a", "id": "x"})", "Value for unconfigurable attribute", Path::Root("id")},
      {R"({"name": "a", "rule": [{"proto": "tcp"}]})", "Missing required argument",
       Path::Root("rule").Attr("port")},
  };
  for (const Case& c : cases) {
    Diagnostics d = h_.Validate("ex_thing", c.config);
    EXPECT_TRUE(HasError(d, c.summary, c.path)) << c.config << "\n" << d.ToString();
    // Plan refuses the same configuration before calling the provider.
    auto plan = h_.Plan("ex_thing", Value(), c.config);
    EXPECT_TRUE(HasError(plan.diagnostics, c.summary, c.path)) << plan.diagnostics.ToString();
  }
  EXPECT_TRUE(HasError(h_.Validate("ex_nope", "{}"), "Invalid resource type"));
  EXPECT_TRUE(HasError(h_.ValidateDataSource("ex_echo", "{}"), "Missing required argument",
                       Path::Root("input")));
}

TEST_F(UnitHarnessTest, ValuesAreAcceptedWithAttributesLeftOut) {
  Value config = Value::ObjectVal(
      {{"name", Value::StringVal("v")}, {"rule", Value::ListVal(Rule(22).type(), {Rule(22)})}});
  auto created = h_.Create("ex_thing", config);
  ASSERT_TRUE(created.ok()) << created.diagnostics.ToString();
  EXPECT_EQ(created.state.Get<std::string>("id"), "thing-v");
  EXPECT_EQ(created.state.GetValue("rule").Length(), 1u);

  auto bad = h_.Plan("ex_thing", Value(), Value::ObjectVal({{"name", Value::IntVal(1)}}));
  EXPECT_TRUE(HasError(bad.diagnostics, "Invalid configuration given to the harness"))
      << bad.diagnostics.ToString();
}

TEST_F(UnitHarnessTest, UnknownConfigurationCanBePlannedButNotApplied) {
  Value config = Value::ObjectVal(
      {{"name", Value::StringVal("a")}, {"content", Value::UnknownVal(Type::String())}});
  auto plan = h_.Plan("ex_thing", Value(), config);
  ASSERT_TRUE(plan.ok()) << plan.diagnostics.ToString();
  EXPECT_TRUE(plan.planned.GetValue("content").IsUnknown());
  auto applied = h_.Apply(plan);
  EXPECT_TRUE(HasError(applied.diagnostics, "Configuration contains unknown values during apply"));
  ASSERT_NE(provider_.client, nullptr);
  EXPECT_EQ(provider_.client->creates, 0);
}

TEST_F(UnitHarnessTest, ChangingAConfiguredValueInCreateIsReportedByAttribute) {
  provider_.thing->after_create = [](const tfsdk::CreateRequest& req, tfsdk::CreateResponse& resp) {
    resp.state.Set("content", req.plan.Get<std::string>("content") + "!");
  };
  auto created = h_.Create("ex_thing", R"({"name": "a", "content": "x"})");
  EXPECT_TRUE(HasError(created.diagnostics, "Provider produced inconsistent result after apply",
                       Path::Root("content")))
      << created.diagnostics.ToString();
}

TEST_F(UnitHarnessTest, ChangingASetElementInCreateIsReported) {
  // Sets with unknown values cannot be compared element by element, but Terraform still
  // correlates them; so does the harness.
  provider_.thing->after_create = [](const tfsdk::CreateRequest&, tfsdk::CreateResponse& resp) {
    Value rules = resp.state.GetValue("rule");
    resp.state.SetValue(
        Path::Root("rule"),
        Value::SetVal(
            rules.type().ElementType(),
            {Value::ObjectVal(rules.type().ElementType(),
                              {{"port", Value::IntVal(81)}, {"rule_id", Value::StringVal("r")}})}));
  };
  auto created = h_.Create("ex_thing", R"({"name": "a", "rule": [{"port": 80}]})");
  EXPECT_TRUE(HasError(created.diagnostics, "Provider produced inconsistent result after apply",
                       Path::Root("rule")))
      << created.diagnostics.ToString();
}

TEST_F(UnitHarnessTest, ExceptionsFromCallbacksBecomeDiagnostics) {
  provider_.thing->after_create = [](const tfsdk::CreateRequest&, tfsdk::CreateResponse&) {
    throw std::runtime_error("boom in create");
  };
  auto created = h_.Create("ex_thing", R"({"name": "a"})");
  EXPECT_FALSE(created.ok());
  EXPECT_NE(created.diagnostics.ToString().find("boom in create"), std::string::npos)
      << created.diagnostics.ToString();
  // Everything was set before the throw, so the partial result is kept, as Terraform keeps
  // a partial state returned with an error.
  EXPECT_EQ(created.state.Get<std::string>("id"), "thing-a");

  provider_.echo->before_read = [] { throw std::runtime_error("boom in read"); };
  auto read = h_.ReadDataSource("ex_echo", R"({"input": "x"})");
  EXPECT_FALSE(read.ok());
  EXPECT_NE(read.diagnostics.ToString().find("boom in read"), std::string::npos);
}

TEST_F(UnitHarnessTest, PrivateStateIsCarriedAcrossCalls) {
  auto created = h_.Create("ex_thing", R"({"name": "a"})");
  ASSERT_TRUE(created.ok()) << created.diagnostics.ToString();
  tfsdk::testing::InstanceState instance = created;
  instance.private_state.Set("etag", R"("v1")");
  auto read = h_.Read("ex_thing", instance);
  ASSERT_TRUE(read.ok()) << read.diagnostics.ToString();
  EXPECT_EQ(read.private_state.Get("etag"), R"("v1")");
  auto plan = h_.Plan("ex_thing", read, R"({"name": "a", "content": "new"})");
  ASSERT_TRUE(plan.ok()) << plan.diagnostics.ToString();
  EXPECT_EQ(plan.prior_private.Get("etag"), R"("v1")");
  EXPECT_EQ(plan.private_state.Get("etag"), R"("v1")");
  auto applied = h_.Apply(plan);
  ASSERT_TRUE(applied.ok()) << applied.diagnostics.ToString();
  EXPECT_EQ(applied.private_state.Get("etag"), R"("v1")");
}

TEST_F(UnitHarnessTest, UpgradeStateDropsRemovedAttributes) {
  auto up = h_.UpgradeState("ex_thing", 0, R"({"id": "thing-a", "name": "a", "gone": 1})");
  ASSERT_TRUE(up.ok()) << up.diagnostics.ToString();
  EXPECT_EQ(up.state.Get<std::string>("id"), "thing-a");
}

TEST_F(UnitHarnessTest, ProviderMetaNeedsAMetaSchema) {
  EXPECT_TRUE(HasError(h_.SetProviderMeta("{}"), "Provider has no provider_meta schema"));
}

TEST_F(UnitHarnessTest, StopCancelsTheTokenCallbacksSee) {
  bool cancelled = false;
  provider_.thing->after_create = [&](const tfsdk::CreateRequest& req, tfsdk::CreateResponse&) {
    cancelled = req.cancel.cancelled();
  };
  h_.Stop();
  auto created = h_.Create("ex_thing", R"({"name": "a"})");
  ASSERT_TRUE(created.ok()) << created.diagnostics.ToString();
  EXPECT_TRUE(cancelled);
}

TEST(PlanActionTest, Names) {
  EXPECT_EQ(tfsdk::testing::PlanActionName(PlanAction::kNoOp), "no-op");
  EXPECT_EQ(tfsdk::testing::PlanActionName(PlanAction::kReplace), "replace");
  std::ostringstream os;
  os << PlanAction::kDelete;
  EXPECT_EQ(os.str(), "delete");
}

}  // namespace
