// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Resource identity on the wire (protocol 5.9 / 6.9, Terraform 1.12+): the
// GetResourceIdentitySchemas and UpgradeResourceIdentity RPCs, and the translation of the
// ResourceIdentityData fields that ReadResource, PlanResourceChange, ApplyResourceChange and
// ImportResourceState carry (used by rpc_handlers.h). Templates over the generated protocol
// 5 and 6 messages, which are identical here.
#ifndef TFSDK_SRC_PROTOCOL_IDENTITY_HANDLERS_H_
#define TFSDK_SRC_PROTOCOL_IDENTITY_HANDLERS_H_

#include <optional>
#include <string>

#include "src/engine/engine.h"
#include "src/protocol/translate.h"

namespace tfsdk::internal {

// A ResourceIdentityData field: absent when the message does not have it.
template <class PbIdentityData>
std::optional<RawValue> IdentityFromProto(bool present, const PbIdentityData& data) {
  if (!present || !data.has_identity_data()) return std::nullopt;
  return RawValueFromProto(data.identity_data());
}

template <class PbIdentityData>
void IdentityToProto(const std::optional<RawValue>& identity, PbIdentityData* out) {
  if (!identity.has_value()) return;
  RawValueToProto(*identity, out->mutable_identity_data());
}

template <class PbIdentitySchema>
void IdentitySchemaToProto(const IdentitySchema& schema, PbIdentitySchema* out) {
  out->set_version(schema.version);
  for (const IdentityAttribute& a : schema.attributes) {
    auto* attr = out->add_identity_attributes();
    attr->set_name(a.name);
    attr->set_type(a.type.ToJson());
    attr->set_required_for_import(a.required_for_import);
    attr->set_optional_for_import(a.optional_for_import);
    attr->set_description(a.description);
  }
}

template <class PbResponse>
void HandleGetResourceIdentitySchemas(Engine& engine, PbResponse* resp) {
  ResourceIdentitySchemasResult r = engine.GetResourceIdentitySchemas();
  for (const auto& [name, schema] : r.identity_schemas) {
    IdentitySchemaToProto(schema, &(*resp->mutable_identity_schemas())[name]);
  }
  AppendDiagnostics(r.diagnostics, resp->mutable_diagnostics());
}

template <class PbRequest, class PbResponse>
void HandleUpgradeResourceIdentity(Engine& engine, const PbRequest& req, PbResponse* resp) {
  UpgradeResourceIdentityResult r = engine.UpgradeResourceIdentity(
      req.type_name(), req.version(), RawStateFromProto(req.raw_identity()));
  if (!r.upgraded_identity.empty()) {
    RawValueToProto(r.upgraded_identity,
                    resp->mutable_upgraded_identity()->mutable_identity_data());
  }
  AppendDiagnostics(r.diagnostics, resp->mutable_diagnostics());
}

}  // namespace tfsdk::internal

#endif  // TFSDK_SRC_PROTOCOL_IDENTITY_HANDLERS_H_
