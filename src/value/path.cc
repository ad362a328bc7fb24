// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "tfsdk/path.h"

#include <stdexcept>

#include "absl/strings/escaping.h"

namespace tfsdk {

Path Path::Append(const PathStep& step) const {
  Path p = *this;
  p.steps_.push_back(step);
  return p;
}

Path Path::Attr(std::string name) const { return Append(PathStep::Attribute(std::move(name))); }
Path Path::Key(std::string key) const { return Append(PathStep::StringKey(std::move(key))); }
Path Path::Index(int64_t index) const { return Append(PathStep::IntKey(index)); }

Path Path::Parent() const {
  if (steps_.empty()) throw std::logic_error("Parent of the empty path");
  Path p = *this;
  p.steps_.pop_back();
  return p;
}

bool Path::HasPrefix(const Path& prefix) const {
  if (prefix.steps_.size() > steps_.size()) return false;
  for (size_t i = 0; i < prefix.steps_.size(); ++i) {
    if (steps_[i] != prefix.steps_[i]) return false;
  }
  return true;
}

std::string Path::ToString() const {
  std::string out;
  for (const auto& step : steps_) {
    switch (step.kind) {
      case PathStep::Kind::kAttribute:
        if (!out.empty()) out += '.';
        out += step.name;
        break;
      case PathStep::Kind::kStringKey:
        out += "[\"";
        out += absl::CEscape(step.name);
        out += "\"]";
        break;
      case PathStep::Kind::kIntKey:
        out += '[';
        out += std::to_string(step.index);
        out += ']';
        break;
    }
  }
  return out;
}

}  // namespace tfsdk
