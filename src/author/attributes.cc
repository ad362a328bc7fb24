// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "tfsdk/attributes.h"

namespace tfsdk {

Value Attributes::GetValue(const Path& path) const {
  absl::StatusOr<Value> v = value_.At(path);
  if (!v.ok()) throw ConversionError(path, std::string(v.status().message()));
  return *std::move(v);
}

Type Attributes::TypeAt(const Path& path) const { return GetValue(path).type(); }

Type Attributes::WholeType() const {
  if (value_.type().IsObject()) return value_.type();
  if (schema_ != nullptr) return schema_->ImpliedType();
  return Type::Dynamic();
}

void Attributes::SetValue(const Path& path, Value v) {
  absl::StatusOr<Value> updated = value_.WithAt(path, std::move(v));
  if (!updated.ok()) throw ConversionError(path, std::string(updated.status().message()));
  value_ = *std::move(updated);
}

}  // namespace tfsdk
