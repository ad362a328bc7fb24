// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// The cty msgpack encoding of values (Terraform's DynamicValue.msgpack), implemented on
// msgpack-cxx. Rules: docs/PROTOCOL.md §4 and go-cty's cty/msgpack package.
#ifndef TFSDK_SRC_VALUE_MSGPACK_CODEC_H_
#define TFSDK_SRC_VALUE_MSGPACK_CODEC_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "tfsdk/type.h"
#include "tfsdk/value.h"

namespace tfsdk::internal {

// Decodes `data` as a value of type `type` (a schema's implied type; Dynamic slots carry
// their type on the wire). Never crashes on malformed input: errors name the path, e.g.
// "rule[2].port: a number is required". Bounded allocation and depth.
absl::StatusOr<Value> DecodeMsgpack(std::string_view data, const Type& type);

// Encodes `value` as type `type`. Fails if the value does not conform to the type.
absl::StatusOr<std::string> EncodeMsgpack(const Value& value, const Type& type);

}  // namespace tfsdk::internal

#endif  // TFSDK_SRC_VALUE_MSGPACK_CODEC_H_
