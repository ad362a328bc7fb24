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
//   resource "local_directory" "out" {
//     path        = "/tmp/out"      # required; missing parents are created
//     permissions = "0750"          # optional; "0755" when left out
//   }
//   # destroy removes the directory with everything in it
//
//   ephemeral "local_sensitive_file" "token" {
//     path = "/run/secrets/token"   # required; content (sensitive) and sha256 computed,
//   }                               # never stored in plan or state
//
//   output "digest" {
//     value = provider::local::sha256_file("/etc/motd")   # hex SHA-256 of a file
//   }
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

// A fresh "local" provider: resources local_file and local_directory, data source
// local_file, ephemeral resource local_sensitive_file, function sha256_file.
std::unique_ptr<tfsdk::Provider> MakeLocalProvider();

// The lowercase hex SHA-256 of `data`. Exposed for tests.
std::string Sha256Hex(const std::string& data);

}  // namespace tfsdk_examples

#endif  // TFSDK_EXAMPLES_LOCAL_LOCAL_PROVIDER_H_
