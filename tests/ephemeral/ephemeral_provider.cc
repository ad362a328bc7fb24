// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "ephemeral_provider.h"

#include <optional>
#include <string>
#include <utility>

#include "tfsdk/validators.h"

namespace ephemeral_test {

std::pair<std::string, std::string> Vault::Open(const std::string& prefix, int64_t length) {
  std::lock_guard<std::mutex> lock(mu_);
  std::string lease = "lease-" + std::to_string(next_lease_++);
  std::string secret = prefix;
  for (int64_t i = 0; static_cast<int64_t>(secret.size()) < length; ++i) {
    secret += static_cast<char>('a' + i % 26);
  }
  ++observed_.opens;
  observed_.open_leases.insert(lease);
  return {lease, secret};
}

void Vault::Renew(const std::string& lease) {
  std::lock_guard<std::mutex> lock(mu_);
  if (observed_.open_leases.count(lease)) ++observed_.renews;
}

void Vault::Close(const std::string& lease) {
  std::lock_guard<std::mutex> lock(mu_);
  ++observed_.closes;
  observed_.open_leases.erase(lease);
  observed_.closed_leases.insert(lease);
}

void Vault::SetPassword(const std::string& account, std::optional<std::string> password) {
  std::lock_guard<std::mutex> lock(mu_);
  observed_.passwords[account] = std::move(password);
  ++observed_.password_writes;
}

void Vault::DeleteAccount(const std::string& account) {
  std::lock_guard<std::mutex> lock(mu_);
  observed_.passwords.erase(account);
}

Vault::Observed Vault::observed() const {
  std::lock_guard<std::mutex> lock(mu_);
  return observed_;
}

namespace {

namespace v = tfsdk::validators;

class SecretEphemeral final : public tfsdk::EphemeralResource {
 public:
  explicit SecretEphemeral(std::shared_ptr<Vault> vault) : vault_(std::move(vault)) {}
  std::string TypeName() const override { return "x_secret"; }
  tfsdk::Schema GetSchema() const override {
    return tfsdk::Schema{
        .description = "A generated secret, leased for the run.",
        .attributes = {
            tfsdk::Attribute::Number("length").Optional().Validators({v::Between(4, 64)}),
            tfsdk::Attribute::String("prefix").Optional(),
            tfsdk::Attribute::String("value").Computed().Sensitive(),
            tfsdk::Attribute::String("lease_id").Computed(),
        }};
  }
  void Open(const tfsdk::EphemeralOpenRequest& req,
            tfsdk::EphemeralOpenResponse& resp) override {
    auto length = req.config.Get<std::optional<int64_t>>("length");
    auto prefix = req.config.Get<std::optional<std::string>>("prefix");
    auto [lease, secret] = vault_->Open(prefix.value_or(""), length.value_or(16));
    resp.result.Set("value", secret);
    resp.result.Set("lease_id", lease);
    resp.private_state.Set("lease", "\"" + lease + "\"");
  }
  void Renew(const tfsdk::EphemeralRenewRequest& req,
             tfsdk::EphemeralRenewResponse& resp) override {
    vault_->Renew(Lease(req.private_state));
    resp.private_state.Set("renewed", "true");
  }
  void Close(const tfsdk::EphemeralCloseRequest& req,
             tfsdk::EphemeralCloseResponse& resp) override {
    std::string lease = Lease(req.private_state);
    if (lease.empty()) {
      resp.diagnostics.AddError("No lease in the private state", "Close cannot revoke it.");
      return;
    }
    vault_->Close(lease);
  }

 private:
  static std::string Lease(const tfsdk::PrivateState& p) {
    std::optional<std::string> json = p.Get("lease");
    if (!json || json->size() < 2) return {};
    return json->substr(1, json->size() - 2);  // the JSON string's text (no escapes here)
  }
  std::shared_ptr<Vault> vault_;
};

class AccountResource final : public tfsdk::Resource {
 public:
  explicit AccountResource(std::shared_ptr<Vault> vault) : vault_(std::move(vault)) {}
  std::string TypeName() const override { return "x_account"; }
  tfsdk::Schema GetSchema() const override {
    return tfsdk::Schema{
        .description = "An account whose password is write-only.",
        .attributes = {
            tfsdk::Attribute::String("name").Required().RequiresReplace(),
            tfsdk::Attribute::String("password_wo").Optional().Sensitive().WriteOnly(),
            tfsdk::Attribute::Number("password_version").Optional(),
            tfsdk::Attribute::String("id").Computed().UseStateForUnknown(),
        }};
  }
  void Create(const tfsdk::CreateRequest& req, tfsdk::CreateResponse& resp) override {
    std::string name = req.plan.Get<std::string>("name");
    Store(name, req.config, req.plan);
    resp.state.Set("id", "acct-" + name);
  }
  void Read(const tfsdk::ReadRequest& req, tfsdk::ReadResponse& resp) override {
    std::string name = req.state.Get<std::string>("name");
    if (!vault_->observed().passwords.count(name)) resp.state.RemoveResource();
  }
  void Update(const tfsdk::UpdateRequest& req, tfsdk::UpdateResponse& resp) override {
    Store(req.plan.Get<std::string>("name"), req.config, req.plan);
    (void)resp;
  }
  void Delete(const tfsdk::DeleteRequest& req, tfsdk::DeleteResponse& resp) override {
    vault_->DeleteAccount(req.state.Get<std::string>("name"));
    (void)resp;
  }

 private:
  void Store(const std::string& name, const tfsdk::Attributes& config,
             const tfsdk::Attributes& plan) {
    if (!plan.GetValue("password_wo").IsNull()) {
      vault_->Observe([](Vault::Observed& o) { o.plan_saw_password = true; });
    }
    vault_->SetPassword(name, config.Get<std::optional<std::string>>("password_wo"));
  }
  std::shared_ptr<Vault> vault_;
};

}  // namespace

std::unique_ptr<tfsdk::Provider> MakeProvider(std::shared_ptr<Vault> vault) {
  auto provider = std::make_unique<tfsdk::Provider>("x");
  provider->AddEphemeralResource<SecretEphemeral>(vault);
  provider->AddResource<AccountResource>(vault);
  return provider;
}

}  // namespace ephemeral_test
