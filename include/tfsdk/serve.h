// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// tfsdk::Serve — the provider executable's main loop.
//
//   int main(int argc, char** argv) {
//     tfsdk::Provider provider("local");
//     provider.AddResource<FileResource>();
//     return tfsdk::Serve(provider, argc, argv);
//   }
//
// Launched by Terraform or OpenTofu, Serve performs the go-plugin handshake (AutoMTLS over a
// unix socket) and serves protocol 6 or 5, whichever the client prefers. Run by hand with
// `--debug`, it serves without the handshake and prints a TF_REATTACH_PROVIDERS value to
// paste into the shell that runs terraform. Run by hand without it, it explains that it
// is a plugin and exits 1. Run with `--schema-json`, it prints the provider's schemas as
// `terraform providers schema -json` would (keyed by ServeOptions::address) and exits 0.
#ifndef TFSDK_SERVE_H_
#define TFSDK_SERVE_H_

#include <string>
#include <vector>

#include "tfsdk/provider.h"

namespace tfsdk {

struct ServeOptions {
  // The provider's source address HOST/NAMESPACE/TYPE, used in --debug output and as the
  // key of --schema-json output. Default: "registry.terraform.io/tfsdk/<type_name>".
  std::string address;
  // Protocol versions to serve (5 and/or 6).
  std::vector<int> protocol_versions = {5, 6};
};

// Returns the process exit code. Schemas are validated first: a bad schema is reported on
// stderr and Serve returns 1 instead of letting Terraform fail later.
int Serve(Provider& provider, int argc, char** argv, const ServeOptions& options = {});

}  // namespace tfsdk

#endif  // TFSDK_SERVE_H_
