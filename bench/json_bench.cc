// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// cty JSON value codec throughput on a state-sized document: an object holding a list of
// 1,000 resources of 20 attributes each (strings, whole and fractional numbers, bools, a
// tags map, a list, a null, a dynamic attribute), about 1 MB of JSON.
//
//   BM_JsonDecodeState   DecodeJsonValue (SAX parse + type-directed build of the Value)
//   BM_JsonEncodeState   EncodeJsonValue
//   BM_JsonAcceptState   nlohmann_json's parser alone (accept(), no handler work): the
//                        ceiling the decoder's SAX front end can reach
//
// Throughput is reported as bytes/second of JSON text.

#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "nlohmann/json.hpp"
#include "src/value/json_codec.h"
#include "tfsdk/number.h"
#include "tfsdk/type.h"
#include "tfsdk/value.h"

namespace tfsdk::internal {
namespace {

constexpr int kResources = 1000;

Type ResourceType() {
  return Type::Object({
      {"id", Type::String()},
      {"arn", Type::String()},
      {"name", Type::String()},
      {"description", Type::String()},
      {"region", Type::String()},
      {"owner", Type::String()},
      {"vpc_id", Type::String()},
      {"subnet_id", Type::String()},
      {"port", Type::Number()},
      {"count", Type::Number()},
      {"weight", Type::Number()},
      {"cpu", Type::Number()},
      {"memory", Type::Number()},
      {"created", Type::Number()},
      {"enabled", Type::Bool()},
      {"public", Type::Bool()},
      {"tags", Type::Map(Type::String())},
      {"zones", Type::List(Type::String())},
      {"timeouts", Type::Object({{"create", Type::String()}})},
      {"extra", Type::Dynamic()},
  });
}

Type StateType() { return Type::Object({{"resources", Type::List(ResourceType())}}); }

Value Resource(int i) {
  std::string n = std::to_string(i);
  return Value::ObjectVal(
      ResourceType(),
      {
          {"id", Value::StringVal("i-0a1b2c3d4e5f" + n)},
          {"arn", Value::StringVal("arn:aws:ec2:eu-west-1:123456789012:instance/i-" + n)},
          {"name", Value::StringVal("web-server-" + n)},
          {"description", Value::StringVal("A web server \"number\" " + n + " in the fleet")},
          {"region", Value::StringVal("eu-west-1")},
          {"owner", Value::StringVal("team-platform")},
          {"vpc_id", Value::StringVal("vpc-0123456789abcdef0")},
          {"subnet_id", Value::StringVal("subnet-0123456789abcdef" + n)},
          {"port", Value::IntVal(8000 + i % 1000)},
          {"count", Value::IntVal(i)},
          {"weight", Value::NumberVal(*Number::Parse("0." + n))},
          {"cpu", Value::FloatVal(0.5 * (i % 8))},
          {"memory", Value::IntVal(4096L * (1 + i % 4))},
          {"created", Value::IntVal(1700000000000L + i)},
          {"enabled", Value::BoolVal(i % 2 == 0)},
          {"public", Value::BoolVal(i % 3 == 0)},
          {"tags", Value::MapVal(Type::String(), {{"env", Value::StringVal("prod")},
                                                  {"team", Value::StringVal("platform")},
                                                  {"index", Value::StringVal(n)}})},
          {"zones", Value::ListVal(Type::String(), {Value::StringVal("eu-west-1a"),
                                                    Value::StringVal("eu-west-1b")})},
          {"timeouts", Value::NullVal(Type::Object({{"create", Type::String()}}))},
          {"extra", Value::ListVal(Type::Number(), {Value::IntVal(i), Value::IntVal(i + 1)})},
      });
}

const Value& State() {
  static const Value* state = [] {
    ValueList resources;
    resources.reserve(kResources);
    for (int i = 0; i < kResources; ++i) resources.push_back(Resource(i));
    return new Value(Value::ObjectVal(
        StateType(), {{"resources", Value::ListVal(ResourceType(), std::move(resources))}}));
  }();
  return *state;
}

const std::string& StateJson() {
  static const std::string* json = new std::string(*EncodeJsonValue(State(), StateType()));
  return *json;
}

void BM_JsonDecodeState(benchmark::State& state) {
  const std::string& json = StateJson();
  const Type type = StateType();
  for (auto _ : state) {
    absl::StatusOr<Value> v = DecodeJsonValue(json, type);
    if (!v.ok()) state.SkipWithError(std::string(v.status().message()).c_str());
    benchmark::DoNotOptimize(v);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(json.size()));
  state.counters["json_bytes"] = static_cast<double>(json.size());
}
BENCHMARK(BM_JsonDecodeState)->Unit(benchmark::kMillisecond);

void BM_JsonEncodeState(benchmark::State& state) {
  const Value& value = State();
  const Type type = StateType();
  size_t size = 0;
  for (auto _ : state) {
    absl::StatusOr<std::string> json = EncodeJsonValue(value, type);
    if (!json.ok()) state.SkipWithError(std::string(json.status().message()).c_str());
    size = json->size();
    benchmark::DoNotOptimize(json);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(size));
}
BENCHMARK(BM_JsonEncodeState)->Unit(benchmark::kMillisecond);

void BM_JsonAcceptState(benchmark::State& state) {
  const std::string& json = StateJson();
  for (auto _ : state) {
    bool ok = nlohmann::json::accept(json);
    benchmark::DoNotOptimize(ok);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(json.size()));
}
BENCHMARK(BM_JsonAcceptState)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace tfsdk::internal
