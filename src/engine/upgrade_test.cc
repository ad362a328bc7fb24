// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// State upgrades through Engine::UpgradeResourceState, with the raw states Terraform sends:
// JSON from 0.12 and later, the legacy flatmap from older states.

#include "src/engine/upgrade.h"

#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

#include "gtest/gtest.h"
#include "src/engine/engine.h"
#include "src/value/flatmap_codec.h"
#include "src/value/msgpack_codec.h"

namespace tfsdk::internal {
namespace {

Value S(const char* s) { return Value::StringVal(s); }
Value N(int64_t i) { return Value::IntVal(i); }
Value NullLabels() { return Value::NullVal(Type::Map(Type::String())); }

// Version 0 of the widget: size in GB and tags as "key=value" strings.
Schema WidgetV0() {
  return Schema{.attributes = {
                    Attribute::String("id").Computed(),
                    Attribute::String("name").Required(),
                    Attribute::Number("size").Optional(),
                    Attribute::List("tags", Type::String()).Optional(),
                }};
}

// Version 2, the current one: size in MB, labels as a map. (Version 1 renamed "title" to
// "name"; its upgrader reads the raw JSON itself.)
Schema WidgetV2() {
  return Schema{.version = 2,
                .attributes = {
                    Attribute::String("id").Computed(),
                    Attribute::String("name").Required(),
                    Attribute::Number("size_mb").Optional(),
                    Attribute::Map("labels", Type::String()).Optional(),
                }};
}

// v0 -> v2: GB to MB, "k=v" tags to labels.
void UpgradeFromV0(const UpgradeStateRequest& req, UpgradeStateResponse& resp) {
  const Attributes& prior = *req.state;
  std::map<std::string, Value> labels;
  for (const std::string& tag : prior.Get<std::vector<std::string>>("tags")) {
    size_t eq = tag.find('=');
    labels.emplace(tag.substr(0, eq), Value::StringVal(tag.substr(eq + 1)));
  }
  resp.state.SetWhole(Value::ObjectVal(
      resp.state.value().type(),
      {{"id", prior.GetValue("id")},
       {"name", prior.GetValue("name")},
       {"size_mb", Value::IntVal(prior.Get<int64_t>("size") * 1024)},
       {"labels", Value::MapVal(Type::String(), std::move(labels))}}));
}

// v1 -> v2 without a prior schema: the author has only the text. Version 1 states look like
// {"id":"...","title":"...","size_mb":N}; this upgrader keeps the id and the title.
std::string JsonString(const std::string& json, const std::string& key) {
  size_t at = json.find("\"" + key + "\":\"");
  if (at == std::string::npos) throw std::runtime_error("no " + key + " in " + json);
  size_t start = at + key.size() + 4;
  return json.substr(start, json.find('"', start) - start);
}
void UpgradeFromV1(const UpgradeStateRequest& req, UpgradeStateResponse& resp) {
  if (req.state.has_value()) throw std::logic_error("no prior schema, yet a decoded state");
  resp.state.SetWhole(Value::ObjectVal(
      resp.state.value().type(),
      {{"id", Value::StringVal(JsonString(req.raw_json, "id"))},
       {"name", Value::StringVal(JsonString(req.raw_json, "title"))}}));
}

class Widget final : public Resource {
 public:
  explicit Widget(std::map<int64_t, StateUpgrader> upgraders)
      : upgraders_(std::move(upgraders)) {}
  std::string TypeName() const override { return "test_widget"; }
  Schema GetSchema() const override { return WidgetV2(); }
  void Create(const CreateRequest&, CreateResponse&) override {}
  void Read(const ReadRequest&, ReadResponse&) override {}
  void Update(const UpdateRequest&, UpdateResponse&) override {}
  void Delete(const DeleteRequest&, DeleteResponse&) override {}
  std::map<int64_t, StateUpgrader> StateUpgraders() const override {
    ++state_upgraders_calls;
    return upgraders_;
  }
  mutable int state_upgraders_calls = 0;

 private:
  std::map<int64_t, StateUpgrader> upgraders_;
};

struct ApiClient {
  std::string endpoint;
};

class WidgetProvider final : public Provider {
 public:
  WidgetProvider() : Provider("test") {}
  void Configure(const ConfigureProviderRequest&, ConfigureProviderResponse& resp) override {
    resp.provider_data = ProviderData::Make<ApiClient>(ApiClient{"https://api"});
  }
};

class UpgradeTest : public ::testing::Test {
 protected:
  // Builds the engine with these upgraders (the engine reads them once, at construction).
  void Start(std::map<int64_t, StateUpgrader> upgraders) {
    auto w = std::make_unique<Widget>(std::move(upgraders));
    widget_ = w.get();
    provider_.AddResource(std::move(w));
    engine_ = std::make_unique<Engine>(provider_);
    ASSERT_FALSE(engine_->schema_diagnostics().HasError())
        << engine_->schema_diagnostics().ToString();
  }
  static std::map<int64_t, StateUpgrader> StandardUpgraders() {
    return {{0, StateUpgrader{WidgetV0(), UpgradeFromV0}},
            {1, StateUpgrader{std::nullopt, UpgradeFromV1}}};
  }

  UpgradeResourceStateResult Upgrade(int64_t version, RawState raw) {
    return engine_->UpgradeResourceState("test_widget", version, raw);
  }
  static RawState Json(std::string json) { return RawState{std::move(json), {}}; }
  static RawState Flat(std::map<std::string, std::string> flat) {
    return RawState{{}, std::move(flat)};
  }
  // The upgraded state, which must have come without errors.
  Value Upgraded(const UpgradeResourceStateResult& r) {
    EXPECT_FALSE(r.diagnostics.HasError()) << r.diagnostics.ToString();
    absl::StatusOr<Value> v = DecodeMsgpack(r.upgraded_state.msgpack, type_);
    EXPECT_TRUE(v.ok()) << v.status();
    return v.ok() ? *v : Value();
  }
  Value Widget2(std::map<std::string, Value> attrs) { return Value::ObjectVal(type_, attrs); }
  // The single error of `r`, as text.
  static std::string Error(const UpgradeResourceStateResult& r) {
    EXPECT_EQ(r.diagnostics.ErrorCount(), 1u) << r.diagnostics.ToString();
    EXPECT_TRUE(r.upgraded_state.empty());
    return r.diagnostics.ToString();
  }

  WidgetProvider provider_;
  Widget* widget_ = nullptr;
  std::unique_ptr<Engine> engine_;
  Type type_ = WidgetV2().ImpliedType();
};

#define EXPECT_CONTAINS(haystack, needle)                                   \
  EXPECT_NE(std::string(haystack).find(needle), std::string::npos)          \
      << "\"" << (needle) << "\" not in:\n" << (haystack)

TEST_F(UpgradeTest, ReadsTheUpgradersOnce) {
  Start(StandardUpgraders());
  Upgrade(0, Json(R"({"id":"w","name":"a","size":1,"tags":[]})"));
  Upgrade(2, Json(R"({"id":"w","name":"a"})"));
  EXPECT_EQ(widget_->state_upgraders_calls, 1);
}

TEST_F(UpgradeTest, JsonV0WithPriorSchema) {
  Start(StandardUpgraders());
  UpgradeResourceStateResult r =
      Upgrade(0, Json(R"({"id":"w-1","name":"a","size":2,"tags":["env=prod","tier=web"]})"));
  EXPECT_EQ(Upgraded(r),
            Widget2({{"id", S("w-1")},
                     {"name", S("a")},
                     {"size_mb", N(2048)},
                     {"labels", Value::MapVal(Type::String(),
                                              {{"env", S("prod")}, {"tier", S("web")}})}}));
}

TEST_F(UpgradeTest, FlatmapV0WithPriorSchema) {
  Start(StandardUpgraders());
  UpgradeResourceStateResult r = Upgrade(0, Flat({{"id", "w-1"},
                                                  {"name", "a"},
                                                  {"size", "2"},
                                                  {"tags.#", "2"},
                                                  {"tags.0", "env=prod"},
                                                  {"tags.1", "tier=web"}}));
  EXPECT_EQ(Upgraded(r),
            Widget2({{"id", S("w-1")},
                     {"name", S("a")},
                     {"size_mb", N(2048)},
                     {"labels", Value::MapVal(Type::String(),
                                              {{"env", S("prod")}, {"tier", S("web")}})}}));
}

TEST_F(UpgradeTest, JsonV1WithoutPriorSchemaGetsTheRawText) {
  Start(StandardUpgraders());
  UpgradeResourceStateResult r = Upgrade(1, Json(R"({"id":"w-9","title":"t","size_mb":5})"));
  EXPECT_EQ(Upgraded(r), Widget2({{"id", S("w-9")}, {"name", S("t")}}));
}

TEST_F(UpgradeTest, TheUpgraderSeesTheRequest) {
  UpgradeStateRequest seen;
  Start({{0, StateUpgrader{std::nullopt,
                           [&](const UpgradeStateRequest& req, UpgradeStateResponse& resp) {
                             seen = req;
                             resp.state.SetWhole(Widget2({{"id", S("x")}, {"name", S("n")}}));
                           }}}});
  ASSERT_FALSE(engine_->ConfigureProvider("1.15.0", RawValue{}, {}).HasError());
  Upgrade(0, Flat({{"id", "x"}, {"old", "1"}}));
  EXPECT_EQ(seen.version, 0);
  EXPECT_FALSE(seen.state.has_value());
  EXPECT_EQ(seen.raw_flatmap, (std::map<std::string, std::string>{{"id", "x"}, {"old", "1"}}));
  EXPECT_TRUE(seen.raw_json.empty());
  ASSERT_NE(seen.provider_data.Get<ApiClient>(), nullptr);
  EXPECT_EQ(seen.provider_data.Get<ApiClient>()->endpoint, "https://api");
  EXPECT_FALSE(seen.cancel.cancelled());
  engine_->StopProvider();
  Upgrade(0, Flat({{"id", "x"}}));
  EXPECT_TRUE(seen.cancel.cancelled());
}

TEST_F(UpgradeTest, PriorSchemaDropsAttributesItLacksButRawJsonKeepsThem) {
  std::string raw_json;
  Start({{0, StateUpgrader{WidgetV0(), [&](const UpgradeStateRequest& req,
                                           UpgradeStateResponse& resp) {
            raw_json = req.raw_json;
            resp.state.SetWhole(Widget2({{"id", req.state->GetValue("id")},
                                         {"name", req.state->GetValue("name")}}));
          }}}});
  std::string json = R"({"id":"w","name":"a","removed_in_v0":true})";
  EXPECT_EQ(Upgraded(Upgrade(0, Json(json))), Widget2({{"id", S("w")}, {"name", S("a")}}));
  EXPECT_EQ(raw_json, json);
}

TEST_F(UpgradeTest, PriorStateThatDoesNotMatchThePriorSchema) {
  Start(StandardUpgraders());
  std::string json_error = Error(Upgrade(0, Json(R"({"id":"w","name":"a","size":"big"})")));
  EXPECT_CONTAINS(json_error, "Unable to Read Previously Saved State");
  EXPECT_CONTAINS(json_error, "prior schema its upgrader declares for version 0");
  EXPECT_CONTAINS(json_error, "size");
  std::string flat_error = Error(Upgrade(0, Flat({{"id", "w"}, {"size", "big"}})));
  EXPECT_CONTAINS(flat_error, "legacy flatmap");
  EXPECT_CONTAINS(flat_error, "flatmap key \"size\": \"big\" is not a number");
}

TEST_F(UpgradeTest, UpgraderThrowing) {
  Start({{0, StateUpgrader{WidgetV0(), [](const UpgradeStateRequest&, UpgradeStateResponse&) {
            throw std::runtime_error("cannot parse the old size");
          }}}});
  std::string error = Error(Upgrade(0, Json(R"({"id":"w","name":"a"})")));
  EXPECT_CONTAINS(error, "state upgrade of test_widget from version 0");
  EXPECT_CONTAINS(error, "cannot parse the old size");
}

TEST_F(UpgradeTest, UpgraderReadingAMissingAttributeGetsItsPath) {
  Start({{0, StateUpgrader{WidgetV0(),
                           [](const UpgradeStateRequest& req, UpgradeStateResponse&) {
                             (void)req.state->Get<std::string>("no_such_attribute");
                           }}}});
  std::string error = Error(Upgrade(0, Json(R"({"id":"w","name":"a"})")));
  EXPECT_CONTAINS(error, "no_such_attribute");
}

TEST_F(UpgradeTest, UpgraderErrorsAndWarningsAreReported) {
  Start({{0, StateUpgrader{WidgetV0(),
                           [](const UpgradeStateRequest&, UpgradeStateResponse& resp) {
                             resp.diagnostics.AddError("Old widget", "Recreate it.");
                           }}},
         {1, StateUpgrader{std::nullopt,
                           [this](const UpgradeStateRequest&, UpgradeStateResponse& resp) {
                             resp.diagnostics.AddWarning("Deprecated widget");
                             resp.state.SetWhole(Widget2({{"id", S("w")}, {"name", S("a")}}));
                           }}}});
  EXPECT_CONTAINS(Error(Upgrade(0, Json(R"({"id":"w","name":"a"})"))), "Recreate it.");
  UpgradeResourceStateResult warned = Upgrade(1, Json(R"({"id":"w"})"));
  EXPECT_EQ(Upgraded(warned), Widget2({{"id", S("w")}, {"name", S("a")}}));
  ASSERT_EQ(warned.diagnostics.size(), 1u);
  EXPECT_EQ(warned.diagnostics[0].summary, "Deprecated widget");
}

struct BadResult {
  const char* name;
  std::function<Value(const Type& current)> state;
  const char* want;  // in the error
};

class UpgradeResultTest : public UpgradeTest, public ::testing::WithParamInterface<BadResult> {};

TEST_P(UpgradeResultTest, IsRefusedByName) {
  const BadResult& c = GetParam();
  Start({{1, StateUpgrader{std::nullopt,
                           [&](const UpgradeStateRequest&, UpgradeStateResponse& resp) {
                             resp.state.SetWhole(c.state(resp.state.value().type()));
                           }}}});
  std::string error = Error(Upgrade(1, Json(R"({"id":"w"})")));
  EXPECT_CONTAINS(error, c.want);
}

INSTANTIATE_TEST_SUITE_P(
    Upgrade, UpgradeResultTest,
    ::testing::Values(
        BadResult{"LeftNull", [](const Type& t) { return Value::NullVal(t); },
                  "Missing Upgraded Resource State"},
        BadResult{"WrongAttributeType",
                  [](const Type&) {
                    return Value::ObjectVal({{"id", S("w")},
                                             {"name", N(3)},
                                             {"size_mb", Value::NullVal(Type::Number())},
                                             {"labels", NullLabels()}});
                  },
                  "name: string required, got number"},
        BadResult{"MissingAttribute",
                  [](const Type&) { return Value::ObjectVal({{"id", S("w")}}); },
                  "attribute \"labels\" is required"},
        BadResult{"ExtraAttribute",
                  [](const Type&) {
                    return Value::ObjectVal({{"id", S("w")},
                                             {"name", S("a")},
                                             {"size_mb", N(1)},
                                             {"labels", NullLabels()},
                                             {"title", S("old")}});
                  },
                  "unsupported attribute \"title\""},
        BadResult{"WrongElementType",
                  [](const Type&) {
                    return Value::ObjectVal(
                        {{"id", S("w")},
                         {"name", S("a")},
                         {"size_mb", Value::NullVal(Type::Number())},
                         {"labels", Value::MapVal(Type::Number(), {{"k", N(1)}})}});
                  },
                  "labels[\"k\"]: string required, got number"},
        BadResult{"NotAnObject", [](const Type&) { return S("w"); }, "object required"},
        BadResult{"Unknown",
                  [](const Type& t) {
                    return Value::ObjectVal(t, {{"id", Value::UnknownVal(Type::String())}});
                  },
                  "leaves \"id\" unknown"}),
    [](const ::testing::TestParamInfo<BadResult>& info) { return info.param.name; });

TEST_F(UpgradeTest, UpgraderWithoutFunction) {
  Start({{0, StateUpgrader{WidgetV0(), nullptr}}});
  EXPECT_CONTAINS(Error(Upgrade(0, Json(R"({"id":"w"})"))), "has no upgrade function");
}

TEST_F(UpgradeTest, OlderVersionWithoutUpgrader) {
  Start({{0, StateUpgrader{WidgetV0(), UpgradeFromV0}}});
  std::string error = Error(Upgrade(1, Json(R"({"id":"w","title":"t"})")));
  EXPECT_CONTAINS(error, "Unable to Upgrade Resource State");
  EXPECT_CONTAINS(error, "no state upgrader for version 1");
  EXPECT_CONTAINS(error, "now at version 2");
}

TEST_F(UpgradeTest, OlderVersionOfAResourceWithoutUpgraders) {
  Start({});
  EXPECT_CONTAINS(Error(Upgrade(0, Flat({{"id", "w"}}))), "no state upgrader for version 0");
}

TEST_F(UpgradeTest, SameVersionJsonDropsRemovedAttributes) {
  Start(StandardUpgraders());
  UpgradeResourceStateResult r =
      Upgrade(2, Json(R"({"id":"w","name":"a","size_mb":7,"labels":{"k":"v"},"gone":[1]})"));
  EXPECT_EQ(Upgraded(r), Widget2({{"id", S("w")},
                                  {"name", S("a")},
                                  {"size_mb", N(7)},
                                  {"labels", Value::MapVal(Type::String(), {{"k", S("v")}})}}));
}

TEST_F(UpgradeTest, SameVersionFlatmapUsesTheCurrentSchema) {
  Start(StandardUpgraders());
  UpgradeResourceStateResult r = Upgrade(
      2, Flat({{"id", "w"}, {"name", "a"}, {"labels.%", "1"}, {"labels.a.b", "c"}, {"gone", "x"}}));
  EXPECT_EQ(Upgraded(r), Widget2({{"id", S("w")},
                                  {"name", S("a")},
                                  {"labels", Value::MapVal(Type::String(), {{"a.b", S("c")}})}}));
}

TEST_F(UpgradeTest, SameVersionStateThatDoesNotMatch) {
  Start({});
  EXPECT_CONTAINS(Error(Upgrade(2, Json(R"({"id":"w","size_mb":"big"})"))), "size_mb");
  EXPECT_CONTAINS(Error(Upgrade(2, Flat({{"labels.%", "2"}, {"labels.a", "b"}}))),
                  "flatmap key \"labels.%\"");
  EXPECT_CONTAINS(Error(Upgrade(2, Flat({{"id", std::string(kFlatmapUnknown)}}))),
                  "leaves \"id\" unknown");
}

TEST_F(UpgradeTest, UpgraderForTheCurrentVersionRunsEveryTime) {
  int calls = 0;
  Start({{2, StateUpgrader{WidgetV2(),
                           [&](const UpgradeStateRequest& req, UpgradeStateResponse& resp) {
                             ++calls;
                             resp.state.SetWhole(req.state->value());
                             resp.state.Set("name", "fixed");
                           }}}});
  EXPECT_EQ(Upgraded(Upgrade(2, Json(R"({"id":"w","name":"a"})"))),
            Widget2({{"id", S("w")}, {"name", S("fixed")}}));
  EXPECT_EQ(calls, 1);
}

TEST_F(UpgradeTest, NewerVersion) {
  Start(StandardUpgraders());
  std::string error = Error(Upgrade(3, Json(R"({"id":"w"})")));
  EXPECT_CONTAINS(error, "State is from a newer provider");
  EXPECT_CONTAINS(error, "schema version 3");
}

TEST_F(UpgradeTest, EmptyRawStateIsNullWithoutCallingUpgraders) {
  Start({{0, StateUpgrader{WidgetV0(), [](const UpgradeStateRequest&, UpgradeStateResponse&) {
            throw std::logic_error("must not run");
          }}}});
  EXPECT_TRUE(Upgraded(Upgrade(0, RawState{})).IsNull());
  EXPECT_TRUE(Upgraded(Upgrade(2, RawState{})).IsNull());
}

TEST_F(UpgradeTest, UnknownResourceType) {
  Start({});
  UpgradeResourceStateResult r = engine_->UpgradeResourceState("test_nope", 0, Json("{}"));
  EXPECT_CONTAINS(r.diagnostics.ToString(), "test_nope");
  EXPECT_TRUE(r.diagnostics.HasError());
}

}  // namespace
}  // namespace tfsdk::internal
