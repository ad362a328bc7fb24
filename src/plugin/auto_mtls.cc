// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
#include "src/plugin/auto_mtls.h"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <ctime>
#include <memory>
#include <string>

#include "absl/status/status.h"

namespace tfsdk::internal {
namespace {

template <auto Free>
struct Deleter {
  template <typename T>
  void operator()(T* p) const {
    Free(p);
  }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free>>;
using BignumPtr = std::unique_ptr<BIGNUM, Deleter<BN_free>>;
using Asn1IntegerPtr = std::unique_ptr<ASN1_INTEGER, Deleter<ASN1_INTEGER_free>>;
using X509ExtensionPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION_free>>;

// go-plugin's validity: 262980 hours, i.e. 30 years of 365.25 days.
constexpr long kValiditySeconds = 262980L * 3600L;
// Backdated so a client whose clock is slightly behind accepts the certificate at once.
constexpr long kBackdateSeconds = 30;

// An Internal status carrying OpenSSL's queued errors (and clearing the queue).
absl::Status OpenSslError(const std::string& what) {
  std::string detail;
  while (unsigned long code = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(code, buf, sizeof(buf));
    if (!detail.empty()) detail += "; ";
    detail += buf;
  }
  return absl::InternalError("AutoMTLS: " + what + (detail.empty() ? "" : ": " + detail));
}

std::string BioContents(BIO* bio) {
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio, &data);
  return std::string(data, len > 0 ? static_cast<size_t>(len) : 0);
}

absl::Status AddExtension(X509* cert, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  X509ExtensionPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
  if (ext == nullptr || X509_add_ext(cert, ext.get(), -1) != 1) {
    return OpenSslError(std::string("adding extension ") + OBJ_nid2sn(nid) + "=" + value);
  }
  return absl::OkStatus();
}

absl::Status SetName(X509_NAME* name) {
  // Organization before CommonName: the order Go's pkix.Name writes them in.
  if (X509_NAME_add_entry_by_NID(name, NID_organizationName, MBSTRING_ASC,
                                 reinterpret_cast<const unsigned char*>("HashiCorp"), -1, -1,
                                 0) != 1 ||
      X509_NAME_add_entry_by_NID(name, NID_commonName, MBSTRING_ASC,
                                 reinterpret_cast<const unsigned char*>("localhost"), -1, -1,
                                 0) != 1) {
    return OpenSslError("setting the certificate name");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<AutoMtlsCertificate> GenerateAutoMtlsCertificate() {
  PkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-521"));
  if (key == nullptr) return OpenSslError("generating a P-521 key");

  X509Ptr cert(X509_new());
  if (cert == nullptr) return OpenSslError("allocating a certificate");
  if (X509_set_version(cert.get(), X509_VERSION_3) != 1) return OpenSslError("set version");

  // Serial: uniformly random in [0, 2^128), like Go's rand.Int(rand.Reader, 1<<128).
  BignumPtr serial_bn(BN_new());
  if (serial_bn == nullptr ||
      BN_rand(serial_bn.get(), 128, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1) {
    return OpenSslError("generating the serial number");
  }
  Asn1IntegerPtr serial(BN_to_ASN1_INTEGER(serial_bn.get(), nullptr));
  if (serial == nullptr || X509_set_serialNumber(cert.get(), serial.get()) != 1) {
    return OpenSslError("setting the serial number");
  }

  time_t now = std::time(nullptr);
  if (X509_time_adj_ex(X509_getm_notBefore(cert.get()), 0, -kBackdateSeconds, &now) == nullptr ||
      X509_time_adj_ex(X509_getm_notAfter(cert.get()), 0, kValiditySeconds, &now) == nullptr) {
    return OpenSslError("setting the validity period");
  }

  if (absl::Status s = SetName(X509_get_subject_name(cert.get())); !s.ok()) return s;
  if (absl::Status s = SetName(X509_get_issuer_name(cert.get())); !s.ok()) return s;
  if (X509_set_pubkey(cert.get(), key.get()) != 1) return OpenSslError("setting the public key");

  const struct {
    int nid;
    const char* value;
  } kExtensions[] = {
      {NID_basic_constraints, "critical,CA:TRUE"},
      {NID_key_usage, "critical,digitalSignature,keyEncipherment,keyAgreement,keyCertSign"},
      {NID_ext_key_usage, "clientAuth,serverAuth"},
      {NID_subject_alt_name, "DNS:localhost"},
      // Go adds a subject key id to CA certificates; some verifiers like to see one.
      {NID_subject_key_identifier, "hash"},
  };
  for (const auto& ext : kExtensions) {
    if (absl::Status s = AddExtension(cert.get(), ext.nid, ext.value); !s.ok()) return s;
  }

  if (X509_sign(cert.get(), key.get(), EVP_sha512()) == 0) {
    return OpenSslError("self-signing the certificate");
  }

  AutoMtlsCertificate out;
  BioPtr cert_bio(BIO_new(BIO_s_mem()));
  BioPtr key_bio(BIO_new(BIO_s_mem()));
  if (cert_bio == nullptr || key_bio == nullptr ||
      PEM_write_bio_X509(cert_bio.get(), cert.get()) != 1 ||
      PEM_write_bio_PrivateKey(key_bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) !=
          1) {
    return OpenSslError("encoding the certificate and key as PEM");
  }
  out.cert_pem = BioContents(cert_bio.get());
  out.key_pem = BioContents(key_bio.get());

  unsigned char* der = nullptr;
  const int der_len = i2d_X509(cert.get(), &der);
  if (der_len <= 0) return OpenSslError("encoding the certificate as DER");
  out.cert_der.assign(reinterpret_cast<const char*>(der), static_cast<size_t>(der_len));
  OPENSSL_free(der);
  return out;
}

absl::Status ValidateCertificatePem(const std::string& pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (bio == nullptr) return OpenSslError("reading the client certificate");
  X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (cert == nullptr) {
    ERR_clear_error();
    return absl::InvalidArgumentError(
        "the client certificate (PLUGIN_CLIENT_CERT) is not a PEM-encoded X.509 certificate");
  }
  return absl::OkStatus();
}

}  // namespace tfsdk::internal
