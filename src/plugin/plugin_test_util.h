// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Test-only helpers for src/plugin tests: a strict decoder for the handshake's certificate
// field, a reader of the certificate facts go-plugin relies on, and a health-check client
// that needs no generated health proto. Header-only so it never enters the library.
#ifndef TFSDK_SRC_PLUGIN_PLUGIN_TEST_UTIL_H_
#define TFSDK_SRC_PLUGIN_PLUGIN_TEST_UTIL_H_

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <chrono>
#include <cstdint>
#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "grpcpp/grpcpp.h"
#include "grpcpp/impl/codegen/client_unary_call.h"

namespace tfsdk::internal::testing {

// Decodes base64 the way Go's base64.RawStdEncoding does (what go-plugin clients use for
// the certificate field): standard alphabet, no padding allowed. nullopt on bad input.
inline std::optional<std::string> Base64RawStdDecode(std::string_view in) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  if (in.size() % 4 == 1) return std::nullopt;
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    const int v = value(c);
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xff);
    }
  }
  return out;
}

// The certificate properties go-plugin's generateCert sets, read back with OpenSSL.
struct CertFacts {
  std::string key_type;  // "EC", "RSA", ...
  std::string curve;     // e.g. "secp521r1" (EC keys only)
  std::string common_name;
  std::string organization;
  std::string issuer_common_name;
  std::vector<std::string> dns_names;
  bool is_ca = false;
  bool self_signature_valid = false;
  uint32_t key_usage = 0;      // KU_* bits from x509v3.h
  uint32_t ext_key_usage = 0;  // XKU_* bits from x509v3.h
  int serial_bits = 0;         // bit length of the serial number
  bool serial_negative = false;
  int64_t not_before_offset = 0;  // seconds relative to now (negative: in the past)
  int64_t not_after_offset = 0;
  std::string signature_digest;  // e.g. "SHA512"
};

inline std::string NameEntry(X509_NAME* name, int nid) {
  char buf[256] = {0};
  if (X509_NAME_get_text_by_NID(name, nid, buf, sizeof(buf)) < 0) return "";
  return buf;
}

inline int64_t SecondsFromNow(const ASN1_TIME* t) {
  int days = 0, secs = 0;
  if (ASN1_TIME_diff(&days, &secs, nullptr, t) != 1) return INT64_MIN;
  return static_cast<int64_t>(days) * 86400 + secs;
}

inline absl::StatusOr<CertFacts> ReadCertFacts(const std::string& der) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  std::unique_ptr<X509, decltype(&X509_free)> cert(
      d2i_X509(nullptr, &p, static_cast<long>(der.size())), &X509_free);
  if (cert == nullptr) return absl::InvalidArgumentError("not a DER certificate");
  if (p != reinterpret_cast<const unsigned char*>(der.data()) + der.size()) {
    return absl::InvalidArgumentError("trailing bytes after the DER certificate");
  }
  CertFacts f;
  EVP_PKEY* key = X509_get0_pubkey(cert.get());
  if (key != nullptr) {
    f.key_type = EVP_PKEY_get0_type_name(key) ? EVP_PKEY_get0_type_name(key) : "";
    char curve[64] = {0};
    size_t len = 0;
    if (EVP_PKEY_get_utf8_string_param(key, "group", curve, sizeof(curve), &len) == 1) {
      f.curve = curve;
    }
    f.self_signature_valid = X509_verify(cert.get(), key) == 1;
  }
  f.common_name = NameEntry(X509_get_subject_name(cert.get()), NID_commonName);
  f.organization = NameEntry(X509_get_subject_name(cert.get()), NID_organizationName);
  f.issuer_common_name = NameEntry(X509_get_issuer_name(cert.get()), NID_commonName);
  auto* sans = static_cast<GENERAL_NAMES*>(
      X509_get_ext_d2i(cert.get(), NID_subject_alt_name, nullptr, nullptr));
  for (int i = 0; sans != nullptr && i < sk_GENERAL_NAME_num(sans); ++i) {
    const GENERAL_NAME* gn = sk_GENERAL_NAME_value(sans, i);
    if (gn->type == GEN_DNS) {
      f.dns_names.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(gn->d.dNSName)),
                               ASN1_STRING_length(gn->d.dNSName));
    }
  }
  GENERAL_NAMES_free(sans);
  // X509_check_ca reports 1 for a CA:TRUE basicConstraints extension.
  f.is_ca = X509_check_ca(cert.get()) == 1;
  f.key_usage = X509_get_key_usage(cert.get());
  f.ext_key_usage = X509_get_extended_key_usage(cert.get());
  const ASN1_INTEGER* serial = X509_get0_serialNumber(cert.get());
  std::unique_ptr<BIGNUM, decltype(&BN_free)> bn(ASN1_INTEGER_to_BN(serial, nullptr), &BN_free);
  f.serial_bits = BN_num_bits(bn.get());
  f.serial_negative = BN_is_negative(bn.get());
  f.not_before_offset = SecondsFromNow(X509_get0_notBefore(cert.get()));
  f.not_after_offset = SecondsFromNow(X509_get0_notAfter(cert.get()));
  int md_nid = 0, pk_nid = 0;
  if (OBJ_find_sigid_algs(X509_get_signature_nid(cert.get()), &md_nid, &pk_nid) == 1) {
    f.signature_digest = OBJ_nid2sn(md_nid);
  }
  return f;
}

inline std::string DerToPem(const std::string& der) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  std::unique_ptr<X509, decltype(&X509_free)> cert(
      d2i_X509(nullptr, &p, static_cast<long>(der.size())), &X509_free);
  if (cert == nullptr) return "";
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
  PEM_write_bio_X509(bio.get(), cert.get());
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(len));
}

// Calls grpc.health.v1.Health/Check for `service` and returns the status enum
// (0 UNKNOWN, 1 SERVING, 2 NOT_SERVING, 3 SERVICE_UNKNOWN), or the failed RPC status.
// The messages are encoded by hand: HealthCheckRequest{string service = 1},
// HealthCheckResponse{ServingStatus status = 1}.
inline absl::StatusOr<int> CheckHealth(
    grpc::Channel* channel, const std::string& service,
    std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) {
  std::string request;
  if (!service.empty()) {
    request += '\x0a';
    request += static_cast<char>(service.size());  // tests use short names (< 128 bytes)
    request += service;
  }
  grpc::Slice slice(request);
  grpc::ByteBuffer request_buffer(&slice, 1);
  grpc::ByteBuffer response_buffer;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + timeout);
  const grpc::internal::RpcMethod method("/grpc.health.v1.Health/Check",
                                         grpc::internal::RpcMethod::NORMAL_RPC);
  const grpc::Status status = grpc::internal::BlockingUnaryCall<grpc::ByteBuffer, grpc::ByteBuffer>(
      channel, method, &context, request_buffer, &response_buffer);
  if (!status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
  }
  std::vector<grpc::Slice> slices;
  if (!response_buffer.Dump(&slices).ok()) return absl::InternalError("unreadable response");
  std::string response;
  for (const grpc::Slice& s : slices) {
    response.append(reinterpret_cast<const char*>(s.begin()), s.size());
  }
  if (response.empty()) return 0;  // proto3 default: UNKNOWN
  if (response.size() != 2 || response[0] != '\x08') {
    return absl::InternalError("unexpected HealthCheckResponse encoding");
  }
  return static_cast<int>(response[1]);
}

}  // namespace tfsdk::internal::testing

#endif  // TFSDK_SRC_PLUGIN_PLUGIN_TEST_UTIL_H_
