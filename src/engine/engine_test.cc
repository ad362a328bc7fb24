// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// The engine's semantics, driven with the same encoded values Terraform sends.

#include "src/engine/engine.h"

#include <atomic>
#include <functional>
#include <stdexcept>

#include "gtest/gtest.h"
#include "src/value/msgpack_codec.h"

namespace tfsdk::internal {
namespace {

// A resource whose callbacks are std::functions set by each test.
class FakeResource final : public Resource {
 public:
  std::function<void(const CreateRequest&, CreateResponse&)> create =
      [](const CreateRequest&, CreateResponse& resp) { resp.state.Set("id", "new-id"); };
  std::function<void(const ReadRequest&, ReadResponse&)> read = [](const ReadRequest&,
                                                                  ReadResponse&) {};
  std::function<void(const UpdateRequest&, UpdateResponse&)> update =
      [](const UpdateRequest&, UpdateResponse&) {};
  std::function<void(const DeleteRequest&, DeleteResponse&)> del = [](const DeleteRequest&,
                                                                     DeleteResponse&) {};

  std::string TypeName() const override { return "test_thing"; }
  Schema GetSchema() const override {
    return Schema{.attributes = {
                      Attribute::String("id").Computed(),
                      Attribute::String("name").Required().RequiresReplace(),
                      Attribute::String("content").Optional(),
                      Attribute::String("digest").Computed(),
                  }};
  }
  void Create(const CreateRequest& req, CreateResponse& resp) override { create(req, resp); }
  void Read(const ReadRequest& req, ReadResponse& resp) override { read(req, resp); }
  void Update(const UpdateRequest& req, UpdateResponse& resp) override { update(req, resp); }
  void Delete(const DeleteRequest& req, DeleteResponse& resp) override { del(req, resp); }
  void ImportState(const ImportStateRequest& req, ImportStateResponse& resp) override {
    ImportStatePassthrough(req, resp, "id");
  }
};

class FakeData final : public DataSource {
 public:
  std::function<void(const DataSourceReadRequest&, DataSourceReadResponse&)> read =
      [](const DataSourceReadRequest& req, DataSourceReadResponse& resp) {
        resp.state.Set("upper", "X" + req.config.Get<std::string>("input"));
      };
  std::string TypeName() const override { return "test_echo"; }
  Schema GetSchema() const override {
    return Schema{.attributes = {Attribute::String("input").Required(),
                                 Attribute::String("upper").Computed()}};
  }
  void Read(const DataSourceReadRequest& req, DataSourceReadResponse& resp) override {
    read(req, resp);
  }
};

class EngineTest : public ::testing::Test {
 protected:
  EngineTest() : provider_("test") {
    auto r = std::make_unique<FakeResource>();
    resource_ = r.get();
    provider_.AddResource(std::move(r));
    auto d = std::make_unique<FakeData>();
    data_ = d.get();
    provider_.AddDataSource(std::move(d));
    engine_ = std::make_unique<Engine>(provider_);
    type_ = resource_->GetSchema().ImpliedType();
  }

  RawValue Raw(const Value& v) { return RawValue{EncodeMsgpack(v, type_).value(), {}}; }
  Value Decode(const RawValue& raw) { return DecodeMsgpack(raw.msgpack, type_).value(); }
  Value Obj(std::map<std::string, Value> attrs) { return Value::ObjectVal(type_, attrs); }
  static Value S(const char* s) { return Value::StringVal(s); }
  Value Null() { return Value::NullVal(type_); }

  Provider provider_;
  FakeResource* resource_ = nullptr;
  FakeData* data_ = nullptr;
  std::unique_ptr<Engine> engine_;
  Type type_;
};

TEST_F(EngineTest, ValidSchemasHaveNoDiagnostics) {
  EXPECT_FALSE(engine_->schema_diagnostics().HasError())
      << engine_->schema_diagnostics().ToString();
}

TEST_F(EngineTest, BadSchemaIsReportedAtStartupByName) {
  class Bad final : public Resource {
    std::string TypeName() const override { return "test_bad"; }
    Schema GetSchema() const override {
      return Schema{.attributes = {Attribute::String("Name")}};  // no flags, bad name
    }
    void Create(const CreateRequest&, CreateResponse&) override {}
    void Read(const ReadRequest&, ReadResponse&) override {}
    void Update(const UpdateRequest&, UpdateResponse&) override {}
    void Delete(const DeleteRequest&, DeleteResponse&) override {}
  };
  Provider p("test");
  p.AddResource<Bad>();
  Engine e(p);
  ASSERT_TRUE(e.schema_diagnostics().HasError());
  EXPECT_NE(e.schema_diagnostics().ToString().find("test_bad"), std::string::npos);
  EXPECT_NE(e.schema_diagnostics().ToString().find("Name"), std::string::npos);
}

TEST_F(EngineTest, PlanCreateMarksUnconfiguredComputedUnknown) {
  Value config = Obj({{"name", S("a")}});
  PlanResourceChangeRequest req{"test_thing", Raw(Null()), Raw(config), Raw(config)};
  PlanResourceChangeResult r = engine_->PlanResourceChange(req);
  ASSERT_FALSE(r.diagnostics.HasError()) << r.diagnostics.ToString();
  Value planned = Decode(r.planned_state);
  EXPECT_TRUE(planned.GetAttr("id").IsUnknown());
  EXPECT_TRUE(planned.GetAttr("digest").IsUnknown());
  EXPECT_EQ(planned.GetAttr("name"), S("a"));
  EXPECT_TRUE(planned.GetAttr("content").IsNull());  // optional, not computed
  EXPECT_TRUE(r.requires_replace.empty());
}

TEST_F(EngineTest, PlanWithoutChangesKeepsComputedValues) {
  Value prior = Obj({{"id", S("1")}, {"name", S("a")}, {"digest", S("d")}});
  Value config = Obj({{"name", S("a")}});
  // Terraform's proposed new state carries prior values for unconfigured computed ones.
  PlanResourceChangeRequest req{"test_thing", Raw(prior), Raw(prior), Raw(config)};
  Value planned = Decode(engine_->PlanResourceChange(req).planned_state);
  EXPECT_EQ(planned, prior);
}

TEST_F(EngineTest, PlanUpdateMarksComputedUnknownAndFindsReplacement) {
  Value prior = Obj({{"id", S("1")}, {"name", S("a")}, {"digest", S("d")}});
  Value config = Obj({{"name", S("b")}, {"content", S("x")}});
  Value proposed = Obj({{"id", S("1")}, {"name", S("b")}, {"content", S("x")},
                        {"digest", S("d")}});
  PlanResourceChangeRequest req{"test_thing", Raw(prior), Raw(proposed), Raw(config)};
  PlanResourceChangeResult r = engine_->PlanResourceChange(req);
  Value planned = Decode(r.planned_state);
  EXPECT_TRUE(planned.GetAttr("digest").IsUnknown());
  ASSERT_EQ(r.requires_replace.size(), 1u);
  EXPECT_EQ(r.requires_replace[0], Path::Root("name"));
}

TEST_F(EngineTest, PlanDestroyIsNull) {
  Value prior = Obj({{"id", S("1")}, {"name", S("a")}, {"digest", S("d")}});
  PlanResourceChangeRequest req{"test_thing", Raw(prior), Raw(Null()), Raw(Null())};
  PlanResourceChangeResult r = engine_->PlanResourceChange(req);
  EXPECT_FALSE(r.diagnostics.HasError());
  EXPECT_TRUE(Decode(r.planned_state).IsNull());
}

TEST_F(EngineTest, ApplyCreateStartsFromThePlan) {
  resource_->create = [](const CreateRequest& req, CreateResponse& resp) {
    EXPECT_EQ(req.plan.Get<std::string>("name"), "a");
    EXPECT_TRUE(resp.state.GetValue("id").IsUnknown());
    resp.state.Set("id", "42");
    resp.state.Set("digest", "abc");
  };
  Value planned = Obj({{"name", S("a")},
                       {"id", Value::UnknownVal(Type::String())},
                       {"digest", Value::UnknownVal(Type::String())}});
  ApplyResourceChangeRequest req{"test_thing", Raw(Null()), Raw(planned),
                                 Raw(Obj({{"name", S("a")}})), "private-bytes"};
  ApplyResourceChangeResult r = engine_->ApplyResourceChange(req);
  ASSERT_FALSE(r.diagnostics.HasError()) << r.diagnostics.ToString();
  Value state = Decode(r.new_state);
  EXPECT_EQ(state.GetAttr("id"), S("42"));
  EXPECT_EQ(state.GetAttr("name"), S("a"));
  EXPECT_EQ(r.private_state, "private-bytes");
}

TEST_F(EngineTest, ApplyCreateLeavingUnknownsIsNamed) {
  resource_->create = [](const CreateRequest&, CreateResponse& resp) {
    resp.state.Set("id", "42");  // digest left unknown
  };
  Value planned = Obj({{"name", S("a")},
                       {"id", Value::UnknownVal(Type::String())},
                       {"digest", Value::UnknownVal(Type::String())}});
  ApplyResourceChangeResult r = engine_->ApplyResourceChange(
      {"test_thing", Raw(Null()), Raw(planned), Raw(Obj({{"name", S("a")}}))});
  ASSERT_TRUE(r.diagnostics.HasError());
  EXPECT_EQ(r.diagnostics[0].path, Path::Root("digest"));
  EXPECT_TRUE(Decode(r.new_state).IsNull());  // nothing trackable was created
}

TEST_F(EngineTest, ApplyCreateChangingAConfiguredValueIsNamed) {
  resource_->create = [](const CreateRequest&, CreateResponse& resp) {
    resp.state.Set("id", "42");
    resp.state.Set("digest", "abc");
    resp.state.Set("name", "A");  // the configuration said "a"
  };
  Value planned = Obj({{"name", S("a")},
                       {"id", Value::UnknownVal(Type::String())},
                       {"digest", Value::UnknownVal(Type::String())}});
  ApplyResourceChangeResult r = engine_->ApplyResourceChange(
      {"test_thing", Raw(Null()), Raw(planned), Raw(Obj({{"name", S("a")}}))});
  ASSERT_TRUE(r.diagnostics.HasError());
  EXPECT_EQ(r.diagnostics[0].summary, "Provider produced inconsistent result after apply");
  EXPECT_EQ(r.diagnostics[0].path, Path::Root("name"));
  EXPECT_NE(r.diagnostics[0].detail.find("\"a\""), std::string::npos);
  EXPECT_NE(r.diagnostics[0].detail.find("\"A\""), std::string::npos);
}

TEST_F(EngineTest, ExceptionsBecomeDiagnosticsAndPriorStateIsKept) {
  resource_->update = [](const UpdateRequest&, UpdateResponse&) {
    throw std::runtime_error("API is down");
  };
  Value prior = Obj({{"id", S("1")}, {"name", S("a")}, {"digest", S("d")}});
  Value planned = Obj({{"id", S("1")},
                       {"name", S("a")},
                       {"content", S("new")},
                       {"digest", Value::UnknownVal(Type::String())}});
  ApplyResourceChangeResult r = engine_->ApplyResourceChange(
      {"test_thing", Raw(prior), Raw(planned), Raw(Obj({{"name", S("a")}, {"content", S("new")}}))});
  ASSERT_TRUE(r.diagnostics.HasError());
  EXPECT_NE(r.diagnostics[0].detail.find("API is down"), std::string::npos);
  EXPECT_EQ(Decode(r.new_state), prior);
}

TEST_F(EngineTest, FailedDeleteKeepsTheObjectInState) {
  resource_->del = [](const DeleteRequest&, DeleteResponse& resp) {
    resp.diagnostics.AddError("cannot delete");
  };
  Value prior = Obj({{"id", S("1")}, {"name", S("a")}, {"digest", S("d")}});
  ApplyResourceChangeResult r =
      engine_->ApplyResourceChange({"test_thing", Raw(prior), Raw(Null()), Raw(Null())});
  ASSERT_TRUE(r.diagnostics.HasError());
  EXPECT_EQ(Decode(r.new_state), prior);

  resource_->del = [](const DeleteRequest&, DeleteResponse&) {};
  r = engine_->ApplyResourceChange({"test_thing", Raw(prior), Raw(Null()), Raw(Null())});
  EXPECT_FALSE(r.diagnostics.HasError());
  EXPECT_TRUE(Decode(r.new_state).IsNull());
}

TEST_F(EngineTest, ReadCanRemoveTheResource) {
  resource_->read = [](const ReadRequest&, ReadResponse& resp) { resp.state.RemoveResource(); };
  Value prior = Obj({{"id", S("1")}, {"name", S("a")}, {"digest", S("d")}});
  ReadResourceResult r = engine_->ReadResource({"test_thing", Raw(prior), "p"});
  EXPECT_FALSE(r.diagnostics.HasError());
  EXPECT_TRUE(Decode(r.new_state).IsNull());
  EXPECT_EQ(r.private_state, "p");
}

TEST_F(EngineTest, ConversionErrorsNameThePath) {
  resource_->read = [](const ReadRequest& req, ReadResponse&) {
    (void)req.state.Get<std::string>("content");  // null: needs std::optional
  };
  Value prior = Obj({{"id", S("1")}, {"name", S("a")}, {"digest", S("d")}});
  ReadResourceResult r = engine_->ReadResource({"test_thing", Raw(prior)});
  ASSERT_TRUE(r.diagnostics.HasError());
  EXPECT_EQ(r.diagnostics[0].path, Path::Root("content"));
  EXPECT_EQ(Decode(r.new_state), prior);
}

TEST_F(EngineTest, ImportPassthroughSetsTheId) {
  ImportResourceStateResult r = engine_->ImportResourceState("test_thing", "abc", {});
  ASSERT_FALSE(r.diagnostics.HasError()) << r.diagnostics.ToString();
  ASSERT_EQ(r.imported.size(), 1u);
  EXPECT_EQ(r.imported[0].type_name, "test_thing");
  EXPECT_EQ(Decode(r.imported[0].state).GetAttr("id"), S("abc"));
}

TEST_F(EngineTest, DataSourceResultMustBeKnown) {
  Type t = data_->GetSchema().ImpliedType();
  RawValue cfg{EncodeMsgpack(Value::ObjectVal(t, {{"input", S("a")}}), t).value(), {}};
  ReadDataSourceResult r = engine_->ReadDataSource("test_echo", cfg, {}, {});
  ASSERT_FALSE(r.diagnostics.HasError()) << r.diagnostics.ToString();
  EXPECT_EQ(DecodeMsgpack(r.state.msgpack, t)->GetAttr("upper"), S("Xa"));

  data_->read = [](const DataSourceReadRequest&, DataSourceReadResponse& resp) {
    resp.state.SetValue(Path::Root("upper"), Value::UnknownVal(Type::String()));
  };
  r = engine_->ReadDataSource("test_echo", cfg, {}, {});
  ASSERT_TRUE(r.diagnostics.HasError());
  EXPECT_EQ(r.diagnostics[0].path, Path::Root("upper"));
}

TEST_F(EngineTest, UnknownTypesAndBadBytesAreDiagnostics) {
  EXPECT_TRUE(engine_->ReadResource({"nope", {}}).diagnostics.HasError());
  ReadResourceResult r = engine_->ReadResource({"test_thing", RawValue{"\x93garbage", {}}});
  ASSERT_TRUE(r.diagnostics.HasError());
  EXPECT_NE(r.diagnostics[0].summary.find("prior state"), std::string::npos);
}

TEST_F(EngineTest, StopCancelsTheTokenCallbacksSee) {
  std::atomic<bool> seen{false};
  resource_->read = [&](const ReadRequest& req, ReadResponse&) { seen = req.cancel.cancelled(); };
  Value prior = Obj({{"id", S("1")}, {"name", S("a")}, {"digest", S("d")}});
  engine_->ReadResource({"test_thing", Raw(prior)});
  EXPECT_FALSE(seen);
  EXPECT_EQ(engine_->StopProvider(), "");
  engine_->ReadResource({"test_thing", Raw(prior)});
  EXPECT_TRUE(seen);
}

TEST_F(EngineTest, UpgradeSameVersionDropsRemovedAttributes) {
  RawState raw;
  raw.json = R"({"id":"1","name":"a","content":null,"digest":"d","removed_attr":3})";
  UpgradeResourceStateResult r = engine_->UpgradeResourceState("test_thing", 0, raw);
  ASSERT_FALSE(r.diagnostics.HasError()) << r.diagnostics.ToString();
  EXPECT_EQ(Decode(r.upgraded_state),
            Obj({{"id", S("1")}, {"name", S("a")}, {"digest", S("d")}}));
  EXPECT_TRUE(engine_->UpgradeResourceState("test_thing", 7, raw).diagnostics.HasError());
}

}  // namespace
}  // namespace tfsdk::internal
