// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// The body of every plugin RPC, written once as a template over the generated request and
// response types and called by both ProviderV5Service and ProviderV6Service (services.h).
// Each handler translates the request, makes one engine call and translates the result;
// the services wrap each call in the exception barrier of translate.h.
//
// A request naming a type the provider does not have (a resource, list resource, action,
// state store, ...) gets the engine's "Unsupported <feature>" diagnostic, never gRPC
// UNIMPLEMENTED, which Terraform would report as an opaque "Unsupported plugin method".
#ifndef TFSDK_SRC_PROTOCOL_RPC_HANDLERS_H_
#define TFSDK_SRC_PROTOCOL_RPC_HANDLERS_H_

#include <optional>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "src/engine/engine.h"
#include "src/protocol/ephemeral_handlers.h"
#include "src/protocol/identity_handlers.h"
#include "src/protocol/list_handlers.h"
#include "src/protocol/translate.h"

namespace tfsdk::internal {

// Sets resp->deferred when the engine deferred the response (Terraform 1.9+).
template <class PbResponse>
void DeferredToProto(const std::optional<DeferredReason>& deferred, PbResponse* resp) {
  if (!deferred) return;
  resp->mutable_deferred()->set_reason(
      static_cast<decltype(resp->deferred().reason())>(static_cast<int>(*deferred)));
}

// --- discovery --------------------------------------------------------------------------

template <class PbResponse>
void HandleGetMetadata(Engine& engine, PbResponse* resp) {
  MetadataResult r = engine.GetMetadata();
  ServerCapabilitiesToProto(r.server_capabilities, resp->mutable_server_capabilities());
  for (const std::string& name : r.resources) resp->add_resources()->set_type_name(name);
  for (const std::string& name : r.data_sources) resp->add_data_sources()->set_type_name(name);
  AddEphemeralMetadata(r, resp);
  AddListMetadata(r, resp);
  for (const std::string& name : r.functions) resp->add_functions()->set_name(name);
  AppendDiagnostics(r.diagnostics, resp->mutable_diagnostics());
}

// v6 GetProviderSchema / v5 GetSchema. List resources, actions (and v6 state stores) are
// left as empty maps.
template <class PbResponse>
void HandleGetProviderSchema(Engine& engine, PbResponse* resp) {
  ProviderSchemaResult r = engine.GetProviderSchema();
  SchemaToProto(r.provider, resp->mutable_provider());
  if (r.provider_meta.has_value()) {
    SchemaToProto(*r.provider_meta, resp->mutable_provider_meta());
  }
  SchemaMapToProto(r.resources, resp->mutable_resource_schemas());
  SchemaMapToProto(r.data_sources, resp->mutable_data_source_schemas());
  AddEphemeralSchemas(r, resp);
  AddListSchemas(r, resp);
  FunctionMapToProto(r.functions, resp->mutable_functions());
  ServerCapabilitiesToProto(r.server_capabilities, resp->mutable_server_capabilities());
  AppendDiagnostics(r.diagnostics, resp->mutable_diagnostics());
}

// --- provider ---------------------------------------------------------------------------

// v6 ValidateProviderConfig / v5 PrepareProviderConfig. v5 also wants the configuration
// back as prepared_config (a hook from the legacy SDK to insert defaults); it is returned
// as received.
template <class PbRequest, class PbResponse>
void HandleValidateProviderConfig(Engine& engine, const PbRequest& req, PbResponse* resp) {
  Diagnostics diags = engine.ValidateProviderConfig(RawValueFromProto(req.config()));
  if constexpr (requires { resp->mutable_prepared_config(); }) {
    *resp->mutable_prepared_config() = req.config();
  }
  AppendDiagnostics(diags, resp->mutable_diagnostics());
}

// v6 ConfigureProvider / v5 Configure.
template <class PbRequest, class PbResponse>
void HandleConfigureProvider(Engine& engine, const PbRequest& req, PbResponse* resp) {
  AppendDiagnostics(
      engine.ConfigureProvider(req.terraform_version(), RawValueFromProto(req.config()),
                               ClientCapabilitiesFromProto(req.client_capabilities())),
      resp->mutable_diagnostics());
}

// v6 StopProvider / v5 Stop. The response's only field is the error text ("Error").
template <class PbResponse>
void HandleStopProvider(Engine& engine, PbResponse* resp) {
  resp->set_error(engine.StopProvider());
}

// --- validation -----------------------------------------------------------------------

// v6 ValidateResourceConfig / v5 ValidateResourceTypeConfig.
template <class PbRequest, class PbResponse>
void HandleValidateResourceConfig(Engine& engine, const PbRequest& req, PbResponse* resp) {
  AppendDiagnostics(
      engine.ValidateResourceConfig(req.type_name(), RawValueFromProto(req.config()),
                                    ClientCapabilitiesFromProto(req.client_capabilities())),
      resp->mutable_diagnostics());
}

// v6 ValidateDataResourceConfig / v5 ValidateDataSourceConfig.
template <class PbRequest, class PbResponse>
void HandleValidateDataResourceConfig(Engine& engine, const PbRequest& req,
                                      PbResponse* resp) {
  AppendDiagnostics(
      engine.ValidateDataResourceConfig(req.type_name(), RawValueFromProto(req.config())),
      resp->mutable_diagnostics());
}

// --- managed resources ----------------------------------------------------------------

template <class PbRequest, class PbResponse>
void HandleUpgradeResourceState(Engine& engine, const PbRequest& req, PbResponse* resp) {
  UpgradeResourceStateResult r = engine.UpgradeResourceState(
      req.type_name(), req.version(), RawStateFromProto(req.raw_state()));
  RawValueToProto(r.upgraded_state, resp->mutable_upgraded_state());
  AppendDiagnostics(r.diagnostics, resp->mutable_diagnostics());
}

template <class PbRequest, class PbResponse>
void HandleReadResource(Engine& engine, const PbRequest& req, PbResponse* resp) {
  ReadResourceRequest in;
  in.type_name = req.type_name();
  in.current_state = RawValueFromProto(req.current_state());
  in.private_state = req.private_();
  in.provider_meta = RawValueFromProto(req.provider_meta());
  in.client_capabilities = ClientCapabilitiesFromProto(req.client_capabilities());
  in.current_identity = IdentityFromProto(req.has_current_identity(), req.current_identity());
  ReadResourceResult r = engine.ReadResource(in);
  RawValueToProto(r.new_state, resp->mutable_new_state());
  resp->set_private_(r.private_state);
  IdentityToProto(r.new_identity, resp->mutable_new_identity());
  DeferredToProto(r.deferred, resp);
  AppendDiagnostics(r.diagnostics, resp->mutable_diagnostics());
}

template <class PbRequest, class PbResponse>
void HandlePlanResourceChange(Engine& engine, const PbRequest& req, PbResponse* resp) {
  PlanResourceChangeRequest in;
  in.type_name = req.type_name();
  in.prior_state = RawValueFromProto(req.prior_state());
  in.proposed_new_state = RawValueFromProto(req.proposed_new_state());
  in.config = RawValueFromProto(req.config());
  in.prior_private = req.prior_private();
  in.provider_meta = RawValueFromProto(req.provider_meta());
  in.client_capabilities = ClientCapabilitiesFromProto(req.client_capabilities());
  in.prior_identity = IdentityFromProto(req.has_prior_identity(), req.prior_identity());
  PlanResourceChangeResult r = engine.PlanResourceChange(in);
  IdentityToProto(r.planned_identity, resp->mutable_planned_identity());
  RawValueToProto(r.planned_state, resp->mutable_planned_state());
  for (const Path& p : r.requires_replace) PathToProto(p, resp->add_requires_replace());
  resp->set_planned_private(r.planned_private);
  DeferredToProto(r.deferred, resp);
  AppendDiagnostics(r.diagnostics, resp->mutable_diagnostics());
  // legacy_type_system stays false: it is reserved for the legacy Go SDK and would make
  // Terraform tolerate (and hide) plans that break its rules.
}

template <class PbRequest, class PbResponse>
void HandleApplyResourceChange(Engine& engine, const PbRequest& req, PbResponse* resp) {
  ApplyResourceChangeRequest in;
  in.type_name = req.type_name();
  in.prior_state = RawValueFromProto(req.prior_state());
  in.planned_state = RawValueFromProto(req.planned_state());
  in.config = RawValueFromProto(req.config());
  in.planned_private = req.planned_private();
  in.provider_meta = RawValueFromProto(req.provider_meta());
  in.planned_identity = IdentityFromProto(req.has_planned_identity(), req.planned_identity());
  ApplyResourceChangeResult r = engine.ApplyResourceChange(in);
  RawValueToProto(r.new_state, resp->mutable_new_state());
  IdentityToProto(r.new_identity, resp->mutable_new_identity());
  resp->set_private_(r.private_state);
  AppendDiagnostics(r.diagnostics, resp->mutable_diagnostics());
}

template <class PbRequest, class PbResponse>
void HandleImportResourceState(Engine& engine, const PbRequest& req, PbResponse* resp) {
  ImportResourceStateResult r = engine.ImportResourceState(
      req.type_name(), req.id(), ClientCapabilitiesFromProto(req.client_capabilities()),
      IdentityFromProto(req.has_identity(), req.identity()));
  for (const ImportedResource& imported : r.imported) {
    auto* out = resp->add_imported_resources();
    out->set_type_name(imported.type_name);
    RawValueToProto(imported.state, out->mutable_state());
    out->set_private_(imported.private_state);
    IdentityToProto(imported.identity, out->mutable_identity());
  }
  DeferredToProto(r.deferred, resp);
  AppendDiagnostics(r.diagnostics, resp->mutable_diagnostics());
}

// --- data sources -----------------------------------------------------------------------

template <class PbRequest, class PbResponse>
void HandleReadDataSource(Engine& engine, const PbRequest& req, PbResponse* resp) {
  ReadDataSourceResult r = engine.ReadDataSource(
      req.type_name(), RawValueFromProto(req.config()), RawValueFromProto(req.provider_meta()),
      ClientCapabilitiesFromProto(req.client_capabilities()));
  RawValueToProto(r.state, resp->mutable_state());
  DeferredToProto(r.deferred, resp);
  AppendDiagnostics(r.diagnostics, resp->mutable_diagnostics());
}

// --- functions ------------------------------------------------------------------------

template <class PbResponse>
void HandleGetFunctions(Engine& engine, PbResponse* resp) {
  FunctionsResult r = engine.GetFunctions();
  FunctionMapToProto(r.functions, resp->mutable_functions());
  AppendDiagnostics(r.diagnostics, resp->mutable_diagnostics());
}

// CallFunction reports through FunctionError, not diagnostics.
template <class PbRequest, class PbResponse>
void HandleCallFunction(Engine& engine, const PbRequest& req, PbResponse* resp) {
  std::vector<RawValue> arguments;
  arguments.reserve(req.arguments_size());
  for (const auto& arg : req.arguments()) arguments.push_back(RawValueFromProto(arg));
  CallFunctionResult r = engine.CallFunction(req.name(), arguments);
  if (r.error) {
    resp->mutable_error()->set_text(r.error->text);
    if (r.error->argument) resp->mutable_error()->set_function_argument(*r.error->argument);
    return;
  }
  RawValueToProto(r.result, resp->mutable_result());
}

// --- unsupported features -----------------------------------------------------------

// An exception barrier for CallFunction: the error goes into FunctionError.text.
template <class PbResponse, class Body>
grpc::Status GuardedFunctionCall(PbResponse* resp, Body&& body) noexcept {
  return Guarded(std::forward<Body>(body), [resp](const Diagnostics& diags) {
    resp->Clear();
    std::string text;
    for (const Diagnostic& d : diags) {
      if (!text.empty()) text += "\n";
      text += d.summary + ": " + d.detail;
    }
    resp->mutable_error()->set_text(text);
  });
}

// An exception barrier for StopProvider: the error goes into the response's Error text.
template <class PbResponse, class Body>
grpc::Status GuardedStop(PbResponse* resp, Body&& body) noexcept {
  return Guarded(std::forward<Body>(body), [resp](const Diagnostics& diags) {
    resp->Clear();
    resp->set_error(diags.ToString());
  });
}

}  // namespace tfsdk::internal

#endif  // TFSDK_SRC_PROTOCOL_RPC_HANDLERS_H_
