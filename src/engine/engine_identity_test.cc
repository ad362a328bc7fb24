// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Resource identity in the engine: identity schemas, identity through read, plan, apply and
// import, the checks on what callbacks return, and UpgradeResourceIdentity.

#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

#include "gtest/gtest.h"
#include "src/engine/engine.h"
#include "src/value/msgpack_codec.h"

namespace tfsdk::internal {
namespace {

Value S(const std::string& s) { return Value::StringVal(s); }

// A resource whose identity is {name, region}; callbacks can be swapped per test.
class ThingResource final : public Resource {
 public:
  bool mutable_identity = false;
  std::function<void(const ReadRequest&, ReadResponse&)> read = [](const ReadRequest&,
                                                                   ReadResponse&) {};
  std::function<void(const CreateRequest&, CreateResponse&)> create =
      [](const CreateRequest& req, CreateResponse& resp) {
        resp.state.Set("id", "id-" + req.plan.Get<std::string>("name"));
        resp.identity.Set("name", req.plan.Get<std::string>("name"));
        resp.identity.Set("region", "eu");
      };
  std::function<void(const UpdateRequest&, UpdateResponse&)> update = [](const UpdateRequest&,
                                                                         UpdateResponse&) {};
  std::optional<Value> delete_identity, import_identity;

  std::string TypeName() const override { return "test_thing"; }
  Schema GetSchema() const override {
    return Schema{.attributes = {Attribute::String("name").Required(),
                                 Attribute::String("id").Computed().UseStateForUnknown()}};
  }
  std::optional<IdentitySchema> GetIdentitySchema() const override {
    return IdentitySchema{.version = 2,
                          .attributes = {IdentityAttribute::String("name").RequiredForImport(),
                                         IdentityAttribute::String("region").OptionalForImport()},
                          .mutable_identity = mutable_identity};
  }
  std::map<int64_t, IdentityUpgrader> IdentityUpgraders() const override {
    return {{1, IdentityUpgrader{
                    .prior_schema = IdentitySchema{
                        .version = 1, .attributes = {IdentityAttribute::String("thing_name")}},
                    .upgrade = [](const UpgradeIdentityRequest& req,
                                  UpgradeIdentityResponse& resp) {
                      resp.identity.Set("name", req.identity->Get<std::string>("thing_name"));
                      resp.identity.Set("region", "legacy");
                    }}},
            {0, IdentityUpgrader{.upgrade = [](const UpgradeIdentityRequest&,
                                               UpgradeIdentityResponse&) {
               throw std::runtime_error("version 0 is gone");
             }}}};
  }
  void Create(const CreateRequest& req, CreateResponse& resp) override { create(req, resp); }
  void Read(const ReadRequest& req, ReadResponse& resp) override { read(req, resp); }
  void Update(const UpdateRequest& req, UpdateResponse& resp) override { update(req, resp); }
  void Delete(const DeleteRequest& req, DeleteResponse&) override {
    delete_identity = req.identity.value();
  }
  void ImportState(const ImportStateRequest& req, ImportStateResponse& resp) override {
    import_identity = req.identity.value();
    ImportStatePassthroughWithIdentity(req, resp, "name", "name");
  }
};

// A resource without identity.
class PlainResource final : public Resource {
 public:
  std::string TypeName() const override { return "test_plain"; }
  Schema GetSchema() const override {
    return Schema{.attributes = {Attribute::String("id").Required()}};
  }
  void Create(const CreateRequest&, CreateResponse&) override {}
  void Read(const ReadRequest&, ReadResponse&) override {}
  void Update(const UpdateRequest&, UpdateResponse&) override {}
  void Delete(const DeleteRequest&, DeleteResponse&) override {}
  void ImportState(const ImportStateRequest& req, ImportStateResponse& resp) override {
    ImportStatePassthrough(req, resp, "id");
  }
};

class EngineIdentityTest : public ::testing::Test {
 protected:
  EngineIdentityTest() {
    auto thing = std::make_unique<ThingResource>();
    thing_ = thing.get();
    provider_.AddResource(std::move(thing));
    provider_.AddResource<PlainResource>();
  }
  Engine& engine() {
    if (!engine_) engine_ = std::make_unique<Engine>(provider_);
    return *engine_;
  }
  Value State(const std::string& name, std::optional<std::string> id) {
    return Value::ObjectVal(state_type_,
                            {{"name", S(name)},
                             {"id", id ? S(*id) : Value::NullVal(Type::String())}});
  }
  Value Identity(const std::string& name, const std::string& region) {
    return Value::ObjectVal(identity_type_, {{"name", S(name)}, {"region", S(region)}});
  }
  RawValue Raw(const Value& v, const Type& t) { return RawValue{EncodeMsgpack(v, t).value(), {}}; }
  Value DecodeIdentity(const std::optional<RawValue>& raw) {
    EXPECT_TRUE(raw.has_value());
    if (!raw) return Value();
    return DecodeMsgpack(raw->msgpack, identity_type_).value();
  }
  ReadResourceResult Read(const Value& state, std::optional<Value> identity) {
    ReadResourceRequest in;
    in.type_name = "test_thing";
    in.current_state = Raw(state, state_type_);
    if (identity) in.current_identity = Raw(*identity, identity_type_);
    return engine().ReadResource(in);
  }
  ApplyResourceChangeResult Apply(const Value& prior, const Value& planned,
                                  std::optional<Value> identity) {
    ApplyResourceChangeRequest in;
    in.type_name = "test_thing";
    in.prior_state = Raw(prior, state_type_);
    in.planned_state = Raw(planned, state_type_);
    in.config = Raw(planned.IsNull() ? planned : State(planned.GetAttr("name").AsString(),
                                                        std::nullopt),
                    state_type_);
    if (identity) in.planned_identity = Raw(*identity, identity_type_);
    return engine().ApplyResourceChange(in);
  }

  Provider provider_{"test"};
  ThingResource* thing_ = nullptr;
  std::unique_ptr<Engine> engine_;
  Type state_type_ = Type::Object({{"name", Type::String()}, {"id", Type::String()}});
  Type identity_type_ = Type::Object({{"name", Type::String()}, {"region", Type::String()}});
};

TEST_F(EngineIdentityTest, SchemasListOnlyResourcesWithIdentity) {
  EXPECT_FALSE(engine().schema_diagnostics().HasError())
      << engine().schema_diagnostics().ToString();
  ResourceIdentitySchemasResult r = engine().GetResourceIdentitySchemas();
  ASSERT_EQ(r.identity_schemas.size(), 1u);
  const IdentitySchema& s = r.identity_schemas.at("test_thing");
  EXPECT_EQ(s.version, 2);
  ASSERT_EQ(s.attributes.size(), 2u);
  EXPECT_TRUE(s.attributes[0].required_for_import);
  EXPECT_TRUE(s.attributes[1].optional_for_import);
}

TEST(IdentitySchemaTest, ValidateReportsEachProblemAtItsAttribute) {
  struct Case {
    const char* name;
    IdentitySchema schema;
    std::string want;  // empty: valid
  };
  const Case cases[] = {
      {"valid", {.attributes = {IdentityAttribute::String("id").RequiredForImport(),
                                IdentityAttribute::List("tags", Type::String())
                                    .OptionalForImport()}}, ""},
      {"neither import flag (Terraform rejects it)",
       {.attributes = {IdentityAttribute::String("id")}}, "Invalid identity attribute"},
      {"empty", {}, "Identity schema has no attributes"},
      {"bad name", {.attributes = {IdentityAttribute::String("Id").RequiredForImport()}},
       "Invalid identity attribute name"},
      {"duplicate",
       {.attributes = {IdentityAttribute::String("id").RequiredForImport(),
                       IdentityAttribute::Bool("id").OptionalForImport()}},
       "Duplicate identity attribute"},
      {"map type",
       {.attributes = {
            IdentityAttribute::Typed("m", Type::Map(Type::String())).OptionalForImport()}},
       "Invalid identity attribute type"},
      {"both import flags",
       {.attributes = {IdentityAttribute::String("id").RequiredForImport().OptionalForImport()}},
       "Invalid identity attribute"},
  };
  for (const Case& c : cases) {
    Diagnostics d = c.schema.Validate();
    if (c.want.empty()) {
      EXPECT_FALSE(d.HasError()) << c.name << ": " << d.ToString();
    } else {
      ASSERT_TRUE(d.HasError()) << c.name;
      EXPECT_EQ(d.begin()->summary, c.want) << c.name;
    }
  }
}

TEST_F(EngineIdentityTest, PlanCreateHasNoIdentityAndUpdateKeepsIt) {
  PlanResourceChangeRequest in;
  in.type_name = "test_thing";
  in.prior_state = Raw(Value::NullVal(state_type_), state_type_);
  in.proposed_new_state = Raw(State("a", std::nullopt), state_type_);
  in.config = in.proposed_new_state;
  PlanResourceChangeResult create = engine().PlanResourceChange(in);
  ASSERT_FALSE(create.diagnostics.HasError()) << create.diagnostics.ToString();
  // Not unknown: Terraform cannot render a plan whose identity has unknown values.
  EXPECT_TRUE(DecodeIdentity(create.planned_identity).IsNull());

  in.prior_state = Raw(State("a", "id-a"), state_type_);
  in.proposed_new_state = Raw(State("a", "id-a"), state_type_);
  in.prior_identity = Raw(Identity("a", "eu"), identity_type_);
  PlanResourceChangeResult update = engine().PlanResourceChange(in);
  ASSERT_FALSE(update.diagnostics.HasError()) << update.diagnostics.ToString();
  EXPECT_EQ(DecodeIdentity(update.planned_identity), Identity("a", "eu"));
}

TEST_F(EngineIdentityTest, PlainResourceSendsNoIdentity) {
  PlanResourceChangeRequest in;
  in.type_name = "test_plain";
  Type t = Type::Object({{"id", Type::String()}});
  in.prior_state = RawValue{EncodeMsgpack(Value::NullVal(t), t).value(), {}};
  in.proposed_new_state =
      RawValue{EncodeMsgpack(Value::ObjectVal(t, {{"id", S("x")}}), t).value(), {}};
  in.config = in.proposed_new_state;
  PlanResourceChangeResult r = engine().PlanResourceChange(in);
  EXPECT_FALSE(r.diagnostics.HasError());
  EXPECT_FALSE(r.planned_identity.has_value());
}

TEST_F(EngineIdentityTest, CreateReturnsTheIdentityTheCallbackSet) {
  Value planned = Value::ObjectVal(
      state_type_, {{"name", S("a")}, {"id", Value::UnknownVal(Type::String())}});
  ApplyResourceChangeResult r =
      Apply(Value::NullVal(state_type_), planned, Value::NullVal(identity_type_));
  ASSERT_FALSE(r.diagnostics.HasError()) << r.diagnostics.ToString();
  EXPECT_EQ(DecodeIdentity(r.new_identity), Identity("a", "eu"));
}

TEST_F(EngineIdentityTest, CreateMustSetAKnownIdentity) {
  struct Case {
    const char* name;
    std::function<void(const CreateRequest&, CreateResponse&)> create;
    std::string want;
  };
  const Case cases[] = {
      {"not set",
       [](const CreateRequest&, CreateResponse& resp) { resp.state.Set("id", "x"); },
       "Missing Resource Identity After Create"},
      {"all null",
       [](const CreateRequest&, CreateResponse& resp) {
         resp.state.Set("id", "x");
         resp.identity.SetWhole(Value::NullVal(resp.identity.value().type()));
       },
       "Missing Resource Identity After Create"},
      {"unknown attribute",
       [](const CreateRequest&, CreateResponse& resp) {
         resp.state.Set("id", "x");
         resp.identity.Set("name", "a");
         resp.identity.SetValue(Path::Root("region"), Value::UnknownVal(Type::String()));
       },
       "Unknown Resource Identity After Create"},
  };
  Value planned = Value::ObjectVal(
      state_type_, {{"name", S("a")}, {"id", Value::UnknownVal(Type::String())}});
  for (const Case& c : cases) {
    thing_->create = c.create;
    ApplyResourceChangeResult r = Apply(Value::NullVal(state_type_), planned, std::nullopt);
    ASSERT_TRUE(r.diagnostics.HasError()) << c.name;
    EXPECT_EQ(r.diagnostics.begin()->summary, c.want) << c.name;
    // The identity sent back is never unknown: Terraform cannot store that.
    EXPECT_TRUE(DecodeIdentity(r.new_identity).IsNull()) << c.name;
  }
}

TEST_F(EngineIdentityTest, UpdateMayNotChangeTheIdentityUnlessMutable) {
  thing_->update = [](const UpdateRequest&, UpdateResponse& resp) {
    resp.identity.Set("region", "us");
  };
  ApplyResourceChangeResult r =
      Apply(State("a", "id-a"), State("a", "id-a"), Identity("a", "eu"));
  ASSERT_TRUE(r.diagnostics.HasError());
  EXPECT_EQ(r.diagnostics.begin()->summary, "Unexpected Identity Change");
  EXPECT_EQ(DecodeIdentity(r.new_identity), Identity("a", "eu"));

  thing_->mutable_identity = true;
  engine_.reset();
  r = Apply(State("a", "id-a"), State("a", "id-a"), Identity("a", "eu"));
  ASSERT_FALSE(r.diagnostics.HasError()) << r.diagnostics.ToString();
  EXPECT_EQ(DecodeIdentity(r.new_identity), Identity("a", "us"));
}

TEST_F(EngineIdentityTest, DeleteSeesThePriorIdentity) {
  ApplyResourceChangeResult r =
      Apply(State("a", "id-a"), Value::NullVal(state_type_), Identity("a", "eu"));
  ASSERT_FALSE(r.diagnostics.HasError()) << r.diagnostics.ToString();
  ASSERT_TRUE(thing_->delete_identity.has_value());
  EXPECT_EQ(*thing_->delete_identity, Identity("a", "eu"));
}

TEST_F(EngineIdentityTest, ReadFillsAMissingIdentityAndRejectsAChange) {
  thing_->read = [](const ReadRequest& req, ReadResponse& resp) {
    resp.identity.Set("name", req.state.Get<std::string>("name"));
    resp.identity.Set("region", "eu");
  };
  ReadResourceResult r = Read(State("a", "id-a"), std::nullopt);
  ASSERT_FALSE(r.diagnostics.HasError()) << r.diagnostics.ToString();
  EXPECT_EQ(DecodeIdentity(r.new_identity), Identity("a", "eu"));

  r = Read(State("a", "id-a"), Identity("a", "us"));
  ASSERT_TRUE(r.diagnostics.HasError());
  EXPECT_EQ(r.diagnostics.begin()->summary, "Unexpected Identity Change");
  EXPECT_EQ(DecodeIdentity(r.new_identity), Identity("a", "us"));

  thing_->read = [](const ReadRequest&, ReadResponse&) {};
  r = Read(State("a", "id-a"), std::nullopt);
  ASSERT_TRUE(r.diagnostics.HasError());
  EXPECT_EQ(r.diagnostics.begin()->summary, "Missing Resource Identity After Read");
}

TEST_F(EngineIdentityTest, ReadOfAGoneObjectReturnsANullIdentity) {
  thing_->read = [](const ReadRequest&, ReadResponse& resp) { resp.state.RemoveResource(); };
  ReadResourceResult r = Read(State("a", "id-a"), Identity("a", "eu"));
  ASSERT_FALSE(r.diagnostics.HasError()) << r.diagnostics.ToString();
  EXPECT_TRUE(DecodeIdentity(r.new_identity).IsNull());
}

TEST_F(EngineIdentityTest, ImportByIdentityPassesItThrough) {
  ImportResourceStateResult r = engine().ImportResourceState(
      "test_thing", "", ClientCapabilities{}, Raw(Identity("b", "eu"), identity_type_));
  ASSERT_FALSE(r.diagnostics.HasError()) << r.diagnostics.ToString();
  ASSERT_EQ(r.imported.size(), 1u);
  EXPECT_EQ(DecodeMsgpack(r.imported[0].state.msgpack, state_type_)->GetAttr("name"), S("b"));
  EXPECT_EQ(DecodeIdentity(r.imported[0].identity), Identity("b", "eu"));

  r = engine().ImportResourceState("test_thing", "c", ClientCapabilities{});
  ASSERT_FALSE(r.diagnostics.HasError()) << r.diagnostics.ToString();
  EXPECT_EQ(DecodeMsgpack(r.imported[0].state.msgpack, state_type_)->GetAttr("name"), S("c"));
  EXPECT_TRUE(DecodeIdentity(r.imported[0].identity).IsNull());

  Type plain = Type::Object({{"id", Type::String()}});
  r = engine().ImportResourceState(
      "test_plain", "", ClientCapabilities{},
      RawValue{EncodeMsgpack(Value::ObjectVal(plain, {{"id", S("x")}}), plain).value(), {}});
  ASSERT_TRUE(r.diagnostics.HasError());
  EXPECT_EQ(r.diagnostics.begin()->summary, "Resource identity not supported");
}

TEST_F(EngineIdentityTest, UpgradeResourceIdentity) {
  struct Case {
    const char* name;
    int64_t version;
    std::string json;
    std::optional<Value> want;  // nullopt: an error
    std::string error;
  };
  const Case cases[] = {
      {"current version, extra attribute dropped", 2,
       R"({"name":"a","region":"eu","old":"x"})", Identity("a", "eu"), ""},
      {"upgrader with prior schema", 1, R"({"thing_name":"a"})", Identity("a", "legacy"), ""},
      {"upgrader throws", 0, R"({"x":1})", std::nullopt, "Unexpected error in identity upgrade"},
      {"newer version", 3, R"({"name":"a"})", std::nullopt, "Unable to Upgrade Resource Identity"},
      {"bad json", 2, R"({"name":1.5e})", std::nullopt, "Unable to Upgrade Resource Identity"},
  };
  for (const Case& c : cases) {
    UpgradeResourceIdentityResult r =
        engine().UpgradeResourceIdentity("test_thing", c.version, RawState{c.json, {}});
    if (c.want) {
      ASSERT_FALSE(r.diagnostics.HasError()) << c.name << ": " << r.diagnostics.ToString();
      EXPECT_EQ(DecodeIdentity(r.upgraded_identity), *c.want) << c.name;
    } else {
      ASSERT_TRUE(r.diagnostics.HasError()) << c.name;
      EXPECT_EQ(r.diagnostics.begin()->summary.rfind(c.error, 0), 0u)
          << c.name << ": " << r.diagnostics.begin()->summary;
    }
  }
  UpgradeResourceIdentityResult plain =
      engine().UpgradeResourceIdentity("test_plain", 0, RawState{"{}", {}});
  EXPECT_TRUE(plain.diagnostics.HasError());
}

}  // namespace
}  // namespace tfsdk::internal
