// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// tfsdk::PrivateState — provider-private data stored with a resource instance, next to its
// state but invisible to practitioners (Terraform keeps it as opaque bytes). Use it for
// things like an ETag or an API version that the provider needs on the next operation but
// that are not attributes.
//
// Keys map to JSON values (the text of any JSON value: "\"abc\"", "42", "{\"a\":1}").
// Data flows plan → apply → state → read → plan: plan modifiers see the prior private
// state, and ModifyPlan sees it and may change it (the planned private state); Create and
// Update start from the planned private state; Read and Delete see what the last apply
// (or import) stored.
//
//   resp.private_state.Set("etag", "\"" + etag + "\"");
//   std::optional<std::string> etag = req.private_state.Get("etag");   // JSON text
//
// Keys starting with "." are reserved for the SDK. Set throws std::invalid_argument when
// the value is not valid JSON or the key is empty or reserved.
#ifndef TFSDK_PRIVATE_STATE_H_
#define TFSDK_PRIVATE_STATE_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace tfsdk {

class PrivateState {
 public:
  // The JSON text stored under `key`, or nullopt.
  std::optional<std::string> Get(std::string_view key) const;
  // Stores `json` (validated) under `key`.
  void Set(std::string key, std::string json);
  // Removes `key` (no-op when absent).
  void Remove(std::string_view key);
  bool empty() const { return entries_.empty(); }
  const std::map<std::string, std::string, std::less<>>& entries() const { return entries_; }

  // The wire form: "" when empty, else a JSON object {key: value, ...}.
  std::string Serialize() const;
  // Parses the wire form. Bytes that are not a JSON object (for example private data
  // written by another SDK) give an empty PrivateState and `*ok` = false.
  static PrivateState Parse(std::string_view bytes, bool* ok = nullptr);

  bool operator==(const PrivateState& o) const { return entries_ == o.entries_; }

 private:
  std::map<std::string, std::string, std::less<>> entries_;
};

}  // namespace tfsdk

#endif  // TFSDK_PRIVATE_STATE_H_
