// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// cty msgpack codec throughput.
//
//   BM_MsgpackDecodeLarge    DecodeMsgpack of a list of 10,000 objects with 20 attributes
//                            each (8 strings, 6 numbers incl. fractions, 6 bools), 3.3 MB;
//                            the time includes freeing the decoded value
//   BM_MsgpackDecodeLargeExcludingFree  the same with the free outside the timed region
//   BM_MsgpackFreeLarge      freeing that decoded value alone (the decode is not timed)
//   BM_MsgpackEncodeLarge    EncodeMsgpack of the same value
//   BM_MsgpackDecodeResource DecodeMsgpack of one resource-sized object (nested block list,
//                            tags map, set, nulls, unknowns with refinements, a dynamic
//                            attribute), as PlanResourceChange carries it
//   BM_MsgpackEncodeResource EncodeMsgpack of the same object
//   BM_MsgpackParseOnlyLarge msgpack-cxx's SAX parser with a visitor that does nothing
//   BM_MsgpackValueBuildOnlyLarge  building the same Value tree with the decoder's unchecked
//                            constructors and no parsing at all
//   Together the last two bound what any decoder producing a tfsdk::Value can reach.
//
// Throughput is reported as bytes/second of msgpack.

#include <string>
#include <utility>
#include <vector>

#ifndef MSGPACK_NO_BOOST
#define MSGPACK_NO_BOOST
#endif
#include <msgpack.hpp>

#include "absl/status/statusor.h"
#include "benchmark/benchmark.h"
#include "src/value/msgpack_codec.h"
#include "src/value/value_internal.h"
#include "tfsdk/number.h"
#include "tfsdk/type.h"
#include "tfsdk/value.h"

namespace tfsdk::internal {
namespace {

constexpr int kElements = 10000;

Type ItemType() {
  return Type::Object({
      {"id", Type::String()},     {"name", Type::String()},    {"description", Type::String()},
      {"arn", Type::String()},    {"region", Type::String()},  {"zone", Type::String()},
      {"owner", Type::String()},  {"status", Type::String()},  {"port", Type::Number()},
      {"count", Type::Number()},  {"size", Type::Number()},    {"ratio", Type::Number()},
      {"weight", Type::Number()}, {"created", Type::Number()}, {"enabled", Type::Bool()},
      {"public", Type::Bool()},   {"deleted", Type::Bool()},   {"locked", Type::Bool()},
      {"managed", Type::Bool()},  {"tagged", Type::Bool()},
  });
}

Value Item(const Type& type, int i) {
  std::string n = std::to_string(i);
  return Value::ObjectVal(
      type,
      {
          {"id", Value::StringVal("i-" + n)},
          {"name", Value::StringVal("server-" + n)},
          {"description", Value::StringVal("A web server in the production fleet, number " + n)},
          {"arn", Value::StringVal("arn:aws:ec2:eu-west-1:123456789012:instance/i-" + n)},
          {"region", Value::StringVal("eu-west-1")},
          {"zone", Value::StringVal("eu-west-1b")},
          {"owner", Value::StringVal("team-platform")},
          {"status", Value::StringVal(i % 3 == 0 ? "running" : "stopped")},
          {"port", Value::IntVal(8000 + i % 1000)},
          {"count", Value::IntVal(i % 7)},
          {"size", Value::IntVal(int64_t{1} << (i % 40))},
          {"ratio", Value::FloatVal(0.25 * (i % 9))},
          {"weight", Value::FloatVal(i * 1.5)},
          {"created", Value::IntVal(1700000000 + i)},
          {"enabled", Value::BoolVal(i % 2 == 0)},
          {"public", Value::BoolVal(i % 5 == 0)},
          {"deleted", Value::BoolVal(false)},
          {"locked", Value::BoolVal(i % 3 == 0)},
          {"managed", Value::BoolVal(true)},
          {"tagged", Value::BoolVal(i % 4 == 0)},
      });
}

struct Large {
  Type type;
  Value value;
  std::string bytes;
};

const Large& LargeFixture() {
  static const Large* large = [] {
    auto* l = new Large;
    Type item = ItemType();
    l->type = Type::List(item);
    ValueList items;
    items.reserve(kElements);
    for (int i = 0; i < kElements; ++i) items.push_back(Item(item, i));
    l->value = Value::ListVal(item, std::move(items));
    l->bytes = *EncodeMsgpack(l->value, l->type);
    return l;
  }();
  return *large;
}

const Large& ResourceFixture() {
  static const Large* resource = [] {
    auto* r = new Large;
    Type device = Type::Object({{"device_name", Type::String()},
                                {"volume_size", Type::Number()},
                                {"encrypted", Type::Bool()},
                                {"iops", Type::Number()}});
    r->type = Type::Object({
        {"id", Type::String()},
        {"ami", Type::String()},
        {"arn", Type::String()},
        {"instance_type", Type::String()},
        {"cpu_core_count", Type::Number()},
        {"private_ip", Type::String()},
        {"public_ip", Type::String()},
        {"monitoring", Type::Bool()},
        {"tags", Type::Map(Type::String())},
        {"security_groups", Type::Set(Type::String())},
        {"ebs_block_device", Type::List(device)},
        {"user_data", Type::String()},
        {"metadata", Type::Dynamic()},
        {"timeouts", Type::Object({{"create", Type::String()}, {"delete", Type::String()}})},
    });
    Refinements not_null;
    not_null.not_null = true;
    Refinements arn_prefix;
    arn_prefix.not_null = true;
    arn_prefix.string_prefix = "arn:aws:ec2:";
    r->value = Value::ObjectVal(
        r->type,
        {
            {"id", Value::UnknownVal(Type::String(), not_null)},
            {"ami", Value::StringVal("ami-0c55b159cbfafe1f0")},
            {"arn", Value::UnknownVal(Type::String(), arn_prefix)},
            {"instance_type", Value::StringVal("t3.micro")},
            {"cpu_core_count", Value::IntVal(2)},
            {"private_ip", Value::UnknownVal(Type::String())},
            {"monitoring", Value::BoolVal(true)},
            {"tags", Value::MapVal(Type::String(), {{"Name", Value::StringVal("web")},
                                                    {"Environment", Value::StringVal("prod")},
                                                    {"Team", Value::StringVal("platform")}})},
            {"security_groups", Value::SetVal(Type::String(), {Value::StringVal("sg-0123456789"),
                                                               Value::StringVal("sg-abcdef")})},
            {"ebs_block_device",
             Value::ListVal(
                 device, {Value::ObjectVal(device, {{"device_name", Value::StringVal("/dev/sdb")},
                                                    {"volume_size", Value::IntVal(100)},
                                                    {"encrypted", Value::BoolVal(true)}}),
                          Value::ObjectVal(device, {{"device_name", Value::StringVal("/dev/sdc")},
                                                    {"volume_size", Value::IntVal(500)},
                                                    {"iops", Value::IntVal(3000)}})})},
            {"metadata", Value::ObjectVal({{"owner", Value::StringVal("ops")},
                                           {"ratio", Value::FloatVal(0.75)}})},
        });
    r->bytes = *EncodeMsgpack(r->value, r->type);
    return r;
  }();
  return *resource;
}

void Decode(benchmark::State& state, const Large& f) {
  for (auto _ : state) {
    auto v = DecodeMsgpack(f.bytes, f.type);
    if (!v.ok()) state.SkipWithError(std::string(v.status().message()).c_str());
    benchmark::DoNotOptimize(v);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(f.bytes.size()));
  state.counters["msgpack_bytes"] = static_cast<double>(f.bytes.size());
}

// The same, but the decoded value is freed outside the timed region.
void DecodeExcludingFree(benchmark::State& state, const Large& f) {
  for (auto _ : state) {
    auto* v = new absl::StatusOr<Value>(DecodeMsgpack(f.bytes, f.type));
    state.PauseTiming();
    if (!v->ok()) state.SkipWithError(std::string(v->status().message()).c_str());
    delete v;
    state.ResumeTiming();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(f.bytes.size()));
}

// Only the free of a decoded value is timed.
void FreeDecoded(benchmark::State& state, const Large& f) {
  for (auto _ : state) {
    state.PauseTiming();
    auto* v = new absl::StatusOr<Value>(DecodeMsgpack(f.bytes, f.type));
    if (!v->ok()) state.SkipWithError(std::string(v->status().message()).c_str());
    state.ResumeTiming();
    delete v;
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(f.bytes.size()));
}

void Encode(benchmark::State& state, const Large& f) {
  for (auto _ : state) {
    auto b = EncodeMsgpack(f.value, f.type);
    if (!b.ok()) state.SkipWithError(std::string(b.status().message()).c_str());
    benchmark::DoNotOptimize(b);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(f.bytes.size()));
  state.counters["msgpack_bytes"] = static_cast<double>(f.bytes.size());
}

void BM_MsgpackDecodeLarge(benchmark::State& state) { Decode(state, LargeFixture()); }
void BM_MsgpackDecodeLargeExcludingFree(benchmark::State& state) {
  DecodeExcludingFree(state, LargeFixture());
}
void BM_MsgpackFreeLarge(benchmark::State& state) { FreeDecoded(state, LargeFixture()); }
void BM_MsgpackEncodeLarge(benchmark::State& state) { Encode(state, LargeFixture()); }
void BM_MsgpackDecodeResource(benchmark::State& state) { Decode(state, ResourceFixture()); }
void BM_MsgpackEncodeResource(benchmark::State& state) { Encode(state, ResourceFixture()); }

// Rebuilds a copy of `v` (known lists and objects of primitives) through the same unchecked
// constructors the decoder uses: the cost of producing the Value tree without any parsing.
Value Rebuild(const Value& v) {
  switch (v.type().kind()) {
    case TypeKind::kString:
      return ValueAccess::KnownString(std::string(v.AsString()));
    case TypeKind::kNumber:
      return ValueAccess::KnownNumber(v.AsNumber());
    case TypeKind::kBool:
      return ValueAccess::KnownBool(v.AsBool());
    default: {
      ValueList elements;
      elements.reserve(v.Elements().size());
      for (const Value& e : v.Elements()) elements.push_back(Rebuild(e));
      return ValueAccess::KnownSequence(v.type(), std::move(elements));
    }
  }
}

void BM_MsgpackValueBuildOnlyLarge(benchmark::State& state) {
  const Large& f = LargeFixture();
  for (auto _ : state) {
    auto* v = new Value(Rebuild(f.value));
    state.PauseTiming();
    delete v;
    state.ResumeTiming();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(f.bytes.size()));
}

void BM_MsgpackParseOnlyLarge(benchmark::State& state) {
  const Large& f = LargeFixture();
  for (auto _ : state) {
    msgpack::null_visitor v;
    size_t off = 0;
    bool ok = msgpack::v2::parse(f.bytes.data(), f.bytes.size(), off, v);
    benchmark::DoNotOptimize(ok);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(f.bytes.size()));
}

BENCHMARK(BM_MsgpackDecodeLarge)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MsgpackDecodeLargeExcludingFree)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MsgpackFreeLarge)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MsgpackEncodeLarge)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MsgpackDecodeResource)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_MsgpackEncodeResource)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_MsgpackParseOnlyLarge)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MsgpackValueBuildOnlyLarge)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace tfsdk::internal
