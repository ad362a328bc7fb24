// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// tfsdk::Provider — a provider: its configuration schema and hooks, and the resources and
// data sources it offers.
//
//   tfsdk::Provider provider("local");
//   provider.AddResource<FileResource>();
//   provider.AddDataSource<FileDataSource>();
//   provider.AddEphemeralResource<TokenEphemeral>();   // see tfsdk/ephemeral_resource.h
//   provider.AddFunction<ParseFunction>();   // provider::local::parse(...)
//   provider.AddListResource<FileList>();    // `terraform query` (tfsdk/list_resource.h)
//   provider.AddAction<NotifyAction>();       // see tfsdk/action.h
//   provider.AddStateStore<FsStore>();        // see tfsdk/state_store.h (protocol 6)
//   return tfsdk::Serve(provider, argc, argv);
//
// A provider with configuration subclasses Provider and overrides GetSchema and Configure;
// what Configure puts in resp.provider_data reaches every resource and data source
// callback as req.provider_data.
#ifndef TFSDK_PROVIDER_H_
#define TFSDK_PROVIDER_H_

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tfsdk/action.h"
#include "tfsdk/attributes.h"
#include "tfsdk/data_source.h"
#include "tfsdk/diagnostics.h"
#include "tfsdk/ephemeral_resource.h"
#include "tfsdk/function.h"
#include "tfsdk/list_resource.h"
#include "tfsdk/provider_data.h"
#include "tfsdk/resource.h"
#include "tfsdk/schema.h"
#include "tfsdk/state_store.h"

namespace tfsdk {

struct ValidateProviderConfigRequest {
  Attributes config;  // may contain unknown values
};
struct ValidateProviderConfigResponse {
  Diagnostics diagnostics;
};

struct ConfigureProviderRequest {
  CancellationToken cancel;
  std::string terraform_version;  // e.g. "1.9.0" (OpenTofu sends its own version)
  Attributes config;              // may contain unknown values
  bool deferral_allowed = false;  // whether resp.deferred may be set
};
struct ConfigureProviderResponse {
  ProviderData provider_data;     // handed to every resource and data source callback
  Diagnostics diagnostics;
  // Defer every resource and data source of this provider (e.g. because the provider's
  // configuration is unknown): later Read, plan, import and data source reads return this
  // deferral without calling the author (plans are the proposed state with unconfigured
  // computed values unknown). Only when req.deferral_allowed.
  std::optional<Deferred> deferred;
};

class Provider {
 public:
  // `type_name` is the provider's local name, e.g. "local" for resources "local_*".
  explicit Provider(std::string type_name) : type_name_(std::move(type_name)) {}
  virtual ~Provider() = default;
  Provider(const Provider&) = delete;
  Provider& operator=(const Provider&) = delete;

  const std::string& type_name() const { return type_name_; }

  // The provider configuration schema (the `provider "x" {}` block). Default: empty.
  virtual Schema GetSchema() const { return {}; }
  // The provider_meta schema, if the provider accepts module-level metadata.
  virtual std::optional<Schema> GetMetaSchema() const { return std::nullopt; }
  // Extra validation of the provider configuration. Default: nothing.
  virtual void ValidateConfig(const ValidateProviderConfigRequest& req,
                              ValidateProviderConfigResponse& resp) {
    (void)req;
    (void)resp;
  }
  // Whole-configuration validators of the provider configuration. Called once at start-up.
  virtual std::vector<std::shared_ptr<const ConfigValidator>> ConfigValidators() const {
    return {};
  }
  // Called once before resources are used. Default: nothing.
  virtual void Configure(const ConfigureProviderRequest& req, ConfigureProviderResponse& resp) {
    (void)req;
    (void)resp;
  }

  template <class R, class... Args>
  Provider& AddResource(Args&&... args) {
    return AddResource(std::make_unique<R>(std::forward<Args>(args)...));
  }
  Provider& AddResource(std::unique_ptr<Resource> resource) {
    resources_.push_back(std::move(resource));
    return *this;
  }
  template <class D, class... Args>
  Provider& AddDataSource(Args&&... args) {
    return AddDataSource(std::make_unique<D>(std::forward<Args>(args)...));
  }
  Provider& AddDataSource(std::unique_ptr<DataSource> data_source) {
    data_sources_.push_back(std::move(data_source));
    return *this;
  }

  template <class E, class... Args>
  Provider& AddEphemeralResource(Args&&... args) {
    return AddEphemeralResource(std::make_unique<E>(std::forward<Args>(args)...));
  }
  Provider& AddEphemeralResource(std::unique_ptr<EphemeralResource> ephemeral_resource) {
    ephemeral_resources_.push_back(std::move(ephemeral_resource));
    return *this;
  }
  // Provider-defined functions (see tfsdk/function.h).
  template <class F, class... Args>
  Provider& AddFunction(Args&&... args) {
    return AddFunction(std::make_unique<F>(std::forward<Args>(args)...));
  }
  Provider& AddFunction(std::unique_ptr<Function> function) {
    functions_.push_back(std::move(function));
    return *this;
  }

  // List resources for `terraform query` (see tfsdk/list_resource.h).
  template <class L, class... Args>
  Provider& AddListResource(Args&&... args) {
    return AddListResource(std::make_unique<L>(std::forward<Args>(args)...));
  }
  Provider& AddListResource(std::unique_ptr<ListResource> list_resource) {
    list_resources_.push_back(std::move(list_resource));
    return *this;
  }
  const std::vector<std::unique_ptr<ListResource>>& list_resources() const {
    return list_resources_;
  }
  // Actions (see tfsdk/action.h).
  template <class A, class... Args>
  Provider& AddAction(Args&&... args) {
    return AddAction(std::make_unique<A>(std::forward<Args>(args)...));
  }
  Provider& AddAction(std::unique_ptr<Action> action) {
    actions_.push_back(std::move(action));
    return *this;
  }
  // State stores (see tfsdk/state_store.h); offered over protocol 6 only.
  template <class S, class... Args>
  Provider& AddStateStore(Args&&... args) {
    return AddStateStore(std::make_unique<S>(std::forward<Args>(args)...));
  }
  Provider& AddStateStore(std::unique_ptr<StateStore> state_store) {
    state_stores_.push_back(std::move(state_store));
    return *this;
  }

  const std::vector<std::unique_ptr<Resource>>& resources() const { return resources_; }
  const std::vector<std::unique_ptr<DataSource>>& data_sources() const { return data_sources_; }
  const std::vector<std::unique_ptr<EphemeralResource>>& ephemeral_resources() const {
    return ephemeral_resources_;
  }
  const std::vector<std::unique_ptr<Function>>& functions() const { return functions_; }
  const std::vector<std::unique_ptr<Action>>& actions() const { return actions_; }
  const std::vector<std::unique_ptr<StateStore>>& state_stores() const { return state_stores_; }

 private:
  std::string type_name_;
  std::vector<std::unique_ptr<Resource>> resources_;
  std::vector<std::unique_ptr<DataSource>> data_sources_;
  std::vector<std::unique_ptr<EphemeralResource>> ephemeral_resources_;
  std::vector<std::unique_ptr<Function>> functions_;
  std::vector<std::unique_ptr<ListResource>> list_resources_;
  std::vector<std::unique_ptr<Action>> actions_;
  std::vector<std::unique_ptr<StateStore>> state_stores_;
};

}  // namespace tfsdk

#endif  // TFSDK_PROVIDER_H_
