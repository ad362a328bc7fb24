// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// The action RPCs of both protocols over in-process gRPC (InvokeAction is a server stream):
// schemas and metadata, validation, PlanAction and the InvokeAction event stream.

#include <unistd.h>

#include <atomic>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <grpcpp/grpcpp.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "src/engine/engine.h"
#include "src/protocol/services.h"
#include "src/value/msgpack_codec.h"
#include "tfplugin5.grpc.pb.h"
#include "tfplugin6.grpc.pb.h"
#include "tfsdk/action.h"
#include "tfsdk/provider.h"
#include "tfsdk/validators.h"

namespace tfsdk::internal {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Sends one progress message per word of `message`; "throw" throws after the first word,
// "fail" reports an error after all of them, "threads" sends from two threads.
class EchoAction final : public Action {
 public:
  std::string TypeName() const override { return "test_echo"; }
  Schema GetSchema() const override {
    return Schema{.attributes = {
                      Attribute::String("message").Required().Validators(
                          {validators::LengthAtLeast(2)}),
                      Attribute::String("mode").Optional(),
                  }};
  }
  void Plan(const ActionPlanRequest& req, ActionPlanResponse& resp) override {
    if (!req.config.GetValue("message").IsKnown()) {
      resp.diagnostics.AddWarning("message unknown in plan");
    }
    if (req.deferral_allowed) resp.diagnostics.AddWarning("deferral allowed");
  }
  void Invoke(const ActionInvokeRequest& req, ActionInvokeResponse& resp) override {
    std::string mode = req.config.Get<std::optional<std::string>>("mode").value_or("");
    std::string message = req.config.Get<std::string>("message");
    if (mode == "threads") {
      std::thread a([&] { for (int i = 0; i < 50; ++i) req.SendProgress("a"); });
      std::thread b([&] { for (int i = 0; i < 50; ++i) req.SendProgress("b"); });
      a.join();
      b.join();
      return;
    }
    size_t start = 0;
    while (start <= message.size()) {
      size_t end = message.find(' ', start);
      if (end == std::string::npos) end = message.size();
      req.SendProgress(message.substr(start, end - start));
      if (mode == "throw") throw std::runtime_error("echo broke");
      start = end + 1;
    }
    if (mode == "fail") resp.diagnostics.AddError("Echo failed", "as asked");
  }
};

std::string UniqueSocketAddress() {
  static std::atomic<int> counter{0};
  return "unix:/tmp/tfsdk-action-" + std::to_string(getpid()) + "-" +
         std::to_string(counter++) + ".sock";
}

class ActionProtocolTest : public ::testing::Test {
 protected:
  ActionProtocolTest() : provider_("test") {}
  void SetUp() override {
    provider_.AddAction<EchoAction>();
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
    ASSERT_NE(server_, nullptr);
    auto channel = grpc::CreateChannel(address_, grpc::InsecureChannelCredentials());
    v6_ = tfplugin6::Provider::NewStub(channel);
    v5_ = tfplugin5::Provider::NewStub(channel);
    type_ = EchoAction().GetSchema().ImpliedType();
  }
  void TearDown() override {
    if (server_ != nullptr) server_->Shutdown();
    unlink(address_.substr(5).c_str());
  }

  std::string Config(Value message, const std::string& mode = "") {
    return EncodeMsgpack(
               Value::ObjectVal(type_, {{"message", std::move(message)},
                                        {"mode", mode.empty() ? Value::NullVal(Type::String())
                                                              : Value::StringVal(mode)}}),
               type_)
        .value();
  }

  struct Invocation {
    std::vector<std::string> progress;
    std::vector<std::string> errors;  // summary: detail of the completed event's errors
    int completed = 0;
    bool event_after_completed = false;
    bool status_ok = false;
  };
  template <class Stub, class Req, class Event>
  Invocation Invoke(Stub& stub, const std::string& config) {
    grpc::ClientContext ctx;
    Req req;
    req.set_action_type("test_echo");
    req.mutable_config()->set_msgpack(config);
    auto reader = stub.InvokeAction(&ctx, req);
    Invocation out;
    Event event;
    while (reader->Read(&event)) {
      if (out.completed > 0) out.event_after_completed = true;
      if (event.has_progress()) out.progress.push_back(event.progress().message());
      if (event.has_completed()) {
        ++out.completed;
        for (const auto& d : event.completed().diagnostics()) {
          out.errors.push_back(d.summary() + ": " + d.detail());
        }
      }
    }
    out.status_ok = reader->Finish().ok();
    return out;
  }
  Invocation Invoke6(const std::string& config) {
    return Invoke<tfplugin6::Provider::Stub, tfplugin6::InvokeAction::Request,
                  tfplugin6::InvokeAction::Event>(*v6_, config);
  }
  Invocation Invoke5(const std::string& config) {
    return Invoke<tfplugin5::Provider::Stub, tfplugin5::InvokeAction::Request,
                  tfplugin5::InvokeAction::Event>(*v5_, config);
  }

  Provider provider_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<ProviderV6Service> v6_service_;
  std::unique_ptr<ProviderV5Service> v5_service_;
  std::string address_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<tfplugin6::Provider::Stub> v6_;
  std::unique_ptr<tfplugin5::Provider::Stub> v5_;
  Type type_;
};

TEST_F(ActionProtocolTest, SchemasAndMetadata) {
  {
    grpc::ClientContext ctx;
    tfplugin6::GetProviderSchema::Response resp;
    ASSERT_TRUE(v6_->GetProviderSchema(&ctx, {}, &resp).ok());
    ASSERT_EQ(resp.action_schemas().count("test_echo"), 1u);
    const auto& block = resp.action_schemas().at("test_echo").schema().block();
    ASSERT_EQ(block.attributes_size(), 2);
    EXPECT_EQ(block.attributes(0).name(), "message");
    EXPECT_TRUE(block.attributes(0).required());
  }
  {
    grpc::ClientContext ctx;
    tfplugin5::GetProviderSchema::Response resp;
    ASSERT_TRUE(v5_->GetSchema(&ctx, {}, &resp).ok());
    EXPECT_EQ(resp.action_schemas().count("test_echo"), 1u);
  }
  {
    grpc::ClientContext ctx;
    tfplugin6::GetProviderMetadata::Response resp;
    ASSERT_TRUE(v6_->GetMetadata(&ctx, {}, &resp).ok());
    ASSERT_EQ(resp.actions_size(), 1);
    EXPECT_EQ(resp.actions(0).type_name(), "test_echo");
  }
  {
    // Protocol 5 carries the action names in field 8 of the response (as Terraform core
    // reads them); the generated accessor is the same.
    grpc::ClientContext ctx;
    tfplugin5::GetProviderMetadata::Response resp;
    ASSERT_TRUE(v5_->GetMetadata(&ctx, {}, &resp).ok());
    ASSERT_EQ(resp.actions_size(), 1);
    EXPECT_EQ(resp.actions(0).type_name(), "test_echo");
    const auto* field =
        tfplugin5::GetProviderMetadata::Response::descriptor()->FindFieldByName("actions");
    ASSERT_NE(field, nullptr);
    EXPECT_EQ(field->number(), 8);
  }
}

TEST_F(ActionProtocolTest, ValidateReportsTheAttribute) {
  for (int version : {5, 6}) {
    SCOPED_TRACE(version);
    grpc::ClientContext ctx;
    std::vector<std::string> names;
    if (version == 6) {
      tfplugin6::ValidateActionConfig::Request req;
      req.set_type_name("test_echo");
      req.mutable_config()->set_msgpack(Config(Value::StringVal("x")));
      tfplugin6::ValidateActionConfig::Response resp;
      ASSERT_TRUE(v6_->ValidateActionConfig(&ctx, req, &resp).ok());
      for (const auto& d : resp.diagnostics()) {
        names.push_back(d.attribute().steps(0).attribute_name());
      }
    } else {
      tfplugin5::ValidateActionConfig::Request req;
      req.set_type_name("test_echo");
      req.mutable_config()->set_msgpack(Config(Value::StringVal("x")));
      tfplugin5::ValidateActionConfig::Response resp;
      ASSERT_TRUE(v5_->ValidateActionConfig(&ctx, req, &resp).ok());
      for (const auto& d : resp.diagnostics()) {
        names.push_back(d.attribute().steps(0).attribute_name());
      }
    }
    EXPECT_THAT(names, ElementsAre("message"));
  }
}

TEST_F(ActionProtocolTest, PlanSeesUnknownsAndCapabilities) {
  grpc::ClientContext ctx;
  tfplugin6::PlanAction::Request req;
  req.set_action_type("test_echo");
  req.mutable_config()->set_msgpack(Config(Value::UnknownVal(Type::String())));
  req.mutable_client_capabilities()->set_deferral_allowed(true);
  tfplugin6::PlanAction::Response resp;
  ASSERT_TRUE(v6_->PlanAction(&ctx, req, &resp).ok());
  std::vector<std::string> summaries;
  for (const auto& d : resp.diagnostics()) summaries.push_back(d.summary());
  EXPECT_THAT(summaries, ElementsAre("message unknown in plan", "deferral allowed"));
  EXPECT_FALSE(resp.has_deferred());
}

TEST_F(ActionProtocolTest, InvokeStreamsProgressThenCompleted) {
  for (int version : {5, 6}) {
    SCOPED_TRACE(version);
    std::string config = Config(Value::StringVal("one two three"));
    Invocation inv = version == 6 ? Invoke6(config) : Invoke5(config);
    EXPECT_TRUE(inv.status_ok);
    EXPECT_THAT(inv.progress, ElementsAre("one", "two", "three"));
    EXPECT_EQ(inv.completed, 1);
    EXPECT_FALSE(inv.event_after_completed);
    EXPECT_TRUE(inv.errors.empty());
  }
}

TEST_F(ActionProtocolTest, InvokeFailures) {
  struct Case {
    std::string name;
    std::string config;
    std::vector<std::string> progress;
    std::string error;
  };
  std::vector<Case> cases = {
      {"error diagnostic", Config(Value::StringVal("a b"), "fail"), {"a", "b"},
       "Echo failed: as asked"},
      {"exception", Config(Value::StringVal("a b"), "throw"), {"a"}, "echo broke"},
      {"unknown configuration", Config(Value::UnknownVal(Type::String())), {},
       "Action configuration not known"},
      {"malformed configuration", std::string("\x92\x01", 2), {},
       "Invalid action configuration"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Invocation inv = Invoke6(c.config);
    EXPECT_TRUE(inv.status_ok);
    EXPECT_EQ(inv.progress, c.progress);
    EXPECT_EQ(inv.completed, 1);
    EXPECT_FALSE(inv.event_after_completed);
    ASSERT_EQ(inv.errors.size(), 1u);
    EXPECT_THAT(inv.errors[0], HasSubstr(c.error));
  }
}

TEST_F(ActionProtocolTest, ProgressFromSeveralThreads) {
  Invocation inv = Invoke6(Config(Value::StringVal("xx"), "threads"));
  EXPECT_TRUE(inv.status_ok);
  EXPECT_EQ(inv.progress.size(), 100u);
  EXPECT_EQ(inv.completed, 1);
}

TEST(ActionEngineTest, ComputedAttributesAreRefused) {
  class Bad final : public Action {
   public:
    std::string TypeName() const override { return "test_bad"; }
    Schema GetSchema() const override {
      return Schema{.attributes = {Attribute::String("out").Computed()}};
    }
    void Invoke(const ActionInvokeRequest&, ActionInvokeResponse&) override {}
  };
  Provider provider("test");
  provider.AddAction<Bad>();
  Engine engine(provider);
  ASSERT_TRUE(engine.schema_diagnostics().HasError());
  EXPECT_THAT(engine.schema_diagnostics().ToString(), HasSubstr("\"out\" is computed"));
}

}  // namespace
}  // namespace tfsdk::internal
