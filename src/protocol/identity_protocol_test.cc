// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// The resource identity RPCs and fields of both protocols, with the messages Terraform
// 1.12+ sends: the services are called directly (their ServerContext is unused).

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "src/engine/engine.h"
#include "src/protocol/services.h"
#include "src/value/msgpack_codec.h"
#include "tfplugin5.grpc.pb.h"
#include "tfplugin6.grpc.pb.h"
#include "tfsdk/provider.h"

namespace tfsdk::internal {
namespace {

class ThingResource final : public Resource {
 public:
  std::string TypeName() const override { return "test_thing"; }
  Schema GetSchema() const override {
    return Schema{.attributes = {Attribute::String("name").Required()}};
  }
  std::optional<IdentitySchema> GetIdentitySchema() const override {
    return IdentitySchema{
        .version = 3,
        .attributes = {IdentityAttribute::String("name").RequiredForImport().Description("N"),
                       IdentityAttribute::List("tags", Type::String()).OptionalForImport()}};
  }
  std::map<int64_t, IdentityUpgrader> IdentityUpgraders() const override {
    return {{2, IdentityUpgrader{.upgrade = [](const UpgradeIdentityRequest& req,
                                              UpgradeIdentityResponse& resp) {
               resp.identity.Set("name", "from-" + req.raw_json);
             }}}};
  }
  void Create(const CreateRequest& req, CreateResponse& resp) override {
    resp.identity.Set("name", req.plan.Get<std::string>("name"));
  }
  void Read(const ReadRequest& req, ReadResponse& resp) override {
    resp.identity.Set("name", req.state.Get<std::string>("name"));
  }
  void Update(const UpdateRequest&, UpdateResponse&) override {}
  void Delete(const DeleteRequest&, DeleteResponse&) override {}
  void ImportState(const ImportStateRequest& req, ImportStateResponse& resp) override {
    ImportStatePassthroughWithIdentity(req, resp, "name", "name");
  }
};

template <class Svc, class Schemas, class Upgrade, class Apply, class Import, class Read>
struct Protocol {
  using Service = Svc;
  using GetResourceIdentitySchemas = Schemas;
  using UpgradeResourceIdentity = Upgrade;
  using ApplyResourceChange = Apply;
  using ImportResourceState = Import;
  using ReadResource = Read;
};
#define TFSDK_PROTOCOL(ns, svc)                                                              \
  Protocol<svc, ns::GetResourceIdentitySchemas, ns::UpgradeResourceIdentity,                 \
           ns::ApplyResourceChange, ns::ImportResourceState, ns::ReadResource>
using V5 = TFSDK_PROTOCOL(tfplugin5, ProviderV5Service);
using V6 = TFSDK_PROTOCOL(tfplugin6, ProviderV6Service);
#undef TFSDK_PROTOCOL

class IdentityProtocolTest : public ::testing::Test {
 protected:
  IdentityProtocolTest() : provider_("test") {
    provider_.AddResource<ThingResource>();
    engine_ = std::make_unique<Engine>(provider_);
    v5_ = std::make_unique<ProviderV5Service>(*engine_);
    v6_ = std::make_unique<ProviderV6Service>(*engine_);
  }
  std::string State(const std::string& name) {
    return EncodeMsgpack(Value::ObjectVal(state_type_, {{"name", Value::StringVal(name)}}),
                         state_type_)
        .value();
  }
  std::string Identity(Value name) {
    return EncodeMsgpack(Value::ObjectVal(identity_type_,
                                          {{"name", std::move(name)},
                                           {"tags", Value::NullVal(Type::List(Type::String()))}}),
                         identity_type_)
        .value();
  }

  template <class Pb>
  void Exercise(typename Pb::Service& s) {
    typename Pb::GetResourceIdentitySchemas::Response schemas;
    ASSERT_TRUE(s.GetResourceIdentitySchemas(nullptr, nullptr, &schemas).ok());
    ASSERT_EQ(schemas.identity_schemas().count("test_thing"), 1u);
    const auto& schema = schemas.identity_schemas().at("test_thing");
    EXPECT_EQ(schema.version(), 3);
    ASSERT_EQ(schema.identity_attributes_size(), 2);
    EXPECT_EQ(schema.identity_attributes(0).name(), "name");
    EXPECT_EQ(schema.identity_attributes(0).type(), "\"string\"");
    EXPECT_TRUE(schema.identity_attributes(0).required_for_import());
    EXPECT_EQ(schema.identity_attributes(0).description(), "N");
    EXPECT_EQ(schema.identity_attributes(1).type(), "[\"list\",\"string\"]");
    EXPECT_TRUE(schema.identity_attributes(1).optional_for_import());

    typename Pb::UpgradeResourceIdentity::Request ureq;
    ureq.set_type_name("test_thing");
    ureq.set_version(2);
    ureq.mutable_raw_identity()->set_json("{}");
    typename Pb::UpgradeResourceIdentity::Response uresp;
    ASSERT_TRUE(s.UpgradeResourceIdentity(nullptr, &ureq, &uresp).ok());
    ASSERT_EQ(uresp.diagnostics_size(), 0) << uresp.diagnostics(0).detail();
    EXPECT_EQ(uresp.upgraded_identity().identity_data().msgpack(),
              Identity(Value::StringVal("from-{}")));

    typename Pb::ApplyResourceChange::Request areq;
    areq.set_type_name("test_thing");
    areq.mutable_prior_state()->set_msgpack(
        EncodeMsgpack(Value::NullVal(state_type_), state_type_).value());
    areq.mutable_planned_state()->set_msgpack(State("a"));
    areq.mutable_config()->set_msgpack(State("a"));
    areq.mutable_planned_identity()->mutable_identity_data()->set_msgpack(
        Identity(Value::UnknownVal(Type::String())));
    typename Pb::ApplyResourceChange::Response aresp;
    ASSERT_TRUE(s.ApplyResourceChange(nullptr, &areq, &aresp).ok());
    ASSERT_EQ(aresp.diagnostics_size(), 0) << aresp.diagnostics(0).summary();
    EXPECT_EQ(aresp.new_identity().identity_data().msgpack(), Identity(Value::StringVal("a")));

    typename Pb::ImportResourceState::Request ireq;
    ireq.set_type_name("test_thing");
    ireq.mutable_identity()->mutable_identity_data()->set_msgpack(
        Identity(Value::StringVal("b")));
    typename Pb::ImportResourceState::Response iresp;
    ASSERT_TRUE(s.ImportResourceState(nullptr, &ireq, &iresp).ok());
    ASSERT_EQ(iresp.diagnostics_size(), 0) << iresp.diagnostics(0).summary();
    ASSERT_EQ(iresp.imported_resources_size(), 1);
    EXPECT_EQ(iresp.imported_resources(0).state().msgpack(), State("b"));
    EXPECT_EQ(iresp.imported_resources(0).identity().identity_data().msgpack(),
              Identity(Value::StringVal("b")));

    // A state from before identity support: Read fills the identity in.
    typename Pb::ReadResource::Request rreq;
    rreq.set_type_name("test_thing");
    rreq.mutable_current_state()->set_msgpack(State("c"));
    typename Pb::ReadResource::Response rresp;
    ASSERT_TRUE(s.ReadResource(nullptr, &rreq, &rresp).ok());
    ASSERT_EQ(rresp.diagnostics_size(), 0) << rresp.diagnostics(0).summary();
    EXPECT_EQ(rresp.new_identity().identity_data().msgpack(), Identity(Value::StringVal("c")));

    // An identity that changes on refresh is refused at the RPC, as Terraform would.
    rreq.mutable_current_identity()->mutable_identity_data()->set_msgpack(
        Identity(Value::StringVal("other")));
    rresp.Clear();
    ASSERT_TRUE(s.ReadResource(nullptr, &rreq, &rresp).ok());
    ASSERT_EQ(rresp.diagnostics_size(), 1);
    EXPECT_EQ(rresp.diagnostics(0).summary(), "Unexpected Identity Change");
  }

  Provider provider_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<ProviderV5Service> v5_;
  std::unique_ptr<ProviderV6Service> v6_;
  Type state_type_ = Type::Object({{"name", Type::String()}});
  Type identity_type_ =
      Type::Object({{"name", Type::String()}, {"tags", Type::List(Type::String())}});
};

TEST_F(IdentityProtocolTest, Protocol5) { Exercise<V5>(*v5_); }
TEST_F(IdentityProtocolTest, Protocol6) { Exercise<V6>(*v6_); }

}  // namespace
}  // namespace tfsdk::internal
