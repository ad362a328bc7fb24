// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// tfplugin6.Provider: every RPC is one line that hands the request to a shared handler
// (rpc_handlers.h) inside the exception barrier (translate.h).

#include <string>

#include "src/protocol/action_handlers.h"
#include "src/protocol/ephemeral_handlers.h"
#include "src/protocol/identity_handlers.h"
#include "src/protocol/list_handlers.h"
#include "src/protocol/move_handlers.h"
#include "src/protocol/rpc_handlers.h"
#include "src/protocol/services.h"
#include "src/protocol/state_store_handlers.h"
#include "src/protocol/translate.h"

namespace tfsdk::internal {

namespace pb = ::tfplugin6;
using grpc::ServerContext;
using grpc::Status;

// --- discovery and schemas -------------------------------------------------------------

Status ProviderV6Service::GetMetadata(ServerContext*, const pb::GetProviderMetadata::Request*,
                                      pb::GetProviderMetadata::Response* resp) {
  return GuardedUnary(resp, [&] {
    HandleGetMetadata(engine_, resp);
    AddActionMetadata(engine_, resp);
    AddStateStoreMetadata(engine_, resp);
  });
}

Status ProviderV6Service::GetProviderSchema(ServerContext*,
                                            const pb::GetProviderSchema::Request*,
                                            pb::GetProviderSchema::Response* resp) {
  return GuardedUnary(resp, [&] {
    HandleGetProviderSchema(engine_, resp);
    AddActionSchemas(engine_, resp);
    AddStateStoreSchemas(engine_, resp);
  });
}

Status ProviderV6Service::GetResourceIdentitySchemas(
    ServerContext*, const pb::GetResourceIdentitySchemas::Request*,
    pb::GetResourceIdentitySchemas::Response* resp) {
  return GuardedUnary(resp, [&] { HandleGetResourceIdentitySchemas(engine_, resp); });
}

Status ProviderV6Service::GetFunctions(ServerContext*, const pb::GetFunctions::Request*,
                                       pb::GetFunctions::Response* resp) {
  return GuardedUnary(resp, [&] { HandleGetFunctions(engine_, resp); });
}

// --- validation -------------------------------------------------------------------------

Status ProviderV6Service::ValidateProviderConfig(ServerContext*,
                                                 const pb::ValidateProviderConfig::Request* req,
                                                 pb::ValidateProviderConfig::Response* resp) {
  return GuardedUnary(resp, [&] { HandleValidateProviderConfig(engine_, *req, resp); });
}

Status ProviderV6Service::ValidateResourceConfig(ServerContext*,
                                                 const pb::ValidateResourceConfig::Request* req,
                                                 pb::ValidateResourceConfig::Response* resp) {
  return GuardedUnary(resp, [&] { HandleValidateResourceConfig(engine_, *req, resp); });
}

Status ProviderV6Service::ValidateDataResourceConfig(
    ServerContext*, const pb::ValidateDataResourceConfig::Request* req,
    pb::ValidateDataResourceConfig::Response* resp) {
  return GuardedUnary(resp, [&] { HandleValidateDataResourceConfig(engine_, *req, resp); });
}

Status ProviderV6Service::ValidateEphemeralResourceConfig(
    ServerContext*, const pb::ValidateEphemeralResourceConfig::Request* req,
    pb::ValidateEphemeralResourceConfig::Response* resp) {
  return GuardedUnary(resp, [&] { HandleValidateEphemeralResourceConfig(engine_, *req, resp); });
}

Status ProviderV6Service::ValidateListResourceConfig(
    ServerContext*, const pb::ValidateListResourceConfig::Request* req,
    pb::ValidateListResourceConfig::Response* resp) {
  return GuardedUnary(resp, [&] { HandleValidateListResourceConfig(engine_, *req, resp); });
}

Status ProviderV6Service::ValidateActionConfig(ServerContext*,
                                               const pb::ValidateActionConfig::Request* req,
                                               pb::ValidateActionConfig::Response* resp) {
  return GuardedUnary(resp, [&] { HandleValidateActionConfig(engine_, *req, resp); });
}

Status ProviderV6Service::ValidateStateStoreConfig(ServerContext*,
                                                   const pb::ValidateStateStore::Request* req,
                                                   pb::ValidateStateStore::Response* resp) {
  return GuardedUnary(resp, [&] { HandleValidateStateStoreConfig(engine_, *req, resp); });
}

// --- provider setup ---------------------------------------------------------------------

Status ProviderV6Service::ConfigureProvider(ServerContext*,
                                            const pb::ConfigureProvider::Request* req,
                                            pb::ConfigureProvider::Response* resp) {
  return GuardedUnary(resp, [&] { HandleConfigureProvider(engine_, *req, resp); });
}

// --- managed resources ------------------------------------------------------------------

Status ProviderV6Service::UpgradeResourceState(ServerContext*,
                                               const pb::UpgradeResourceState::Request* req,
                                               pb::UpgradeResourceState::Response* resp) {
  return GuardedUnary(resp, [&] { HandleUpgradeResourceState(engine_, *req, resp); });
}

Status ProviderV6Service::UpgradeResourceIdentity(
    ServerContext*, const pb::UpgradeResourceIdentity::Request* req,
    pb::UpgradeResourceIdentity::Response* resp) {
  return GuardedUnary(resp, [&] { HandleUpgradeResourceIdentity(engine_, *req, resp); });
}

Status ProviderV6Service::ReadResource(ServerContext*, const pb::ReadResource::Request* req,
                                       pb::ReadResource::Response* resp) {
  return GuardedUnary(resp, [&] { HandleReadResource(engine_, *req, resp); });
}

Status ProviderV6Service::PlanResourceChange(ServerContext*,
                                             const pb::PlanResourceChange::Request* req,
                                             pb::PlanResourceChange::Response* resp) {
  return GuardedUnary(resp, [&] { HandlePlanResourceChange(engine_, *req, resp); });
}

Status ProviderV6Service::ApplyResourceChange(ServerContext*,
                                              const pb::ApplyResourceChange::Request* req,
                                              pb::ApplyResourceChange::Response* resp) {
  return GuardedUnary(resp, [&] { HandleApplyResourceChange(engine_, *req, resp); });
}

Status ProviderV6Service::ImportResourceState(ServerContext*,
                                              const pb::ImportResourceState::Request* req,
                                              pb::ImportResourceState::Response* resp) {
  return GuardedUnary(resp, [&] { HandleImportResourceState(engine_, *req, resp); });
}

Status ProviderV6Service::MoveResourceState(ServerContext*,
                                            const pb::MoveResourceState::Request* req,
                                            pb::MoveResourceState::Response* resp) {
  return GuardedUnary(resp, [&] { HandleMoveResourceState(engine_, *req, resp); });
}

Status ProviderV6Service::GenerateResourceConfig(ServerContext*,
                                                 const pb::GenerateResourceConfig::Request* req,
                                                 pb::GenerateResourceConfig::Response* resp) {
  return GuardedUnary(resp, [&] { HandleGenerateResourceConfig(engine_, *req, resp); });
}

// --- data sources -----------------------------------------------------------------------

Status ProviderV6Service::ReadDataSource(ServerContext*, const pb::ReadDataSource::Request* req,
                                         pb::ReadDataSource::Response* resp) {
  return GuardedUnary(resp, [&] { HandleReadDataSource(engine_, *req, resp); });
}

// --- ephemeral resources ----------------------------------------------------------------

Status ProviderV6Service::OpenEphemeralResource(ServerContext*,
                                                const pb::OpenEphemeralResource::Request* req,
                                                pb::OpenEphemeralResource::Response* resp) {
  return GuardedUnary(resp, [&] { HandleOpenEphemeralResource(engine_, *req, resp); });
}

Status ProviderV6Service::RenewEphemeralResource(ServerContext*,
                                                 const pb::RenewEphemeralResource::Request* req,
                                                 pb::RenewEphemeralResource::Response* resp) {
  return GuardedUnary(resp, [&] { HandleRenewEphemeralResource(engine_, *req, resp); });
}

Status ProviderV6Service::CloseEphemeralResource(ServerContext*,
                                                 const pb::CloseEphemeralResource::Request* req,
                                                 pb::CloseEphemeralResource::Response* resp) {
  return GuardedUnary(resp, [&] { HandleCloseEphemeralResource(engine_, *req, resp); });
}

// --- list resources ---------------------------------------------------------------------

Status ProviderV6Service::ListResource(ServerContext*, const pb::ListResource::Request* req,
                                       grpc::ServerWriter<pb::ListResource::Event>* writer) {
  return HandleListResource(engine_, *req, writer);
}

// --- functions --------------------------------------------------------------------------

Status ProviderV6Service::CallFunction(ServerContext*, const pb::CallFunction::Request* req,
                                       pb::CallFunction::Response* resp) {
  return GuardedFunctionCall(resp, [&] { HandleCallFunction(engine_, *req, resp); });
}

// --- state stores -----------------------------------------------------------------------

Status ProviderV6Service::ConfigureStateStore(ServerContext*,
                                              const pb::ConfigureStateStore::Request* req,
                                              pb::ConfigureStateStore::Response* resp) {
  return GuardedUnary(resp, [&] { HandleConfigureStateStore(engine_, *req, resp); });
}

Status ProviderV6Service::ReadStateBytes(
    ServerContext*, const pb::ReadStateBytes::Request* req,
    grpc::ServerWriter<pb::ReadStateBytes::Response>* writer) {
  return HandleReadStateBytes(engine_, *req, writer);
}

Status ProviderV6Service::WriteStateBytes(
    ServerContext*, grpc::ServerReader<pb::WriteStateBytes::RequestChunk>* reader,
    pb::WriteStateBytes::Response* resp) {
  return GuardedUnary(resp, [&] { HandleWriteStateBytes(engine_, reader, resp); });
}

Status ProviderV6Service::LockState(ServerContext*, const pb::LockState::Request* req,
                                    pb::LockState::Response* resp) {
  return GuardedUnary(resp, [&] { HandleLockState(engine_, *req, resp); });
}

Status ProviderV6Service::UnlockState(ServerContext*, const pb::UnlockState::Request* req,
                                      pb::UnlockState::Response* resp) {
  return GuardedUnary(resp, [&] { HandleUnlockState(engine_, *req, resp); });
}

Status ProviderV6Service::GetStates(ServerContext*, const pb::GetStates::Request* req,
                                    pb::GetStates::Response* resp) {
  return GuardedUnary(resp, [&] { HandleGetStates(engine_, *req, resp); });
}

Status ProviderV6Service::DeleteState(ServerContext*, const pb::DeleteState::Request* req,
                                      pb::DeleteState::Response* resp) {
  return GuardedUnary(resp, [&] { HandleDeleteState(engine_, *req, resp); });
}

// --- actions ----------------------------------------------------------------------------

Status ProviderV6Service::PlanAction(ServerContext*, const pb::PlanAction::Request* req,
                                     pb::PlanAction::Response* resp) {
  return GuardedUnary(resp, [&] { HandlePlanAction(engine_, *req, resp); });
}

Status ProviderV6Service::InvokeAction(ServerContext*, const pb::InvokeAction::Request* req,
                                       grpc::ServerWriter<pb::InvokeAction::Event>* writer) {
  return HandleInvokeAction(engine_, *req, writer);
}

// --- shutdown ---------------------------------------------------------------------------

Status ProviderV6Service::StopProvider(ServerContext*, const pb::StopProvider::Request*,
                                       pb::StopProvider::Response* resp) {
  return GuardedStop(resp, [&] { HandleStopProvider(engine_, resp); });
}

}  // namespace tfsdk::internal
