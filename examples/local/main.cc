// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// terraform-provider-local: the "local" example provider as a plugin executable. Terraform
// and OpenTofu launch it (see README.md for a dev_overrides setup); `--debug` serves it for
// TF_REATTACH_PROVIDERS instead.

#include <memory>

#include "local_provider.h"
#include "tfsdk/serve.h"

int main(int argc, char** argv) {
  std::unique_ptr<tfsdk::Provider> provider = tfsdk_examples::MakeLocalProvider();
  return tfsdk::Serve(*provider, argc, argv);
}
