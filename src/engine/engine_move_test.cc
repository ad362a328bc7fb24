// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// MoveResourceState, GenerateResourceConfig and deferred actions in the engine, driven with
// the encoded values Terraform sends.

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "src/engine/engine.h"
#include "src/value/msgpack_codec.h"

namespace tfsdk::internal {
namespace {

Schema SourceSchema() {
  return Schema{.attributes = {
                    Attribute::String("id").Computed(),
                    Attribute::String("label").Required(),
                }};
}

// A target resource whose movers, generate hook and deferrals the test sets.
class TargetResource final : public Resource {
 public:
  std::vector<StateMover> movers;
  std::function<void(const GenerateConfigRequest&, GenerateConfigResponse&)> generate;
  std::optional<Deferred> read_defer, plan_defer, import_defer;
  std::optional<bool> read_saw_allowed, plan_saw_allowed;
  int reads = 0, plans = 0, imports = 0;

  std::string TypeName() const override { return "test_new"; }
  Schema GetSchema() const override {
    return Schema{.attributes = {
                      Attribute::String("id").Computed(),
                      Attribute::String("name").Required(),
                      Attribute::String("note").Optional(),
                      Attribute::String("region").Optional().Computed(),
                      Attribute::String("legacy").Optional().Deprecated("use name"),
                      Attribute::String("secret_wo").Optional().WriteOnly(),
                  }};
  }
  void Create(const CreateRequest&, CreateResponse&) override {}
  void Read(const ReadRequest& req, ReadResponse& resp) override {
    ++reads;
    read_saw_allowed = req.deferral_allowed;
    resp.deferred = read_defer;
  }
  void Update(const UpdateRequest&, UpdateResponse&) override {}
  void Delete(const DeleteRequest&, DeleteResponse&) override {}
  void ImportState(const ImportStateRequest& req, ImportStateResponse& resp) override {
    ++imports;
    ImportStatePassthrough(req, resp, "id");
    resp.deferred = import_defer;
  }
  void ModifyPlan(const ModifyPlanRequest& req, ModifyPlanResponse& resp) override {
    ++plans;
    plan_saw_allowed = req.deferral_allowed;
    resp.deferred = plan_defer;
  }
  std::vector<StateMover> StateMovers() const override { return movers; }
  void GenerateConfig(const GenerateConfigRequest& req, GenerateConfigResponse& resp) override {
    if (generate) generate(req, resp);
  }
};

class ThingData final : public DataSource {
 public:
  std::optional<Deferred> defer;
  int reads = 0;
  std::string TypeName() const override { return "test_thing"; }
  Schema GetSchema() const override {
    return Schema{.attributes = {Attribute::String("key").Required(),
                                 Attribute::String("value").Computed()}};
  }
  void Read(const DataSourceReadRequest& req, DataSourceReadResponse& resp) override {
    ++reads;
    resp.deferred = defer;
    if (!defer) resp.state.Set("value", "v-" + req.config.Get<std::string>("key"));
  }
};

class TestProvider final : public Provider {
 public:
  TestProvider() : Provider("test") {}
  std::optional<Deferred> configure_defer;
  void Configure(const ConfigureProviderRequest&, ConfigureProviderResponse& resp) override {
    resp.deferred = configure_defer;
  }
};

struct Fixture {
  TestProvider provider;
  TargetResource* target = nullptr;
  ThingData* data = nullptr;
  std::unique_ptr<Engine> engine;

  explicit Fixture(std::vector<StateMover> movers = {},
                   std::function<void(const GenerateConfigRequest&, GenerateConfigResponse&)>
                       generate = nullptr) {
    auto r = std::make_unique<TargetResource>();
    r->movers = std::move(movers);
    r->generate = std::move(generate);
    target = r.get();
    provider.AddResource(std::move(r));
    auto d = std::make_unique<ThingData>();
    data = d.get();
    provider.AddDataSource(std::move(d));
    engine = std::make_unique<Engine>(provider);
    EXPECT_FALSE(engine->schema_diagnostics().HasError())
        << engine->schema_diagnostics().ToString();
  }
  Type type() const { return target->GetSchema().ImpliedType(); }
  Value Decode(const RawValue& raw) const {
    absl::StatusOr<Value> v = DecodeMsgpack(raw.msgpack, type());
    EXPECT_TRUE(v.ok()) << v.status();
    return v.ok() ? *v : Value::NullVal(type());
  }
  RawValue Encode(std::map<std::string, Value> attrs) const {
    Type t = type();
    for (const auto& [name, at] : t.AttributeTypes()) {
      if (!attrs.count(name)) attrs.emplace(name, Value::NullVal(at));
    }
    return RawValue{*EncodeMsgpack(Value::ObjectVal(t, std::move(attrs)), t), {}};
  }
};

MoveResourceStateRequest MoveRequest(std::string type, std::string json,
                                     std::string address = "registry.terraform.io/me/test") {
  MoveResourceStateRequest req;
  req.source_provider_address = std::move(address);
  req.source_type_name = std::move(type);
  req.source_schema_version = 2;
  req.source_state.json = std::move(json);
  req.target_type_name = "test_new";
  req.source_private = R"({"origin":"old"})";
  return req;
}

// Takes test_old's state: label -> name.
StateMover OldMover() {
  return StateMover{
      .source_schema = SourceSchema(),
      .move = [](const MoveStateRequest& req, MoveStateResponse& resp) {
        if (req.source_type_name != "test_old" || !req.source_state) return;
        resp.target_state.Set("id", req.source_state->Get<std::string>("id"));
        resp.target_state.Set("name", req.source_state->Get<std::string>("label"));
        resp.target_private = req.source_private;
        resp.target_private.Set("moved", "true");
      }};
}

// --- MoveResourceState ----------------------------------------------------------------

TEST(EngineMoveTest, FirstAcceptingMoverWins) {
  int raw_calls = 0;
  StateMover raw{.move = [&raw_calls](const MoveStateRequest& req, MoveStateResponse& resp) {
    ++raw_calls;
    EXPECT_FALSE(req.source_state.has_value());
    if (req.source_type_name != "other_thing") return;
    EXPECT_EQ(req.source_provider_address, "registry.terraform.io/acme/other");
    EXPECT_EQ(req.source_schema_version, 2);
    EXPECT_EQ(req.source_raw_json, R"({"key":"k1"})");
    resp.target_state.Set("id", "k1");
    resp.target_state.Set("name", "from-other");
  }};
  Fixture f({OldMover(), raw});

  MoveResourceStateResult r = f.engine->MoveResourceState(
      MoveRequest("test_old", R"({"id":"i-1","label":"alpha","dropped":true})"));
  ASSERT_FALSE(r.diagnostics.HasError()) << r.diagnostics.ToString();
  Value moved = f.Decode(r.target_state);
  EXPECT_EQ(moved.At(Path::Root("id"))->AsString(), "i-1");
  EXPECT_EQ(moved.At(Path::Root("name"))->AsString(), "alpha");
  EXPECT_TRUE(moved.At(Path::Root("note"))->IsNull());
  EXPECT_EQ(raw_calls, 0) << "the first mover took it";
  PrivateState priv = PrivateState::Parse(r.target_private);
  EXPECT_EQ(priv.Get("origin").value_or(""), "\"old\"");
  EXPECT_EQ(priv.Get("moved").value_or(""), "true");

  r = f.engine->MoveResourceState(
      MoveRequest("other_thing", R"({"key":"k1"})", "registry.terraform.io/acme/other"));
  ASSERT_FALSE(r.diagnostics.HasError()) << r.diagnostics.ToString();
  EXPECT_EQ(f.Decode(r.target_state).At(Path::Root("name"))->AsString(), "from-other");
  EXPECT_EQ(raw_calls, 1);
}

// A target with an identity schema: the mover hands over the source's identity.
class IdentityTarget final : public Resource {
 public:
  bool set_identity = true;
  std::string seen_identity_json;
  int64_t seen_identity_version = -1;

  std::string TypeName() const override { return "test_new"; }
  Schema GetSchema() const override {
    return Schema{.attributes = {Attribute::String("name").Required()}};
  }
  std::optional<IdentitySchema> GetIdentitySchema() const override {
    return IdentitySchema{.attributes = {IdentityAttribute::String("name").RequiredForImport(),
                                         IdentityAttribute::String("zone").OptionalForImport()}};
  }
  void Create(const CreateRequest&, CreateResponse&) override {}
  void Read(const ReadRequest&, ReadResponse&) override {}
  void Update(const UpdateRequest&, UpdateResponse&) override {}
  void Delete(const DeleteRequest&, DeleteResponse&) override {}
  std::vector<StateMover> StateMovers() const override {
    auto* self = const_cast<IdentityTarget*>(this);
    return {StateMover{.move = [self](const MoveStateRequest& req, MoveStateResponse& resp) {
      self->seen_identity_json = req.source_identity_raw_json;
      self->seen_identity_version = req.source_identity_schema_version;
      resp.target_state.Set("name", "n1");
      if (self->set_identity) resp.target_identity.Set("name", "n1");
    }}};
  }
};

TEST(EngineMoveTest, IdentityIsPassedAndReturned) {
  for (bool set_identity : {true, false}) {
    SCOPED_TRACE(set_identity ? "mover sets the identity" : "mover leaves it to Read");
    TestProvider provider;
    auto owned = std::make_unique<IdentityTarget>();
    IdentityTarget* target = owned.get();
    target->set_identity = set_identity;
    provider.AddResource(std::move(owned));
    Engine engine(provider);
    ASSERT_FALSE(engine.schema_diagnostics().HasError())
        << engine.schema_diagnostics().ToString();

    MoveResourceStateRequest req = MoveRequest("test_old", R"({"label":"x"})");
    req.source_identity_json = R"({"key":"k"})";
    req.source_identity_schema_version = 3;
    MoveResourceStateResult r = engine.MoveResourceState(req);
    ASSERT_FALSE(r.diagnostics.HasError()) << r.diagnostics.ToString();
    EXPECT_EQ(target->seen_identity_json, R"({"key":"k"})");
    EXPECT_EQ(target->seen_identity_version, 3);
    if (!set_identity) {
      EXPECT_FALSE(r.target_identity.has_value());
      continue;
    }
    ASSERT_TRUE(r.target_identity.has_value());
    Type identity_type = Type::Object({{"name", Type::String()}, {"zone", Type::String()}});
    absl::StatusOr<Value> identity = DecodeMsgpack(r.target_identity->msgpack, identity_type);
    ASSERT_TRUE(identity.ok()) << identity.status();
    EXPECT_EQ(identity->At(Path::Root("name"))->AsString(), "n1");
    EXPECT_TRUE(identity->At(Path::Root("zone"))->IsNull());
  }
}

TEST(EngineMoveTest, Errors) {
  struct Case {
    std::string name;
    std::vector<StateMover> movers;
    MoveResourceStateRequest request;
    std::string summary;  // expected error summary
    std::string detail_part;
  };
  auto throwing = StateMover{.move = [](const MoveStateRequest&, MoveStateResponse&) {
    throw std::runtime_error("boom");
  }};
  auto unknown = StateMover{.move = [](const MoveStateRequest&, MoveStateResponse& resp) {
    resp.target_state.SetValue(Path::Root("name"), Value::UnknownVal(Type::String()));
  }};
  auto erroring = StateMover{.move = [](const MoveStateRequest&, MoveStateResponse& resp) {
    resp.diagnostics.AddError("No thanks", "refused", Path::Root("name"));
  }};
  auto write_only = StateMover{.move = [](const MoveStateRequest&, MoveStateResponse& resp) {
    resp.target_state.Set("name", "n");
    resp.target_state.Set("id", "i");
    resp.target_state.Set("secret_wo", "s");
  }};
  std::vector<Case> cases = {
      {"no movers", {}, MoveRequest("test_old", R"({"id":"i","label":"l"})"),
       "Unable to Move Resource State", "Source Resource Type: test_old"},
      {"no mover accepts", {OldMover()}, MoveRequest("nope", R"({"id":"i"})"),
       "Unable to Move Resource State", "Source Provider Address: registry.terraform.io/me/test"},
      {"no source state", {OldMover()}, MoveRequest("test_old", ""),
       "Unexpected Move Resource State Request", "no source state"},
      {"source state does not fit the source schema: the mover passes", {OldMover()},
       MoveRequest("test_old", R"({"id":1,"label":[true]})"), "Unable to Move Resource State",
       "Source Resource Type: test_old"},
      {"mover throws", {throwing}, MoveRequest("x", "{}"),
       "Unexpected error in state mover 0 of test_new", "boom"},
      {"mover reports an error", {erroring, OldMover()},
       MoveRequest("test_old", R"({"id":"i","label":"l"})"), "No thanks", "refused"},
      {"unknown target value", {unknown}, MoveRequest("x", "{}"),
       "Provider returned an unknown value after moving state", "\"name\""},
      {"unknown target type", {}, [] {
         auto r = MoveRequest("x", "{}");
         r.target_type_name = "test_missing";
         return r;
       }(), "Unsupported resource type", "test_missing"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Fixture f(c.movers);
    MoveResourceStateResult r = f.engine->MoveResourceState(c.request);
    ASSERT_TRUE(r.diagnostics.HasError());
    const Diagnostic& d = *r.diagnostics.begin();
    EXPECT_EQ(d.summary, c.summary);
    EXPECT_NE(d.detail.find(c.detail_part), std::string::npos) << d.detail;
    if (c.request.target_type_name == "test_new") {
      EXPECT_TRUE(f.Decode(r.target_state).IsNull()) << "no state moved on error";
    }
  }
  // A write-only value set by a mover never reaches the state.
  Fixture f({write_only});
  MoveResourceStateResult r = f.engine->MoveResourceState(MoveRequest("x", "{}"));
  ASSERT_FALSE(r.diagnostics.HasError()) << r.diagnostics.ToString();
  EXPECT_TRUE(f.Decode(r.target_state).At(Path::Root("secret_wo"))->IsNull());
}

TEST(EngineMoveTest, CapabilitiesAdvertised) {
  Fixture f;
  EXPECT_TRUE(f.engine->GetMetadata().server_capabilities.move_resource_state);
  EXPECT_TRUE(f.engine->GetProviderSchema().server_capabilities.move_resource_state);
  EXPECT_TRUE(f.engine->GetProviderSchema().server_capabilities.generate_resource_config);
}

// --- GenerateResourceConfig -------------------------------------------------------------

TEST(EngineGenerateConfigTest, DefaultDropsReadOnlyValues) {
  struct Case {
    std::string name;
    std::map<std::string, Value> state;
    std::map<std::string, std::optional<std::string>> want;  // nullopt: null
  };
  std::vector<Case> cases = {
      {"computed-only and optional+computed id dropped",
       {{"id", Value::StringVal("i-1")}, {"name", Value::StringVal("n")},
        {"region", Value::StringVal("eu")}},
       {{"id", std::nullopt}, {"name", "n"}, {"region", "eu"}, {"note", std::nullopt}}},
      {"empty optional string dropped, required kept",
       {{"name", Value::StringVal("")}, {"note", Value::StringVal("")}},
       {{"name", ""}, {"note", std::nullopt}}},
      {"deprecated dropped",
       {{"name", Value::StringVal("n")}, {"legacy", Value::StringVal("old")}},
       {{"legacy", std::nullopt}, {"name", "n"}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Fixture f;
    GenerateResourceConfigResult r =
        f.engine->GenerateResourceConfig("test_new", f.Encode(c.state));
    ASSERT_FALSE(r.diagnostics.HasError()) << r.diagnostics.ToString();
    Value config = f.Decode(r.config);
    for (const auto& [attr, want] : c.want) {
      Value got = *config.At(Path::Root(attr));
      if (want) {
        EXPECT_EQ(got.AsString(), *want) << attr;
      } else {
        EXPECT_TRUE(got.IsNull()) << attr << " = " << got.ToString();
      }
    }
  }
}

TEST(EngineGenerateConfigTest, HookAdjustsAndIsChecked) {
  Fixture f(
      {}, [](const GenerateConfigRequest& req, GenerateConfigResponse& resp) {
        EXPECT_EQ(req.state.Get<std::string>("id"), "i-1");  // the full state
        resp.config.Set("note", "from " + req.state.Get<std::string>("id"));
      });
  GenerateResourceConfigResult r = f.engine->GenerateResourceConfig(
      "test_new", f.Encode({{"id", Value::StringVal("i-1")}, {"name", Value::StringVal("n")}}));
  ASSERT_FALSE(r.diagnostics.HasError()) << r.diagnostics.ToString();
  EXPECT_EQ(f.Decode(r.config).At(Path::Root("note"))->AsString(), "from i-1");

  Fixture bad({}, [](const GenerateConfigRequest&, GenerateConfigResponse& resp) {
    resp.config.SetValue(Path::Root("note"), Value::UnknownVal(Type::String()));
  });
  r = bad.engine->GenerateResourceConfig("test_new",
                                         bad.Encode({{"name", Value::StringVal("n")}}));
  ASSERT_TRUE(r.diagnostics.HasError());
  EXPECT_EQ(r.diagnostics.begin()->summary, "Provider produced an unknown value");

  Fixture throws({}, [](const GenerateConfigRequest&, GenerateConfigResponse&) {
    throw std::runtime_error("nope");
  });
  r = throws.engine->GenerateResourceConfig("test_new",
                                            throws.Encode({{"name", Value::StringVal("n")}}));
  ASSERT_TRUE(r.diagnostics.HasError());
  EXPECT_NE(r.diagnostics.ToString().find("nope"), std::string::npos);

  Fixture plain;
  r = plain.engine->GenerateResourceConfig("test_new",
                                           RawValue{std::string(1, '\xc0'), {}});
  ASSERT_TRUE(r.diagnostics.HasError());
  EXPECT_EQ(r.diagnostics.begin()->summary, "Unexpected Generate Config Request");
}

// --- deferred actions -----------------------------------------------------------------

ClientCapabilities Allow(bool allowed) {
  ClientCapabilities caps;
  caps.deferral_allowed = allowed;
  return caps;
}

TEST(EngineDeferralTest, AuthorDeferralsRequireClientSupport) {
  const Deferred absent{tfsdk::DeferredReason::kAbsentPrereq};
  for (bool allowed : {true, false}) {
    SCOPED_TRACE(allowed ? "allowed" : "not allowed");
    Fixture f;
    f.target->read_defer = f.target->plan_defer = f.target->import_defer = absent;
    f.data->defer = absent;
    RawValue state = f.Encode({{"id", Value::StringVal("i")}, {"name", Value::StringVal("n")}});

    ReadResourceRequest read{.type_name = "test_new", .current_state = state};
    read.client_capabilities = Allow(allowed);
    ReadResourceResult rr = f.engine->ReadResource(read);
    EXPECT_EQ(f.target->read_saw_allowed, allowed);

    PlanResourceChangeRequest plan{.type_name = "test_new", .prior_state = state,
                                   .proposed_new_state = state, .config = state};
    plan.client_capabilities = Allow(allowed);
    PlanResourceChangeResult pr = f.engine->PlanResourceChange(plan);
    EXPECT_EQ(f.target->plan_saw_allowed, allowed);

    ImportResourceStateResult ir = f.engine->ImportResourceState("test_new", "i", Allow(allowed));
    absl::StatusOr<std::string> key =
        EncodeMsgpack(Value::ObjectVal({{"key", Value::StringVal("k")},
                                        {"value", Value::NullVal(Type::String())}}),
                      f.data->GetSchema().ImpliedType());
    ReadDataSourceResult dr =
        f.engine->ReadDataSource("test_thing", RawValue{*key, {}}, {}, Allow(allowed));

    if (allowed) {
      for (const auto* d : {&rr.diagnostics, &pr.diagnostics, &ir.diagnostics, &dr.diagnostics}) {
        EXPECT_FALSE(d->HasError()) << d->ToString();
      }
      EXPECT_EQ(rr.deferred, internal::DeferredReason::kAbsentPrereq);
      EXPECT_EQ(pr.deferred, internal::DeferredReason::kAbsentPrereq);
      EXPECT_EQ(ir.deferred, internal::DeferredReason::kAbsentPrereq);
      EXPECT_EQ(dr.deferred, internal::DeferredReason::kAbsentPrereq);
      // The deferred data source result leaves what was not read unknown.
      absl::StatusOr<Value> ds = DecodeMsgpack(dr.state.msgpack, f.data->GetSchema().ImpliedType());
      ASSERT_TRUE(ds.ok());
      EXPECT_TRUE(ds->At(Path::Root("value"))->IsUnknown());
    } else {
      for (const auto* d : {&rr.diagnostics, &pr.diagnostics, &ir.diagnostics, &dr.diagnostics}) {
        ASSERT_TRUE(d->HasError());
        EXPECT_EQ(d->begin()->summary, "Invalid Deferred Response");
      }
      EXPECT_FALSE(rr.deferred || pr.deferred || ir.deferred || dr.deferred);
    }
  }
}

TEST(EngineDeferralTest, ProviderDeferralAppliesToEverything) {
  Fixture f;
  f.provider.configure_defer = Deferred{tfsdk::DeferredReason::kProviderConfigUnknown};
  // Not allowed: an error, and nothing is deferred afterwards.
  Diagnostics diags = f.engine->ConfigureProvider("1.9.0", RawValue{std::string("\x80"), {}},
                                                  Allow(false));
  ASSERT_TRUE(diags.HasError());
  EXPECT_EQ(diags.begin()->summary, "Invalid Deferred Response");

  diags = f.engine->ConfigureProvider("1.9.0", RawValue{std::string("\x80"), {}}, Allow(true));
  ASSERT_FALSE(diags.HasError()) << diags.ToString();
  const auto kReason = internal::DeferredReason::kProviderConfigUnknown;

  RawValue state = f.Encode({{"id", Value::StringVal("i")}, {"name", Value::StringVal("n")}});
  ReadResourceResult rr = f.engine->ReadResource(
      {.type_name = "test_new", .current_state = state, .client_capabilities = Allow(true)});
  EXPECT_EQ(rr.deferred, kReason);
  EXPECT_EQ(rr.new_state.msgpack, state.msgpack) << "the prior state is kept";

  // Create: the plan is the proposed state with unconfigured computed values unknown.
  RawValue config = f.Encode({{"name", Value::StringVal("n")}, {"region", Value::StringVal("eu")}});
  PlanResourceChangeResult pr = f.engine->PlanResourceChange(
      {.type_name = "test_new", .prior_state = RawValue{std::string(1, '\xc0'), {}},
       .proposed_new_state = config, .config = config, .client_capabilities = Allow(true)});
  ASSERT_FALSE(pr.diagnostics.HasError()) << pr.diagnostics.ToString();
  EXPECT_EQ(pr.deferred, kReason);
  Value planned = f.Decode(pr.planned_state);
  EXPECT_TRUE(planned.At(Path::Root("id"))->IsUnknown());
  EXPECT_EQ(planned.At(Path::Root("region"))->AsString(), "eu");
  EXPECT_TRUE(planned.At(Path::Root("note"))->IsNull()) << "not computed: stays null";

  ImportResourceStateResult ir = f.engine->ImportResourceState("test_new", "i", Allow(true));
  EXPECT_EQ(ir.deferred, kReason);
  ASSERT_EQ(ir.imported.size(), 1u);
  EXPECT_FALSE(f.Decode(ir.imported[0].state).IsKnown());

  absl::StatusOr<std::string> key = EncodeMsgpack(
      Value::ObjectVal({{"key", Value::StringVal("k")}, {"value", Value::NullVal(Type::String())}}),
      f.data->GetSchema().ImpliedType());
  ReadDataSourceResult dr =
      f.engine->ReadDataSource("test_thing", RawValue{*key, {}}, {}, Allow(true));
  EXPECT_EQ(dr.deferred, kReason);

  EXPECT_EQ(f.target->reads + f.target->plans + f.target->imports + f.data->reads, 0)
      << "no author code runs while the provider defers";
}

}  // namespace
}  // namespace tfsdk::internal
