// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// List resources on the wire (protocol 5.10 / 6.10, Terraform 1.14+ `terraform query`):
// ValidateListResourceConfig, the ListResource server stream, and the list parts of
// GetMetadata and GetProviderSchema. Templates over the generated protocol 5 and 6
// messages, which are identical here.
#ifndef TFSDK_SRC_PROTOCOL_LIST_HANDLERS_H_
#define TFSDK_SRC_PROTOCOL_LIST_HANDLERS_H_

#include <string>
#include <utility>

#include <grpcpp/grpcpp.h>

#include "src/engine/engine.h"
#include "src/protocol/translate.h"

namespace tfsdk::internal {

template <class PbResponse>
void AddListMetadata(const MetadataResult& r, PbResponse* resp) {
  for (const std::string& name : r.list_resources) {
    resp->add_list_resources()->set_type_name(name);
  }
}

template <class PbResponse>
void AddListSchemas(const ProviderSchemaResult& r, PbResponse* resp) {
  SchemaMapToProto(r.list_resources, resp->mutable_list_resource_schemas());
}

// include_resource_object and limit also arrive (as DynamicValues, possibly unknown during
// validation); Terraform checks their types itself, so only the config block is validated.
template <class PbRequest, class PbResponse>
void HandleValidateListResourceConfig(Engine& engine, const PbRequest& req, PbResponse* resp) {
  AppendDiagnostics(
      engine.ValidateListResourceConfig(req.type_name(), RawValueFromProto(req.config())),
      resp->mutable_diagnostics());
}

// Streams every event the engine emits; stops when a write fails (the client is gone).
template <class PbRequest, class PbEvent>
grpc::Status HandleListResource(Engine& engine, const PbRequest& req,
                                grpc::ServerWriter<PbEvent>* writer) noexcept {
  return Guarded(
      [&] {
        ListResourceRequest in;
        in.type_name = req.type_name();
        in.config = RawValueFromProto(req.config());
        in.include_resource_object = req.include_resource_object();
        in.limit = req.limit();
        engine.ListResource(in, [&](ListResourceEvent event) {
          PbEvent out;
          out.set_display_name(event.display_name);
          if (event.identity) {
            RawValueToProto(*event.identity, out.mutable_identity()->mutable_identity_data());
          }
          if (event.resource_object) {
            RawValueToProto(*event.resource_object, out.mutable_resource_object());
          }
          AppendDiagnostics(event.diagnostics, out.mutable_diagnostic());
          return writer->Write(out);
        });
      },
      [&](const Diagnostics& diags) {
        PbEvent out;
        AppendDiagnostics(diags, out.mutable_diagnostic());
        writer->Write(out);
      });
}

}  // namespace tfsdk::internal

#endif  // TFSDK_SRC_PROTOCOL_LIST_HANDLERS_H_
