// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// The "fx" provider's functions driven in-process by tfsdk::testing::UnitHarness: the same
// calls as functions_acceptance_test, without a Terraform binary.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fx_provider.h"
#include "tfsdk/testing/unit.h"

namespace {

using ::testing::HasSubstr;
using tfsdk::Type;
using tfsdk::Value;

class FunctionsUnitTest : public ::testing::Test {
 protected:
  FunctionsUnitTest() : provider_(fx::MakeProvider()), h_(*provider_) {}
  std::unique_ptr<tfsdk::Provider> provider_;
  tfsdk::testing::UnitHarness h_;
};

TEST_F(FunctionsUnitTest, Results) {
  struct Case {
    std::string fn;
    std::vector<Value> args;
    Value want;
  };
  Type person = Type::Object({{"name", Type::String()}, {"age", Type::Number()}});
  std::vector<Case> cases = {
      {"upper", {Value::StringVal("hello")}, Value::StringVal("HELLO")},
      {"sum", {Value::IntVal(5)}, Value::IntVal(5)},
      {"sum", {Value::IntVal(1), Value::IntVal(2), Value::FloatVal(3.5)}, Value::FloatVal(6.5)},
      {"reverse",
       {Value::ListVal(Type::String(), {Value::StringVal("a"), Value::StringVal("b")})},
       Value::ListVal(Type::String(), {Value::StringVal("b"), Value::StringVal("a")})},
      {"person",
       {Value::ObjectVal(person, {{"name", Value::StringVal("Bo")}, {"age", Value::IntVal(9)}})},
       Value::ObjectVal({{"label", Value::StringVal("Bo (9)")}, {"adult", Value::BoolVal(false)}})},
      {"describe", {Value::NullVal(Type::String())}, Value::StringVal("null")},
      {"shout", {Value::UnknownVal(Type::String())}, Value::UnknownVal(Type::String())},
      {"upper", {Value::UnknownVal(Type::String())}, Value::UnknownVal(Type::String())},
      {"port", {Value::StringVal("22")}, Value::IntVal(22)},
  };
  for (const Case& c : cases) {
    tfsdk::testing::FunctionCallResult r = h_.CallFunction(c.fn, c.args);
    ASSERT_TRUE(r.ok()) << c.fn << ": " << r.error->text;
    EXPECT_EQ(r.result, c.want) << c.fn << " returned " << r.result.ToString();
  }
}

TEST_F(FunctionsUnitTest, Errors) {
  struct Case {
    std::string fn;
    std::vector<Value> args;
    std::optional<int64_t> want_argument;
    std::string want_text;
  };
  std::vector<Case> cases = {
      {"port", {Value::StringVal("http")}, 0, "\"http\" is not a port number"},
      {"port", {Value::StringVal("70000")}, 0, "is not a port number"},
      {"upper", {Value::NullVal(Type::String())}, 0, "argument must not be null"},
      {"sum", {Value::IntVal(1), Value::NullVal(Type::Number())}, 1, "must not be null"},
      {"boom", {}, std::nullopt, "the boom function exploded"},
      {"upper", {}, std::nullopt, "takes 1 argument; got 0"},
      {"nope", {}, std::nullopt, "not supported"},
  };
  for (const Case& c : cases) {
    tfsdk::testing::FunctionCallResult r = h_.CallFunction(c.fn, c.args);
    ASSERT_FALSE(r.ok()) << c.fn;
    EXPECT_EQ(r.error->argument, c.want_argument) << c.fn;
    EXPECT_THAT(r.error->text, HasSubstr(c.want_text)) << c.fn;
  }
}

}  // namespace
