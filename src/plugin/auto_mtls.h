// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// go-plugin "AutoMTLS": the client (Terraform/OpenTofu) generates a throwaway self-signed
// certificate and passes its PEM in PLUGIN_CLIENT_CERT; the plugin generates its own the same
// way, serves TLS with it, requires the client to present exactly the certificate it was given,
// and returns its own certificate (DER, base64 raw) in the handshake line. Both certificates
// live only as long as the process. Facts: docs/PROTOCOL.md §2 (hashicorp/go-plugin mtls.go).
#ifndef TFSDK_SRC_PLUGIN_AUTO_MTLS_H_
#define TFSDK_SRC_PLUGIN_AUTO_MTLS_H_

#include <string>

#include "absl/status/statusor.h"

namespace tfsdk::internal {

// A freshly generated key and certificate.
struct AutoMtlsCertificate {
  std::string cert_pem;  // "-----BEGIN CERTIFICATE-----" ...
  std::string key_pem;   // the private key, PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----")
  std::string cert_der;  // the certificate's DER bytes (what the handshake line carries)
};

// Generates what go-plugin's generateCert produces: an ECDSA P-521 key and a self-signed
// X.509 v3 certificate signed with ECDSA-SHA512, with
//   serial: random, < 2^128;   subject = issuer: O=HashiCorp, CN=localhost;
//   SAN DNS:localhost;  basicConstraints critical CA:TRUE;
//   keyUsage critical digitalSignature, keyEncipherment, keyAgreement, keyCertSign;
//   extKeyUsage clientAuth, serverAuth;  subjectKeyIdentifier;
//   notBefore now-30s, notAfter now+262980h (~30 years).
// Thread-safe. Errors come from OpenSSL (Internal, with its error queue text).
absl::StatusOr<AutoMtlsCertificate> GenerateAutoMtlsCertificate();

// Checks that `pem` holds at least one PEM certificate OpenSSL can parse (what
// PLUGIN_CLIENT_CERT must contain). InvalidArgument otherwise.
absl::Status ValidateCertificatePem(const std::string& pem);

}  // namespace tfsdk::internal

#endif  // TFSDK_SRC_PLUGIN_AUTO_MTLS_H_
