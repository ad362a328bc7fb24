// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "move_provider.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace move_test {

void Store::Put(const std::string& id, Object object) {
  std::lock_guard<std::mutex> lock(mu_);
  objects_[id] = std::move(object);
}

std::optional<Store::Object> Store::Get(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = objects_.find(id);
  if (it == objects_.end()) return std::nullopt;
  return it->second;
}

void Store::Erase(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  objects_.erase(id);
}

size_t Store::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return objects_.size();
}

Store::Moves Store::moves() const {
  std::lock_guard<std::mutex> lock(mu_);
  return moves_;
}

void Store::RecordMove(const std::string& address, const std::string& type,
                       const std::string& private_raw) {
  std::lock_guard<std::mutex> lock(mu_);
  ++moves_.count;
  moves_.last_source_address = address;
  moves_.last_source_type = type;
  moves_.last_source_private = private_raw;
}

tfsdk::Schema OldSchema() {
  return tfsdk::Schema{
      .description = "The retired resource type; moved blocks take it to x_new.",
      .attributes = {
          tfsdk::Attribute::String("id").Computed().UseStateForUnknown(),
          tfsdk::Attribute::String("label").Required(),
          tfsdk::Attribute::Number("size").Optional(),
      }};
}

namespace {

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

class OldResource final : public tfsdk::Resource {
 public:
  explicit OldResource(std::shared_ptr<Store> store) : store_(std::move(store)) {}
  std::string TypeName() const override { return "x_old"; }
  tfsdk::Schema GetSchema() const override { return OldSchema(); }
  void Create(const tfsdk::CreateRequest& req, tfsdk::CreateResponse& resp) override {
    std::string label = req.plan.Get<std::string>("label");
    std::string id = "obj-" + label;
    store_->Put(id, {label, req.plan.Get<std::optional<int64_t>>("size"), 1});
    resp.state.Set("id", id);
    resp.private_state.Set("origin", "\"x_old\"");
  }
  void Read(const tfsdk::ReadRequest& req, tfsdk::ReadResponse& resp) override {
    auto object = store_->Get(req.state.Get<std::string>("id"));
    if (!object) {
      resp.state.RemoveResource();
      return;
    }
    resp.state.Set("label", object->name);
    resp.state.Set("size", object->size);
  }
  void Update(const tfsdk::UpdateRequest& req, tfsdk::UpdateResponse& resp) override {
    (void)resp;
    store_->Put(req.state.Get<std::string>("id"),
                {req.plan.Get<std::string>("label"),
                 req.plan.Get<std::optional<int64_t>>("size"), 1});
  }
  void Delete(const tfsdk::DeleteRequest& req, tfsdk::DeleteResponse& resp) override {
    (void)resp;
    store_->Erase(req.state.Get<std::string>("id"));
  }
  void ImportState(const tfsdk::ImportStateRequest& req,
                   tfsdk::ImportStateResponse& resp) override {
    ImportStatePassthrough(req, resp, "id");
  }

 private:
  std::shared_ptr<Store> store_;
};

class NewResource final : public tfsdk::Resource {
 public:
  explicit NewResource(std::shared_ptr<Store> store) : store_(std::move(store)) {}
  std::string TypeName() const override { return "x_new"; }
  tfsdk::Schema GetSchema() const override {
    return tfsdk::Schema{
        .description = "The resource type that replaces x_old.",
        .attributes = {
            tfsdk::Attribute::String("id").Computed().UseStateForUnknown(),
            tfsdk::Attribute::String("name").Required(),
            tfsdk::Attribute::Number("size").Optional(),
            tfsdk::Attribute::String("note").Optional(),
            tfsdk::Attribute::Number("version").Computed().UseStateForUnknown(),
        }};
  }
  void Create(const tfsdk::CreateRequest& req, tfsdk::CreateResponse& resp) override {
    std::string name = req.plan.Get<std::string>("name");
    std::string id = "obj-" + name;
    store_->Put(id, {name, req.plan.Get<std::optional<int64_t>>("size"), 1});
    resp.state.Set("id", id);
    resp.state.Set("version", int64_t{1});
  }
  void Read(const tfsdk::ReadRequest& req, tfsdk::ReadResponse& resp) override {
    auto object = store_->Get(req.state.Get<std::string>("id"));
    if (!object) {
      resp.state.RemoveResource();
      return;
    }
    resp.state.Set("name", object->name);
    resp.state.Set("size", object->size);
    resp.state.Set("version", object->version);
  }
  void Update(const tfsdk::UpdateRequest& req, tfsdk::UpdateResponse& resp) override {
    (void)resp;
    store_->Put(req.state.Get<std::string>("id"),
                {req.plan.Get<std::string>("name"),
                 req.plan.Get<std::optional<int64_t>>("size"),
                 req.state.Get<int64_t>("version")});
  }
  void Delete(const tfsdk::DeleteRequest& req, tfsdk::DeleteResponse& resp) override {
    (void)resp;
    store_->Erase(req.state.Get<std::string>("id"));
  }
  void ImportState(const tfsdk::ImportStateRequest& req,
                   tfsdk::ImportStateResponse& resp) override {
    ImportStatePassthrough(req, resp, "id");
  }
  // A name that is unknown until apply (e.g. from a resource not created yet) is deferred
  // when Terraform allows it.
  void ModifyPlan(const tfsdk::ModifyPlanRequest& req, tfsdk::ModifyPlanResponse& resp) override {
    if (req.config.IsNull() || !req.deferral_allowed) return;
    if (req.config.GetValue("name").IsUnknown()) {
      resp.deferred = tfsdk::Deferred{tfsdk::DeferredReason::kResourceConfigUnknown};
    }
  }

  std::vector<tfsdk::StateMover> StateMovers() const override {
    std::shared_ptr<Store> store = store_;
    return {
        // x_old of this provider (whatever the registry host): same object, label -> name.
        {.source_schema = OldSchema(),
         .move =
             [store](const tfsdk::MoveStateRequest& req, tfsdk::MoveStateResponse& resp) {
               if (req.source_type_name != "x_old" ||
                   !EndsWith(req.source_provider_address, "/tfsdk/x") || !req.source_state) {
                 return;
               }
               store->RecordMove(req.source_provider_address, req.source_type_name,
                                 req.source_private_raw);
               const tfsdk::Attributes& old = *req.source_state;
               resp.target_state.Set("id", old.Get<std::string>("id"));
               resp.target_state.Set("name", old.Get<std::string>("label"));
               resp.target_state.Set("size", old.Get<std::optional<int64_t>>("size"));
               resp.target_state.Set("version", int64_t{1});
               resp.target_private = req.source_private;
               resp.target_private.Set("moved_from", "\"x_old\"");
             }},
        // legacy_thing of another provider: no source schema, the JSON read by hand.
        {.move =
             [store](const tfsdk::MoveStateRequest& req, tfsdk::MoveStateResponse& resp) {
               if (req.source_type_name != "legacy_thing" ||
                   req.source_provider_address != "registry.terraform.io/acme/legacy") {
                 return;
               }
               store->RecordMove(req.source_provider_address, req.source_type_name,
                                 req.source_private_raw);
               nlohmann::json old = nlohmann::json::parse(req.source_raw_json);
               std::string id = old.at("thing_id").get<std::string>();
               std::string title = old.at("title").get<std::string>();
               store->Put(id, {title, std::nullopt, 1});
               resp.target_state.Set("id", id);
               resp.target_state.Set("name", title);
               resp.target_state.Set("version", int64_t{1});
             }},
    };
  }

  void GenerateConfig(const tfsdk::GenerateConfigRequest& req,
                      tfsdk::GenerateConfigResponse& resp) override {
    (void)req;
    if (resp.config.GetValue("note").IsNull()) resp.config.Set("note", "imported");
  }

 private:
  std::shared_ptr<Store> store_;
};

class InfoDataSource final : public tfsdk::DataSource {
 public:
  explicit InfoDataSource(std::shared_ptr<Store> store) : store_(std::move(store)) {}
  std::string TypeName() const override { return "x_info"; }
  tfsdk::Schema GetSchema() const override {
    return tfsdk::Schema{.attributes = {
                             tfsdk::Attribute::String("id").Required(),
                             tfsdk::Attribute::String("name").Computed(),
                             tfsdk::Attribute::Number("size").Computed(),
                         }};
  }
  void Read(const tfsdk::DataSourceReadRequest& req,
            tfsdk::DataSourceReadResponse& resp) override {
    std::string id = req.config.Get<std::string>("id");
    auto object = store_->Get(id);
    if (!object) {
      resp.diagnostics.AddError("No such object", "There is no object \"" + id + "\".",
                                tfsdk::Path::Root("id"));
      return;
    }
    resp.state.Set("name", object->name);
    resp.state.Set("size", object->size);
  }

 private:
  std::shared_ptr<Store> store_;
};

class MoveProvider final : public tfsdk::Provider {
 public:
  MoveProvider() : tfsdk::Provider("x") {}
  tfsdk::Schema GetSchema() const override {
    return tfsdk::Schema{.attributes = {tfsdk::Attribute::Bool("defer_all").Optional()}};
  }
  void Configure(const tfsdk::ConfigureProviderRequest& req,
                 tfsdk::ConfigureProviderResponse& resp) override {
    if (req.deferral_allowed && req.config.Get<std::optional<bool>>("defer_all").value_or(false)) {
      resp.deferred = tfsdk::Deferred{tfsdk::DeferredReason::kProviderConfigUnknown};
    }
  }
};

}  // namespace

std::unique_ptr<tfsdk::Provider> MakeProvider(std::shared_ptr<Store> store) {
  auto provider = std::make_unique<MoveProvider>();
  provider->AddResource<OldResource>(store);
  provider->AddResource<NewResource>(store);
  provider->AddDataSource<InfoDataSource>(store);
  return provider;
}

}  // namespace move_test
