// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// The legacy "flatmap" state format of Terraform 0.11 and earlier, which Terraform still
// sends in UpgradeResourceState (RawState.flatmap) for resources whose state was last
// written before 0.12. Every value is a string under a dotted key:
//
//   id               = "i-123"
//   port             = "80"                  primitives as text; bools "true"/"false"
//   ports.#          = "2"                   a list: its count, then one key per index
//   ports.0          = "80"
//   ports.1          = "443"
//   rule.#           = "1"                   a list of objects: index, then attribute
//   rule.0.cidr      = "10.0.0.0/8"
//   zones.#          = "2"                   a set: count, then a hash key per element
//   zones.1234       = "a"                      (any string; elements ordered by key)
//   zones.5678       = "b"
//   tags.%           = "1"                   a map: count, then one key per element; map
//   tags.app.tier    = "web"                    keys may contain dots ("app.tier")
//
// The type decides how keys are read (the format alone is ambiguous), as in Terraform's
// hcl2shim:
//   - a key that is absent is null, except list and object elements inside a count, which
//     exist (an element object whose keys are all absent has null attributes);
//   - "name.#" = "0" / "name.%" = "0" is an empty collection, no count key is null;
//   - a set whose count is "1" but which has no element keys holds one empty element
//     (null attributes, empty collection), because an empty element writes no keys;
//   - the unknown sentinel (kFlatmapUnknown) as a primitive, a count, or the value of the
//     collection's own key ("name" = sentinel) is an unknown value;
//   - keys that no attribute of the type reads are ignored (attributes removed from the
//     schema since the state was written);
//   - an empty flatmap is a null object (the protocol cannot tell an empty map from none).
// Stricter than hcl2shim: counts must agree with the keys (a list key at or past the count,
// a set or map with more or fewer elements than its count, a tuple of the wrong length are
// errors), and numbers parse exactly (Number::Parse, no rounding). Bools also accept "1" and
// "0", as cty's string-to-bool conversion does. Maps of objects or collections, which
// legacy Terraform never wrote, read the element key up to the first dot. A dynamic-typed
// attribute reads a present key as a string.
//
// Errors name the flatmap key at fault:
//   flatmap key "rule.0.port": "eighty" is not a number
#ifndef TFSDK_SRC_VALUE_FLATMAP_CODEC_H_
#define TFSDK_SRC_VALUE_FLATMAP_CODEC_H_

#include <map>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "tfsdk/type.h"
#include "tfsdk/value.h"

namespace tfsdk::internal {

// The value legacy Terraform wrote for "not known yet" (hcl2shim's UnknownVariableValue).
inline constexpr std::string_view kFlatmapUnknown = "74D93920-ED26-11E3-AC10-0800200C9A66";

// Decodes a flatmap as a value of the object type `type` (see the rules above).
// An error if `type` is not an object type.
absl::StatusOr<Value> DecodeFlatmap(const std::map<std::string, std::string>& flat,
                                    const Type& type);

// Encodes an object value as a flatmap, as legacy Terraform wrote it, except that set
// elements get positional keys (0, 1, ...) rather than hashes (hcl2shim does the same).
// Null values write no keys; unknown primitives and collections write the sentinel; an
// unknown object writes each of its attributes as unknown. A null object is an empty map.
// Errors: `value` is not of an object type or is wholly unknown, or a map of non-primitive
// elements has a key containing a dot (it could not be read back).
absl::StatusOr<std::map<std::string, std::string>> EncodeFlatmap(const Value& value);

}  // namespace tfsdk::internal

#endif  // TFSDK_SRC_VALUE_FLATMAP_CODEC_H_
