// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Provider functions through the protocol 5 and 6 services: GetFunctions, the functions
// in GetProviderSchema and GetMetadata, and CallFunction with its FunctionError.

#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "src/engine/engine.h"
#include "src/protocol/services.h"
#include "src/value/msgpack_codec.h"
#include "tfplugin5.grpc.pb.h"
#include "tfplugin6.grpc.pb.h"
#include "tfsdk/function.h"
#include "tfsdk/provider.h"

namespace tfsdk::internal {
namespace {

using ::testing::HasSubstr;

// repeat(text string, times number, allow null) -> list(string); variadic suffixes string.
class RepeatFunction final : public Function {
 public:
  std::string Name() const override { return "repeat"; }
  FunctionDefinition Definition() const override {
    return {.parameters = {{.name = "text", .type = Type::String(), .description = "What."},
                           {.name = "times",
                            .type = Type::Number(),
                            .allow_null_value = true,
                            .allow_unknown_values = true}},
            .variadic_parameter = FunctionParameter{.name = "suffixes", .type = Type::String()},
            .return_type = Type::List(Type::String()),
            .summary = "Repeats text.",
            .description = "Repeats **text**.",
            .description_kind = StringKind::kMarkdown,
            .deprecation_message = "Use rep."};
  }
  void Run(const FunctionRunRequest& req, FunctionRunResponse& resp) override {
    int64_t times = req.arguments[1].IsNull() ? 1 : req.Get<int64_t>(1);
    if (times < 0) return resp.SetError("times must not be negative", 1);
    std::string suffix;
    for (const Value& v : req.variadic.Elements()) suffix += v.AsString();
    std::string one = req.Get<std::string>(0) + suffix;
    resp.Set(std::vector<std::string>(static_cast<size_t>(times), one));
  }
};

class FunctionsProtocolTest : public ::testing::Test {
 protected:
  // The engine reads the functions when it is built, so they are added first.
  static Provider& WithRepeat(Provider& p) { return p.AddFunction<RepeatFunction>(); }
  template <class PbDynamicValue>
  static void Set(PbDynamicValue* out, const Value& v, const Type& t) {
    absl::StatusOr<std::string> bytes = EncodeMsgpack(v, t);
    ASSERT_TRUE(bytes.ok());
    out->set_msgpack(*bytes);
  }

  Provider provider_{"test"};
  Engine engine_{WithRepeat(provider_)};
  ProviderV6Service v6_{engine_};
  ProviderV5Service v5_{engine_};
};

template <class PbFunction>
void ExpectRepeatDefinition(const PbFunction& f) {
  ASSERT_EQ(f.parameters_size(), 2);
  EXPECT_EQ(f.parameters(0).name(), "text");
  EXPECT_EQ(f.parameters(0).type(), "\"string\"");
  EXPECT_EQ(f.parameters(0).description(), "What.");
  EXPECT_FALSE(f.parameters(0).allow_null_value());
  EXPECT_TRUE(f.parameters(1).allow_null_value());
  EXPECT_TRUE(f.parameters(1).allow_unknown_values());
  EXPECT_EQ(f.variadic_parameter().name(), "suffixes");
  EXPECT_EQ(f.return_().type(), "[\"list\",\"string\"]");
  EXPECT_EQ(f.summary(), "Repeats text.");
  EXPECT_EQ(f.description(), "Repeats **text**.");
  EXPECT_EQ(static_cast<int>(f.description_kind()), 1);  // MARKDOWN
  EXPECT_EQ(f.deprecation_message(), "Use rep.");
}

TEST_F(FunctionsProtocolTest, DefinitionsOnBothProtocols) {
  {
    tfplugin6::GetFunctions::Response resp;
    ASSERT_TRUE(v6_.GetFunctions(nullptr, nullptr, &resp).ok());
    ASSERT_EQ(resp.functions().count("repeat"), 1u);
    ExpectRepeatDefinition(resp.functions().at("repeat"));
  }
  {
    tfplugin5::GetFunctions::Response resp;
    ASSERT_TRUE(v5_.GetFunctions(nullptr, nullptr, &resp).ok());
    ASSERT_EQ(resp.functions().count("repeat"), 1u);
    ExpectRepeatDefinition(resp.functions().at("repeat"));
  }
  {
    tfplugin6::GetProviderSchema::Response resp;
    ASSERT_TRUE(v6_.GetProviderSchema(nullptr, nullptr, &resp).ok());
    ASSERT_EQ(resp.functions().count("repeat"), 1u);
    ExpectRepeatDefinition(resp.functions().at("repeat"));
  }
  {
    tfplugin5::GetProviderSchema::Response resp;
    ASSERT_TRUE(v5_.GetSchema(nullptr, nullptr, &resp).ok());
    ASSERT_EQ(resp.functions().count("repeat"), 1u);
  }
  {
    tfplugin6::GetProviderMetadata::Response resp;
    ASSERT_TRUE(v6_.GetMetadata(nullptr, nullptr, &resp).ok());
    ASSERT_EQ(resp.functions_size(), 1);
    EXPECT_EQ(resp.functions(0).name(), "repeat");
  }
  {
    tfplugin5::GetProviderMetadata::Response resp;
    ASSERT_TRUE(v5_.GetMetadata(nullptr, nullptr, &resp).ok());
    ASSERT_EQ(resp.functions_size(), 1);
  }
}

TEST_F(FunctionsProtocolTest, CallFunctionV6) {
  tfplugin6::CallFunction::Request req;
  req.set_name("repeat");
  Set(req.add_arguments(), Value::StringVal("ab"), Type::String());
  Set(req.add_arguments(), Value::IntVal(2), Type::Number());
  Set(req.add_arguments(), Value::StringVal("!"), Type::String());
  tfplugin6::CallFunction::Response resp;
  ASSERT_TRUE(v6_.CallFunction(nullptr, &req, &resp).ok());
  ASSERT_FALSE(resp.has_error()) << resp.error().text();
  absl::StatusOr<Value> v = DecodeMsgpack(resp.result().msgpack(), Type::List(Type::String()));
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, Value::ListVal(Type::String(), {Value::StringVal("ab!"), Value::StringVal("ab!")}));
}

TEST_F(FunctionsProtocolTest, FunctionErrorCarriesTheArgumentV5) {
  tfplugin5::CallFunction::Request req;
  req.set_name("repeat");
  Set(req.add_arguments(), Value::StringVal("ab"), Type::String());
  Set(req.add_arguments(), Value::IntVal(-1), Type::Number());
  tfplugin5::CallFunction::Response resp;
  ASSERT_TRUE(v5_.CallFunction(nullptr, &req, &resp).ok());
  ASSERT_TRUE(resp.has_error());
  EXPECT_EQ(resp.error().text(), "times must not be negative");
  ASSERT_TRUE(resp.error().has_function_argument());
  EXPECT_EQ(resp.error().function_argument(), 1);
  EXPECT_FALSE(resp.has_result());

  tfplugin5::CallFunction::Request none;
  none.set_name("repeat");
  tfplugin5::CallFunction::Response none_resp;
  ASSERT_TRUE(v5_.CallFunction(nullptr, &none, &none_resp).ok());
  EXPECT_THAT(none_resp.error().text(), HasSubstr("takes at least 2 arguments; got 0"));
  EXPECT_FALSE(none_resp.error().has_function_argument());
}

}  // namespace
}  // namespace tfsdk::internal
