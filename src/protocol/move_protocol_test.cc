// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// MoveResourceState, GenerateResourceConfig and deferred actions through both protocols'
// services (called directly; their ServerContext is unused) with the "x" test provider
// (tests/move/), using the messages Terraform sends.
//
// Deferral is tested here only: Terraform release builds refuse `-allow-deferral` and never
// set ClientCapabilities.deferral_allowed. A move from another provider is also tested here,
// since the acceptance harness serves a single provider.

#include <memory>
#include <string>
#include <type_traits>

#include <gtest/gtest.h>

#include "move_provider.h"
#include "src/engine/engine.h"
#include "src/protocol/services.h"
#include "src/value/msgpack_codec.h"
#include "tfplugin5.grpc.pb.h"
#include "tfplugin6.grpc.pb.h"

namespace tfsdk::internal {
namespace {

#define TFSDK_MESSAGES(ns)                               \
  using Move = ns::MoveResourceState;                    \
  using Generate = ns::GenerateResourceConfig;           \
  using Plan = ns::PlanResourceChange;                   \
  using Read = ns::ReadResource;                         \
  using ReadData = ns::ReadDataSource;                   \
  using Import = ns::ImportResourceState;                \
  using Schema = ns::GetProviderSchema;                  \
  using Deferred = ns::Deferred
struct V5 {
  using Service = ProviderV5Service;
  using Configure = tfplugin5::Configure;
  TFSDK_MESSAGES(tfplugin5);
};
struct V6 {
  using Service = ProviderV6Service;
  using Configure = tfplugin6::ConfigureProvider;
  TFSDK_MESSAGES(tfplugin6);
};
#undef TFSDK_MESSAGES

template <class P>
class MoveProtocolTest : public ::testing::Test {
 protected:
  MoveProtocolTest()
      : store_(std::make_shared<move_test::Store>()),
        provider_(move_test::MakeProvider(store_)),
        engine_(std::make_unique<Engine>(*provider_)),
        service_(std::make_unique<typename P::Service>(*engine_)) {
    for (const auto& r : provider_->resources()) {
      if (r->TypeName() == "x_new") new_type_ = r->GetSchema().ImpliedType();
    }
    data_type_ = provider_->data_sources()[0]->GetSchema().ImpliedType();
  }

  std::string Encode(const Type& type, std::map<std::string, Value> attrs) {
    for (const auto& [name, at] : type.AttributeTypes()) {
      if (!attrs.count(name)) attrs.emplace(name, Value::NullVal(at));
    }
    return EncodeMsgpack(Value::ObjectVal(type, std::move(attrs)), type).value();
  }
  Value DecodeNew(const std::string& msgpack) {
    return DecodeMsgpack(msgpack, new_type_).value();
  }

  // ConfigureProvider (v5: Configure) with defer_all and the deferral capability.
  std::string Configure(bool defer_all, bool deferral_allowed) {
    typename P::Configure::Request req;
    req.set_terraform_version("1.9.0");
    Type provider_type = provider_->GetSchema().ImpliedType();
    req.mutable_config()->set_msgpack(
        Encode(provider_type, {{"defer_all", Value::BoolVal(defer_all)}}));
    req.mutable_client_capabilities()->set_deferral_allowed(deferral_allowed);
    typename P::Configure::Response resp;
    grpc::Status status;
    if constexpr (std::is_same_v<P, V5>) {
      status = service_->Configure(nullptr, &req, &resp);
    } else {
      status = service_->ConfigureProvider(nullptr, &req, &resp);
    }
    EXPECT_TRUE(status.ok());
    return resp.diagnostics_size() ? resp.diagnostics(0).summary() : "";
  }

  // PlanResourceChange of a new x_new with `name`.
  typename P::Plan::Response PlanCreate(Value name, bool deferral_allowed) {
    typename P::Plan::Request req;
    req.set_type_name("x_new");
    req.mutable_prior_state()->set_msgpack(std::string(1, '\xc0'));
    std::string config = Encode(new_type_, {{"name", std::move(name)}});
    req.mutable_proposed_new_state()->set_msgpack(config);
    req.mutable_config()->set_msgpack(config);
    req.mutable_client_capabilities()->set_deferral_allowed(deferral_allowed);
    typename P::Plan::Response resp;
    EXPECT_TRUE(service_->PlanResourceChange(nullptr, &req, &resp).ok());
    return resp;
  }

  std::shared_ptr<move_test::Store> store_;
  std::unique_ptr<Provider> provider_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<typename P::Service> service_;
  Type new_type_;
  Type data_type_;
};

using Protocols = ::testing::Types<V5, V6>;
TYPED_TEST_SUITE(MoveProtocolTest, Protocols);

TYPED_TEST(MoveProtocolTest, CapabilitiesAdvertised) {
  typename TypeParam::Schema::Request req;
  typename TypeParam::Schema::Response resp;
  if constexpr (std::is_same_v<TypeParam, V5>) {
    ASSERT_TRUE(this->service_->GetSchema(nullptr, &req, &resp).ok());
  } else {
    ASSERT_TRUE(this->service_->GetProviderSchema(nullptr, &req, &resp).ok());
  }
  EXPECT_TRUE(resp.server_capabilities().move_resource_state());
  EXPECT_TRUE(resp.server_capabilities().generate_resource_config());
  EXPECT_TRUE(resp.server_capabilities().plan_destroy());
}

// A `moved` block from another provider's resource type: the mover without a source schema
// reads the raw JSON, and checks the source provider address.
TYPED_TEST(MoveProtocolTest, MoveFromAnotherProvider) {
  typename TypeParam::Move::Request req;
  req.set_source_provider_address("registry.terraform.io/acme/legacy");
  req.set_source_type_name("legacy_thing");
  req.set_source_schema_version(3);
  req.mutable_source_state()->set_json(R"({"thing_id":"t-9","title":"Nine","extra":[1]})");
  req.set_target_type_name("x_new");
  req.set_source_private("bytes another SDK wrote");
  typename TypeParam::Move::Response resp;
  ASSERT_TRUE(this->service_->MoveResourceState(nullptr, &req, &resp).ok());
  ASSERT_EQ(resp.diagnostics_size(), 0) << resp.diagnostics(0).detail();
  Value moved = this->DecodeNew(resp.target_state().msgpack());
  EXPECT_EQ(moved.At(Path::Root("id"))->AsString(), "t-9");
  EXPECT_EQ(moved.At(Path::Root("name"))->AsString(), "Nine");
  EXPECT_TRUE(moved.At(Path::Root("size"))->IsNull());
  EXPECT_TRUE(this->store_->Get("t-9").has_value());
  auto m = this->store_->moves();
  EXPECT_EQ(m.last_source_private, "bytes another SDK wrote");

  // The same type name from a provider the mover does not know is refused.
  req.set_source_provider_address("registry.terraform.io/someone/legacy");
  typename TypeParam::Move::Response refused;
  ASSERT_TRUE(this->service_->MoveResourceState(nullptr, &req, &refused).ok());
  ASSERT_EQ(refused.diagnostics_size(), 1);
  EXPECT_EQ(refused.diagnostics(0).summary(), "Unable to Move Resource State");
  EXPECT_NE(refused.diagnostics(0).detail().find(
                "Source Provider Address: registry.terraform.io/someone/legacy"),
            std::string::npos)
      << refused.diagnostics(0).detail();
  EXPECT_EQ(this->store_->moves().count, m.count);
}

TYPED_TEST(MoveProtocolTest, GenerateResourceConfig) {
  typename TypeParam::Generate::Request req;
  req.set_type_name("x_new");
  req.mutable_state()->set_msgpack(this->Encode(
      this->new_type_, {{"id", Value::StringVal("obj-b")}, {"name", Value::StringVal("b")},
                        {"size", Value::IntVal(7)}, {"version", Value::IntVal(4)}}));
  typename TypeParam::Generate::Response resp;
  ASSERT_TRUE(this->service_->GenerateResourceConfig(nullptr, &req, &resp).ok());
  ASSERT_EQ(resp.diagnostics_size(), 0) << resp.diagnostics(0).detail();
  Value config = this->DecodeNew(resp.config().msgpack());
  EXPECT_TRUE(config.At(Path::Root("id"))->IsNull());
  EXPECT_TRUE(config.At(Path::Root("version"))->IsNull());
  EXPECT_EQ(config.At(Path::Root("name"))->AsString(), "b");
  EXPECT_EQ(config.At(Path::Root("note"))->AsString(), "imported");
}

// Configure defers everything: plan, read, import and data source reads come back deferred
// with reason PROVIDER_CONFIG_UNKNOWN, and the create plan leaves computed values unknown.
TYPED_TEST(MoveProtocolTest, ProviderDeferralReachesEveryCall) {
  using Reason = typename TypeParam::Deferred;
  ASSERT_EQ(this->Configure(/*defer_all=*/true, /*deferral_allowed=*/true), "");

  auto plan = this->PlanCreate(Value::StringVal("n"), true);
  ASSERT_EQ(plan.diagnostics_size(), 0) << plan.diagnostics(0).detail();
  ASSERT_TRUE(plan.has_deferred());
  EXPECT_EQ(plan.deferred().reason(), Reason::PROVIDER_CONFIG_UNKNOWN);
  Value planned = this->DecodeNew(plan.planned_state().msgpack());
  EXPECT_TRUE(planned.At(Path::Root("id"))->IsUnknown());
  EXPECT_EQ(planned.At(Path::Root("name"))->AsString(), "n");

  typename TypeParam::Read::Request read;
  read.set_type_name("x_new");
  std::string state = this->Encode(
      this->new_type_, {{"id", Value::StringVal("obj-n")}, {"name", Value::StringVal("n")},
                        {"version", Value::IntVal(1)}});
  read.mutable_current_state()->set_msgpack(state);
  read.mutable_client_capabilities()->set_deferral_allowed(true);
  typename TypeParam::Read::Response read_resp;
  ASSERT_TRUE(this->service_->ReadResource(nullptr, &read, &read_resp).ok());
  EXPECT_EQ(read_resp.deferred().reason(), Reason::PROVIDER_CONFIG_UNKNOWN);
  EXPECT_EQ(read_resp.new_state().msgpack(), state) << "the object is not gone: state kept";

  typename TypeParam::Import::Request imp;
  imp.set_type_name("x_new");
  imp.set_id("obj-n");
  imp.mutable_client_capabilities()->set_deferral_allowed(true);
  typename TypeParam::Import::Response imp_resp;
  ASSERT_TRUE(this->service_->ImportResourceState(nullptr, &imp, &imp_resp).ok());
  EXPECT_EQ(imp_resp.deferred().reason(), Reason::PROVIDER_CONFIG_UNKNOWN);

  typename TypeParam::ReadData::Request data;
  data.set_type_name("x_info");
  data.mutable_config()->set_msgpack(
      this->Encode(this->data_type_, {{"id", Value::StringVal("missing")}}));
  data.mutable_client_capabilities()->set_deferral_allowed(true);
  typename TypeParam::ReadData::Response data_resp;
  ASSERT_TRUE(this->service_->ReadDataSource(nullptr, &data, &data_resp).ok());
  ASSERT_EQ(data_resp.diagnostics_size(), 0) << "the data source was not read";
  EXPECT_EQ(data_resp.deferred().reason(), Reason::PROVIDER_CONFIG_UNKNOWN);
  Value read_data = DecodeMsgpack(data_resp.state().msgpack(), this->data_type_).value();
  EXPECT_TRUE(read_data.At(Path::Root("name"))->IsUnknown());
}

// A resource defers its own plan (name unknown) only when the client allows deferral; the
// wire reason is RESOURCE_CONFIG_UNKNOWN.
TYPED_TEST(MoveProtocolTest, ResourceDeferral) {
  using Reason = typename TypeParam::Deferred;
  ASSERT_EQ(this->Configure(/*defer_all=*/false, /*deferral_allowed=*/true), "");
  auto deferred = this->PlanCreate(Value::UnknownVal(Type::String()), true);
  ASSERT_EQ(deferred.diagnostics_size(), 0) << deferred.diagnostics(0).detail();
  ASSERT_TRUE(deferred.has_deferred());
  EXPECT_EQ(deferred.deferred().reason(), Reason::RESOURCE_CONFIG_UNKNOWN);

  auto not_allowed = this->PlanCreate(Value::UnknownVal(Type::String()), false);
  EXPECT_EQ(not_allowed.diagnostics_size(), 0);
  EXPECT_FALSE(not_allowed.has_deferred());

  auto known = this->PlanCreate(Value::StringVal("n"), true);
  EXPECT_FALSE(known.has_deferred());
}

// defer_all without the client's support: the provider does not defer (it checks
// req.deferral_allowed) and later calls are not deferred.
TYPED_TEST(MoveProtocolTest, NoDeferralWithoutClientSupport) {
  ASSERT_EQ(this->Configure(/*defer_all=*/true, /*deferral_allowed=*/false), "");
  auto plan = this->PlanCreate(Value::StringVal("n"), false);
  EXPECT_EQ(plan.diagnostics_size(), 0);
  EXPECT_FALSE(plan.has_deferred());
}

}  // namespace
}  // namespace tfsdk::internal
