// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "identity_provider.h"

#include <utility>

#include "tfsdk/tfsdk.h"

namespace identity_test {

void Store::Put(const std::string& name, Thing thing) {
  std::lock_guard<std::mutex> lock(mu_);
  things_[name] = std::move(thing);
}

std::optional<Thing> Store::Get(const std::string& name) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = things_.find(name);
  if (it == things_.end()) return std::nullopt;
  return it->second;
}

void Store::Delete(const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  things_.erase(name);
}

std::map<std::string, Thing> Store::All() const {
  std::lock_guard<std::mutex> lock(mu_);
  return things_;
}

int Store::identity_upgrades() const {
  std::lock_guard<std::mutex> lock(mu_);
  return identity_upgrades_;
}

void Store::CountIdentityUpgrade() {
  std::lock_guard<std::mutex> lock(mu_);
  ++identity_upgrades_;
}

namespace {

class ThingResource final : public tfsdk::Resource {
 public:
  explicit ThingResource(std::shared_ptr<Store> store) : store_(std::move(store)) {}

  std::string TypeName() const override { return "idt_thing"; }
  tfsdk::Schema GetSchema() const override {
    return tfsdk::Schema{
        .description = "A thing named by its name and region.",
        .attributes = {
            tfsdk::Attribute::String("name").Required().RequiresReplace(),
            tfsdk::Attribute::String("region").Required().RequiresReplace(),
            tfsdk::Attribute::String("content").Optional(),
            tfsdk::Attribute::String("id").Computed().UseStateForUnknown(),
        }};
  }
  std::optional<tfsdk::IdentitySchema> GetIdentitySchema() const override {
    return tfsdk::IdentitySchema{
        .version = 1,
        .attributes = {
            tfsdk::IdentityAttribute::String("name").RequiredForImport().Description(
                "The thing's name."),
            tfsdk::IdentityAttribute::String("region").OptionalForImport().Description(
                "Where the thing lives; found by Read when not given."),
        }};
  }
  std::map<int64_t, tfsdk::IdentityUpgrader> IdentityUpgraders() const override {
    std::shared_ptr<Store> store = store_;
    return {{0, tfsdk::IdentityUpgrader{
                    .prior_schema =
                        tfsdk::IdentitySchema{
                            .attributes = {tfsdk::IdentityAttribute::String("thing")}},
                    .upgrade =
                        [store](const tfsdk::UpgradeIdentityRequest& req,
                                tfsdk::UpgradeIdentityResponse& resp) {
                          store->CountIdentityUpgrade();
                          std::string name = req.identity->Get<std::string>("thing");
                          resp.identity.Set("name", name);
                          std::optional<Thing> t = store->Get(name);
                          resp.identity.Set("region", t ? t->region : std::string("unknown"));
                        }}}};
  }

  void Create(const tfsdk::CreateRequest& req, tfsdk::CreateResponse& resp) override {
    std::string name = req.plan.Get<std::string>("name");
    std::string region = req.plan.Get<std::string>("region");
    auto content = req.plan.Get<std::optional<std::string>>("content");
    store_->Put(name, Thing{region, content.value_or("")});
    resp.state.Set("id", region + "/" + name);
    resp.identity.Set("name", name);
    resp.identity.Set("region", region);
  }
  void Read(const tfsdk::ReadRequest& req, tfsdk::ReadResponse& resp) override {
    std::string name = req.state.Get<std::string>("name");
    std::optional<Thing> t = store_->Get(name);
    if (!t) {
      resp.state.RemoveResource();
      return;
    }
    resp.state.Set("region", t->region);
    if (!t->content.empty()) resp.state.Set("content", t->content);
    resp.state.Set("id", t->region + "/" + name);
    resp.identity.Set("name", name);
    resp.identity.Set("region", t->region);
  }
  void Update(const tfsdk::UpdateRequest& req, tfsdk::UpdateResponse& resp) override {
    std::string name = req.plan.Get<std::string>("name");
    auto content = req.plan.Get<std::optional<std::string>>("content");
    std::string region = req.plan.Get<std::string>("region");
    store_->Put(name, Thing{region, content.value_or("")});
    // Terraform plans the prior identity, but a state written before the resource had an
    // identity (or the UnitHarness, which does not carry identities) plans none: set it.
    resp.identity.Set("name", name);
    resp.identity.Set("region", region);
  }
  void Delete(const tfsdk::DeleteRequest& req, tfsdk::DeleteResponse& resp) override {
    (void)resp;
    // Not req.identity: Terraform sends none for the delete half of a replacement.
    store_->Delete(req.state.Get<std::string>("name"));
  }
  void ImportState(const tfsdk::ImportStateRequest& req,
                   tfsdk::ImportStateResponse& resp) override {
    ImportStatePassthroughWithIdentity(req, resp, "name", "name");
  }

 private:
  std::shared_ptr<Store> store_;
};

class ThingList final : public tfsdk::ListResource {
 public:
  explicit ThingList(std::shared_ptr<Store> store) : store_(std::move(store)) {}

  std::string TypeName() const override { return "idt_thing"; }
  tfsdk::Schema GetSchema() const override {
    return tfsdk::Schema{.attributes = {tfsdk::Attribute::String("region").Optional()}};
  }
  void List(const tfsdk::ListRequest& req, tfsdk::ListResultStream& stream) override {
    auto region = req.config.Get<std::optional<std::string>>("region");
    for (const auto& [name, thing] : store_->All()) {
      if (region && thing.region != *region) continue;
      tfsdk::ListResult r = stream.NewResult();
      r.display_name = thing.region + "/" + name;
      r.identity.Set("name", name);
      r.identity.Set("region", thing.region);
      if (req.include_resource) {
        r.resource.Set("name", name);
        r.resource.Set("region", thing.region);
        r.resource.Set("content", thing.content);
        r.resource.Set("id", thing.region + "/" + name);
      }
      if (!stream.Send(std::move(r))) return;
    }
  }

 private:
  std::shared_ptr<Store> store_;
};

}  // namespace

std::unique_ptr<tfsdk::Provider> MakeProvider(std::shared_ptr<Store> store) {
  auto provider = std::make_unique<tfsdk::Provider>("idt");
  provider->AddResource<ThingResource>(store);
  provider->AddListResource<ThingList>(store);
  return provider;
}

}  // namespace identity_test
