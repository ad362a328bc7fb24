// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// The gRPC services Terraform and OpenTofu call: tfplugin6.Provider (protocol 6) and
// tfplugin5.Provider (protocol 5). Both are thin translation layers over one Engine
// (src/engine/engine.h): request message -> engine call -> response message. They hold no
// provider semantics; the shared translation lives in translate.h and rpc_handlers.h.
//
// Guarantees, for every RPC of both protocols:
//  - the status is grpc::Status::OK (never UNIMPLEMENTED): problems, including features
//    the provider does not offer, travel as diagnostics Terraform can show;
//  - no C++ exception reaches gRPC: one escaping the engine becomes an error diagnostic
//    "Internal error in provider" with what() as the detail.
//
//   tfsdk::internal::Engine engine(provider);
//   tfsdk::internal::ProviderV6Service v6(engine);
//   grpc::ServerBuilder builder;
//   builder.RegisterService(&v6);
//
// Thread-safe (as the engine is); the engine must outlive the services.
#ifndef TFSDK_SRC_PROTOCOL_SERVICES_H_
#define TFSDK_SRC_PROTOCOL_SERVICES_H_

#include <grpcpp/grpcpp.h>

#include "src/engine/engine.h"
#include "tfplugin5.grpc.pb.h"
#include "tfplugin6.grpc.pb.h"

namespace tfsdk::internal {

class ProviderV6Service final : public tfplugin6::Provider::Service {
 public:
  explicit ProviderV6Service(Engine& engine) : engine_(engine) {}

  // -- discovery and schemas
  grpc::Status GetMetadata(grpc::ServerContext* context,
                           const tfplugin6::GetProviderMetadata::Request* request,
                           tfplugin6::GetProviderMetadata::Response* response) override;
  grpc::Status GetProviderSchema(grpc::ServerContext* context,
                                 const tfplugin6::GetProviderSchema::Request* request,
                                 tfplugin6::GetProviderSchema::Response* response) override;
  grpc::Status GetResourceIdentitySchemas(
      grpc::ServerContext* context, const tfplugin6::GetResourceIdentitySchemas::Request* request,
      tfplugin6::GetResourceIdentitySchemas::Response* response) override;
  grpc::Status GetFunctions(grpc::ServerContext* context,
                            const tfplugin6::GetFunctions::Request* request,
                            tfplugin6::GetFunctions::Response* response) override;

  // -- validation
  grpc::Status ValidateProviderConfig(
      grpc::ServerContext* context, const tfplugin6::ValidateProviderConfig::Request* request,
      tfplugin6::ValidateProviderConfig::Response* response) override;
  grpc::Status ValidateResourceConfig(
      grpc::ServerContext* context, const tfplugin6::ValidateResourceConfig::Request* request,
      tfplugin6::ValidateResourceConfig::Response* response) override;
  grpc::Status ValidateDataResourceConfig(
      grpc::ServerContext* context, const tfplugin6::ValidateDataResourceConfig::Request* request,
      tfplugin6::ValidateDataResourceConfig::Response* response) override;
  grpc::Status ValidateEphemeralResourceConfig(
      grpc::ServerContext* context,
      const tfplugin6::ValidateEphemeralResourceConfig::Request* request,
      tfplugin6::ValidateEphemeralResourceConfig::Response* response) override;
  grpc::Status ValidateListResourceConfig(
      grpc::ServerContext* context, const tfplugin6::ValidateListResourceConfig::Request* request,
      tfplugin6::ValidateListResourceConfig::Response* response) override;
  grpc::Status ValidateActionConfig(grpc::ServerContext* context,
                                    const tfplugin6::ValidateActionConfig::Request* request,
                                    tfplugin6::ValidateActionConfig::Response* response) override;
  grpc::Status ValidateStateStoreConfig(grpc::ServerContext* context,
                                        const tfplugin6::ValidateStateStore::Request* request,
                                        tfplugin6::ValidateStateStore::Response* response) override;

  // -- provider setup
  grpc::Status ConfigureProvider(grpc::ServerContext* context,
                                 const tfplugin6::ConfigureProvider::Request* request,
                                 tfplugin6::ConfigureProvider::Response* response) override;

  // -- managed resources
  grpc::Status UpgradeResourceState(grpc::ServerContext* context,
                                    const tfplugin6::UpgradeResourceState::Request* request,
                                    tfplugin6::UpgradeResourceState::Response* response) override;
  grpc::Status UpgradeResourceIdentity(
      grpc::ServerContext* context, const tfplugin6::UpgradeResourceIdentity::Request* request,
      tfplugin6::UpgradeResourceIdentity::Response* response) override;
  grpc::Status ReadResource(grpc::ServerContext* context,
                            const tfplugin6::ReadResource::Request* request,
                            tfplugin6::ReadResource::Response* response) override;
  grpc::Status PlanResourceChange(grpc::ServerContext* context,
                                  const tfplugin6::PlanResourceChange::Request* request,
                                  tfplugin6::PlanResourceChange::Response* response) override;
  grpc::Status ApplyResourceChange(grpc::ServerContext* context,
                                   const tfplugin6::ApplyResourceChange::Request* request,
                                   tfplugin6::ApplyResourceChange::Response* response) override;
  grpc::Status ImportResourceState(grpc::ServerContext* context,
                                   const tfplugin6::ImportResourceState::Request* request,
                                   tfplugin6::ImportResourceState::Response* response) override;
  grpc::Status MoveResourceState(grpc::ServerContext* context,
                                 const tfplugin6::MoveResourceState::Request* request,
                                 tfplugin6::MoveResourceState::Response* response) override;
  grpc::Status GenerateResourceConfig(
      grpc::ServerContext* context, const tfplugin6::GenerateResourceConfig::Request* request,
      tfplugin6::GenerateResourceConfig::Response* response) override;

  // -- data sources
  grpc::Status ReadDataSource(grpc::ServerContext* context,
                              const tfplugin6::ReadDataSource::Request* request,
                              tfplugin6::ReadDataSource::Response* response) override;

  // -- ephemeral resources
  grpc::Status OpenEphemeralResource(
      grpc::ServerContext* context, const tfplugin6::OpenEphemeralResource::Request* request,
      tfplugin6::OpenEphemeralResource::Response* response) override;
  grpc::Status RenewEphemeralResource(
      grpc::ServerContext* context, const tfplugin6::RenewEphemeralResource::Request* request,
      tfplugin6::RenewEphemeralResource::Response* response) override;
  grpc::Status CloseEphemeralResource(
      grpc::ServerContext* context, const tfplugin6::CloseEphemeralResource::Request* request,
      tfplugin6::CloseEphemeralResource::Response* response) override;

  // -- list resources
  grpc::Status ListResource(grpc::ServerContext* context,
                            const tfplugin6::ListResource::Request* request,
                            grpc::ServerWriter<tfplugin6::ListResource::Event>* writer) override;

  // -- functions
  grpc::Status CallFunction(grpc::ServerContext* context,
                            const tfplugin6::CallFunction::Request* request,
                            tfplugin6::CallFunction::Response* response) override;

  // -- state stores
  grpc::Status ConfigureStateStore(grpc::ServerContext* context,
                                   const tfplugin6::ConfigureStateStore::Request* request,
                                   tfplugin6::ConfigureStateStore::Response* response) override;
  grpc::Status ReadStateBytes(
      grpc::ServerContext* context, const tfplugin6::ReadStateBytes::Request* request,
      grpc::ServerWriter<tfplugin6::ReadStateBytes::Response>* writer) override;
  grpc::Status WriteStateBytes(
      grpc::ServerContext* context,
      grpc::ServerReader<tfplugin6::WriteStateBytes::RequestChunk>* reader,
      tfplugin6::WriteStateBytes::Response* response) override;
  grpc::Status LockState(grpc::ServerContext* context, const tfplugin6::LockState::Request* request,
                         tfplugin6::LockState::Response* response) override;
  grpc::Status UnlockState(grpc::ServerContext* context,
                           const tfplugin6::UnlockState::Request* request,
                           tfplugin6::UnlockState::Response* response) override;
  grpc::Status GetStates(grpc::ServerContext* context, const tfplugin6::GetStates::Request* request,
                         tfplugin6::GetStates::Response* response) override;
  grpc::Status DeleteState(grpc::ServerContext* context,
                           const tfplugin6::DeleteState::Request* request,
                           tfplugin6::DeleteState::Response* response) override;

  // -- actions
  grpc::Status PlanAction(grpc::ServerContext* context,
                          const tfplugin6::PlanAction::Request* request,
                          tfplugin6::PlanAction::Response* response) override;
  grpc::Status InvokeAction(grpc::ServerContext* context,
                            const tfplugin6::InvokeAction::Request* request,
                            grpc::ServerWriter<tfplugin6::InvokeAction::Event>* writer) override;

  // -- shutdown
  grpc::Status StopProvider(grpc::ServerContext* context,
                            const tfplugin6::StopProvider::Request* request,
                            tfplugin6::StopProvider::Response* response) override;

 private:
  Engine& engine_;
};

class ProviderV5Service final : public tfplugin5::Provider::Service {
 public:
  explicit ProviderV5Service(Engine& engine) : engine_(engine) {}

  // -- discovery and schemas
  grpc::Status GetMetadata(grpc::ServerContext* context,
                           const tfplugin5::GetProviderMetadata::Request* request,
                           tfplugin5::GetProviderMetadata::Response* response) override;
  // Protocol 5's name for GetProviderSchema. Nested attributes are flattened (see
  // AttributeToProto in translate.h).
  grpc::Status GetSchema(grpc::ServerContext* context,
                         const tfplugin5::GetProviderSchema::Request* request,
                         tfplugin5::GetProviderSchema::Response* response) override;
  grpc::Status GetResourceIdentitySchemas(
      grpc::ServerContext* context, const tfplugin5::GetResourceIdentitySchemas::Request* request,
      tfplugin5::GetResourceIdentitySchemas::Response* response) override;
  grpc::Status GetFunctions(grpc::ServerContext* context,
                            const tfplugin5::GetFunctions::Request* request,
                            tfplugin5::GetFunctions::Response* response) override;

  // -- validation
  grpc::Status PrepareProviderConfig(
      grpc::ServerContext* context, const tfplugin5::PrepareProviderConfig::Request* request,
      tfplugin5::PrepareProviderConfig::Response* response) override;
  grpc::Status ValidateResourceTypeConfig(
      grpc::ServerContext* context, const tfplugin5::ValidateResourceTypeConfig::Request* request,
      tfplugin5::ValidateResourceTypeConfig::Response* response) override;
  grpc::Status ValidateDataSourceConfig(
      grpc::ServerContext* context, const tfplugin5::ValidateDataSourceConfig::Request* request,
      tfplugin5::ValidateDataSourceConfig::Response* response) override;
  grpc::Status ValidateEphemeralResourceConfig(
      grpc::ServerContext* context,
      const tfplugin5::ValidateEphemeralResourceConfig::Request* request,
      tfplugin5::ValidateEphemeralResourceConfig::Response* response) override;
  grpc::Status ValidateListResourceConfig(
      grpc::ServerContext* context, const tfplugin5::ValidateListResourceConfig::Request* request,
      tfplugin5::ValidateListResourceConfig::Response* response) override;
  grpc::Status ValidateActionConfig(grpc::ServerContext* context,
                                    const tfplugin5::ValidateActionConfig::Request* request,
                                    tfplugin5::ValidateActionConfig::Response* response) override;

  // -- provider setup
  grpc::Status Configure(grpc::ServerContext* context,
                         const tfplugin5::Configure::Request* request,
                         tfplugin5::Configure::Response* response) override;

  // -- managed resources
  grpc::Status UpgradeResourceState(grpc::ServerContext* context,
                                    const tfplugin5::UpgradeResourceState::Request* request,
                                    tfplugin5::UpgradeResourceState::Response* response) override;
  grpc::Status UpgradeResourceIdentity(
      grpc::ServerContext* context, const tfplugin5::UpgradeResourceIdentity::Request* request,
      tfplugin5::UpgradeResourceIdentity::Response* response) override;
  grpc::Status ReadResource(grpc::ServerContext* context,
                            const tfplugin5::ReadResource::Request* request,
                            tfplugin5::ReadResource::Response* response) override;
  grpc::Status PlanResourceChange(grpc::ServerContext* context,
                                  const tfplugin5::PlanResourceChange::Request* request,
                                  tfplugin5::PlanResourceChange::Response* response) override;
  grpc::Status ApplyResourceChange(grpc::ServerContext* context,
                                   const tfplugin5::ApplyResourceChange::Request* request,
                                   tfplugin5::ApplyResourceChange::Response* response) override;
  grpc::Status ImportResourceState(grpc::ServerContext* context,
                                   const tfplugin5::ImportResourceState::Request* request,
                                   tfplugin5::ImportResourceState::Response* response) override;
  grpc::Status MoveResourceState(grpc::ServerContext* context,
                                 const tfplugin5::MoveResourceState::Request* request,
                                 tfplugin5::MoveResourceState::Response* response) override;
  grpc::Status GenerateResourceConfig(
      grpc::ServerContext* context, const tfplugin5::GenerateResourceConfig::Request* request,
      tfplugin5::GenerateResourceConfig::Response* response) override;

  // -- data sources
  grpc::Status ReadDataSource(grpc::ServerContext* context,
                              const tfplugin5::ReadDataSource::Request* request,
                              tfplugin5::ReadDataSource::Response* response) override;

  // -- ephemeral resources
  grpc::Status OpenEphemeralResource(
      grpc::ServerContext* context, const tfplugin5::OpenEphemeralResource::Request* request,
      tfplugin5::OpenEphemeralResource::Response* response) override;
  grpc::Status RenewEphemeralResource(
      grpc::ServerContext* context, const tfplugin5::RenewEphemeralResource::Request* request,
      tfplugin5::RenewEphemeralResource::Response* response) override;
  grpc::Status CloseEphemeralResource(
      grpc::ServerContext* context, const tfplugin5::CloseEphemeralResource::Request* request,
      tfplugin5::CloseEphemeralResource::Response* response) override;

  // -- list resources
  grpc::Status ListResource(grpc::ServerContext* context,
                            const tfplugin5::ListResource::Request* request,
                            grpc::ServerWriter<tfplugin5::ListResource::Event>* writer) override;

  // -- functions
  grpc::Status CallFunction(grpc::ServerContext* context,
                            const tfplugin5::CallFunction::Request* request,
                            tfplugin5::CallFunction::Response* response) override;

  // -- actions
  grpc::Status PlanAction(grpc::ServerContext* context,
                          const tfplugin5::PlanAction::Request* request,
                          tfplugin5::PlanAction::Response* response) override;
  grpc::Status InvokeAction(grpc::ServerContext* context,
                            const tfplugin5::InvokeAction::Request* request,
                            grpc::ServerWriter<tfplugin5::InvokeAction::Event>* writer) override;

  // -- shutdown
  grpc::Status Stop(grpc::ServerContext* context, const tfplugin5::Stop::Request* request,
                    tfplugin5::Stop::Response* response) override;

 private:
  Engine& engine_;
};

}  // namespace tfsdk::internal

#endif  // TFSDK_SRC_PROTOCOL_SERVICES_H_
