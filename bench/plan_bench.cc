// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Planning a resource with a large SET nested block through the engine, as Terraform calls
// PlanResourceChange: msgpack prior state, proposed new state and configuration in, msgpack
// planned state out. The resource has `id` (Computed), `name` (Required) and a `rule` SET
// block of 1,000 elements with 5 attributes each (port, protocol, cidr, description, and a
// Computed rule_id).
//
//   BM_PlanCreate       create: null prior, every rule_id planned unknown
//   BM_PlanUpdateOne    update: the prior state has all rule_ids; one element's description
//                       changed in the configuration, so the proposed state carries 999
//                       prior elements and one new one (as Terraform's ProposedNew builds it)
//   BM_PlanNoOp         the configuration is unchanged: proposed == prior
//   BM_DecodeUpdateInputs  only decoding the three msgpack inputs of BM_PlanUpdateOne
//   BM_ProposedNewUpdateOne  Terraform's side of the update, as the unit harness computes it
//                       (src/testing/objchange.cc): matching 1,000 set elements by their
//                       non-computed attributes. Not part of the provider's time.
//
// Times are per plan (wall clock).

#include <map>
#include <memory>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "benchmark/benchmark.h"
#include "src/engine/engine.h"
#include "src/testing/objchange.h"
#include "src/value/msgpack_codec.h"
#include "tfsdk/provider.h"
#include "tfsdk/resource.h"
#include "tfsdk/schema.h"
#include "tfsdk/value.h"

namespace tfsdk::internal {
namespace {

constexpr int kRules = 1000;
constexpr int kChanged = 500;  // the element whose description the update changes

class FirewallResource final : public Resource {
 public:
  std::string TypeName() const override { return "bench_firewall"; }
  Schema GetSchema() const override {
    return Schema{
        .attributes = {Attribute::String("id").Computed(), Attribute::String("name").Required()},
        .blocks = {Block::Set("rule", {.attributes =
                                           {
                                               Attribute::Number("port").Required(),
                                               Attribute::String("protocol").Required(),
                                               Attribute::String("cidr").Optional(),
                                               Attribute::String("description").Optional(),
                                               Attribute::String("rule_id").Computed(),
                                           }})},
    };
  }
  void Create(const CreateRequest&, CreateResponse&) override {}
  void Read(const ReadRequest&, ReadResponse&) override {}
  void Update(const UpdateRequest&, UpdateResponse&) override {}
  void Delete(const DeleteRequest&, DeleteResponse&) override {}
};

// The fixtures, built once.
struct Fixture {
  Provider provider{"bench"};
  std::unique_ptr<Engine> engine;
  Schema schema;
  Block block;
  Type type;
  Value config_create, prior, config_update, proposed_update;
  std::string null_mp, config_create_mp, prior_mp, config_update_mp, proposed_update_mp;

  Fixture() {
    provider.AddResource<FirewallResource>();
    engine = std::make_unique<Engine>(provider);
    schema = FirewallResource().GetSchema();
    block = SchemaBlock(schema);
    type = schema.ImpliedType();
    const Type& rule_type = type.AttributeType("rule").ElementType();
    auto rule = [&](int i, bool with_id, const std::string& description) {
      std::map<std::string, Value> a{
          {"port", Value::IntVal(1024 + i)},
          {"protocol", Value::StringVal(i % 2 == 0 ? "tcp" : "udp")},
          {"cidr", Value::StringVal("10." + std::to_string(i / 256) + "." +
                                    std::to_string(i % 256) + ".0/24")},
          {"description", Value::StringVal(description)},
      };
      if (with_id) a["rule_id"] = Value::StringVal("sgr-" + std::to_string(100000 + i));
      return Value::ObjectVal(rule_type, std::move(a));
    };
    ValueList create_rules, prior_rules, update_rules;
    for (int i = 0; i < kRules; ++i) {
      std::string d = "rule number " + std::to_string(i);
      create_rules.push_back(rule(i, false, d));
      prior_rules.push_back(rule(i, true, d));
      update_rules.push_back(rule(i, false, i == kChanged ? d + " (changed)" : d));
    }
    config_create =
        Value::ObjectVal(type, {{"name", Value::StringVal("web")},
                                {"rule", Value::SetVal(rule_type, std::move(create_rules))}});
    prior = Value::ObjectVal(type, {{"id", Value::StringVal("fw-1")},
                                    {"name", Value::StringVal("web")},
                                    {"rule", Value::SetVal(rule_type, std::move(prior_rules))}});
    config_update =
        Value::ObjectVal(type, {{"name", Value::StringVal("web")},
                                {"rule", Value::SetVal(rule_type, std::move(update_rules))}});
    proposed_update = ProposedNewState(block, prior, config_update);
    null_mp = *EncodeMsgpack(Value::NullVal(type), type);
    config_create_mp = *EncodeMsgpack(config_create, type);
    prior_mp = *EncodeMsgpack(prior, type);
    config_update_mp = *EncodeMsgpack(config_update, type);
    proposed_update_mp = *EncodeMsgpack(proposed_update, type);
  }

  PlanResourceChangeRequest Request(const std::string& prior_bytes,
                                    const std::string& proposed_bytes,
                                    const std::string& config_bytes) const {
    PlanResourceChangeRequest req;
    req.type_name = "bench_firewall";
    req.prior_state.msgpack = prior_bytes;
    req.proposed_new_state.msgpack = proposed_bytes;
    req.config.msgpack = config_bytes;
    return req;
  }
};

const Fixture& Get() {
  static const Fixture* f = new Fixture();
  return *f;
}

// Runs one plan per iteration; checks the first result so a broken fixture cannot pass as
// a fast benchmark.
void RunPlan(benchmark::State& state, const PlanResourceChangeRequest& req, int want_unknown_ids) {
  const Fixture& f = Get();
  PlanResourceChangeResult first = f.engine->PlanResourceChange(req);
  if (first.diagnostics.HasError()) {
    state.SkipWithError(first.diagnostics.ToString().c_str());
    return;
  }
  absl::StatusOr<Value> planned = DecodeMsgpack(first.planned_state.msgpack, f.type);
  int unknown = 0;
  for (const Value& r : planned->GetAttr("rule").Elements()) {
    if (r.GetAttr("rule_id").IsUnknown()) ++unknown;
  }
  if (planned->GetAttr("rule").Length() != kRules || unknown != want_unknown_ids) {
    state.SkipWithError("unexpected plan");
    return;
  }
  for (auto _ : state) {
    PlanResourceChangeResult r = f.engine->PlanResourceChange(req);
    benchmark::DoNotOptimize(r.planned_state.msgpack.data());
  }
  state.counters["in_bytes"] =
      static_cast<double>(req.prior_state.msgpack.size() + req.proposed_new_state.msgpack.size() +
                          req.config.msgpack.size());
  state.counters["out_bytes"] = static_cast<double>(first.planned_state.msgpack.size());
}

void BM_PlanCreate(benchmark::State& state) {
  const Fixture& f = Get();
  RunPlan(state, f.Request(f.null_mp, f.config_create_mp, f.config_create_mp), kRules);
}
BENCHMARK(BM_PlanCreate)->Unit(benchmark::kMillisecond);

void BM_PlanUpdateOne(benchmark::State& state) {
  const Fixture& f = Get();
  // Today's engine plans every unconfigured computed value unknown once anything changes
  // (no UseStateForUnknown on rule_id), so all 1,000 rule_ids come back unknown.
  RunPlan(state, f.Request(f.prior_mp, f.proposed_update_mp, f.config_update_mp), kRules);
}
BENCHMARK(BM_PlanUpdateOne)->Unit(benchmark::kMillisecond);

void BM_PlanNoOp(benchmark::State& state) {
  const Fixture& f = Get();
  // The configuration the prior state was created from: proposed == prior.
  RunPlan(state, f.Request(f.prior_mp, f.prior_mp, f.config_create_mp), 0);
}
BENCHMARK(BM_PlanNoOp)->Unit(benchmark::kMillisecond);

// The share of BM_PlanUpdateOne spent decoding its three msgpack inputs.
void BM_DecodeUpdateInputs(benchmark::State& state) {
  const Fixture& f = Get();
  for (auto _ : state) {
    for (const std::string* bytes : {&f.prior_mp, &f.proposed_update_mp, &f.config_update_mp}) {
      absl::StatusOr<Value> v = DecodeMsgpack(*bytes, f.type);
      benchmark::DoNotOptimize(v);
    }
  }
}
BENCHMARK(BM_DecodeUpdateInputs)->Unit(benchmark::kMillisecond);

void BM_ProposedNewUpdateOne(benchmark::State& state) {
  const Fixture& f = Get();
  int carried = 0;  // elements that kept their prior rule_id
  for (const Value& r : f.proposed_update.GetAttr("rule").Elements()) {
    if (!r.GetAttr("rule_id").IsNull()) ++carried;
  }
  if (carried != kRules - 1) {
    state.SkipWithError("unexpected proposed new state");
    return;
  }
  for (auto _ : state) {
    Value v = ProposedNewState(f.block, f.prior, f.config_update);
    benchmark::DoNotOptimize(v);
  }
}
BENCHMARK(BM_ProposedNewUpdateOne)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace tfsdk::internal
