// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// tfsdk::ProviderData — what a provider's Configure hands to its resources and data
// sources (an API client, credentials, ...), typed.
//
//   // in Provider::Configure:
//   resp.provider_data = tfsdk::ProviderData::Make<ApiClient>(endpoint, token);
//   // in a resource callback:
//   ApiClient* api = req.provider_data.Get<ApiClient>();   // nullptr if not configured
//
// Copies share the object. Thread-safe to read; the object itself must be safe to use from
// concurrent callbacks.
#ifndef TFSDK_PROVIDER_DATA_H_
#define TFSDK_PROVIDER_DATA_H_

#include <memory>
#include <typeindex>
#include <typeinfo>
#include <utility>

namespace tfsdk {

class ProviderData {
 public:
  ProviderData() = default;
  template <class T, class... Args>
  static ProviderData Make(Args&&... args) {
    return Wrap(std::make_shared<T>(std::forward<Args>(args)...));
  }
  template <class T>
  static ProviderData Wrap(std::shared_ptr<T> object) {
    ProviderData d;
    d.type_ = std::type_index(typeid(T));
    d.object_ = std::move(object);
    return d;
  }
  // The object if it is a T, else nullptr.
  template <class T>
  T* Get() const {
    if (!object_ || type_ != std::type_index(typeid(T))) return nullptr;
    return static_cast<T*>(object_.get());
  }
  bool empty() const { return object_ == nullptr; }

 private:
  std::type_index type_ = std::type_index(typeid(void));
  std::shared_ptr<void> object_;
};

}  // namespace tfsdk

#endif  // TFSDK_PROVIDER_DATA_H_
