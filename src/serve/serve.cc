// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "tfsdk/serve.h"

#include <algorithm>
#include <iostream>
#include <string_view>

#include "src/engine/engine.h"
#include "src/plugin/plugin_server.h"
#include "src/protocol/services.h"
#include "src/serve/schema_json.h"

namespace tfsdk {

int Serve(Provider& provider, int argc, char** argv, const ServeOptions& options) {
  internal::Engine engine(provider);
  if (engine.schema_diagnostics().HasError()) {
    std::cerr << "provider " << provider.type_name() << " has an invalid schema:\n"
              << engine.schema_diagnostics().ToString();
    return 1;
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
  auto serves = [&](int v) {
    return std::find(options.protocol_versions.begin(), options.protocol_versions.end(), v) !=
           options.protocol_versions.end();
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
