// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "tfsdk/private_state.h"

#include <stdexcept>

#include <nlohmann/json.hpp>

namespace tfsdk {

std::optional<std::string> PrivateState::Get(std::string_view key) const {
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  return it->second;
}

void PrivateState::Set(std::string key, std::string json) {
  if (key.empty()) throw std::invalid_argument("private state key must not be empty");
  if (key[0] == '.') {
    throw std::invalid_argument("private state key \"" + key +
                                "\" is reserved: keys starting with '.' belong to the SDK");
  }
  if (!nlohmann::json::accept(json)) {
    throw std::invalid_argument("private state value for key \"" + key +
                                "\" is not valid JSON: " + json);
  }
  // Stored compact, so equal values compare equal whatever their formatting.
  entries_[std::move(key)] = nlohmann::json::parse(json).dump();
}

void PrivateState::Remove(std::string_view key) {
  auto it = entries_.find(key);
  if (it != entries_.end()) entries_.erase(it);
}

std::string PrivateState::Serialize() const {
  if (entries_.empty()) return {};
  nlohmann::json obj = nlohmann::json::object();
  for (const auto& [k, v] : entries_) obj[k] = nlohmann::json::parse(v);
  return obj.dump();
}

PrivateState PrivateState::Parse(std::string_view bytes, bool* ok) {
  PrivateState out;
  if (ok != nullptr) *ok = true;
  if (bytes.empty()) return out;
  nlohmann::json obj = nlohmann::json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (!obj.is_object()) {
    if (ok != nullptr) *ok = false;
    return out;
  }
  for (const auto& [k, v] : obj.items()) out.entries_[k] = v.dump();
  return out;
}

}  // namespace tfsdk
