// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Which plugin protocols a provider binary can serve, decided from its schemas. Protocol 5
// has no nested attributes (Attribute.nested_type and Schema.Object are protocol 6 only,
// docs/PROTOCOL.md §1 and §5): a schema with one would reach a protocol-5 client as a plain
// object type without optional markers, and every plan would fail. So Serve() does not
// offer 5 for such a provider, and refuses to start when 5 is all it was asked to serve.
#ifndef TFSDK_SRC_SERVE_PROTOCOL_CHOICE_H_
#define TFSDK_SRC_SERVE_PROTOCOL_CHOICE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "src/engine/engine.h"

namespace tfsdk::internal {

// The first thing in the schemas protocol 5 cannot carry, named by where it is, e.g.
// `resource "acme_server": attribute "settings" is a nested attribute`; nullopt when
// protocol 5 can carry them all. Order: provider, provider_meta, resources, data sources,
// ephemeral resources, list resources, actions (each by type name); attributes before
// blocks, depth first.
std::optional<std::string> FindProtocol5Obstacle(const ProviderSchemaResult& schemas,
                                                 const std::map<std::string, Schema>& actions);

struct ProtocolChoice {
  std::vector<int> served;  // what to offer in the handshake (empty with an error)
  std::string note;         // why 5 is not offered, for the log; empty if nothing dropped
  std::string error;        // why the provider cannot start; empty if it can
};

// From the versions the author asked for (ServeOptions::protocol_versions) and the
// obstacle FindProtocol5Obstacle found.
ProtocolChoice ChooseProtocols(const std::vector<int>& requested,
                               const std::optional<std::string>& protocol5_obstacle);

}  // namespace tfsdk::internal

#endif  // TFSDK_SRC_SERVE_PROTOCOL_CHOICE_H_
