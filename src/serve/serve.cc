// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "tfsdk/serve.h"

#include <algorithm>
#include <iostream>
#include <string_view>

#include "src/engine/engine.h"
#include "src/plugin/plugin_server.h"
#include "src/protocol/services.h"
#include "src/serve/protocol_choice.h"
#include "src/serve/schema_json.h"
#include "tfsdk/log.h"

namespace tfsdk {
namespace {

// A provider that cannot start says why on stderr, and also as one line on stdout, where
// the CLI reads the handshake: Terraform and OpenTofu print an unexpected first line there
// ("Unrecognized remote plugin message: ..."), while stderr reaches only their logs.
int CannotStart(const std::string& type_name, const std::string& why) {
  std::string line = "provider " + type_name + " cannot start: " + why;
  std::cerr << line << "\n";
  for (char& c : line) {
    if (c == '\n') c = ' ';
  }
  std::cout << line << std::endl;
  return 1;
}

}  // namespace

int Serve(Provider& provider, int argc, char** argv, const ServeOptions& options) {
  internal::Engine engine(provider);
  if (engine.schema_diagnostics().HasError()) {
    return CannotStart(provider.type_name(),
                       "invalid schema:\n" + engine.schema_diagnostics().ToString());
  }
  std::string address = options.address.empty()
                            ? "registry.terraform.io/tfsdk/" + provider.type_name()
                            : options.address;
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--schema-json") {
      internal::ProviderSchemaResult r = engine.GetProviderSchema();
      internal::ProviderSchemas schemas{r.provider,
                                        r.resources,
                                        r.data_sources,
                                        r.ephemeral_resources,
                                        r.functions,
                                        r.list_resources,
                                        engine.GetResourceIdentitySchemas().identity_schemas};
      std::cout << internal::ProviderSchemasToTerraformJson(address, schemas) << "\n";
      std::cout.flush();
      return std::cout.good() ? 0 : 1;
    }
  }
  // Protocol 5 only where the schemas fit it (src/serve/protocol_choice.h).
  internal::ProtocolChoice protocols = internal::ChooseProtocols(
      options.protocol_versions,
      internal::FindProtocol5Obstacle(engine.GetProviderSchema(), engine.ActionSchemas()));
  if (!protocols.error.empty()) {
    return CannotStart(provider.type_name(), protocols.error);
  }
  if (!protocols.note.empty()) log::Warn(protocols.note);
  auto serves = [&](int v) {
    return std::find(protocols.served.begin(), protocols.served.end(), v) !=
           protocols.served.end();
  };
  internal::ProviderV5Service v5(engine);
  internal::ProviderV6Service v6(engine);
  internal::PluginServices services;
  if (serves(5)) services.v5 = &v5;
  if (serves(6)) services.v6 = &v6;
  services.on_shutdown = [&engine] { engine.StopProvider(); };
  return internal::RunPluginServer(services, address, argc, argv);
}

}  // namespace tfsdk
