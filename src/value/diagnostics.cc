// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "tfsdk/diagnostics.h"

#include <algorithm>

namespace tfsdk {

std::string Diagnostic::ToString() const {
  std::string out = severity == Severity::kError ? "Error: " : "Warning: ";
  out += summary;
  if (!detail.empty()) {
    out += ": ";
    out += detail;
  }
  if (path && !path->empty()) {
    out += " (at ";
    out += path->ToString();
    out += ")";
  }
  return out;
}

void Diagnostics::AddError(std::string summary, std::string detail, std::optional<Path> path) {
  items_.push_back({Severity::kError, std::move(summary), std::move(detail), std::move(path)});
}

void Diagnostics::AddWarning(std::string summary, std::string detail,
                             std::optional<Path> path) {
  items_.push_back({Severity::kWarning, std::move(summary), std::move(detail), std::move(path)});
}

void Diagnostics::Append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

void Diagnostics::AppendAt(const Path& prefix, const Diagnostics& other) {
  for (Diagnostic d : other.items_) {
    if (d.path) {
      std::vector<PathStep> steps = prefix.steps();
      steps.insert(steps.end(), d.path->steps().begin(), d.path->steps().end());
      d.path = Path(std::move(steps));
    } else if (!prefix.empty()) {
      d.path = prefix;
    }
    items_.push_back(std::move(d));
  }
}

bool Diagnostics::HasError() const {
  return std::any_of(items_.begin(), items_.end(), [](const Diagnostic& d) { return d.IsError(); });
}

size_t Diagnostics::ErrorCount() const {
  return std::count_if(items_.begin(), items_.end(),
                       [](const Diagnostic& d) { return d.IsError(); });
}

std::string Diagnostics::ToString() const {
  std::string out;
  for (const auto& d : items_) {
    out += d.ToString();
    out += '\n';
  }
  return out;
}

}  // namespace tfsdk
