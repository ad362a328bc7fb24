// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "src/engine/deferral.h"

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"

namespace tfsdk::internal {

std::optional<DeferredReason> AcceptDeferral(const std::optional<Deferred>& deferred,
                                             bool allowed, const std::string& where,
                                             Diagnostics& diags) {
  if (!deferred) return std::nullopt;
  if (!allowed) {
    diags.AddError(
        "Invalid Deferred Response",
        absl::StrCat(where, " returned a deferred response, but Terraform did not indicate "
                     "support for deferred actions in this request (deferral_allowed is "
                     "false). A provider may defer only when the request's deferral_allowed "
                     "is true. This is a bug in the provider; please report it to the "
                     "provider developers."));
    return std::nullopt;
  }
  return static_cast<DeferredReason>(static_cast<int>(deferred->reason));
}

Value MarkComputedNullsUnknown(const Schema& schema, const Value& value, const Value& config) {
  if (value.IsNull() || !value.IsKnown()) return value;
  absl::StatusOr<Value> out =
      value.Transform([&](const Path& p, const Value& v) -> absl::StatusOr<Value> {
        if (p.empty() || !v.IsNull()) return v;
        const Attribute* attr = schema.FindAttribute(p);
        if (attr == nullptr || !attr->computed) return v;
        absl::StatusOr<Value> configured = config.At(p);
        if (configured.ok() && !configured->IsNull()) return v;
        return Value::UnknownVal(v.type());
      });
  return out.ok() ? *out : value;
}

}  // namespace tfsdk::internal
