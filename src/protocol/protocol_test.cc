// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Tests of the protocol layer: both gRPC services are served in-process on a unix socket
// over an Engine built from a small test provider, and called through generated stubs,
// exactly as Terraform would call them (minus the handshake and mTLS).

#include <unistd.h>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "src/engine/engine.h"
#include "src/protocol/rpc_handlers.h"
#include "src/protocol/services.h"
#include "src/protocol/translate.h"
#include "src/value/msgpack_codec.h"
#include "tfplugin5.grpc.pb.h"
#include "tfplugin6.grpc.pb.h"
#include "tfsdk/data_source.h"
#include "tfsdk/provider.h"
#include "tfsdk/resource.h"
#include "tfsdk/schema.h"
#include "tfsdk/type.h"
#include "tfsdk/value.h"

namespace tfsdk::internal {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// --- the test provider ------------------------------------------------------------------

// test_thing: a computed id, a replace-forcing name, an optional number, a LIST nested
// attribute `rule` and a LIST nested block `tag`.
class ThingResource final : public Resource {
 public:
  std::string TypeName() const override { return "test_thing"; }
  Schema GetSchema() const override {
    return Schema{
        .version = 2,
        .description = "A thing.",
        .attributes =
            {
                Attribute::String("name").Required().RequiresReplace(),
                Attribute::String("id").Computed().MarkdownDescription("The **ID**."),
                Attribute::Number("size").Optional(),
                Attribute::ListNested("rule",
                                      {
                                          Attribute::Number("port").Required(),
                                          Attribute::String("proto").Optional(),
                                      })
                    .Optional(),
                Attribute::String("secret").Optional().Sensitive().Deprecated("Do not."),
            },
        .blocks =
            {
                Block::List("tag",
                            {.attributes =
                                 {
                                     Attribute::String("key").Required(),
                                     Attribute::String("value").Optional(),
                                 }})
                    .MaxItems(3),
            },
    };
  }
  void Create(const CreateRequest& req, CreateResponse& resp) override {
    resp.state.Set("id", "id-" + req.plan.Get<std::string>("name"));
  }
  void Read(const ReadRequest&, ReadResponse&) override {}
  void Update(const UpdateRequest&, UpdateResponse&) override {}
  void Delete(const DeleteRequest&, DeleteResponse&) override {}
  void ImportState(const ImportStateRequest& req, ImportStateResponse& resp) override {
    ImportStatePassthrough(req, resp, "id");
  }
};

// test_echo: output = "echo:" + input.
class EchoDataSource final : public DataSource {
 public:
  std::string TypeName() const override { return "test_echo"; }
  Schema GetSchema() const override {
    return Schema{.attributes = {
                      Attribute::String("input").Required(),
                      Attribute::String("output").Computed(),
                  }};
  }
  void Read(const DataSourceReadRequest& req, DataSourceReadResponse& resp) override {
    resp.state.Set("output", "echo:" + req.config.Get<std::string>("input"));
  }
};

class TestProvider final : public Provider {
 public:
  TestProvider() : Provider("test") {
    AddResource<ThingResource>();
    AddDataSource<EchoDataSource>();
  }
  Schema GetSchema() const override {
    return Schema{.attributes = {Attribute::String("endpoint").Optional()}};
  }
  void Configure(const ConfigureProviderRequest& req, ConfigureProviderResponse& resp) override {
    configured_version = req.terraform_version;
    if (req.config.GetValue("endpoint").IsKnown() &&
        req.config.Get<std::string>("endpoint") == "bad") {
      resp.diagnostics.AddError("Bad endpoint", "Cannot use it.", Path::Root("endpoint"));
    }
  }
  std::string configured_version;
};

// --- the in-process server --------------------------------------------------------------

std::string UniqueSocketAddress() {
  static std::atomic<int> counter{0};
  return "unix:/tmp/tfsdk_protocol_test_" + std::to_string(getpid()) + "_" +
         std::to_string(counter++) + ".sock";
}

class ProtocolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    engine_ = std::make_unique<Engine>(provider_);
    ASSERT_FALSE(engine_->schema_diagnostics().HasError())
        << engine_->schema_diagnostics().ToString();
    v6_service_ = std::make_unique<ProviderV6Service>(*engine_);
    v5_service_ = std::make_unique<ProviderV5Service>(*engine_);
    address_ = UniqueSocketAddress();
    grpc::ServerBuilder builder;
    builder.AddListeningPort(address_, grpc::InsecureServerCredentials());
    builder.RegisterService(v6_service_.get());
    builder.RegisterService(v5_service_.get());
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr) << "cannot listen on " << address_;
    auto channel = grpc::CreateChannel(address_, grpc::InsecureChannelCredentials());
    v6_ = tfplugin6::Provider::NewStub(channel);
    v5_ = tfplugin5::Provider::NewStub(channel);
  }
  void TearDown() override {
    if (server_ != nullptr) server_->Shutdown();
    unlink(address_.substr(5).c_str());
  }

  TestProvider provider_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<ProviderV6Service> v6_service_;
  std::unique_ptr<ProviderV5Service> v5_service_;
  std::string address_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<tfplugin6::Provider::Stub> v6_;
  std::unique_ptr<tfplugin5::Provider::Stub> v5_;
};

template <class PbBlock>
const auto* FindAttribute(const PbBlock& block, const std::string& name) {
  for (const auto& a : block.attributes()) {
    if (a.name() == name) return &a;
  }
  return static_cast<decltype(&block.attributes(0))>(nullptr);
}

template <class PbBlock>
std::vector<std::string> AttributeNames(const PbBlock& block) {
  std::vector<std::string> names;
  for (const auto& a : block.attributes()) names.push_back(a.name());
  return names;
}

// --- schemas ----------------------------------------------------------------------------

TEST_F(ProtocolTest, V6ProviderSchemaHasNestedTypesAndCapabilities) {
  grpc::ClientContext ctx;
  tfplugin6::GetProviderSchema::Response resp;
  ASSERT_TRUE(v6_->GetProviderSchema(&ctx, {}, &resp).ok());

  EXPECT_THAT(resp.diagnostics(), IsEmpty());
  EXPECT_TRUE(resp.server_capabilities().plan_destroy());
  EXPECT_FALSE(resp.has_provider_meta());
  EXPECT_THAT(AttributeNames(resp.provider().block()), ElementsAre("endpoint"));
  EXPECT_THAT(resp.functions(), IsEmpty());
  EXPECT_THAT(resp.ephemeral_resource_schemas(), IsEmpty());
  EXPECT_THAT(resp.list_resource_schemas(), IsEmpty());
  EXPECT_THAT(resp.state_store_schemas(), IsEmpty());
  EXPECT_THAT(resp.action_schemas(), IsEmpty());

  ASSERT_EQ(resp.resource_schemas().count("test_thing"), 1u);
  ASSERT_EQ(resp.data_source_schemas().count("test_echo"), 1u);
  const tfplugin6::Schema& thing = resp.resource_schemas().at("test_thing");
  EXPECT_EQ(thing.version(), 2);
  EXPECT_EQ(thing.block().description(), "A thing.");
  // Sorted by name, whatever the declaration order.
  EXPECT_THAT(AttributeNames(thing.block()), ElementsAre("id", "name", "rule", "secret", "size"));

  const auto* name = FindAttribute(thing.block(), "name");
  ASSERT_NE(name, nullptr);
  EXPECT_EQ(name->type(), "\"string\"");
  EXPECT_TRUE(name->required());
  EXPECT_FALSE(name->has_nested_type());

  const auto* id = FindAttribute(thing.block(), "id");
  ASSERT_NE(id, nullptr);
  EXPECT_TRUE(id->computed());
  EXPECT_FALSE(id->optional());
  EXPECT_EQ(id->description(), "The **ID**.");
  EXPECT_EQ(id->description_kind(), tfplugin6::MARKDOWN);

  const auto* size = FindAttribute(thing.block(), "size");
  ASSERT_NE(size, nullptr);
  EXPECT_EQ(size->type(), "\"number\"");

  const auto* secret = FindAttribute(thing.block(), "secret");
  ASSERT_NE(secret, nullptr);
  EXPECT_TRUE(secret->sensitive());
  EXPECT_TRUE(secret->deprecated());
  EXPECT_EQ(secret->deprecation_message(), "Do not.");

  const auto* rule = FindAttribute(thing.block(), "rule");
  ASSERT_NE(rule, nullptr);
  EXPECT_TRUE(rule->type().empty()) << "a nested attribute must not also carry a type";
  ASSERT_TRUE(rule->has_nested_type());
  EXPECT_EQ(rule->nested_type().nesting(), tfplugin6::Schema::Object::LIST);
  EXPECT_TRUE(rule->optional());
  EXPECT_THAT(AttributeNames(rule->nested_type()), ElementsAre("port", "proto"));
  EXPECT_EQ(rule->nested_type().attributes(0).type(), "\"number\"");
  EXPECT_TRUE(rule->nested_type().attributes(0).required());

  ASSERT_EQ(thing.block().block_types_size(), 1);
  const auto& tag = thing.block().block_types(0);
  EXPECT_EQ(tag.type_name(), "tag");
  EXPECT_EQ(tag.nesting(), tfplugin6::Schema::NestedBlock::LIST);
  EXPECT_EQ(tag.max_items(), 3);
  EXPECT_EQ(tag.min_items(), 0);
  EXPECT_THAT(AttributeNames(tag.block()), ElementsAre("key", "value"));

  const tfplugin6::Schema& echo = resp.data_source_schemas().at("test_echo");
  EXPECT_THAT(AttributeNames(echo.block()), ElementsAre("input", "output"));
}

TEST_F(ProtocolTest, V5SchemaFlattensNestedAttributesIntoType) {
  grpc::ClientContext ctx;
  tfplugin5::GetProviderSchema::Response resp;
  ASSERT_TRUE(v5_->GetSchema(&ctx, {}, &resp).ok());

  EXPECT_THAT(resp.diagnostics(), IsEmpty());
  EXPECT_TRUE(resp.server_capabilities().plan_destroy());
  const tfplugin5::Schema& thing = resp.resource_schemas().at("test_thing");
  EXPECT_THAT(AttributeNames(thing.block()), ElementsAre("id", "name", "rule", "secret", "size"));
  const auto* rule = FindAttribute(thing.block(), "rule");
  ASSERT_NE(rule, nullptr);
  Type expected =
      Type::List(Type::Object({{"port", Type::Number()}, {"proto", Type::String()}}));
  EXPECT_EQ(rule->type(), expected.ToJson());
  EXPECT_EQ(rule->type(), R"(["list",["object",{"port":"number","proto":"string"}]])");
  EXPECT_TRUE(rule->optional());
  EXPECT_EQ(thing.block().block_types(0).type_name(), "tag");
}

TEST_F(ProtocolTest, SchemaTranslationIsDeterministic) {
  std::string first, second, v5;
  {
    grpc::ClientContext ctx;
    tfplugin6::GetProviderSchema::Response resp;
    ASSERT_TRUE(v6_->GetProviderSchema(&ctx, {}, &resp).ok());
    first = resp.resource_schemas().at("test_thing").SerializeAsString();
  }
  {
    grpc::ClientContext ctx;
    tfplugin6::GetProviderSchema::Response resp;
    ASSERT_TRUE(v6_->GetProviderSchema(&ctx, {}, &resp).ok());
    second = resp.resource_schemas().at("test_thing").SerializeAsString();
  }
  EXPECT_EQ(first, second);
}

TEST_F(ProtocolTest, GetMetadataListsNamesOnBothProtocols) {
  {
    grpc::ClientContext ctx;
    tfplugin6::GetProviderMetadata::Response resp;
    ASSERT_TRUE(v6_->GetMetadata(&ctx, {}, &resp).ok());
    ASSERT_EQ(resp.resources_size(), 1);
    EXPECT_EQ(resp.resources(0).type_name(), "test_thing");
    ASSERT_EQ(resp.data_sources_size(), 1);
    EXPECT_EQ(resp.data_sources(0).type_name(), "test_echo");
    EXPECT_TRUE(resp.server_capabilities().plan_destroy());
    EXPECT_THAT(resp.functions(), IsEmpty());
    EXPECT_THAT(resp.diagnostics(), IsEmpty());
  }
  {
    grpc::ClientContext ctx;
    tfplugin5::GetProviderMetadata::Response resp;
    ASSERT_TRUE(v5_->GetMetadata(&ctx, {}, &resp).ok());
    ASSERT_EQ(resp.resources_size(), 1);
    EXPECT_EQ(resp.resources(0).type_name(), "test_thing");
    ASSERT_EQ(resp.data_sources_size(), 1);
    EXPECT_EQ(resp.data_sources(0).type_name(), "test_echo");
  }
}

// --- unsupported features -------------------------------------------------------------

struct UnsupportedCase {
  std::string rpc;
  // Calls the RPC; returns its status and its diagnostics' summary + detail lines.
  std::function<grpc::Status(tfplugin6::Provider::Stub&, tfplugin5::Provider::Stub&,
                             std::vector<std::string>&)>
      call;
  std::string expected;  // a substring of the detail
};

template <class PbRepeatedDiagnostics>
void CollectErrors(const PbRepeatedDiagnostics& diags, std::vector<std::string>& out) {
  for (const auto& d : diags) {
    EXPECT_EQ(d.severity(), std::decay_t<decltype(d)>::ERROR);
    out.push_back(d.summary() + " | " + d.detail());
  }
}

// A unary RPC called with a request whose type_name (or other name) is set by `prepare`.
template <class Stub, class Req, class Resp>
UnsupportedCase Unary(std::string rpc,
                      grpc::Status (Stub::*method)(grpc::ClientContext*, const Req&, Resp*),
                      std::function<void(Req&)> prepare, std::string expected) {
  UnsupportedCase c;
  c.rpc = rpc;
  c.expected = std::move(expected);
  c.call = [method, prepare](tfplugin6::Provider::Stub& v6, tfplugin5::Provider::Stub& v5,
                             std::vector<std::string>& errors) {
    grpc::ClientContext ctx;
    Req req;
    if (prepare) prepare(req);
    Resp resp;
    grpc::Status status;
    if constexpr (std::is_same_v<Stub, tfplugin6::Provider::Stub>) {
      status = (v6.*method)(&ctx, req, &resp);
    } else {
      status = (v5.*method)(&ctx, req, &resp);
    }
    CollectErrors(resp.diagnostics(), errors);
    return status;
  };
  return c;
}

template <class Req>
std::function<void(Req&)> TypeName(std::string name) {
  return [name](Req& r) { r.set_type_name(name); };
}

std::vector<UnsupportedCase> UnsupportedCases() {
  namespace p6 = tfplugin6;
  namespace p5 = tfplugin5;
  using S6 = p6::Provider::Stub;
  using S5 = p5::Provider::Stub;
  const std::string kNamed = "is not supported by this provider";
  std::vector<UnsupportedCase> cases = {
      Unary("v6 ValidateEphemeralResourceConfig", &S6::ValidateEphemeralResourceConfig,
            TypeName<p6::ValidateEphemeralResourceConfig::Request>("test_token"),
            "ephemeral resource \"test_token\" " + kNamed),
      Unary("v6 OpenEphemeralResource", &S6::OpenEphemeralResource,
            TypeName<p6::OpenEphemeralResource::Request>("test_token"),
            "ephemeral resource \"test_token\" " + kNamed),
      Unary("v6 RenewEphemeralResource", &S6::RenewEphemeralResource,
            TypeName<p6::RenewEphemeralResource::Request>("test_token"),
            "ephemeral resource \"test_token\" " + kNamed),
      Unary("v6 CloseEphemeralResource", &S6::CloseEphemeralResource,
            TypeName<p6::CloseEphemeralResource::Request>("test_token"),
            "ephemeral resource \"test_token\" " + kNamed),
      Unary("v6 ValidateListResourceConfig", &S6::ValidateListResourceConfig,
            TypeName<p6::ValidateListResourceConfig::Request>("test_list"),
            "list resource \"test_list\" " + kNamed),
      Unary("v6 ValidateActionConfig", &S6::ValidateActionConfig,
            TypeName<p6::ValidateActionConfig::Request>("test_act"),
            "action \"test_act\" " + kNamed),
      Unary("v6 PlanAction", &S6::PlanAction,
            std::function<void(p6::PlanAction::Request&)>(
                [](p6::PlanAction::Request& r) { r.set_action_type("test_act"); }),
            "action \"test_act\" " + kNamed),
      Unary("v6 UpgradeResourceIdentity", &S6::UpgradeResourceIdentity,
            TypeName<p6::UpgradeResourceIdentity::Request>("test_thing"),
            "resource identity \"test_thing\" " + kNamed),
      Unary("v6 ValidateStateStoreConfig", &S6::ValidateStateStoreConfig,
            TypeName<p6::ValidateStateStore::Request>("test_store"),
            "state store \"test_store\" " + kNamed),
      Unary("v6 ConfigureStateStore", &S6::ConfigureStateStore,
            TypeName<p6::ConfigureStateStore::Request>("test_store"),
            "state store \"test_store\" " + kNamed),
      Unary("v6 LockState", &S6::LockState, TypeName<p6::LockState::Request>("test_store"),
            "state store \"test_store\" " + kNamed),
      Unary("v6 UnlockState", &S6::UnlockState, TypeName<p6::UnlockState::Request>("test_store"),
            "state store \"test_store\" " + kNamed),
      Unary("v6 GetStates", &S6::GetStates, TypeName<p6::GetStates::Request>("test_store"),
            "state store \"test_store\" " + kNamed),
      Unary("v6 DeleteState", &S6::DeleteState, TypeName<p6::DeleteState::Request>("test_store"),
            "state store \"test_store\" " + kNamed),
      Unary("v5 ValidateEphemeralResourceConfig", &S5::ValidateEphemeralResourceConfig,
            TypeName<p5::ValidateEphemeralResourceConfig::Request>("test_token"),
            "ephemeral resource \"test_token\" " + kNamed),
      Unary("v5 OpenEphemeralResource", &S5::OpenEphemeralResource,
            TypeName<p5::OpenEphemeralResource::Request>("test_token"),
            "ephemeral resource \"test_token\" " + kNamed),
      Unary("v5 RenewEphemeralResource", &S5::RenewEphemeralResource,
            TypeName<p5::RenewEphemeralResource::Request>("test_token"),
            "ephemeral resource \"test_token\" " + kNamed),
      Unary("v5 CloseEphemeralResource", &S5::CloseEphemeralResource,
            TypeName<p5::CloseEphemeralResource::Request>("test_token"),
            "ephemeral resource \"test_token\" " + kNamed),
      Unary("v5 ValidateListResourceConfig", &S5::ValidateListResourceConfig,
            TypeName<p5::ValidateListResourceConfig::Request>("test_list"),
            "list resource \"test_list\" " + kNamed),
      Unary("v5 ValidateActionConfig", &S5::ValidateActionConfig,
            TypeName<p5::ValidateActionConfig::Request>("test_act"),
            "action \"test_act\" " + kNamed),
      Unary("v5 PlanAction", &S5::PlanAction,
            std::function<void(p5::PlanAction::Request&)>(
                [](p5::PlanAction::Request& r) { r.set_action_type("test_act"); }),
            "action \"test_act\" " + kNamed),
      Unary("v5 UpgradeResourceIdentity", &S5::UpgradeResourceIdentity,
            TypeName<p5::UpgradeResourceIdentity::Request>("test_thing"),
            "resource identity \"test_thing\" " + kNamed),
  };
  return cases;
}

TEST_F(ProtocolTest, UnsupportedUnaryRpcsAnswerOkWithOneClearError) {
  for (const UnsupportedCase& c : UnsupportedCases()) {
    SCOPED_TRACE(c.rpc);
    std::vector<std::string> errors;
    grpc::Status status = c.call(*v6_, *v5_, errors);
    ASSERT_TRUE(status.ok()) << status.error_code() << " " << status.error_message();
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_THAT(errors[0], HasSubstr("Unsupported "));
    EXPECT_THAT(errors[0], HasSubstr(c.expected));
  }
}

TEST_F(ProtocolTest, UnsupportedStreamingRpcsSendOneEventAndFinishOk) {
  {
    grpc::ClientContext ctx;
    tfplugin6::ListResource::Request req;
    req.set_type_name("test_list");
    auto reader = v6_->ListResource(&ctx, req);
    std::vector<tfplugin6::ListResource::Event> events;
    tfplugin6::ListResource::Event event;
    while (reader->Read(&event)) events.push_back(event);
    ASSERT_TRUE(reader->Finish().ok());
    ASSERT_EQ(events.size(), 1u);
    ASSERT_EQ(events[0].diagnostic_size(), 1);
    EXPECT_THAT(events[0].diagnostic(0).detail(),
                HasSubstr("list resource \"test_list\" is not supported"));
  }
  {
    grpc::ClientContext ctx;
    tfplugin5::ListResource::Request req;
    req.set_type_name("test_list");
    auto reader = v5_->ListResource(&ctx, req);
    int count = 0;
    tfplugin5::ListResource::Event event;
    while (reader->Read(&event)) {
      ++count;
      ASSERT_EQ(event.diagnostic_size(), 1);
      EXPECT_EQ(event.diagnostic(0).severity(), tfplugin5::Diagnostic::ERROR);
    }
    ASSERT_TRUE(reader->Finish().ok());
    EXPECT_EQ(count, 1);
  }
  for (int version : {5, 6}) {
    SCOPED_TRACE(version);
    grpc::ClientContext ctx;
    std::vector<std::string> details;
    grpc::Status status;
    if (version == 6) {
      tfplugin6::InvokeAction::Request req;
      req.set_action_type("test_act");
      auto reader = v6_->InvokeAction(&ctx, req);
      tfplugin6::InvokeAction::Event event;
      while (reader->Read(&event)) {
        ASSERT_TRUE(event.has_completed());
        for (const auto& d : event.completed().diagnostics()) details.push_back(d.detail());
      }
      status = reader->Finish();
    } else {
      tfplugin5::InvokeAction::Request req;
      req.set_action_type("test_act");
      auto reader = v5_->InvokeAction(&ctx, req);
      tfplugin5::InvokeAction::Event event;
      while (reader->Read(&event)) {
        ASSERT_TRUE(event.has_completed());
        for (const auto& d : event.completed().diagnostics()) details.push_back(d.detail());
      }
      status = reader->Finish();
    }
    ASSERT_TRUE(status.ok());
    ASSERT_EQ(details.size(), 1u);
    EXPECT_THAT(details[0], HasSubstr("action \"test_act\" is not supported"));
  }
  {
    grpc::ClientContext ctx;
    tfplugin6::ReadStateBytes::Request req;
    req.set_type_name("test_store");
    auto reader = v6_->ReadStateBytes(&ctx, req);
    std::vector<tfplugin6::ReadStateBytes::Response> chunks;
    tfplugin6::ReadStateBytes::Response chunk;
    while (reader->Read(&chunk)) chunks.push_back(chunk);
    ASSERT_TRUE(reader->Finish().ok());
    ASSERT_EQ(chunks.size(), 1u);
    ASSERT_EQ(chunks[0].diagnostics_size(), 1);
    EXPECT_THAT(chunks[0].diagnostics(0).detail(), HasSubstr("state store \"test_store\""));
  }
  {
    grpc::ClientContext ctx;
    tfplugin6::WriteStateBytes::Response resp;
    auto writer = v6_->WriteStateBytes(&ctx, &resp);
    tfplugin6::WriteStateBytes::RequestChunk chunk;
    chunk.mutable_meta()->set_type_name("test_store");
    chunk.set_bytes("abc");
    ASSERT_TRUE(writer->Write(chunk));
    chunk.clear_meta();
    chunk.set_bytes("def");
    ASSERT_TRUE(writer->Write(chunk));
    ASSERT_TRUE(writer->WritesDone());
    ASSERT_TRUE(writer->Finish().ok());
    ASSERT_EQ(resp.diagnostics_size(), 1);
    EXPECT_THAT(resp.diagnostics(0).detail(), HasSubstr("state store \"test_store\""));
  }
}

TEST_F(ProtocolTest, FunctionsAndIdentitiesAreEmpty) {
  {
    grpc::ClientContext ctx;
    tfplugin6::GetFunctions::Response resp;
    ASSERT_TRUE(v6_->GetFunctions(&ctx, {}, &resp).ok());
    EXPECT_THAT(resp.functions(), IsEmpty());
    EXPECT_THAT(resp.diagnostics(), IsEmpty());
  }
  {
    grpc::ClientContext ctx;
    tfplugin5::GetResourceIdentitySchemas::Response resp;
    ASSERT_TRUE(v5_->GetResourceIdentitySchemas(&ctx, {}, &resp).ok());
    EXPECT_THAT(resp.identity_schemas(), IsEmpty());
    EXPECT_THAT(resp.diagnostics(), IsEmpty());
  }
  {
    grpc::ClientContext ctx;
    tfplugin6::CallFunction::Request req;
    req.set_name("parse");
    tfplugin6::CallFunction::Response resp;
    ASSERT_TRUE(v6_->CallFunction(&ctx, req, &resp).ok());
    ASSERT_TRUE(resp.has_error());
    EXPECT_THAT(resp.error().text(),
                HasSubstr("function \"parse\" is not supported by this provider"));
  }
  {
    grpc::ClientContext ctx;
    tfplugin5::CallFunction::Request req;
    req.set_name("parse");
    tfplugin5::CallFunction::Response resp;
    ASSERT_TRUE(v5_->CallFunction(&ctx, req, &resp).ok());
    EXPECT_THAT(resp.error().text(), HasSubstr("function \"parse\" is not supported"));
  }
}

// --- provider configuration -----------------------------------------------------------

std::string ProviderConfig(const Provider& provider, Value endpoint) {
  Type type = provider.GetSchema().ImpliedType();
  absl::StatusOr<std::string> bytes =
      EncodeMsgpack(Value::ObjectVal(type, {{"endpoint", std::move(endpoint)}}), type);
  EXPECT_TRUE(bytes.ok()) << bytes.status();
  return bytes.ok() ? *bytes : std::string();
}

TEST_F(ProtocolTest, ConfigureProviderPassesVersionAndReturnsDiagnosticsWithPaths) {
  {
    grpc::ClientContext ctx;
    tfplugin6::ConfigureProvider::Request req;
    req.set_terraform_version("1.9.8");
    req.mutable_config()->set_msgpack(ProviderConfig(provider_, Value::StringVal("ok")));
    tfplugin6::ConfigureProvider::Response resp;
    ASSERT_TRUE(v6_->ConfigureProvider(&ctx, req, &resp).ok());
    EXPECT_THAT(resp.diagnostics(), IsEmpty());
    EXPECT_EQ(provider_.configured_version, "1.9.8");
  }
  {
    grpc::ClientContext ctx;
    tfplugin5::Configure::Request req;
    req.set_terraform_version("1.5.7");
    req.mutable_config()->set_msgpack(ProviderConfig(provider_, Value::StringVal("bad")));
    tfplugin5::Configure::Response resp;
    ASSERT_TRUE(v5_->Configure(&ctx, req, &resp).ok());
    EXPECT_EQ(provider_.configured_version, "1.5.7");
    ASSERT_EQ(resp.diagnostics_size(), 1);
    const auto& d = resp.diagnostics(0);
    EXPECT_EQ(d.severity(), tfplugin5::Diagnostic::ERROR);
    EXPECT_EQ(d.summary(), "Bad endpoint");
    EXPECT_EQ(d.detail(), "Cannot use it.");
    ASSERT_EQ(d.attribute().steps_size(), 1);
    EXPECT_EQ(d.attribute().steps(0).attribute_name(), "endpoint");
  }
}

TEST_F(ProtocolTest, ValidateProviderConfigOnBothProtocols) {
  std::string config = ProviderConfig(provider_, Value::StringVal("x"));
  {
    grpc::ClientContext ctx;
    tfplugin5::PrepareProviderConfig::Request req;
    req.mutable_config()->set_msgpack(config);
    tfplugin5::PrepareProviderConfig::Response resp;
    ASSERT_TRUE(v5_->PrepareProviderConfig(&ctx, req, &resp).ok());
    EXPECT_THAT(resp.diagnostics(), IsEmpty());
    EXPECT_EQ(resp.prepared_config().msgpack(), config);
  }
  {
    grpc::ClientContext ctx;
    tfplugin6::ValidateProviderConfig::Request req;
    req.mutable_config()->set_msgpack(config);
    tfplugin6::ValidateProviderConfig::Response resp;
    ASSERT_TRUE(v6_->ValidateProviderConfig(&ctx, req, &resp).ok());
    EXPECT_THAT(resp.diagnostics(), IsEmpty());
  }
  {
    // Garbage bytes: the engine's decode error comes back as a diagnostic, status OK.
    grpc::ClientContext ctx;
    tfplugin6::ValidateProviderConfig::Request req;
    req.mutable_config()->set_msgpack(std::string("\x92\x01", 2));
    tfplugin6::ValidateProviderConfig::Response resp;
    ASSERT_TRUE(v6_->ValidateProviderConfig(&ctx, req, &resp).ok());
    ASSERT_EQ(resp.diagnostics_size(), 1);
    EXPECT_EQ(resp.diagnostics(0).severity(), tfplugin6::Diagnostic::ERROR);
  }
}

TEST_F(ProtocolTest, StopProviderAnswersWithoutError) {
  {
    grpc::ClientContext ctx;
    tfplugin6::StopProvider::Response resp;
    ASSERT_TRUE(v6_->StopProvider(&ctx, {}, &resp).ok());
    EXPECT_EQ(resp.error(), "");
  }
  {
    grpc::ClientContext ctx;
    tfplugin5::Stop::Response resp;
    ASSERT_TRUE(v5_->Stop(&ctx, {}, &resp).ok());
    EXPECT_EQ(resp.error(), "");
  }
}

TEST_F(ProtocolTest, UnknownResourceTypeIsADiagnosticNotAnRpcError) {
  grpc::ClientContext ctx;
  tfplugin6::ValidateResourceConfig::Request req;
  req.set_type_name("test_nope");
  tfplugin6::ValidateResourceConfig::Response resp;
  ASSERT_TRUE(v6_->ValidateResourceConfig(&ctx, req, &resp).ok());
  ASSERT_EQ(resp.diagnostics_size(), 1);
  EXPECT_THAT(resp.diagnostics(0).detail(), HasSubstr("\"test_nope\" is not supported"));
}

// --- resource lifecycle through msgpack, on both protocols -----------------------------

struct V6 {
  using Stub = tfplugin6::Provider::Stub;
  using PlanRequest = tfplugin6::PlanResourceChange::Request;
  using PlanResponse = tfplugin6::PlanResourceChange::Response;
  using ApplyRequest = tfplugin6::ApplyResourceChange::Request;
  using ApplyResponse = tfplugin6::ApplyResourceChange::Response;
  using ReadRequest = tfplugin6::ReadResource::Request;
  using ReadResponse = tfplugin6::ReadResource::Response;
  using UpgradeRequest = tfplugin6::UpgradeResourceState::Request;
  using UpgradeResponse = tfplugin6::UpgradeResourceState::Response;
  using ImportRequest = tfplugin6::ImportResourceState::Request;
  using ImportResponse = tfplugin6::ImportResourceState::Response;
  using DataRequest = tfplugin6::ReadDataSource::Request;
  using DataResponse = tfplugin6::ReadDataSource::Response;
  using ValidateRequest = tfplugin6::ValidateResourceConfig::Request;
  using ValidateResponse = tfplugin6::ValidateResourceConfig::Response;
  static grpc::Status Validate(Stub& s, grpc::ClientContext* c, const ValidateRequest& r,
                               ValidateResponse* out) {
    return s.ValidateResourceConfig(c, r, out);
  }
};

struct V5 {
  using Stub = tfplugin5::Provider::Stub;
  using PlanRequest = tfplugin5::PlanResourceChange::Request;
  using PlanResponse = tfplugin5::PlanResourceChange::Response;
  using ApplyRequest = tfplugin5::ApplyResourceChange::Request;
  using ApplyResponse = tfplugin5::ApplyResourceChange::Response;
  using ReadRequest = tfplugin5::ReadResource::Request;
  using ReadResponse = tfplugin5::ReadResource::Response;
  using UpgradeRequest = tfplugin5::UpgradeResourceState::Request;
  using UpgradeResponse = tfplugin5::UpgradeResourceState::Response;
  using ImportRequest = tfplugin5::ImportResourceState::Request;
  using ImportResponse = tfplugin5::ImportResourceState::Response;
  using DataRequest = tfplugin5::ReadDataSource::Request;
  using DataResponse = tfplugin5::ReadDataSource::Response;
  using ValidateRequest = tfplugin5::ValidateResourceTypeConfig::Request;
  using ValidateResponse = tfplugin5::ValidateResourceTypeConfig::Response;
  static grpc::Status Validate(Stub& s, grpc::ClientContext* c, const ValidateRequest& r,
                               ValidateResponse* out) {
    return s.ValidateResourceTypeConfig(c, r, out);
  }
};

template <class P>
class LifecycleTest : public ProtocolTest {
 protected:
  typename P::Stub& stub() {
    if constexpr (std::is_same_v<P, V6>) {
      return *v6_;
    } else {
      return *v5_;
    }
  }
  Type thing_type_ = ThingResource().GetSchema().ImpliedType();
  Type echo_type_ = EchoDataSource().GetSchema().ImpliedType();

  std::string Encode(const Value& v, const Type& t) {
    absl::StatusOr<std::string> bytes = EncodeMsgpack(v, t);
    EXPECT_TRUE(bytes.ok()) << bytes.status();
    return bytes.ok() ? *bytes : std::string();
  }
  Value Decode(const std::string& bytes, const Type& t) {
    absl::StatusOr<Value> v = DecodeMsgpack(bytes, t);
    EXPECT_TRUE(v.ok()) << v.status();
    return v.ok() ? *v : Value::NullVal(t);
  }
  // The configuration `name = <name>, size = 3, rule = [{port = 80}], tag { key = "k" }`.
  Value Config(const std::string& name) {
    Type rule_type = thing_type_.AttributeType("rule").ElementType();
    Type tag_type = thing_type_.AttributeType("tag").ElementType();
    return Value::ObjectVal(
        thing_type_,
        {
            {"name", Value::StringVal(name)},
            {"size", Value::IntVal(3)},
            {"rule", Value::ListVal(rule_type,
                                    {Value::ObjectVal(rule_type, {{"port", Value::IntVal(80)}})})},
            {"tag", Value::ListVal(tag_type, {Value::ObjectVal(
                                                 tag_type, {{"key", Value::StringVal("k")}})})},
        });
  }
};

using Protocols = ::testing::Types<V6, V5>;
class ProtocolNames {
 public:
  template <class T>
  static std::string GetName(int) {
    return std::is_same_v<T, V6> ? "v6" : "v5";
  }
};
TYPED_TEST_SUITE(LifecycleTest, Protocols, ProtocolNames);

TYPED_TEST(LifecycleTest, ValidatePlanApplyReadImportRoundTrip) {
  using P = TypeParam;
  const Type& type = this->thing_type_;
  const Value config = this->Config("alpha");
  const std::string config_bytes = this->Encode(config, type);
  const std::string null_bytes = this->Encode(Value::NullVal(type), type);

  {  // Validate.
    grpc::ClientContext ctx;
    typename P::ValidateRequest req;
    req.set_type_name("test_thing");
    req.mutable_config()->set_msgpack(config_bytes);
    typename P::ValidateResponse resp;
    ASSERT_TRUE(P::Validate(this->stub(), &ctx, req, &resp).ok());
    EXPECT_THAT(resp.diagnostics(), IsEmpty());
  }

  // Plan a create: the computed id becomes unknown, configured values stay.
  std::string planned_bytes;
  {
    grpc::ClientContext ctx;
    typename P::PlanRequest req;
    req.set_type_name("test_thing");
    req.mutable_prior_state()->set_msgpack(null_bytes);
    req.mutable_proposed_new_state()->set_msgpack(config_bytes);
    req.mutable_config()->set_msgpack(config_bytes);
    typename P::PlanResponse resp;
    ASSERT_TRUE(this->stub().PlanResourceChange(&ctx, req, &resp).ok());
    ASSERT_THAT(resp.diagnostics(), IsEmpty());
    EXPECT_FALSE(resp.legacy_type_system());
    EXPECT_THAT(resp.requires_replace(), IsEmpty());
    planned_bytes = resp.planned_state().msgpack();
    Value planned = this->Decode(planned_bytes, type);
    EXPECT_TRUE(planned.GetAttr("id").IsUnknown()) << planned.ToString();
    EXPECT_EQ(planned.GetAttr("name").AsString(), "alpha");
    EXPECT_EQ(planned.GetAttr("rule"), config.GetAttr("rule"));
  }

  // Apply the create: the resource fills in the id; private bytes pass through.
  std::string state_bytes;
  {
    grpc::ClientContext ctx;
    typename P::ApplyRequest req;
    req.set_type_name("test_thing");
    req.mutable_prior_state()->set_msgpack(null_bytes);
    req.mutable_planned_state()->set_msgpack(planned_bytes);
    req.mutable_config()->set_msgpack(config_bytes);
    req.set_planned_private("opaque");
    typename P::ApplyResponse resp;
    ASSERT_TRUE(this->stub().ApplyResourceChange(&ctx, req, &resp).ok());
    ASSERT_THAT(resp.diagnostics(), IsEmpty());
    EXPECT_FALSE(resp.legacy_type_system());
    EXPECT_EQ(resp.private_(), "opaque");
    state_bytes = resp.new_state().msgpack();
    Value state = this->Decode(state_bytes, type);
    ASSERT_TRUE(state.IsWhollyKnown()) << state.ToString();
    EXPECT_EQ(state.GetAttr("id").AsString(), "id-alpha");
    EXPECT_EQ(state.GetAttr("size"), Value::IntVal(3));
  }

  // Read: the state comes back unchanged.
  {
    grpc::ClientContext ctx;
    typename P::ReadRequest req;
    req.set_type_name("test_thing");
    req.mutable_current_state()->set_msgpack(state_bytes);
    req.set_private_("opaque");
    typename P::ReadResponse resp;
    ASSERT_TRUE(this->stub().ReadResource(&ctx, req, &resp).ok());
    ASSERT_THAT(resp.diagnostics(), IsEmpty());
    EXPECT_EQ(this->Decode(resp.new_state().msgpack(), type), this->Decode(state_bytes, type));
    EXPECT_EQ(resp.private_(), "opaque");
  }

  // Plan a rename: `name` requires replacement and comes back as an AttributePath.
  {
    Value prior = this->Decode(state_bytes, type);
    Value new_config = this->Config("beta");
    Value proposed = new_config.WithAttr("id", prior.GetAttr("id"));
    grpc::ClientContext ctx;
    typename P::PlanRequest req;
    req.set_type_name("test_thing");
    req.mutable_prior_state()->set_msgpack(state_bytes);
    req.mutable_proposed_new_state()->set_msgpack(this->Encode(proposed, type));
    req.mutable_config()->set_msgpack(this->Encode(new_config, type));
    typename P::PlanResponse resp;
    ASSERT_TRUE(this->stub().PlanResourceChange(&ctx, req, &resp).ok());
    ASSERT_THAT(resp.diagnostics(), IsEmpty());
    ASSERT_EQ(resp.requires_replace_size(), 1);
    ASSERT_EQ(resp.requires_replace(0).steps_size(), 1);
    EXPECT_EQ(resp.requires_replace(0).steps(0).attribute_name(), "name");
  }

  // Plan and apply a destroy.
  {
    grpc::ClientContext ctx;
    typename P::PlanRequest req;
    req.set_type_name("test_thing");
    req.mutable_prior_state()->set_msgpack(state_bytes);
    req.mutable_proposed_new_state()->set_msgpack(null_bytes);
    req.mutable_config()->set_msgpack(null_bytes);
    typename P::PlanResponse resp;
    ASSERT_TRUE(this->stub().PlanResourceChange(&ctx, req, &resp).ok());
    ASSERT_THAT(resp.diagnostics(), IsEmpty());
    EXPECT_TRUE(this->Decode(resp.planned_state().msgpack(), type).IsNull());
  }
  {
    grpc::ClientContext ctx;
    typename P::ApplyRequest req;
    req.set_type_name("test_thing");
    req.mutable_prior_state()->set_msgpack(state_bytes);
    req.mutable_planned_state()->set_msgpack(null_bytes);
    req.mutable_config()->set_msgpack(null_bytes);
    typename P::ApplyResponse resp;
    ASSERT_TRUE(this->stub().ApplyResourceChange(&ctx, req, &resp).ok());
    ASSERT_THAT(resp.diagnostics(), IsEmpty());
    EXPECT_TRUE(this->Decode(resp.new_state().msgpack(), type).IsNull());
  }

  // Import by ID.
  {
    grpc::ClientContext ctx;
    typename P::ImportRequest req;
    req.set_type_name("test_thing");
    req.set_id("id-imported");
    typename P::ImportResponse resp;
    ASSERT_TRUE(this->stub().ImportResourceState(&ctx, req, &resp).ok());
    ASSERT_THAT(resp.diagnostics(), IsEmpty());
    ASSERT_EQ(resp.imported_resources_size(), 1);
    EXPECT_EQ(resp.imported_resources(0).type_name(), "test_thing");
    Value imported = this->Decode(resp.imported_resources(0).state().msgpack(), type);
    EXPECT_EQ(imported.GetAttr("id").AsString(), "id-imported");
  }
}

TYPED_TEST(LifecycleTest, UpgradeResourceStateFromJson) {
  using P = TypeParam;
  grpc::ClientContext ctx;
  typename P::UpgradeRequest req;
  req.set_type_name("test_thing");
  req.set_version(2);
  req.mutable_raw_state()->set_json(
      R"({"id":"id-x","name":"x","size":5,"rule":null,"secret":null,"tag":[]})");
  typename P::UpgradeResponse resp;
  ASSERT_TRUE(this->stub().UpgradeResourceState(&ctx, req, &resp).ok());
  ASSERT_THAT(resp.diagnostics(), IsEmpty());
  Value upgraded = this->Decode(resp.upgraded_state().msgpack(), this->thing_type_);
  EXPECT_EQ(upgraded.GetAttr("id").AsString(), "id-x");
  EXPECT_EQ(upgraded.GetAttr("size"), Value::IntVal(5));
}

TYPED_TEST(LifecycleTest, ReadDataSource) {
  using P = TypeParam;
  const Type& type = this->echo_type_;
  grpc::ClientContext ctx;
  typename P::DataRequest req;
  req.set_type_name("test_echo");
  req.mutable_config()->set_msgpack(
      this->Encode(Value::ObjectVal(type, {{"input", Value::StringVal("hi")}}), type));
  typename P::DataResponse resp;
  ASSERT_TRUE(this->stub().ReadDataSource(&ctx, req, &resp).ok());
  ASSERT_THAT(resp.diagnostics(), IsEmpty());
  Value state = this->Decode(resp.state().msgpack(), type);
  EXPECT_EQ(state.GetAttr("output").AsString(), "echo:hi");
}

// --- translation helpers, without a server --------------------------------------------

TEST(TranslateTest, PathStepsUseTheThreeSelectors) {
  tfplugin6::AttributePath pb;
  PathToProto(Path::Root("rule").Index(2).Attr("labels").Key("env"), &pb);
  ASSERT_EQ(pb.steps_size(), 4);
  EXPECT_EQ(pb.steps(0).attribute_name(), "rule");
  EXPECT_EQ(pb.steps(1).element_key_int(), 2);
  EXPECT_EQ(pb.steps(1).selector_case(), tfplugin6::AttributePath::Step::kElementKeyInt);
  EXPECT_EQ(pb.steps(2).attribute_name(), "labels");
  EXPECT_EQ(pb.steps(3).element_key_string(), "env");
  EXPECT_EQ(pb.steps(3).selector_case(), tfplugin6::AttributePath::Step::kElementKeyString);
}

TEST(TranslateTest, DiagnosticsKeepSeverityAndOmitEmptyPaths) {
  Diagnostics diags;
  diags.AddError("E", "error detail", Path::Root("a"));
  diags.AddWarning("W", "", Path());
  google::protobuf::RepeatedPtrField<tfplugin5::Diagnostic> pb;
  AppendDiagnostics(diags, &pb);
  ASSERT_EQ(pb.size(), 2);
  EXPECT_EQ(pb[0].severity(), tfplugin5::Diagnostic::ERROR);
  EXPECT_EQ(pb[0].summary(), "E");
  EXPECT_EQ(pb[0].detail(), "error detail");
  EXPECT_TRUE(pb[0].has_attribute());
  EXPECT_EQ(pb[1].severity(), tfplugin5::Diagnostic::WARNING);
  EXPECT_FALSE(pb[1].has_attribute());
}

TEST(TranslateTest, ClientCapabilitiesReadVersionSpecificFields) {
  tfplugin6::ClientCapabilities v6;
  v6.set_deferral_allowed(true);
  v6.set_store_planned_private(true);
  v6.set_computed_blocks_allowed(true);
  ClientCapabilities c6 = ClientCapabilitiesFromProto(v6);
  EXPECT_TRUE(c6.deferral_allowed);
  EXPECT_FALSE(c6.write_only_attributes_allowed);
  EXPECT_TRUE(c6.store_planned_private);
  EXPECT_TRUE(c6.computed_blocks_allowed);

  tfplugin5::ClientCapabilities v5;
  v5.set_write_only_attributes_allowed(true);
  ClientCapabilities c5 = ClientCapabilitiesFromProto(v5);
  EXPECT_FALSE(c5.deferral_allowed);
  EXPECT_TRUE(c5.write_only_attributes_allowed);
  EXPECT_FALSE(c5.store_planned_private);
}

TEST(TranslateTest, DynamicValueAndRawStateRoundTrip) {
  tfplugin6::DynamicValue dv;
  dv.set_json(R"({"a":1})");
  RawValue raw = RawValueFromProto(dv);
  EXPECT_EQ(raw.json, R"({"a":1})");
  EXPECT_TRUE(raw.msgpack.empty());
  tfplugin6::DynamicValue back;
  RawValueToProto(RawValue{std::string("\xc0", 1), ""}, &back);
  EXPECT_EQ(back.msgpack(), std::string("\xc0", 1));
  EXPECT_TRUE(back.json().empty());

  tfplugin5::RawState rs;
  (*rs.mutable_flatmap())["id"] = "x";
  (*rs.mutable_flatmap())["%"] = "1";
  RawState state = RawStateFromProto(rs);
  EXPECT_TRUE(state.json.empty());
  EXPECT_EQ(state.flatmap, (std::map<std::string, std::string>{{"%", "1"}, {"id", "x"}}));
}

TEST(TranslateTest, NestingModesAndMinMaxItems) {
  Schema schema{.blocks = {
                    Block::Single("one", {}),
                    Block::Set("many", {}).MinItems(1).MaxItems(4),
                    Block::Map("keyed", {}),
                    Block::Group("grouped", {}),
                }};
  tfplugin6::Schema pb;
  SchemaToProto(schema, &pb);
  ASSERT_EQ(pb.block().block_types_size(), 4);
  // Sorted by type name: grouped, keyed, many, one.
  EXPECT_EQ(pb.block().block_types(0).nesting(), tfplugin6::Schema::NestedBlock::GROUP);
  EXPECT_EQ(pb.block().block_types(1).nesting(), tfplugin6::Schema::NestedBlock::MAP);
  EXPECT_EQ(pb.block().block_types(2).nesting(), tfplugin6::Schema::NestedBlock::SET);
  EXPECT_EQ(pb.block().block_types(2).min_items(), 1);
  EXPECT_EQ(pb.block().block_types(2).max_items(), 4);
  EXPECT_EQ(pb.block().block_types(3).nesting(), tfplugin6::Schema::NestedBlock::SINGLE);

  Schema nested{.attributes = {
                    Attribute::SingleNested("s", {Attribute::String("x").Optional()}).Optional(),
                    Attribute::SetNested("t", {Attribute::String("x").Optional()}).Optional(),
                    Attribute::MapNested("u", {Attribute::String("x").Optional()}).Optional(),
                }};
  tfplugin6::Schema pb6;
  SchemaToProto(nested, &pb6);
  EXPECT_EQ(pb6.block().attributes(0).nested_type().nesting(), tfplugin6::Schema::Object::SINGLE);
  EXPECT_EQ(pb6.block().attributes(1).nested_type().nesting(), tfplugin6::Schema::Object::SET);
  EXPECT_EQ(pb6.block().attributes(2).nested_type().nesting(), tfplugin6::Schema::Object::MAP);
  tfplugin5::Schema pb5;
  SchemaToProto(nested, &pb5);
  EXPECT_EQ(pb5.block().attributes(0).type(), R"(["object",{"x":"string"}])");
  EXPECT_EQ(pb5.block().attributes(1).type(), R"(["set",["object",{"x":"string"}]])");
  EXPECT_EQ(pb5.block().attributes(2).type(), R"(["map",["object",{"x":"string"}]])");
}

TEST(TranslateTest, ObjectTypedAttributeKeepsOptionalMarkers) {
  Schema schema{.attributes = {Attribute::Object("o", {{"a", Type::String()}, {"b", Type::Bool()}},
                                                 {"b"})
                                   .Optional()}};
  tfplugin6::Schema pb;
  SchemaToProto(schema, &pb);
  EXPECT_EQ(pb.block().attributes(0).type(), R"(["object",{"a":"string","b":"bool"},["b"]])");
}

// --- the exception barrier --------------------------------------------------------------

TEST(GuardTest, ExceptionBecomesInternalErrorDiagnosticWithStatusOk) {
  struct Case {
    std::string name;
    std::function<void()> body;
    std::string detail;
  };
  std::vector<Case> cases = {
      {"std::runtime_error", [] { throw std::runtime_error("boom"); }, "boom"},
      {"std::out_of_range", [] { throw std::out_of_range("index 7"); }, "index 7"},
      {"not a std::exception", [] { throw 42; }, "not a std::exception"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    tfplugin6::PlanResourceChange::Response resp;
    grpc::Status status = GuardedUnary(&resp, [&] {
      resp.mutable_planned_state()->set_msgpack("partial");  // discarded on error
      c.body();
    });
    EXPECT_TRUE(status.ok());
    EXPECT_FALSE(resp.has_planned_state());
    ASSERT_EQ(resp.diagnostics_size(), 1);
    EXPECT_EQ(resp.diagnostics(0).severity(), tfplugin6::Diagnostic::ERROR);
    EXPECT_EQ(resp.diagnostics(0).summary(), "Internal error in provider");
    EXPECT_THAT(resp.diagnostics(0).detail(), HasSubstr(c.detail));
  }
}

TEST(GuardTest, NoExceptionLeavesTheResponseAlone) {
  tfplugin5::ReadResource::Response resp;
  grpc::Status status = GuardedUnary(&resp, [&] { resp.set_private_("p"); });
  EXPECT_TRUE(status.ok());
  EXPECT_EQ(resp.private_(), "p");
  EXPECT_THAT(resp.diagnostics(), IsEmpty());
}

TEST(GuardTest, FunctionAndStopErrorsGoIntoTheirTextFields) {
  tfplugin6::CallFunction::Response call;
  EXPECT_TRUE(
      GuardedFunctionCall(&call, [] { throw std::runtime_error("bad arg"); }).ok());
  EXPECT_THAT(call.error().text(), HasSubstr("Internal error in provider: bad arg"));

  tfplugin5::Stop::Response stop;
  EXPECT_TRUE(GuardedStop(&stop, [] { throw std::runtime_error("stuck"); }).ok());
  EXPECT_THAT(stop.error(), HasSubstr("stuck"));
}

}  // namespace
}  // namespace tfsdk::internal
