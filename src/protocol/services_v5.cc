// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// tfplugin5.Provider: every RPC is one line that hands the request to a shared handler
// (rpc_handlers.h) inside the exception barrier (translate.h). The handlers are the same
// templates protocol 6 uses; only the RPC names differ (GetSchema, PrepareProviderConfig,
// ValidateResourceTypeConfig, ValidateDataSourceConfig, Configure, Stop), and protocol 5
// has no state-store RPCs.

#include <string>

#include "src/protocol/action_handlers.h"
#include "src/protocol/ephemeral_handlers.h"
#include "src/protocol/identity_handlers.h"
#include "src/protocol/list_handlers.h"
#include "src/protocol/move_handlers.h"
#include "src/protocol/rpc_handlers.h"
#include "src/protocol/services.h"
#include "src/protocol/translate.h"

namespace tfsdk::internal {

namespace pb = ::tfplugin5;
using grpc::ServerContext;
using grpc::Status;

// --- discovery and schemas -------------------------------------------------------------

Status ProviderV5Service::GetMetadata(ServerContext*, const pb::GetProviderMetadata::Request*,
                                      pb::GetProviderMetadata::Response* resp) {
  return GuardedUnary(resp, [&] {
    HandleGetMetadata(engine_, resp);
    AddActionMetadata(engine_, resp);
  });
}

Status ProviderV5Service::GetSchema(ServerContext*, const pb::GetProviderSchema::Request*,
                                            pb::GetProviderSchema::Response* resp) {
  return GuardedUnary(resp, [&] {
    HandleGetProviderSchema(engine_, resp);
    AddActionSchemas(engine_, resp);
  });
}

Status ProviderV5Service::GetResourceIdentitySchemas(
    ServerContext*, const pb::GetResourceIdentitySchemas::Request*,
    pb::GetResourceIdentitySchemas::Response* resp) {
  return GuardedUnary(resp, [&] { HandleGetResourceIdentitySchemas(engine_, resp); });
}

Status ProviderV5Service::GetFunctions(ServerContext*, const pb::GetFunctions::Request*,
                                       pb::GetFunctions::Response* resp) {
  return GuardedUnary(resp, [&] { HandleGetFunctions(engine_, resp); });
}

// --- validation -------------------------------------------------------------------------

Status ProviderV5Service::PrepareProviderConfig(ServerContext*,
                                                const pb::PrepareProviderConfig::Request* req,
                                                pb::PrepareProviderConfig::Response* resp) {
  return GuardedUnary(resp, [&] { HandleValidateProviderConfig(engine_, *req, resp); });
}

Status ProviderV5Service::ValidateResourceTypeConfig(
    ServerContext*, const pb::ValidateResourceTypeConfig::Request* req,
    pb::ValidateResourceTypeConfig::Response* resp) {
  return GuardedUnary(resp, [&] { HandleValidateResourceConfig(engine_, *req, resp); });
}

Status ProviderV5Service::ValidateDataSourceConfig(
    ServerContext*, const pb::ValidateDataSourceConfig::Request* req,
    pb::ValidateDataSourceConfig::Response* resp) {
  return GuardedUnary(resp, [&] { HandleValidateDataResourceConfig(engine_, *req, resp); });
}

Status ProviderV5Service::ValidateEphemeralResourceConfig(
    ServerContext*, const pb::ValidateEphemeralResourceConfig::Request* req,
    pb::ValidateEphemeralResourceConfig::Response* resp) {
  return GuardedUnary(resp, [&] { HandleValidateEphemeralResourceConfig(engine_, *req, resp); });
}

Status ProviderV5Service::ValidateListResourceConfig(
    ServerContext*, const pb::ValidateListResourceConfig::Request* req,
    pb::ValidateListResourceConfig::Response* resp) {
  return GuardedUnary(resp, [&] { HandleValidateListResourceConfig(engine_, *req, resp); });
}

Status ProviderV5Service::ValidateActionConfig(ServerContext*,
                                               const pb::ValidateActionConfig::Request* req,
                                               pb::ValidateActionConfig::Response* resp) {
  return GuardedUnary(resp, [&] { HandleValidateActionConfig(engine_, *req, resp); });
}

// --- provider setup ---------------------------------------------------------------------

Status ProviderV5Service::Configure(ServerContext*, const pb::Configure::Request* req,
                                    pb::Configure::Response* resp) {
  return GuardedUnary(resp, [&] { HandleConfigureProvider(engine_, *req, resp); });
}

// --- managed resources ------------------------------------------------------------------

Status ProviderV5Service::UpgradeResourceState(ServerContext*,
                                               const pb::UpgradeResourceState::Request* req,
                                               pb::UpgradeResourceState::Response* resp) {
  return GuardedUnary(resp, [&] { HandleUpgradeResourceState(engine_, *req, resp); });
}

Status ProviderV5Service::UpgradeResourceIdentity(
    ServerContext*, const pb::UpgradeResourceIdentity::Request* req,
    pb::UpgradeResourceIdentity::Response* resp) {
  return GuardedUnary(resp, [&] { HandleUpgradeResourceIdentity(engine_, *req, resp); });
}

Status ProviderV5Service::ReadResource(ServerContext*, const pb::ReadResource::Request* req,
                                       pb::ReadResource::Response* resp) {
  return GuardedUnary(resp, [&] { HandleReadResource(engine_, *req, resp); });
}

Status ProviderV5Service::PlanResourceChange(ServerContext*,
                                             const pb::PlanResourceChange::Request* req,
                                             pb::PlanResourceChange::Response* resp) {
  return GuardedUnary(resp, [&] { HandlePlanResourceChange(engine_, *req, resp); });
}

Status ProviderV5Service::ApplyResourceChange(ServerContext*,
                                              const pb::ApplyResourceChange::Request* req,
                                              pb::ApplyResourceChange::Response* resp) {
  return GuardedUnary(resp, [&] { HandleApplyResourceChange(engine_, *req, resp); });
}

Status ProviderV5Service::ImportResourceState(ServerContext*,
                                              const pb::ImportResourceState::Request* req,
                                              pb::ImportResourceState::Response* resp) {
  return GuardedUnary(resp, [&] { HandleImportResourceState(engine_, *req, resp); });
}

Status ProviderV5Service::MoveResourceState(ServerContext*,
                                            const pb::MoveResourceState::Request* req,
                                            pb::MoveResourceState::Response* resp) {
  return GuardedUnary(resp, [&] { HandleMoveResourceState(engine_, *req, resp); });
}

Status ProviderV5Service::GenerateResourceConfig(ServerContext*,
                                                 const pb::GenerateResourceConfig::Request* req,
                                                 pb::GenerateResourceConfig::Response* resp) {
  return GuardedUnary(resp, [&] { HandleGenerateResourceConfig(engine_, *req, resp); });
}

// --- data sources -----------------------------------------------------------------------

Status ProviderV5Service::ReadDataSource(ServerContext*, const pb::ReadDataSource::Request* req,
                                         pb::ReadDataSource::Response* resp) {
  return GuardedUnary(resp, [&] { HandleReadDataSource(engine_, *req, resp); });
}

// --- ephemeral resources ----------------------------------------------------------------

Status ProviderV5Service::OpenEphemeralResource(ServerContext*,
                                                const pb::OpenEphemeralResource::Request* req,
                                                pb::OpenEphemeralResource::Response* resp) {
  return GuardedUnary(resp, [&] { HandleOpenEphemeralResource(engine_, *req, resp); });
}

Status ProviderV5Service::RenewEphemeralResource(ServerContext*,
                                                 const pb::RenewEphemeralResource::Request* req,
                                                 pb::RenewEphemeralResource::Response* resp) {
  return GuardedUnary(resp, [&] { HandleRenewEphemeralResource(engine_, *req, resp); });
}

Status ProviderV5Service::CloseEphemeralResource(ServerContext*,
                                                 const pb::CloseEphemeralResource::Request* req,
                                                 pb::CloseEphemeralResource::Response* resp) {
  return GuardedUnary(resp, [&] { HandleCloseEphemeralResource(engine_, *req, resp); });
}

// --- list resources ---------------------------------------------------------------------

Status ProviderV5Service::ListResource(ServerContext*, const pb::ListResource::Request* req,
                                       grpc::ServerWriter<pb::ListResource::Event>* writer) {
  return HandleListResource(engine_, *req, writer);
}

// --- functions --------------------------------------------------------------------------

Status ProviderV5Service::CallFunction(ServerContext*, const pb::CallFunction::Request* req,
                                       pb::CallFunction::Response* resp) {
  return GuardedFunctionCall(resp, [&] { HandleCallFunction(engine_, *req, resp); });
}

// --- actions ----------------------------------------------------------------------------

Status ProviderV5Service::PlanAction(ServerContext*, const pb::PlanAction::Request* req,
                                     pb::PlanAction::Response* resp) {
  return GuardedUnary(resp, [&] { HandlePlanAction(engine_, *req, resp); });
}

Status ProviderV5Service::InvokeAction(ServerContext*, const pb::InvokeAction::Request* req,
                                       grpc::ServerWriter<pb::InvokeAction::Event>* writer) {
  return HandleInvokeAction(engine_, *req, writer);
}

// --- shutdown ---------------------------------------------------------------------------

Status ProviderV5Service::Stop(ServerContext*, const pb::Stop::Request*,
                               pb::Stop::Response* resp) {
  return GuardedStop(resp, [&] { HandleStopProvider(engine_, resp); });
}

}  // namespace tfsdk::internal
