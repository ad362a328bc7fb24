// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// tfsdk::Path — the address of a value inside a resource's configuration, plan or state,
// as Terraform's AttributePath carries it: a sequence of steps, each an attribute name
// (`.name`), a string key of a map (`["key"]`) or an integer index of a list or tuple
// (`[3]`). Diagnostics carry a Path so Terraform points at the right line of the
// configuration.
//
//   tfsdk::Path p = tfsdk::Path::Root("rule").Index(0).Attr("port");
//   p.ToString();  // rule[0].port
//
// Paths are values: cheap to build, copyable, comparable. Set elements have no key on the
// wire, so a path into a set stops at the set attribute.
#ifndef TFSDK_PATH_H_
#define TFSDK_PATH_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tfsdk {

// One step of a Path.
struct PathStep {
  enum class Kind { kAttribute, kStringKey, kIntKey };
  Kind kind = Kind::kAttribute;
  std::string name;  // kAttribute: attribute name; kStringKey: the map key
  int64_t index = 0;  // kIntKey: the list/tuple index

  static PathStep Attribute(std::string name) { return {Kind::kAttribute, std::move(name), 0}; }
  static PathStep StringKey(std::string key) { return {Kind::kStringKey, std::move(key), 0}; }
  static PathStep IntKey(int64_t i) { return {Kind::kIntKey, {}, i}; }

  bool operator==(const PathStep& o) const {
    return kind == o.kind && name == o.name && index == o.index;
  }
  bool operator!=(const PathStep& o) const { return !(*this == o); }
};

class Path {
 public:
  // The empty path: the whole object.
  Path() = default;
  explicit Path(std::vector<PathStep> steps) : steps_(std::move(steps)) {}

  // A path of one attribute step.
  static Path Root(std::string attribute) { return Path().Attr(std::move(attribute)); }

  // New paths with one more step (the receiver is unchanged).
  Path Attr(std::string name) const;
  Path Key(std::string key) const;
  Path Index(int64_t index) const;
  Path Append(const PathStep& step) const;
  // The path without its last step. REQUIRES: !empty().
  Path Parent() const;

  const std::vector<PathStep>& steps() const { return steps_; }
  bool empty() const { return steps_.empty(); }
  size_t size() const { return steps_.size(); }
  // True if `prefix` equals the first prefix.size() steps of this path.
  bool HasPrefix(const Path& prefix) const;

  // Terraform's rendering: `a.b["k"][0]`; the empty path renders as "".
  std::string ToString() const;

  bool operator==(const Path& o) const { return steps_ == o.steps_; }
  bool operator!=(const Path& o) const { return !(*this == o); }

 private:
  std::vector<PathStep> steps_;
};

}  // namespace tfsdk

#endif  // TFSDK_PATH_H_
