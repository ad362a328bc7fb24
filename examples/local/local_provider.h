// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// The "local" example provider: files on the local disk.
//
//   resource "local_file" "greeting" {
//     path    = "/tmp/hello.txt"    # required; changing it replaces the file
//     content = "hello"             # required
//     # file_permission = "0600"    # optional; "0644" when left out
//   }
//   # computed: sha256 (hex SHA-256 of the content), id (the path)
//
//   data "local_file" "motd" {
//     path = "/etc/motd"            # required
//   }
//   # computed: content, sha256
//
// Out-of-band changes show up as drift: a file deleted behind Terraform's back is planned
// for creation again, and edited content is planned back to the configured content.
// `terraform import local_file.greeting /tmp/hello.txt` adopts an existing file.
//
// The resource writes text files; content is read back as-is, so files that are not valid
// UTF-8 are not supported.
#ifndef TFSDK_EXAMPLES_LOCAL_LOCAL_PROVIDER_H_
#define TFSDK_EXAMPLES_LOCAL_LOCAL_PROVIDER_H_

#include <memory>
#include <string>

#include "tfsdk/provider.h"

namespace tfsdk_examples {

// A fresh "local" provider with resource local_file and data source local_file.
std::unique_ptr<tfsdk::Provider> MakeLocalProvider();

// The lowercase hex SHA-256 of `data`. Exposed for tests.
std::string Sha256Hex(const std::string& data);

}  // namespace tfsdk_examples

#endif  // TFSDK_EXAMPLES_LOCAL_LOCAL_PROVIDER_H_
