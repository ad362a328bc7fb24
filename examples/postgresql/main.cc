// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// terraform-provider-postgresql: the "postgresql" example provider as a plugin executable.
// Terraform and OpenTofu launch it (README.md shows a dev_overrides setup); `--debug`
// serves it for TF_REATTACH_PROVIDERS instead.

#include <memory>

#include "postgresql_provider.h"
#include "tfsdk/serve.h"

int main(int argc, char** argv) {
  std::unique_ptr<tfsdk::Provider> provider = tfsdk_examples::MakePostgresqlProvider();
  return tfsdk::Serve(*provider, argc, argv);
}
