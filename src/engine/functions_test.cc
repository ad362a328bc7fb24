// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Engine::GetFunctions / CallFunction driven with msgpack arguments, as Terraform sends
// them.

#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "src/engine/engine.h"
#include "src/value/msgpack_codec.h"
#include "tfsdk/function.h"
#include "tfsdk/provider.h"

namespace tfsdk::internal {
namespace {

using ::testing::HasSubstr;

using RunFn = std::function<void(const FunctionRunRequest&, FunctionRunResponse&)>;

class FnFunction final : public Function {
 public:
  FnFunction(std::string name, FunctionDefinition def, RunFn run)
      : name_(std::move(name)), def_(std::move(def)), run_(std::move(run)) {}
  std::string Name() const override { return name_; }
  FunctionDefinition Definition() const override { return def_; }
  void Run(const FunctionRunRequest& req, FunctionRunResponse& resp) override {
    ++calls;
    run_(req, resp);
  }
  int calls = 0;

 private:
  std::string name_;
  FunctionDefinition def_;
  RunFn run_;
};

RawValue Mp(const Value& v, const Type& t) {
  absl::StatusOr<std::string> bytes = EncodeMsgpack(v, t);
  EXPECT_TRUE(bytes.ok()) << bytes.status();
  return RawValue{bytes.ok() ? *bytes : std::string(), {}};
}

Value Decoded(const RawValue& raw, const Type& t) {
  absl::StatusOr<Value> v = DecodeMsgpack(raw.msgpack, t);
  EXPECT_TRUE(v.ok()) << v.status();
  return v.ok() ? *v : Value();
}

// join(sep string, parts... string) -> string; sep may be null (means "").
FunctionDefinition JoinDefinition() {
  return FunctionDefinition{
      .parameters = {{.name = "sep", .type = Type::String(), .allow_null_value = true}},
      .variadic_parameter = FunctionParameter{.name = "parts", .type = Type::String()},
      .return_type = Type::String(),
      .summary = "Joins strings."};
}

void RunJoin(const FunctionRunRequest& req, FunctionRunResponse& resp) {
  std::string sep = req.arguments[0].IsNull() ? "" : req.Get<std::string>(0);
  std::string out;
  for (size_t i = 0; i < req.variadic.Length(); ++i) {
    if (i) out += sep;
    out += req.variadic.Index(i).AsString();
  }
  resp.Set(out);
}

class FunctionsTest : public ::testing::Test {
 protected:
  FnFunction* Add(std::string name, FunctionDefinition def, RunFn run) {
    auto f = std::make_unique<FnFunction>(std::move(name), std::move(def), std::move(run));
    FnFunction* raw = f.get();
    provider_.AddFunction(std::move(f));
    return raw;
  }
  Engine& engine() {
    if (!engine_) engine_ = std::make_unique<Engine>(provider_);
    return *engine_;
  }

  Provider provider_{"test"};
  std::unique_ptr<Engine> engine_;
};

TEST_F(FunctionsTest, DefinitionsAppearInGetFunctionsSchemaAndMetadata) {
  Add("join", JoinDefinition(), RunJoin);
  ASSERT_FALSE(engine().schema_diagnostics().HasError());
  FunctionsResult fr = engine().GetFunctions();
  ASSERT_EQ(fr.functions.count("join"), 1u);
  EXPECT_EQ(fr.functions["join"].summary, "Joins strings.");
  EXPECT_EQ(fr.functions["join"].parameters.size(), 1u);
  EXPECT_TRUE(fr.functions["join"].variadic_parameter.has_value());
  EXPECT_EQ(engine().GetProviderSchema().functions.count("join"), 1u);
  EXPECT_EQ(engine().GetMetadata().functions, std::vector<std::string>{"join"});
}

TEST_F(FunctionsTest, VariadicArgumentsArriveAsATuple) {
  Add("join", JoinDefinition(), RunJoin);
  struct Case {
    std::string name;
    std::vector<Value> args;
    std::string want;
  };
  std::vector<Case> cases = {
      {"no variadic", {Value::StringVal("-")}, ""},
      {"one", {Value::StringVal("-"), Value::StringVal("a")}, "a"},
      {"three", {Value::StringVal("-"), Value::StringVal("a"), Value::StringVal("b"),
                 Value::StringVal("c")}, "a-b-c"},
      {"null allowed", {Value::NullVal(Type::String()), Value::StringVal("a"),
                        Value::StringVal("b")}, "ab"},
  };
  for (const Case& c : cases) {
    std::vector<RawValue> raw;
    for (const Value& v : c.args) raw.push_back(Mp(v, Type::String()));
    CallFunctionResult r = engine().CallFunction("join", raw);
    ASSERT_FALSE(r.error.has_value()) << c.name << ": " << r.error->text;
    EXPECT_EQ(Decoded(r.result, Type::String()), Value::StringVal(c.want)) << c.name;
  }
}

TEST_F(FunctionsTest, ArgumentErrorsNameTheArgument) {
  FnFunction* f = Add("join", JoinDefinition(), RunJoin);
  struct Case {
    std::string name;
    std::vector<RawValue> args;
    std::optional<int64_t> want_index;
    std::string want_text;
  };
  RawValue s = Mp(Value::StringVal("x"), Type::String());
  std::vector<Case> cases = {
      {"too few", {}, std::nullopt, "takes at least 1 argument; got 0"},
      {"null variadic", {s, s, Mp(Value::NullVal(Type::String()), Type::String())}, 2,
       "argument must not be null"},
      {"wrong type", {Mp(Value::BoolVal(true), Type::Bool())}, 0,
       "cannot decode the argument as string"},
      {"malformed", {RawValue{"\xc1", {}}}, 0, "cannot decode the argument as string"},
      {"empty is null", {s, s, RawValue{}}, 2, "argument must not be null"},
  };
  for (const Case& c : cases) {
    CallFunctionResult r = engine().CallFunction("join", c.args);
    ASSERT_TRUE(r.error.has_value()) << c.name;
    EXPECT_EQ(r.error->argument, c.want_index) << c.name;
    EXPECT_THAT(r.error->text, HasSubstr(c.want_text)) << c.name;
  }
  EXPECT_EQ(f->calls, 0);
}

TEST_F(FunctionsTest, TooManyArgumentsWithoutVariadic) {
  Add("id", {.parameters = {{.name = "x", .type = Type::Number()}},
             .return_type = Type::Number()},
      [](const FunctionRunRequest& req, FunctionRunResponse& resp) {
        resp.result = req.arguments[0];
      });
  RawValue one = Mp(Value::IntVal(1), Type::Number());
  CallFunctionResult r = engine().CallFunction("id", {one, one});
  ASSERT_TRUE(r.error.has_value());
  EXPECT_THAT(r.error->text, HasSubstr("takes 1 argument; got 2"));
  r = engine().CallFunction("id", {one});
  ASSERT_FALSE(r.error.has_value()) << r.error->text;
  EXPECT_EQ(Decoded(r.result, Type::Number()), Value::IntVal(1));
}

TEST_F(FunctionsTest, UnknownArgumentsShortCircuitUnlessAllowed) {
  FnFunction* strict = Add(
      "strict", {.parameters = {{.name = "x", .type = Type::String()}},
                 .return_type = Type::String()},
      [](const FunctionRunRequest&, FunctionRunResponse& resp) { resp.Set(std::string("ran")); });
  FnFunction* lenient = Add(
      "lenient",
      {.parameters = {{.name = "x", .type = Type::String(), .allow_unknown_values = true}},
       .return_type = Type::Bool()},
      [](const FunctionRunRequest& req, FunctionRunResponse& resp) {
        resp.Set(req.arguments[0].IsUnknown());
      });
  RawValue unknown = Mp(Value::UnknownVal(Type::String()), Type::String());
  CallFunctionResult r = engine().CallFunction("strict", {unknown});
  ASSERT_FALSE(r.error.has_value());
  EXPECT_TRUE(Decoded(r.result, Type::String()).IsUnknown());
  EXPECT_EQ(strict->calls, 0);
  r = engine().CallFunction("lenient", {unknown});
  ASSERT_FALSE(r.error.has_value());
  EXPECT_EQ(Decoded(r.result, Type::Bool()), Value::BoolVal(true));
  EXPECT_EQ(lenient->calls, 1);
}

TEST_F(FunctionsTest, DynamicParameterAndReturnTravelWithTheirType) {
  Add("echo", {.parameters = {{.name = "v", .type = Type::Dynamic()}},
               .return_type = Type::Dynamic()},
      [](const FunctionRunRequest& req, FunctionRunResponse& resp) {
        resp.result = req.arguments[0];
      });
  Value obj = Value::ObjectVal({{"a", Value::IntVal(1)}, {"b", Value::StringVal("x")}});
  CallFunctionResult r = engine().CallFunction("echo", {Mp(obj, Type::Dynamic())});
  ASSERT_FALSE(r.error.has_value()) << r.error->text;
  EXPECT_EQ(Decoded(r.result, Type::Dynamic()), obj);
}

TEST_F(FunctionsTest, RunFailuresBecomeFunctionErrors) {
  FunctionDefinition def{.parameters = {{.name = "a", .type = Type::String()},
                                        {.name = "b", .type = Type::Number()}},
                         .return_type = Type::String()};
  Add("reject", def, [](const FunctionRunRequest&, FunctionRunResponse& resp) {
    resp.SetError("b is too large", 1);
  });
  Add("bad_index", def, [](const FunctionRunRequest&, FunctionRunResponse& resp) {
    resp.SetError("oops", 7);
  });
  Add("throws", def, [](const FunctionRunRequest&, FunctionRunResponse&) {
    throw std::runtime_error("boom");
  });
  Add("bad_get", def, [](const FunctionRunRequest& req, FunctionRunResponse& resp) {
    resp.Set(std::to_string(req.Get<bool>(1)));
  });
  Add("wrong_result", def, [](const FunctionRunRequest&, FunctionRunResponse& resp) {
    resp.result = Value::IntVal(3);
  });
  Add("unset", def, [](const FunctionRunRequest&, FunctionRunResponse&) {});
  struct Case {
    std::string fn;
    std::optional<int64_t> want_index;
    std::string want_text;  // empty: success
  };
  std::vector<Case> cases = {
      {"reject", 1, "b is too large"},
      {"bad_index", std::nullopt, "oops"},
      {"throws", std::nullopt, "Unexpected error in function \"throws\": boom"},
      {"bad_get", 1, ""},
      {"wrong_result", std::nullopt, "does not match its return type string"},
      {"unset", std::nullopt, ""},
  };
  std::vector<RawValue> args = {Mp(Value::StringVal("x"), Type::String()),
                                Mp(Value::IntVal(5), Type::Number())};
  for (const Case& c : cases) {
    CallFunctionResult r = engine().CallFunction(c.fn, args);
    if (c.fn == "unset") {
      ASSERT_FALSE(r.error.has_value()) << r.error->text;
      EXPECT_TRUE(Decoded(r.result, Type::String()).IsNull());
      continue;
    }
    ASSERT_TRUE(r.error.has_value()) << c.fn;
    EXPECT_EQ(r.error->argument, c.want_index) << c.fn;
    EXPECT_THAT(r.error->text, HasSubstr(c.want_text)) << c.fn;
  }
}

TEST_F(FunctionsTest, UnknownFunctionIsAnError) {
  CallFunctionResult r = engine().CallFunction("nope", {});
  ASSERT_TRUE(r.error.has_value());
  EXPECT_THAT(r.error->text, HasSubstr("function \"nope\" is not supported"));
}

TEST_F(FunctionsTest, InvalidDefinitionsAreSchemaErrors) {
  Add("Bad-Name", {}, [](const FunctionRunRequest&, FunctionRunResponse&) {});
  Add("dup_params",
      {.parameters = {{.name = "x", .type = Type::String()}, {.name = "x"}}},
      [](const FunctionRunRequest&, FunctionRunResponse&) {});
  Add("twice", {}, [](const FunctionRunRequest&, FunctionRunResponse&) {});
  Add("twice", {}, [](const FunctionRunRequest&, FunctionRunResponse&) {});
  std::string all = engine().schema_diagnostics().ToString();
  EXPECT_THAT(all, HasSubstr("Invalid function name \"Bad-Name\""));
  EXPECT_THAT(all, HasSubstr("duplicate parameter name \"x\""));
  EXPECT_THAT(all, HasSubstr("Duplicate function \"twice\""));
}

}  // namespace
}  // namespace tfsdk::internal
