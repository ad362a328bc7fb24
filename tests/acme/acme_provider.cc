// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "acme_provider.h"

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <utility>

#include "tfsdk/tfsdk.h"

namespace acme {

// --- the fake cloud -----------------------------------------------------------------------

std::optional<ServerRecord> Cloud::Get(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = servers_.find(id);
  if (it == servers_.end()) return std::nullopt;
  return it->second;
}

std::optional<ServerRecord> Cloud::FindByName(const std::string& name) const {
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& [id, r] : servers_) {
    if (r.name == name) return r;
  }
  return std::nullopt;
}

ServerRecord Cloud::Put(ServerRecord r) {
  std::lock_guard<std::mutex> lock(mu_);
  std::string now = "t" + std::to_string(++clock_);
  if (r.id.empty()) {
    r.id = "srv-" + std::to_string(next_id_++);
    r.created_at = now;
  }
  r.updated_at = now;
  r.etag = "etag-" + std::to_string(clock_);
  for (Rule& rule : r.rules) {
    rule.rule_id = "rule-" + std::to_string(rule.port) + "-" + rule.protocol;
  }
  servers_[r.id] = r;
  return r;
}

bool Cloud::Delete(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  return servers_.erase(id) > 0;
}

void Cloud::Seed(const ServerRecord& r) {
  std::lock_guard<std::mutex> lock(mu_);
  servers_[r.id] = r;
}

size_t Cloud::Count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return servers_.size();
}

Cloud::Observed Cloud::observed() const {
  std::lock_guard<std::mutex> lock(mu_);
  return observed_;
}

namespace {

using tfsdk::Attribute;
using tfsdk::Block;
using tfsdk::Path;
using tfsdk::Type;
using tfsdk::Value;
namespace v = tfsdk::validators;

// What Configure hands to resources and data sources.
struct Client {
  std::shared_ptr<Cloud> cloud;
  std::string region;
};

// --- models ------------------------------------------------------------------------------

struct RuleModel {
  int64_t port = 0;
  std::string protocol;
  tfsdk::Maybe<std::string> rule_id;
};

struct DiskModel {
  int64_t size_gb = 0;
  std::string label;
};

struct ServerModel {
  tfsdk::Maybe<std::string> id;
  std::string name;
  std::string zone;
  std::string size;
  std::optional<std::string> image;
  std::optional<int64_t> port;
  std::optional<std::string> socket;
  tfsdk::Maybe<std::string> region;
  tfsdk::Maybe<std::string> created_at;
  tfsdk::Maybe<std::string> updated_at;
  bool protect = false;
  std::optional<std::map<std::string, std::string>> tags;
  Value metadata;
  std::optional<std::vector<DiskModel>> disk;
  std::vector<RuleModel> rule;
  Value timeouts;
};

TFSDK_MODEL(RuleModel, port, protocol, rule_id);
TFSDK_MODEL(DiskModel, size_gb, label);
TFSDK_MODEL(ServerModel, id, name, zone, size, image, port, socket, region, created_at,
            updated_at, protect, tags, metadata, disk, rule, timeouts);

ServerRecord RecordFrom(const ServerModel& m) {
  ServerRecord r;
  r.id = m.id.IsKnown() ? m.id.value() : "";
  r.name = m.name;
  r.zone = m.zone;
  r.size = m.size;
  r.image = m.image;
  r.port = m.port;
  r.socket = m.socket;
  r.protect = m.protect;
  if (m.tags) r.tags = *m.tags;
  for (const RuleModel& rule : m.rule) r.rules.push_back({rule.port, rule.protocol, {}});
  if (m.disk) {
    for (const DiskModel& d : *m.disk) r.disks.push_back({d.size_gb, d.label});
  }
  return r;
}

// Copies what the cloud knows into `m` (attributes the cloud does not store stay).
void FillFrom(const ServerRecord& r, ServerModel& m) {
  m.id = r.id;
  m.name = r.name;
  m.zone = r.zone;
  m.size = r.size;
  m.image = r.image;
  m.port = r.port;
  m.socket = r.socket;
  m.region = r.region;
  m.created_at = r.created_at;
  m.updated_at = r.updated_at;
  m.protect = r.protect;
  m.tags = r.tags.empty() && !m.tags ? std::nullopt
                                     : std::optional<std::map<std::string, std::string>>(r.tags);
  m.rule.clear();
  for (const Rule& rule : r.rules) m.rule.push_back({rule.port, rule.protocol, rule.rule_id});
  if (!r.disks.empty() || m.disk) {
    std::vector<DiskModel> disks;
    for (const Disk& d : r.disks) disks.push_back({d.size_gb, d.label});
    m.disk = disks;
  }
}

Client* RequireClient(const tfsdk::CallContext& ctx, tfsdk::Diagnostics& diags) {
  Client* c = ctx.provider_data.Get<Client>();
  if (c == nullptr) {
    diags.AddError("Provider not configured", "The acme provider was not configured.");
  }
  return c;
}

std::string ImageFamily(const std::string& image) { return image.substr(0, image.find('-')); }

class ServerResource final : public tfsdk::Resource {
 public:
  std::string TypeName() const override { return "acme_server"; }

  tfsdk::Schema GetSchema() const override {
    return tfsdk::Schema{
        .version = 2,
        .description = "A server in the acme cloud.",
        .attributes =
            {
                Attribute::String("id").Computed().UseStateForUnknown().Description(
                    "Server ID."),
                Attribute::String("name").Required().Validators(
                    {v::LengthBetween(1, 32),
                     v::RegexMatches("^[a-z][a-z0-9-]*$",
                                     "must start with a lowercase letter and contain only "
                                     "lowercase letters, digits and dashes")}),
                Attribute::String("zone").Required().RequiresReplace(),
                Attribute::String("size")
                    .Optional()
                    .Computed()
                    .Default(Value::StringVal("small"))
                    .Validators({v::OneOf({"small", "medium", "large"})}),
                Attribute::String("image").Optional().RequiresReplaceIf(
                    [](const tfsdk::PlanModifierRequest& req) {
                      if (!req.state_value.IsKnown() || !req.plan_value.IsKnown()) {
                        return true;
                      }
                      return ImageFamily(req.state_value.AsString()) !=
                             ImageFamily(req.plan_value.AsString());
                    },
                    "Changing to another image family (the part before the first dash) "
                    "replaces the server."),
                Attribute::Number("port").Optional().Validators(
                    {v::Between(int64_t{1}, int64_t{65535}), v::ConflictsWith({"socket"})}),
                Attribute::String("socket").Optional().Validators(
                    {v::ConflictsWith({"port"})}),
                Attribute::String("region").Computed().UseStateForUnknown(),
                Attribute::String("created_at").Computed().UseStateForUnknown(),
                Attribute::String("updated_at").Computed(),
                Attribute::Bool("protect").Optional().Computed().Default(Value::BoolVal(false)),
                Attribute::Map("tags", Type::String()).Optional().Validators({v::SizeAtMost(5)}),
                Attribute::Dynamic("metadata").Optional(),
                Attribute::ListNested(
                    "disk",
                    {
                        Attribute::Number("size_gb").Required().Validators(
                            {v::Between(int64_t{1}, int64_t{1000})}),
                        Attribute::String("label").Optional().Computed().DefaultFunc(
                            [](const tfsdk::DefaultRequest& req) {
                              // disk[i].label defaults to "disk-<i>".
                              const auto& steps = req.path.steps();
                              int64_t index = steps.size() >= 2 ? steps[steps.size() - 2].index
                                                                 : 0;
                              return Value::StringVal("disk-" + std::to_string(index));
                            },
                            "\"disk-<index>\""),
                    })
                    .Optional(),
            },
        .blocks = {
            Block::Set("rule",
                       {.attributes =
                            {
                                Attribute::Number("port").Required(),
                                Attribute::String("protocol")
                                    .Optional()
                                    .Computed()
                                    .Default(Value::StringVal("tcp"))
                                    .Validators({v::OneOf({"tcp", "udp"})}),
                                Attribute::String("rule_id").Computed(),
                            }}),
            tfsdk::timeouts::Block({.create = true, .update = true, .del = true}),
        }};
  }

  void ValidateConfig(const tfsdk::ValidateConfigRequest& req,
                      tfsdk::ValidateConfigResponse& resp) override {
    Value name = req.config.GetValue("name");
    Value protect = req.config.GetValue("protect");
    if (name.IsKnown() && protect.IsKnown() && protect.AsBool() &&
        name.AsString().rfind("tmp-", 0) == 0) {
      resp.diagnostics.AddError("Temporary servers cannot be protected",
                                "A server whose name starts with \"tmp-\" is deleted "
                                "automatically; remove protect or rename it.",
                                Path::Root("protect"));
    }
  }

  void ModifyPlan(const tfsdk::ModifyPlanRequest& req, tfsdk::ModifyPlanResponse& resp) override {
    if (req.plan.IsNull()) {  // destroy
      if (!req.state.IsNull() && req.state.Get<std::optional<bool>>("protect").value_or(false)) {
        resp.diagnostics.AddError(
            "Server is protected",
            "acme_server \"" + req.state.Get<std::string>("name") +
                "\" has protect = true. Set protect = false and apply before destroying it.");
      }
      return;
    }
    if (!req.state.IsNull()) {
      Value before = req.state.GetValue("size");
      Value after = req.plan.GetValue("size");
      if (before.IsKnown() && after.IsKnown() && !before.RawEquals(after)) {
        resp.diagnostics.AddWarning("Server will restart",
                                    "Changing size from " + before.AsString() + " to " +
                                        after.AsString() + " restarts the server.",
                                    Path::Root("size"));
      }
    }
  }

  void Create(const tfsdk::CreateRequest& req, tfsdk::CreateResponse& resp) override {
    Client* client = RequireClient(req, resp.diagnostics);
    if (client == nullptr) return;
    auto timeout = tfsdk::timeouts::Create(req.plan, std::chrono::minutes(20));
    std::string meta;
    if (!req.provider_meta.IsNull()) {
      meta = req.provider_meta.Get<std::optional<std::string>>("module_name").value_or("");
    }
    client->cloud->Observe([&](Cloud::Observed& o) {
      o.create_timeout = timeout;
      o.provider_meta_module = meta;
      ++o.creates;
    });
    ServerModel m = req.plan.Get<ServerModel>();
    ServerRecord r = RecordFrom(m);
    r.region = client->region;
    r = client->cloud->Put(std::move(r));
    FillFrom(r, m);
    resp.state.Set(m);
    resp.private_state.Set("etag", nlohmann::json(r.etag).dump());
  }

  void Read(const tfsdk::ReadRequest& req, tfsdk::ReadResponse& resp) override {
    Client* client = RequireClient(req, resp.diagnostics);
    if (client == nullptr) return;
    std::optional<std::string> etag = req.private_state.Get("etag");
    client->cloud->Observe([&](Cloud::Observed& o) {
      o.read_etag = etag ? nlohmann::json::parse(*etag).get<std::string>() : "";
    });
    std::optional<ServerRecord> r = client->cloud->Get(req.state.Get<std::string>("id"));
    if (!r) {
      resp.state.RemoveResource();
      return;
    }
    // After an import only the id is known, so the model is built from the cloud's record;
    // what the cloud does not store (metadata, timeouts) comes from the prior state.
    ServerModel m;
    m.tags = req.state.Get<std::optional<std::map<std::string, std::string>>>("tags");
    m.disk = req.state.Get<std::optional<std::vector<DiskModel>>>("disk");
    m.metadata = req.state.GetValue("metadata");
    m.timeouts = req.state.GetValue("timeouts");
    FillFrom(*r, m);
    resp.state.Set(m);
    resp.private_state.Set("etag", nlohmann::json(r->etag).dump());
  }

  void Update(const tfsdk::UpdateRequest& req, tfsdk::UpdateResponse& resp) override {
    Client* client = RequireClient(req, resp.diagnostics);
    if (client == nullptr) return;
    std::optional<std::string> etag = req.private_state.Get("etag");
    client->cloud->Observe([&](Cloud::Observed& o) {
      o.update_etag = etag ? nlohmann::json::parse(*etag).get<std::string>() : "";
    });
    ServerModel m = req.plan.Get<ServerModel>();
    std::optional<ServerRecord> old = client->cloud->Get(req.state.Get<std::string>("id"));
    if (!old) {
      resp.diagnostics.AddError("Server disappeared", "The server was deleted during update.");
      return;
    }
    ServerRecord r = RecordFrom(m);
    r.id = old->id;
    r.created_at = old->created_at;
    r.region = old->region;
    r = client->cloud->Put(std::move(r));
    FillFrom(r, m);
    resp.state.Set(m);
    resp.private_state.Set("etag", nlohmann::json(r.etag).dump());
  }

  void Delete(const tfsdk::DeleteRequest& req, tfsdk::DeleteResponse& resp) override {
    Client* client = RequireClient(req, resp.diagnostics);
    if (client == nullptr) return;
    client->cloud->Delete(req.state.Get<std::string>("id"));
  }

  void ImportState(const tfsdk::ImportStateRequest& req,
                   tfsdk::ImportStateResponse& resp) override {
    ImportStatePassthrough(req, resp, "id");
  }

  std::map<int64_t, tfsdk::StateUpgrader> StateUpgraders() const override {
    std::map<int64_t, tfsdk::StateUpgrader> out;
    // Version 0 called the name "server_name" and had no other settings.
    out[0] = tfsdk::StateUpgrader{
        .prior_schema =
            tfsdk::Schema{.attributes =
                              {
                                  Attribute::String("id").Computed(),
                                  Attribute::String("server_name").Required(),
                                  Attribute::String("zone").Required(),
                                  Attribute::String("size").Optional(),
                              }},
        .upgrade =
            [](const tfsdk::UpgradeStateRequest& req, tfsdk::UpgradeStateResponse& resp) {
              ServerModel m;
              m.id = req.state->Get<std::string>("id");
              m.name = req.state->Get<std::string>("server_name");
              m.zone = req.state->Get<std::string>("zone");
              m.size = req.state->Get<std::optional<std::string>>("size").value_or("small");
              m.region = tfsdk::Maybe<std::string>::Null();
              m.created_at = tfsdk::Maybe<std::string>::Null();
              m.updated_at = tfsdk::Maybe<std::string>::Null();
              m.metadata = Value::NullVal(Type::Dynamic());
              m.timeouts = Value::NullVal(resp.state.TypeAt(Path::Root("timeouts")));
              resp.state.Set(m);
            },
    };
    // Version 1 stored the port as a string; read the raw JSON.
    out[1] = tfsdk::StateUpgrader{
        .prior_schema = std::nullopt,
        .upgrade =
            [](const tfsdk::UpgradeStateRequest& req, tfsdk::UpgradeStateResponse& resp) {
              nlohmann::json j = nlohmann::json::parse(req.raw_json);
              ServerModel m;
              m.id = j.at("id").get<std::string>();
              m.name = j.at("name").get<std::string>();
              m.zone = j.at("zone").get<std::string>();
              m.size = j.value("size", "small");
              if (j.contains("port") && j["port"].is_string()) {
                m.port = std::stoll(j["port"].get<std::string>());
              }
              m.protect = j.value("protect", false);
              m.region = tfsdk::Maybe<std::string>::Null();
              m.created_at = tfsdk::Maybe<std::string>::Null();
              m.updated_at = tfsdk::Maybe<std::string>::Null();
              m.metadata = Value::NullVal(Type::Dynamic());
              m.timeouts = Value::NullVal(resp.state.TypeAt(Path::Root("timeouts")));
              resp.state.Set(m);
            },
    };
    return out;
  }
};

// Deliberately wrong callbacks: `mode` says how to misbehave.
class BrokenResource final : public tfsdk::Resource {
 public:
  std::string TypeName() const override { return "acme_broken"; }
  tfsdk::Schema GetSchema() const override {
    return tfsdk::Schema{.attributes = {
                             Attribute::String("id").Computed(),
                             Attribute::String("name").Required(),
                             Attribute::String("mode").Required(),
                         }};
  }
  void Create(const tfsdk::CreateRequest& req, tfsdk::CreateResponse& resp) override {
    std::string mode = req.plan.Get<std::string>("mode");
    if (mode == "throw") throw std::runtime_error("the acme API is on fire");
    if (mode != "leave_unknown") resp.state.Set("id", "broken-1");
    if (mode == "change_config") {
      resp.state.Set("name", req.plan.Get<std::string>("name") + "-renamed");
    }
  }
  void Read(const tfsdk::ReadRequest&, tfsdk::ReadResponse&) override {}
  void Update(const tfsdk::UpdateRequest&, tfsdk::UpdateResponse&) override {}
  void Delete(const tfsdk::DeleteRequest&, tfsdk::DeleteResponse&) override {}
};

class ServerInfoDataSource final : public tfsdk::DataSource {
 public:
  std::string TypeName() const override { return "acme_server_info"; }
  tfsdk::Schema GetSchema() const override {
    return tfsdk::Schema{.attributes = {
                             Attribute::String("id").Optional().Computed(),
                             Attribute::String("name").Optional().Computed().Validators(
                                 {v::LengthBetween(1, 32)}),
                             Attribute::String("zone").Computed(),
                             Attribute::String("size").Computed(),
                             Attribute::String("region").Computed(),
                         }};
  }
  std::vector<std::shared_ptr<const tfsdk::ConfigValidator>> ConfigValidators() const override {
    return {v::ConfigExactlyOneOf({Path::Root("id"), Path::Root("name")})};
  }
  void Read(const tfsdk::DataSourceReadRequest& req,
            tfsdk::DataSourceReadResponse& resp) override {
    Client* client = RequireClient(req, resp.diagnostics);
    if (client == nullptr) return;
    std::optional<std::string> id = req.config.Get<std::optional<std::string>>("id");
    std::optional<ServerRecord> r =
        id ? client->cloud->Get(*id)
           : client->cloud->FindByName(req.config.Get<std::string>("name"));
    if (!r) {
      resp.diagnostics.AddError("Server not found", "No acme server matches.",
                                Path::Root(id ? "id" : "name"));
      return;
    }
    resp.state.Set("id", r->id);
    resp.state.Set("name", r->name);
    resp.state.Set("zone", r->zone);
    resp.state.Set("size", r->size);
    resp.state.Set("region", r->region);
  }
};

class AcmeProvider final : public tfsdk::Provider {
 public:
  explicit AcmeProvider(std::shared_ptr<Cloud> cloud)
      : tfsdk::Provider("acme"), cloud_(std::move(cloud)) {
    AddResource<ServerResource>();
    AddResource<BrokenResource>();
    AddDataSource<ServerInfoDataSource>();
  }

  tfsdk::Schema GetSchema() const override {
    return tfsdk::Schema{.attributes = {
                             Attribute::String("region").Optional().Validators(
                                 {v::OneOf({"us", "eu"})}),
                             Attribute::String("api_token").Optional().Sensitive().Validators(
                                 {v::LengthAtLeast(8)}),
                         }};
  }
  std::optional<tfsdk::Schema> GetMetaSchema() const override {
    return tfsdk::Schema{.attributes = {Attribute::String("module_name").Optional()}};
  }
  void Configure(const tfsdk::ConfigureProviderRequest& req,
                 tfsdk::ConfigureProviderResponse& resp) override {
    std::string token = req.config.Get<std::optional<std::string>>("api_token").value_or("");
    if (token == "bad-token-0") {
      resp.diagnostics.AddError("Invalid credentials",
                                "The acme API rejected the api_token (HTTP 401).",
                                Path::Root("api_token"));
      return;
    }
    std::string region = req.config.Get<std::optional<std::string>>("region").value_or("us");
    cloud_->Observe([&](Cloud::Observed& o) { o.configured_region = region; });
    resp.provider_data = tfsdk::ProviderData::Make<Client>(Client{cloud_, region});
  }

 private:
  std::shared_ptr<Cloud> cloud_;
};

}  // namespace

std::unique_ptr<tfsdk::Provider> MakeProvider(std::shared_ptr<Cloud> cloud) {
  return std::make_unique<AcmeProvider>(std::move(cloud));
}

}  // namespace acme
