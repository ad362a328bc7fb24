// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// tfsdk::Diagnostics — what a provider tells the practitioner. Every callback gets a
// Diagnostics to fill instead of returning error codes; Terraform shows each diagnostic
// with its summary, detail and, when a Path is attached, the configuration line of that
// attribute.
//
//   resp.diagnostics.AddError("Invalid port", "Ports are 1 to 65535.", Path::Root("port"));
//   if (resp.diagnostics.HasError()) return;
//
// Not thread-safe: each RPC owns its Diagnostics.
#ifndef TFSDK_DIAGNOSTICS_H_
#define TFSDK_DIAGNOSTICS_H_

#include <optional>
#include <string>
#include <vector>

#include "tfsdk/path.h"

namespace tfsdk {

enum class Severity { kError, kWarning };

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string summary;          // one short line
  std::string detail;           // longer explanation, may be empty
  std::optional<Path> path;     // the attribute at fault, if any

  bool IsError() const { return severity == Severity::kError; }
  // "Error: summary: detail" (with " at path" when there is one); for logs and tests.
  std::string ToString() const;
  bool operator==(const Diagnostic& o) const {
    return severity == o.severity && summary == o.summary && detail == o.detail &&
           path == o.path;
  }
};

class Diagnostics {
 public:
  void AddError(std::string summary, std::string detail = {},
                std::optional<Path> path = std::nullopt);
  void AddWarning(std::string summary, std::string detail = {},
                  std::optional<Path> path = std::nullopt);
  // Prefixes `prefix` to the path of every diagnostic in `other` that has one and appends
  // them (diagnostics without a path get `prefix` when it is non-empty).
  void AppendAt(const Path& prefix, const Diagnostics& other);
  void Add(Diagnostic d) { items_.push_back(std::move(d)); }
  void Append(const Diagnostics& other);

  bool HasError() const;
  size_t ErrorCount() const;
  bool empty() const { return items_.empty(); }
  size_t size() const { return items_.size(); }
  const Diagnostic& operator[](size_t i) const { return items_[i]; }
  std::vector<Diagnostic>::const_iterator begin() const { return items_.begin(); }
  std::vector<Diagnostic>::const_iterator end() const { return items_.end(); }
  const std::vector<Diagnostic>& items() const { return items_; }

  // All diagnostics, one per line, via Diagnostic::ToString.
  std::string ToString() const;

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace tfsdk

#endif  // TFSDK_DIAGNOSTICS_H_
