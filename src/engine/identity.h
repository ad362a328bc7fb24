// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Resource identity inside the engine (Terraform 1.12+; see tfsdk/identity.h): the
// identity schema of each resource type read once, decoding and encoding of the
// ResourceIdentityData values that Read, Plan, Apply and Import carry, and the checks made
// on the identity a callback returns. Engine::GetResourceIdentitySchemas and
// Engine::UpgradeResourceIdentity live in identity.cc too.
#ifndef TFSDK_SRC_ENGINE_IDENTITY_H_
#define TFSDK_SRC_ENGINE_IDENTITY_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "src/engine/engine.h"
#include "tfsdk/diagnostics.h"
#include "tfsdk/identity.h"
#include "tfsdk/resource.h"
#include "tfsdk/schema.h"
#include "tfsdk/value.h"

namespace tfsdk::internal {

// One resource type's identity, as the engine keeps it.
struct IdentityInfo {
  IdentitySchema identity_schema;
  Schema schema;  // identity_schema.AsSchema(): what the `identity` Attributes point to
  Type type;      // identity_schema.ImpliedType()
  std::map<int64_t, IdentityUpgrader> upgraders;  // Resource::IdentityUpgraders()
  std::map<int64_t, Schema> prior_schemas;  // upgraders' prior_schema->AsSchema()
};

// The identity Terraform sent, decoded; a null object when absent. False (with an error
// diagnostic) when the bytes do not match the identity schema.
bool DecodeIdentity(const IdentityInfo& info, const std::optional<RawValue>& raw,
                    const char* what, Value& out, Diagnostics& diags);

// The identity to send back: msgpack of `identity`.
RawValue EncodeIdentity(const IdentityInfo& info, const Value& identity, Diagnostics& diags);

// Checks the identity `operation` ("Create", "Read", "Update") of `type_name` returned:
// it conforms to the schema, is not null or all-null, is wholly known, and equals a
// non-null `prior` identity unless the schema is mutable (never for Read, which Terraform
// itself rejects). Adds errors to `diags`; returns false when it added one.
bool CheckIdentityResult(const IdentityInfo& info, const std::string& type_name,
                         const std::string& operation, const Value& prior,
                         const Value& identity, Diagnostics& diags);

// True when the identity is null or every attribute of it is null (not set at all).
bool IsEmptyIdentity(const Value& identity);

// True when an attribute that is set (not null) in `prior` has another value in `now`.
// Filling a null attribute is no change: an identity imported with only the attributes
// required for import is completed by Read.
bool IdentityChanged(const Value& prior, const Value& now);

// `identity` itself, or when it is null an object whose attributes are null: where a
// response's identity starts, so that callbacks can set attributes one by one.
Value SettableIdentity(const IdentityInfo& info, const Value& identity);

}  // namespace tfsdk::internal

#endif  // TFSDK_SRC_ENGINE_IDENTITY_H_
