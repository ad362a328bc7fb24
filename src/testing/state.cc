// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// The state model of tfsdk::testing: parsing `show -json`, flattening attribute values,
// and the built-in checks.

#include <nlohmann/json.hpp>

#include <regex>
#include <utility>

#include "tfsdk/testing/acceptance.h"

namespace tfsdk::testing {
namespace {

using nlohmann::json;

void FlattenValue(const std::string& key, const json& v,
                  std::map<std::string, std::string>& out) {
  switch (v.type()) {
    case json::value_t::null:
    case json::value_t::discarded:
      return;
    case json::value_t::string:
      out[key] = v.get<std::string>();
      return;
    case json::value_t::boolean:
      out[key] = v.get<bool>() ? "true" : "false";
      return;
    case json::value_t::array: {
      out[key + ".#"] = std::to_string(v.size());
      size_t i = 0;
      for (const json& e : v) FlattenValue(key + "." + std::to_string(i++), e, out);
      return;
    }
    case json::value_t::object:
      out[key + ".%"] = std::to_string(v.size());
      for (const auto& [k, e] : v.items()) FlattenValue(key + "." + k, e, out);
      return;
    default:  // numbers
      out[key] = v.dump();
      return;
  }
}

void CollectModule(const json& module, State& state) {
  if (!module.is_object()) return;
  if (auto it = module.find("resources"); it != module.end() && it->is_array()) {
    for (const json& r : *it) {
      if (!r.is_object()) continue;
      ResourceState rs;
      rs.address = r.value("address", "");
      rs.mode = r.value("mode", "");
      rs.type = r.value("type", "");
      rs.name = r.value("name", "");
      if (auto values = r.find("values"); values != r.end() && values->is_object()) {
        rs.values_json = values->dump();
        for (const auto& [k, e] : values->items()) FlattenValue(k, e, rs.attributes);
      } else {
        rs.values_json = "{}";
      }
      state.resources[rs.address] = std::move(rs);
    }
  }
  if (auto it = module.find("child_modules"); it != module.end() && it->is_array()) {
    for (const json& child : *it) CollectModule(child, state);
  }
}

// Finds the attribute; on failure returns false and sets `why`.
bool Lookup(const State& state, const std::string& address, const std::string& key,
            const std::string** value, std::string& why) {
  const ResourceState* r = state.Find(address);
  if (r == nullptr) {
    why = "no resource \"" + address + "\" in the state";
    if (!state.resources.empty()) {
      why += " (it has:";
      for (const auto& [a, unused] : state.resources) why += " " + a;
      why += ")";
    }
    return false;
  }
  auto it = r->attributes.find(key);
  if (it == r->attributes.end()) {
    why = address + ": attribute \"" + key + "\" is not set";
    return false;
  }
  *value = &it->second;
  return true;
}

std::string Quote(const std::string& s) { return json(s).dump(); }

}  // namespace

const ResourceState* State::Find(const std::string& address) const {
  auto it = resources.find(address);
  return it == resources.end() ? nullptr : &it->second;
}

bool FlattenJsonAttributes(const std::string& text, std::map<std::string, std::string>& out) {
  json v = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!v.is_object()) return false;
  for (const auto& [k, e] : v.items()) FlattenValue(k, e, out);
  return true;
}

bool ParseShowJson(const std::string& text, State& state, std::string* error) {
  state = State();
  state.json = text;
  json v = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!v.is_object()) {
    if (error != nullptr) *error = "`show -json` did not print a JSON object";
    return false;
  }
  if (auto values = v.find("values"); values != v.end() && values->is_object()) {
    if (auto root = values->find("root_module"); root != values->end()) {
      CollectModule(*root, state);
    }
  }
  return true;
}

Check CheckAttr(std::string address, std::string key, std::string value) {
  std::string description = address + "." + key + " == " + Quote(value);
  return Check{std::move(description),
               [address, key, value](const State& s) -> std::string {
                 const std::string* got = nullptr;
                 std::string why;
                 if (!Lookup(s, address, key, &got, why)) return why;
                 if (*got == value) return "";
                 return address + "." + key + " is " + Quote(*got) + ", want " + Quote(value);
               }};
}

Check CheckAttrSet(std::string address, std::string key) {
  std::string description = address + "." + key + " is set";
  return Check{std::move(description), [address, key](const State& s) -> std::string {
                 const std::string* got = nullptr;
                 std::string why;
                 return Lookup(s, address, key, &got, why) ? "" : why;
               }};
}

Check CheckNoAttr(std::string address, std::string key) {
  std::string description = address + "." + key + " is not set";
  return Check{std::move(description), [address, key](const State& s) -> std::string {
                 const ResourceState* r = s.Find(address);
                 if (r == nullptr) return "no resource \"" + address + "\" in the state";
                 auto it = r->attributes.find(key);
                 if (it == r->attributes.end()) return "";
                 return address + "." + key + " is " + Quote(it->second) + ", want it unset";
               }};
}

Check CheckAttrMatches(std::string address, std::string key, std::string pattern) {
  std::string description = address + "." + key + " matches /" + pattern + "/";
  return Check{std::move(description),
               [address, key, pattern](const State& s) -> std::string {
                 const std::string* got = nullptr;
                 std::string why;
                 if (!Lookup(s, address, key, &got, why)) return why;
                 try {
                   if (std::regex_search(*got, std::regex(pattern))) return "";
                 } catch (const std::regex_error& e) {
                   return "invalid regex /" + pattern + "/: " + e.what();
                 }
                 return address + "." + key + " is " + Quote(*got) + ", which does not match /" +
                        pattern + "/";
               }};
}

Check CheckAttrPair(std::string address1, std::string key1, std::string address2,
                    std::string key2) {
  std::string description = address1 + "." + key1 + " == " + address2 + "." + key2;
  return Check{std::move(description),
               [address1, key1, address2, key2](const State& s) -> std::string {
                 const std::string* a = nullptr;
                 const std::string* b = nullptr;
                 std::string why;
                 if (!Lookup(s, address1, key1, &a, why)) return why;
                 if (!Lookup(s, address2, key2, &b, why)) return why;
                 if (*a == *b) return "";
                 return address1 + "." + key1 + " is " + Quote(*a) + " but " + address2 + "." +
                        key2 + " is " + Quote(*b);
               }};
}

Check CheckResourceExists(std::string address) {
  std::string description = address + " exists";
  return Check{std::move(description), [address](const State& s) -> std::string {
                 if (s.Find(address) != nullptr) return "";
                 std::string why;
                 const std::string* unused = nullptr;
                 Lookup(s, address, "", &unused, why);
                 return why;
               }};
}

Check CheckResourceAbsent(std::string address) {
  std::string description = address + " does not exist";
  return Check{std::move(description), [address](const State& s) -> std::string {
                 if (s.Find(address) == nullptr) return "";
                 return "resource \"" + address + "\" is still in the state";
               }};
}

Check CheckFunc(std::string description, std::function<std::string(const State&)> fn) {
  return Check{std::move(description), std::move(fn)};
}

}  // namespace tfsdk::testing
