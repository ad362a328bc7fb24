// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// List resources in the engine: schemas and metadata, config validation, the limit, and
// the checks on each result's identity and resource object.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "src/engine/engine.h"
#include "src/value/msgpack_codec.h"

namespace tfsdk::internal {
namespace {

Value S(const std::string& s) { return Value::StringVal(s); }

class ThingResource final : public Resource {
 public:
  std::string TypeName() const override { return "test_thing"; }
  Schema GetSchema() const override {
    return Schema{.attributes = {Attribute::String("name").Required(),
                                 Attribute::String("secret").Optional().WriteOnly()}};
  }
  std::optional<IdentitySchema> GetIdentitySchema() const override {
    return IdentitySchema{.attributes = {IdentityAttribute::String("name").RequiredForImport()}};
  }
  void Create(const CreateRequest&, CreateResponse&) override {}
  void Read(const ReadRequest&, ReadResponse&) override {}
  void Update(const UpdateRequest&, UpdateResponse&) override {}
  void Delete(const DeleteRequest&, DeleteResponse&) override {}
};

class ThingList final : public ListResource {
 public:
  std::function<void(const ListRequest&, ListResultStream&)> list =
      [](const ListRequest& req, ListResultStream& stream) {
        for (const char* name : {"a", "b", "c"}) {
          ListResult r = stream.NewResult();
          r.display_name = std::string("thing ") + name;
          r.identity.Set("name", name);
          if (req.include_resource) {
            r.resource.Set("name", name);
            r.resource.Set("secret", "never sent");
          }
          if (!stream.Send(std::move(r))) return;
        }
      };
  std::string TypeName() const override { return "test_thing"; }
  Schema GetSchema() const override {
    return Schema{.attributes = {Attribute::String("prefix").Optional()}};
  }
  void List(const ListRequest& req, ListResultStream& stream) override { list(req, stream); }
  void ValidateConfig(const ValidateConfigRequest& req, ValidateConfigResponse& resp) override {
    if (req.config.GetValue("prefix").RawEquals(S("bad"))) {
      resp.diagnostics.AddError("Bad prefix", "", Path::Root("prefix"));
    }
  }
};

class EngineListTest : public ::testing::Test {
 protected:
  EngineListTest() {
    provider_.AddResource<ThingResource>();
    auto list = std::make_unique<ThingList>();
    list_ = list.get();
    provider_.AddListResource(std::move(list));
    engine_ = std::make_unique<Engine>(provider_);
  }
  RawValue Config(Value prefix) {
    Type t = Type::Object({{"prefix", Type::String()}});
    return RawValue{EncodeMsgpack(Value::ObjectVal(t, {{"prefix", std::move(prefix)}}), t).value(),
                    {}};
  }
  std::vector<ListResourceEvent> List(bool include, int64_t limit) {
    std::vector<ListResourceEvent> events;
    engine_->ListResource(
        ListResourceRequest{"test_thing", Config(S("p")), include, limit},
        [&](ListResourceEvent e) {
          events.push_back(std::move(e));
          return true;
        });
    return events;
  }

  Provider provider_{"test"};
  ThingList* list_ = nullptr;
  std::unique_ptr<Engine> engine_;
  Type identity_type_ = Type::Object({{"name", Type::String()}});
  Type resource_type_ = Type::Object({{"name", Type::String()}, {"secret", Type::String()}});
};

TEST_F(EngineListTest, SchemasAndMetadata) {
  EXPECT_FALSE(engine_->schema_diagnostics().HasError())
      << engine_->schema_diagnostics().ToString();
  EXPECT_EQ(engine_->GetMetadata().list_resources, std::vector<std::string>{"test_thing"});
  EXPECT_EQ(engine_->GetProviderSchema().list_resources.count("test_thing"), 1u);
}

TEST_F(EngineListTest, ListWithoutResourceIsAStartupError) {
  Provider p("test");
  p.AddListResource<ThingList>();
  Engine e(p);
  EXPECT_TRUE(e.schema_diagnostics().HasError());
}

TEST_F(EngineListTest, ValidateRunsTheHook) {
  EXPECT_FALSE(engine_->ValidateListResourceConfig("test_thing", Config(S("ok"))).HasError());
  Diagnostics d = engine_->ValidateListResourceConfig("test_thing", Config(S("bad")));
  ASSERT_TRUE(d.HasError());
  EXPECT_EQ(d.begin()->summary, "Bad prefix");
  EXPECT_TRUE(engine_->ValidateListResourceConfig("test_nope", Config(S("ok"))).HasError());
}

TEST_F(EngineListTest, LimitAndIncludeResource) {
  struct Case {
    bool include;
    int64_t limit;
    size_t want;
  };
  for (const Case& c : {Case{false, 0, 3}, Case{false, 2, 2}, Case{true, 1, 1}, Case{true, 5, 3}}) {
    std::vector<ListResourceEvent> events = List(c.include, c.limit);
    ASSERT_EQ(events.size(), c.want) << c.include << " " << c.limit;
    const ListResourceEvent& first = events[0];
    EXPECT_FALSE(first.diagnostics.HasError()) << first.diagnostics.ToString();
    EXPECT_EQ(first.display_name, "thing a");
    ASSERT_TRUE(first.identity.has_value());
    EXPECT_EQ(DecodeMsgpack(first.identity->msgpack, identity_type_).value(),
              Value::ObjectVal(identity_type_, {{"name", S("a")}}));
    EXPECT_EQ(first.resource_object.has_value(), c.include);
    if (c.include) {
      Value object = DecodeMsgpack(first.resource_object->msgpack, resource_type_).value();
      EXPECT_EQ(object.GetAttr("name"), S("a"));
      EXPECT_TRUE(object.GetAttr("secret").IsNull()) << "write-only values are never listed";
    }
  }
}

TEST_F(EngineListTest, BadResultsBecomeDiagnostics) {
  struct Case {
    const char* name;
    std::function<void(const ListRequest&, ListResultStream&)> list;
    std::string want;
  };
  const Case cases[] = {
      {"no identity",
       [](const ListRequest&, ListResultStream& s) { s.Send(s.NewResult()); },
       "Invalid list result identity"},
      {"unknown resource attribute",
       [](const ListRequest&, ListResultStream& s) {
         ListResult r = s.NewResult();
         r.identity.Set("name", "a");
         r.resource.SetValue(Path::Root("name"), Value::UnknownVal(Type::String()));
         s.Send(std::move(r));
       },
       "Invalid list result resource object"},
      {"author error", 
       [](const ListRequest&, ListResultStream& s) {
         ListResult r = s.NewResult();
         r.identity.Set("name", "a");
         r.diagnostics.AddError("API down");
         s.Send(std::move(r));
       },
       "API down"},
      {"exception", [](const ListRequest&, ListResultStream&) { throw std::runtime_error("x"); },
       "Unexpected error in List of test_thing"},
  };
  for (const Case& c : cases) {
    list_->list = c.list;
    std::vector<ListResourceEvent> events = List(true, 10);
    ASSERT_EQ(events.size(), 1u) << c.name;
    ASSERT_TRUE(events[0].diagnostics.HasError()) << c.name;
    EXPECT_EQ(events[0].diagnostics.begin()->summary, c.want) << c.name;
    EXPECT_FALSE(events[0].identity.has_value()) << c.name;
    EXPECT_FALSE(events[0].resource_object.has_value()) << c.name;
  }
}

TEST_F(EngineListTest, StopsWhenTheClientIsGone) {
  int emitted = 0;
  engine_->ListResource(ListResourceRequest{"test_thing", Config(S("p")), false, 0},
                        [&](ListResourceEvent) { return ++emitted < 2; });
  EXPECT_EQ(emitted, 2);
}

}  // namespace
}  // namespace tfsdk::internal
