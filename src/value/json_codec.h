// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// cty's JSON encoding of values, used for raw state (UpgradeResourceState,
// UpgradeResourceIdentity, MoveResourceState) and accepted wherever Terraform may send
// DynamicValue.json. Implemented on nlohmann_json's SAX parser so numbers keep their exact
// text ("0.1" stays a decimal, never a rounded double).
#ifndef TFSDK_SRC_VALUE_JSON_CODEC_H_
#define TFSDK_SRC_VALUE_JSON_CODEC_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "tfsdk/type.h"
#include "tfsdk/value.h"

namespace tfsdk::internal {

// Decodes cty JSON as type `type`. Object attributes missing from the JSON are null;
// attributes not in the type are an error unless `ignore_unknown_attributes` (state
// upgrade drops attributes removed from the schema). A Dynamic slot is
// {"value": V, "type": T}. Errors name the path.
absl::StatusOr<Value> DecodeJsonValue(std::string_view json, const Type& type,
                                      bool ignore_unknown_attributes = false);

// Encodes a wholly known value as cty JSON. Unknown values are an error.
absl::StatusOr<std::string> EncodeJsonValue(const Value& value, const Type& type);

}  // namespace tfsdk::internal

#endif  // TFSDK_SRC_VALUE_JSON_CODEC_H_
