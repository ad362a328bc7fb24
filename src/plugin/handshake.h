// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// The pure parts of the go-plugin handshake, kept apart from sockets and processes so they
// can be tested as plain functions:
//
//   Terraform/OpenTofu start the provider with TF_PLUGIN_MAGIC_COOKIE, PLUGIN_PROTOCOL_VERSIONS
//   and (AutoMTLS) PLUGIN_CLIENT_CERT in the environment, then read ONE line from its stdout:
//
//     1|<app protocol version>|unix|<socket path>|grpc|<server cert, base64 raw std, or empty>
//
// Facts: docs/PROTOCOL.md §2 (hashicorp/go-plugin server.go, client.go).
#ifndef TFSDK_SRC_PLUGIN_HANDSHAKE_H_
#define TFSDK_SRC_PLUGIN_HANDSHAKE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace tfsdk::internal {

// The magic cookie Terraform and OpenTofu put in the environment of every provider they start.
// It is not a secret, only a guard against running the binary by hand.
inline constexpr char kMagicCookieKey[] = "TF_PLUGIN_MAGIC_COOKIE";
inline constexpr char kMagicCookieValue[] =
    "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

// What a provider prints to stderr (and exits 1 after) when the cookie is missing or wrong.
inline constexpr char kNotAPluginMessage[] =
    "This binary is a plugin. These are not meant to be executed directly.\n"
    "Please execute the program that consumes these plugins, which will\n"
    "load any plugins automatically\n";

// Version of go-plugin's own handshake, the first field of the handshake line.
inline constexpr int kCoreProtocolVersion = 1;

// Other environment variables the client sets.
inline constexpr char kEnvProtocolVersions[] = "PLUGIN_PROTOCOL_VERSIONS";
inline constexpr char kEnvClientCert[] = "PLUGIN_CLIENT_CERT";
inline constexpr char kEnvUnixSocketDir[] = "PLUGIN_UNIX_SOCKET_DIR";
inline constexpr char kEnvUnixSocketGroup[] = "PLUGIN_UNIX_SOCKET_GROUP";

// Both sides raise gRPC's 4 MiB default: schemas and states of big providers exceed it.
inline constexpr int kMaxMessageBytes = 256 * 1024 * 1024;

// Picks the application protocol version to serve.
//
// `served` lists the versions this process can serve (any order, e.g. {5, 6}).
// `client_env` is the value of PLUGIN_PROTOCOL_VERSIONS, or nullopt when it is unset.
//   - unset or empty: the highest served version (every Terraform since 0.12 sets it);
//   - otherwise a comma-separated list in any order (spaces around entries are tolerated,
//     entries that are not integers are ignored): the highest version both sides support.
// Returns FailedPrecondition when `served` is empty or nothing is in common; the message is
// meant for a human (it names both lists).
absl::StatusOr<int> NegotiateProtocolVersion(const std::vector<int>& served,
                                             std::optional<std::string_view> client_env);

// The handshake line, including its trailing '\n'. `cert_base64` is empty for plaintext,
// which leaves the line ending in "grpc|" exactly as go-plugin prints it.
std::string FormatHandshakeLine(int protocol_version, std::string_view socket_path,
                                std::string_view cert_base64);

// Base64 with the standard alphabet and NO '=' padding (Go's base64.RawStdEncoding), the
// encoding go-plugin clients expect for the certificate field.
std::string Base64RawStdEncode(std::string_view bytes);

}  // namespace tfsdk::internal

#endif  // TFSDK_SRC_PLUGIN_HANDSHAKE_H_
