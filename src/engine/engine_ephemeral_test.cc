// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Ephemeral resources and write-only attributes in the engine, driven with the same
// msgpack-encoded values Terraform sends.

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "gtest/gtest.h"
#include "src/engine/engine.h"
#include "src/value/msgpack_codec.h"
#include "tfsdk/validators.h"

namespace tfsdk::internal {
namespace {

using Clock = std::chrono::system_clock;

class FakeEphemeral final : public EphemeralResource {
 public:
  std::function<void(const EphemeralOpenRequest&, EphemeralOpenResponse&)> open =
      [](const EphemeralOpenRequest& req, EphemeralOpenResponse& resp) {
        resp.result.Set("token", "tok-" + req.config.Get<std::string>("role"));
        resp.private_state.Set("lease", "\"l1\"");
      };
  std::function<void(const EphemeralRenewRequest&, EphemeralRenewResponse&)> renew =
      [](const EphemeralRenewRequest&, EphemeralRenewResponse&) {};
  std::function<void(const EphemeralCloseRequest&, EphemeralCloseResponse&)> close =
      [](const EphemeralCloseRequest&, EphemeralCloseResponse&) {};
  int opens = 0;
  int validate_calls = 0;
  std::optional<PrivateState> renew_saw, close_saw;

  std::string TypeName() const override { return "test_token"; }
  Schema GetSchema() const override {
    return Schema{.attributes = {
                      Attribute::String("role").Required().Validators(
                          {validators::LengthAtLeast(2)}),
                      Attribute::String("token").Computed().Sensitive(),
                  }};
  }
  void Open(const EphemeralOpenRequest& req, EphemeralOpenResponse& resp) override {
    ++opens;
    open(req, resp);
  }
  void Renew(const EphemeralRenewRequest& req, EphemeralRenewResponse& resp) override {
    renew_saw = req.private_state;
    renew(req, resp);
  }
  void Close(const EphemeralCloseRequest& req, EphemeralCloseResponse& resp) override {
    close_saw = req.private_state;
    close(req, resp);
  }
  void ValidateConfig(const ValidateConfigRequest& req, ValidateConfigResponse& resp) override {
    ++validate_calls;
    if (req.config.GetValue("role").RawEquals(Value::StringVal("root"))) {
      resp.diagnostics.AddError("Root is not allowed", "", Path::Root("role"));
    }
  }
};

// A managed resource with a write-only attribute; remembers what Create/Update saw.
class WriteOnlyResource final : public Resource {
 public:
  std::optional<Value> config_password, plan_password;
  std::string TypeName() const override { return "test_account"; }
  Schema GetSchema() const override {
    return Schema{.attributes = {
                      Attribute::String("name").Required(),
                      Attribute::String("password_wo").Optional().WriteOnly(),
                      Attribute::String("id").Computed(),
                  }};
  }
  void Create(const CreateRequest& req, CreateResponse& resp) override {
    config_password = req.config.GetValue("password_wo");
    plan_password = req.plan.GetValue("password_wo");
    resp.state.Set("id", "acct-1");
  }
  void Read(const ReadRequest&, ReadResponse&) override {}
  void Update(const UpdateRequest& req, UpdateResponse& resp) override {
    config_password = req.config.GetValue("password_wo");
    plan_password = req.plan.GetValue("password_wo");
    // An author that copies the config into the state by mistake: the engine nulls it.
    resp.state.SetValue(Path::Root("password_wo"), req.config.GetValue("password_wo"));
  }
  void Delete(const DeleteRequest&, DeleteResponse&) override {}
};

class EngineEphemeralTest : public ::testing::Test {
 protected:
  EngineEphemeralTest() : provider_("test") {
    auto e = std::make_unique<FakeEphemeral>();
    eph_ = e.get();
    provider_.AddEphemeralResource(std::move(e));
    auto r = std::make_unique<WriteOnlyResource>();
    account_ = r.get();
    provider_.AddResource(std::move(r));
    engine_ = std::make_unique<Engine>(provider_);
    type_ = eph_->GetSchema().ImpliedType();
    account_type_ = account_->GetSchema().ImpliedType();
  }

  RawValue Raw(const Value& v, const Type& t) { return RawValue{EncodeMsgpack(v, t).value(), {}}; }
  RawValue Config(Value role) {
    return Raw(Value::ObjectVal(type_, {{"role", std::move(role)},
                                        {"token", Value::NullVal(Type::String())}}),
               type_);
  }
  Value Decode(const RawValue& raw) { return DecodeMsgpack(raw.msgpack, type_).value(); }
  static Value S(const char* s) { return Value::StringVal(s); }
  OpenEphemeralResourceResult Open(Value role, bool deferral_allowed = false) {
    OpenEphemeralResourceRequest req;
    req.type_name = "test_token";
    req.config = Config(std::move(role));
    req.client_capabilities.deferral_allowed = deferral_allowed;
    return engine_->OpenEphemeralResource(req);
  }
  Value Account(const char* name, Value password, Value id) {
    return Value::ObjectVal(account_type_,
                            {{"name", S(name)}, {"password_wo", password}, {"id", id}});
  }

  Provider provider_;
  FakeEphemeral* eph_ = nullptr;
  WriteOnlyResource* account_ = nullptr;
  std::unique_ptr<Engine> engine_;
  Type type_, account_type_;
};

TEST_F(EngineEphemeralTest, MetadataAndSchemaListTheEphemeralResource) {
  EXPECT_FALSE(engine_->schema_diagnostics().HasError());
  MetadataResult m = engine_->GetMetadata();
  ASSERT_EQ(m.ephemeral_resources.size(), 1u);
  EXPECT_EQ(m.ephemeral_resources[0], "test_token");
  ProviderSchemaResult s = engine_->GetProviderSchema();
  ASSERT_EQ(s.ephemeral_resources.count("test_token"), 1u);
  EXPECT_EQ(s.ephemeral_resources.at("test_token").attributes.size(), 2u);
  EXPECT_EQ(s.resources.count("test_token"), 0u);
}

TEST_F(EngineEphemeralTest, ValidateRunsValidatorsAndHook) {
  struct Case {
    const char* name;
    Value role;
    std::string want_summary;  // "" means no error
  };
  const Case cases[] = {
      {"valid", S("reader"), ""},
      {"too short", S("r"), "Invalid Attribute Value Length"},
      {"hook", S("root"), "Root is not allowed"},
      {"unknown skips validators", Value::UnknownVal(Type::String()), ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Diagnostics d = engine_->ValidateEphemeralResourceConfig("test_token", Config(c.role));
    if (c.want_summary.empty()) {
      EXPECT_FALSE(d.HasError()) << d.ToString();
      continue;
    }
    ASSERT_TRUE(d.HasError());
    EXPECT_EQ(d.begin()->summary, c.want_summary) << d.ToString();
    ASSERT_TRUE(d.begin()->path.has_value());
    EXPECT_EQ(d.begin()->path->ToString(), "role");
  }
  EXPECT_EQ(eph_->validate_calls, 4);
}

TEST_F(EngineEphemeralTest, UnknownTypeIsUnsupported) {
  Diagnostics d = engine_->ValidateEphemeralResourceConfig("test_nope", Config(S("ab")));
  ASSERT_TRUE(d.HasError());
  EXPECT_NE(d.ToString().find("\"test_nope\" is not supported"), std::string::npos);
  OpenEphemeralResourceRequest req;
  req.type_name = "test_nope";
  EXPECT_TRUE(engine_->OpenEphemeralResource(req).diagnostics.HasError());
  EXPECT_TRUE(engine_->RenewEphemeralResource("test_nope", "").diagnostics.HasError());
  EXPECT_TRUE(engine_->CloseEphemeralResource("test_nope", "").HasError());
}

TEST_F(EngineEphemeralTest, OpenFillsTheResultAndKeepsPrivateAndRenewAt) {
  const Clock::time_point at = Clock::now() + std::chrono::minutes(5);
  eph_->open = [&](const EphemeralOpenRequest& req, EphemeralOpenResponse& resp) {
    EXPECT_EQ(resp.result.Get<std::string>("role"), "reader");  // starts as the config
    EXPECT_TRUE(resp.result.GetValue("token").IsNull());
    resp.result.Set("token", "tok-" + req.config.Get<std::string>("role"));
    resp.private_state.Set("lease", "\"l1\"");
    resp.renew_at = at;
  };
  OpenEphemeralResourceResult r = Open(S("reader"));
  ASSERT_FALSE(r.diagnostics.HasError()) << r.diagnostics.ToString();
  Value result = Decode(r.result);
  EXPECT_TRUE(result.GetAttr("token").RawEquals(S("tok-reader")));
  EXPECT_TRUE(result.GetAttr("role").RawEquals(S("reader")));
  ASSERT_TRUE(r.private_state.has_value());
  EXPECT_EQ(PrivateState::Parse(*r.private_state).Get("lease"), "\"l1\"");
  ASSERT_TRUE(r.renew_at.has_value());
  EXPECT_EQ(*r.renew_at, at);
  EXPECT_FALSE(r.deferred.has_value());
}

TEST_F(EngineEphemeralTest, OpenWithoutPrivateStateSendsNone) {
  eph_->open = [](const EphemeralOpenRequest&, EphemeralOpenResponse& resp) {
    resp.result.Set("token", "t");
  };
  OpenEphemeralResourceResult r = Open(S("reader"));
  EXPECT_FALSE(r.diagnostics.HasError());
  EXPECT_FALSE(r.private_state.has_value());
  EXPECT_FALSE(r.renew_at.has_value());
}

TEST_F(EngineEphemeralTest, UnknownConfigReturnsAnUnknownResultWithoutOpening) {
  for (bool deferral_allowed : {false, true}) {
    SCOPED_TRACE(deferral_allowed ? "deferral allowed" : "no deferral");
    OpenEphemeralResourceResult r = Open(Value::UnknownVal(Type::String()), deferral_allowed);
    EXPECT_FALSE(r.diagnostics.HasError()) << r.diagnostics.ToString();
    EXPECT_TRUE(Decode(r.result).IsUnknown());
    EXPECT_FALSE(r.private_state.has_value());
    EXPECT_EQ(r.deferred.has_value(), deferral_allowed);
    if (deferral_allowed) EXPECT_EQ(*r.deferred, DeferredReason::kResourceConfigUnknown);
  }
  EXPECT_EQ(eph_->opens, 0);
}

TEST_F(EngineEphemeralTest, BadResultsBecomeErrorsWithANullResult) {
  struct Case {
    const char* name;
    std::function<void(const EphemeralOpenRequest&, EphemeralOpenResponse&)> open;
    std::string want;  // in the diagnostics
  };
  const Case cases[] = {
      {"unknown left",
       [](const EphemeralOpenRequest&, EphemeralOpenResponse& resp) {
         resp.result.SetValue(Path::Root("token"), Value::UnknownVal(Type::String()));
       },
       "\"token\" unknown"},
      {"null result",
       [](const EphemeralOpenRequest&, EphemeralOpenResponse& resp) {
         resp.result.SetWhole(Value::NullVal(Type::Object({{"x", Type::String()}})));
       },
       "Ephemeral resource returned no result"},
      {"wrong type",
       [](const EphemeralOpenRequest&, EphemeralOpenResponse& resp) {
         resp.result.SetWhole(Value::ObjectVal(Type::Object({{"x", Type::String()}}),
                                               {{"x", S("y")}}));
       },
       "does not match its schema"},
      {"throws",
       [](const EphemeralOpenRequest&, EphemeralOpenResponse& resp) {
         resp.private_state.Set("lease", "\"l9\"");
         throw std::runtime_error("vault sealed");
       },
       "vault sealed"},
      {"error diagnostic",
       [](const EphemeralOpenRequest&, EphemeralOpenResponse& resp) {
         resp.result.Set("token", "t");
         resp.diagnostics.AddError("Permission denied", "role reader");
       },
       "Permission denied"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    eph_->open = c.open;
    OpenEphemeralResourceResult r = Open(S("reader"));
    ASSERT_TRUE(r.diagnostics.HasError());
    EXPECT_NE(r.diagnostics.ToString().find(c.want), std::string::npos)
        << r.diagnostics.ToString();
    EXPECT_TRUE(Decode(r.result).IsNull());
    EXPECT_FALSE(r.private_state.has_value());
  }
}

TEST_F(EngineEphemeralTest, RenewPassesPrivateStateThrough) {
  struct Case {
    const char* name;
    std::string in;
    std::function<void(const EphemeralRenewRequest&, EphemeralRenewResponse&)> renew;
    std::optional<std::string> want_private;
    bool want_renew_at;
  };
  const Clock::time_point at = Clock::now() + std::chrono::hours(1);
  const Case cases[] = {
      {"unchanged JSON", R"({"lease":"l1"})",
       [](const EphemeralRenewRequest&, EphemeralRenewResponse&) {}, R"({"lease":"l1"})",
       false},
      {"foreign bytes survive", "\x01\x02opaque",
       [](const EphemeralRenewRequest&, EphemeralRenewResponse&) {}, "\x01\x02opaque", false},
      {"changed", R"({"lease":"l1"})",
       [at](const EphemeralRenewRequest& req, EphemeralRenewResponse& resp) {
         EXPECT_EQ(req.private_state.Get("lease"), "\"l1\"");
         resp.private_state.Set("lease", "\"l2\"");
         resp.renew_at = at;
       },
       R"({"lease":"l2"})", true},
      {"emptied", R"({"lease":"l1"})",
       [](const EphemeralRenewRequest&, EphemeralRenewResponse& resp) {
         resp.private_state.Remove("lease");
       },
       std::nullopt, false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    eph_->renew = c.renew;
    RenewEphemeralResourceResult r = engine_->RenewEphemeralResource("test_token", c.in);
    EXPECT_FALSE(r.diagnostics.HasError()) << r.diagnostics.ToString();
    EXPECT_EQ(r.private_state, c.want_private);
    EXPECT_EQ(r.renew_at.has_value(), c.want_renew_at);
    if (c.want_renew_at) EXPECT_EQ(*r.renew_at, at);
  }
}

TEST_F(EngineEphemeralTest, RenewAndCloseErrorsAreReported) {
  eph_->renew = [](const EphemeralRenewRequest&, EphemeralRenewResponse&) {
    throw std::runtime_error("lease expired");
  };
  RenewEphemeralResourceResult r = engine_->RenewEphemeralResource("test_token", "{}");
  EXPECT_NE(r.diagnostics.ToString().find("lease expired"), std::string::npos);
  eph_->close = [](const EphemeralCloseRequest&, EphemeralCloseResponse& resp) {
    resp.diagnostics.AddError("Revoke failed", "HTTP 500");
  };
  Diagnostics d = engine_->CloseEphemeralResource("test_token", R"({"lease":"l7"})");
  ASSERT_TRUE(d.HasError());
  EXPECT_EQ(d.begin()->summary, "Revoke failed");
  ASSERT_TRUE(eph_->close_saw.has_value());
  EXPECT_EQ(eph_->close_saw->Get("lease"), "\"l7\"");
  eph_->close = [](const EphemeralCloseRequest&, EphemeralCloseResponse&) {
    throw std::logic_error("boom");
  };
  EXPECT_NE(engine_->CloseEphemeralResource("test_token", "").ToString().find("boom"),
            std::string::npos);
}

// Write-only attributes: planned null although configured, Create and Update see the
// configured value through req.config, and the new state never holds it.
TEST_F(EngineEphemeralTest, WriteOnlyValueReachesApplyThroughConfigOnly) {
  const Value config = Account("alice", S("hunter2"), Value::NullVal(Type::String()));
  PlanResourceChangeRequest plan_req;
  plan_req.type_name = "test_account";
  plan_req.prior_state = Raw(Value::NullVal(account_type_), account_type_);
  plan_req.proposed_new_state = Raw(config, account_type_);
  plan_req.config = Raw(config, account_type_);
  plan_req.client_capabilities.write_only_attributes_allowed = true;
  PlanResourceChangeResult plan = engine_->PlanResourceChange(plan_req);
  ASSERT_FALSE(plan.diagnostics.HasError()) << plan.diagnostics.ToString();
  Value planned = DecodeMsgpack(plan.planned_state.msgpack, account_type_).value();
  EXPECT_TRUE(planned.GetAttr("password_wo").IsNull());
  EXPECT_TRUE(planned.GetAttr("id").IsUnknown());

  ApplyResourceChangeRequest apply_req;
  apply_req.type_name = "test_account";
  apply_req.prior_state = plan_req.prior_state;
  apply_req.planned_state = plan.planned_state;
  apply_req.config = plan_req.config;
  ApplyResourceChangeResult created = engine_->ApplyResourceChange(apply_req);
  ASSERT_FALSE(created.diagnostics.HasError()) << created.diagnostics.ToString();
  ASSERT_TRUE(account_->config_password.has_value());
  EXPECT_TRUE(account_->config_password->RawEquals(S("hunter2")));
  EXPECT_TRUE(account_->plan_password->IsNull());
  Value state = DecodeMsgpack(created.new_state.msgpack, account_type_).value();
  EXPECT_TRUE(state.GetAttr("password_wo").IsNull());
  EXPECT_TRUE(state.GetAttr("id").RawEquals(S("acct-1")));

  // Update with a new password; the resource copies it into its state, the engine nulls it.
  const Value config2 = Account("alice", S("hunter3"), Value::NullVal(Type::String()));
  apply_req.prior_state = created.new_state;
  apply_req.planned_state = Raw(Account("alice", Value::NullVal(Type::String()), S("acct-1")),
                                account_type_);
  apply_req.config = Raw(config2, account_type_);
  ApplyResourceChangeResult updated = engine_->ApplyResourceChange(apply_req);
  ASSERT_FALSE(updated.diagnostics.HasError()) << updated.diagnostics.ToString();
  EXPECT_TRUE(account_->config_password->RawEquals(S("hunter3")));
  Value state2 = DecodeMsgpack(updated.new_state.msgpack, account_type_).value();
  EXPECT_TRUE(state2.GetAttr("password_wo").IsNull());
}

// A client without write-only support (before Terraform 1.11) would store the value.
TEST_F(EngineEphemeralTest, WriteOnlyValueIsRejectedWhenTheClientLacksSupport) {
  struct Case {
    const char* name;
    Value password;
    bool allowed;
    bool want_error;
  };
  const Case cases[] = {
      {"set, not supported", S("pw"), false, true},
      {"set, supported", S("pw"), true, false},
      {"null, not supported", Value::NullVal(Type::String()), false, false},
      {"unknown, not supported", Value::UnknownVal(Type::String()), false, true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    ClientCapabilities caps;
    caps.write_only_attributes_allowed = c.allowed;
    Diagnostics d = engine_->ValidateResourceConfig(
        "test_account",
        Raw(Account("a", c.password, Value::NullVal(Type::String())), account_type_), caps);
    ASSERT_EQ(d.HasError(), c.want_error) << d.ToString();
    if (c.want_error) {
      ASSERT_EQ(d.size(), 1u);
      EXPECT_EQ(d[0].summary, "Write-only attribute not allowed");
      ASSERT_TRUE(d[0].path.has_value());
      EXPECT_EQ(d[0].path->ToString(), "password_wo");
    }
  }
}

}  // namespace
}  // namespace tfsdk::internal
