// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// The ephemeral resource RPCs of both protocols: the services are called directly (their
// ServerContext is unused) over an Engine with a small ephemeral resource.

#include <chrono>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "src/engine/engine.h"
#include "src/protocol/services.h"
#include "src/value/msgpack_codec.h"
#include "tfplugin5.grpc.pb.h"
#include "tfplugin6.grpc.pb.h"
#include "tfsdk/ephemeral_resource.h"
#include "tfsdk/provider.h"
#include "tfsdk/validators.h"

namespace tfsdk::internal {
namespace {

// 2030-01-02T03:04:05.5Z
const auto kRenewAt = std::chrono::system_clock::time_point(
    std::chrono::seconds(1893553445) + std::chrono::milliseconds(500));

class TokenEphemeral final : public EphemeralResource {
 public:
  std::string TypeName() const override { return "test_token"; }
  Schema GetSchema() const override {
    return Schema{.attributes = {
                      Attribute::String("role").Required().Validators(
                          {validators::LengthAtLeast(2)}),
                      Attribute::String("token").Computed().Sensitive(),
                  }};
  }
  void Open(const EphemeralOpenRequest& req, EphemeralOpenResponse& resp) override {
    resp.result.Set("token", "tok-" + req.config.Get<std::string>("role"));
    resp.private_state.Set("lease", "\"l1\"");
    resp.renew_at = kRenewAt;
  }
  void Renew(const EphemeralRenewRequest& req, EphemeralRenewResponse& resp) override {
    resp.private_state.Set("seen", req.private_state.Get("lease").value_or("null"));
  }
  void Close(const EphemeralCloseRequest& req, EphemeralCloseResponse& resp) override {
    if (req.private_state.Get("lease") != "\"l1\"") {
      resp.diagnostics.AddError("Unknown lease", req.private_state.Serialize());
    }
  }
};

// The generated message types of one protocol version.
template <class Svc, class GetMetadata, class Validate, class OpenT, class RenewT, class CloseT,
          class DeferredT>
struct Protocol {
  using Service = Svc;
  using Meta = GetMetadata;
  using ValidateEphemeralResourceConfig = Validate;
  using OpenEphemeralResource = OpenT;
  using RenewEphemeralResource = RenewT;
  using CloseEphemeralResource = CloseT;
  using Deferred = DeferredT;
};
#define TFSDK_PROTOCOL(ns, svc)                                                          \
  Protocol<svc, ns::GetProviderMetadata, ns::ValidateEphemeralResourceConfig,           \
           ns::OpenEphemeralResource, ns::RenewEphemeralResource, ns::CloseEphemeralResource, \
           ns::Deferred>
using V5 = TFSDK_PROTOCOL(tfplugin5, ProviderV5Service);
using V6 = TFSDK_PROTOCOL(tfplugin6, ProviderV6Service);
#undef TFSDK_PROTOCOL

class EphemeralProtocolTest : public ::testing::Test {
 protected:
  EphemeralProtocolTest() : provider_("test") {
    provider_.AddEphemeralResource<TokenEphemeral>();
    engine_ = std::make_unique<Engine>(provider_);
    v5_ = std::make_unique<ProviderV5Service>(*engine_);
    v6_ = std::make_unique<ProviderV6Service>(*engine_);
    type_ = TokenEphemeral().GetSchema().ImpliedType();
  }
  std::string Config(Value role) {
    return EncodeMsgpack(Value::ObjectVal(type_, {{"role", std::move(role)},
                                                  {"token", Value::NullVal(Type::String())}}),
                         type_)
        .value();
  }
  Value Decode(const std::string& msgpack) { return DecodeMsgpack(msgpack, type_).value(); }

  // The whole lifecycle through one protocol's service.
  template <class Pb>
  void Lifecycle(typename Pb::Service& s) {
    typename Pb::Meta::Response meta;
    ASSERT_TRUE(s.GetMetadata(nullptr, nullptr, &meta).ok());
    ASSERT_EQ(meta.ephemeral_resources_size(), 1);
    EXPECT_EQ(meta.ephemeral_resources(0).type_name(), "test_token");

    typename Pb::ValidateEphemeralResourceConfig::Request vreq;
    vreq.set_type_name("test_token");
    vreq.mutable_config()->set_msgpack(Config(Value::StringVal("x")));
    typename Pb::ValidateEphemeralResourceConfig::Response vresp;
    ASSERT_TRUE(s.ValidateEphemeralResourceConfig(nullptr, &vreq, &vresp).ok());
    ASSERT_EQ(vresp.diagnostics_size(), 1);
    EXPECT_EQ(vresp.diagnostics(0).attribute().steps(0).attribute_name(), "role");

    typename Pb::OpenEphemeralResource::Request oreq;
    oreq.set_type_name("test_token");
    oreq.mutable_config()->set_msgpack(Config(Value::StringVal("reader")));
    typename Pb::OpenEphemeralResource::Response oresp;
    ASSERT_TRUE(s.OpenEphemeralResource(nullptr, &oreq, &oresp).ok());
    ASSERT_EQ(oresp.diagnostics_size(), 0) << oresp.diagnostics(0).detail();
    EXPECT_TRUE(Decode(oresp.result().msgpack())
                    .GetAttr("token")
                    .RawEquals(Value::StringVal("tok-reader")));
    ASSERT_TRUE(oresp.has_private_());
    EXPECT_EQ(oresp.private_(), R"({"lease":"l1"})");
    ASSERT_TRUE(oresp.has_renew_at());
    EXPECT_EQ(oresp.renew_at().seconds(), 1893553445);
    EXPECT_EQ(oresp.renew_at().nanos(), 500000000);
    EXPECT_FALSE(oresp.has_deferred());

    typename Pb::RenewEphemeralResource::Request rreq;
    rreq.set_type_name("test_token");
    rreq.set_private_(oresp.private_());
    typename Pb::RenewEphemeralResource::Response rresp;
    ASSERT_TRUE(s.RenewEphemeralResource(nullptr, &rreq, &rresp).ok());
    EXPECT_EQ(rresp.diagnostics_size(), 0);
    EXPECT_EQ(rresp.private_(), R"({"lease":"l1","seen":"l1"})");
    EXPECT_FALSE(rresp.has_renew_at());

    typename Pb::CloseEphemeralResource::Request creq;
    creq.set_type_name("test_token");
    creq.set_private_(oresp.private_());
    typename Pb::CloseEphemeralResource::Response cresp;
    ASSERT_TRUE(s.CloseEphemeralResource(nullptr, &creq, &cresp).ok());
    EXPECT_EQ(cresp.diagnostics_size(), 0);
    creq.set_private_("{}");
    ASSERT_TRUE(s.CloseEphemeralResource(nullptr, &creq, &cresp).ok());
    ASSERT_EQ(cresp.diagnostics_size(), 1);
    EXPECT_EQ(cresp.diagnostics(0).summary(), "Unknown lease");

    // Unknown configuration with deferral allowed: an unknown result, deferred.
    typename Pb::OpenEphemeralResource::Request ureq;
    ureq.set_type_name("test_token");
    ureq.mutable_config()->set_msgpack(Config(Value::UnknownVal(Type::String())));
    ureq.mutable_client_capabilities()->set_deferral_allowed(true);
    typename Pb::OpenEphemeralResource::Response uresp;
    ASSERT_TRUE(s.OpenEphemeralResource(nullptr, &ureq, &uresp).ok());
    EXPECT_EQ(uresp.diagnostics_size(), 0);
    EXPECT_TRUE(Decode(uresp.result().msgpack()).IsUnknown());
    ASSERT_TRUE(uresp.has_deferred());
    EXPECT_EQ(uresp.deferred().reason(), Pb::Deferred::RESOURCE_CONFIG_UNKNOWN);
    EXPECT_FALSE(uresp.has_private_());
  }

  Provider provider_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<ProviderV5Service> v5_;
  std::unique_ptr<ProviderV6Service> v6_;
  Type type_;
};

TEST_F(EphemeralProtocolTest, V6Lifecycle) { Lifecycle<V6>(*v6_); }
TEST_F(EphemeralProtocolTest, V5Lifecycle) { Lifecycle<V5>(*v5_); }

TEST_F(EphemeralProtocolTest, SchemasOfBothProtocols) {
  tfplugin6::GetProviderSchema::Response r6;
  ASSERT_TRUE(v6_->GetProviderSchema(nullptr, nullptr, &r6).ok());
  ASSERT_EQ(r6.ephemeral_resource_schemas().count("test_token"), 1u);
  EXPECT_EQ(r6.ephemeral_resource_schemas().at("test_token").block().attributes_size(), 2);
  EXPECT_EQ(r6.resource_schemas().count("test_token"), 0u);
  tfplugin5::GetProviderSchema::Response r5;
  ASSERT_TRUE(v5_->GetSchema(nullptr, nullptr, &r5).ok());
  ASSERT_EQ(r5.ephemeral_resource_schemas().count("test_token"), 1u);
  EXPECT_EQ(r5.ephemeral_resource_schemas().at("test_token").block().attributes_size(), 2);
}

}  // namespace
}  // namespace tfsdk::internal
