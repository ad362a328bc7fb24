// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
#include "src/plugin/auto_mtls.h"

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "src/plugin/plugin_test_util.h"

namespace tfsdk::internal {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(AutoMtlsTest, CertificateMatchesGoPlugin) {
  absl::StatusOr<AutoMtlsCertificate> cert = GenerateAutoMtlsCertificate();
  ASSERT_TRUE(cert.ok()) << cert.status();
  absl::StatusOr<testing::CertFacts> facts = testing::ReadCertFacts(cert->cert_der);
  ASSERT_TRUE(facts.ok()) << facts.status();

  EXPECT_EQ(facts->key_type, "EC");
  EXPECT_EQ(facts->curve, "secp521r1");
  EXPECT_EQ(facts->common_name, "localhost");
  EXPECT_EQ(facts->organization, "HashiCorp");
  EXPECT_EQ(facts->issuer_common_name, "localhost");
  EXPECT_THAT(facts->dns_names, ElementsAre("localhost"));
  EXPECT_TRUE(facts->is_ca);
  EXPECT_TRUE(facts->self_signature_valid);
  EXPECT_EQ(facts->signature_digest, "SHA512");
  EXPECT_EQ(facts->key_usage,
            KU_DIGITAL_SIGNATURE | KU_KEY_ENCIPHERMENT | KU_KEY_AGREEMENT | KU_KEY_CERT_SIGN);
  EXPECT_EQ(facts->ext_key_usage, XKU_SSL_CLIENT | XKU_SSL_SERVER);
  EXPECT_FALSE(facts->serial_negative);
  EXPECT_LE(facts->serial_bits, 128);
  EXPECT_GT(facts->serial_bits, 64) << "a random 128-bit serial is almost never this small";
  // notBefore = now - 30 s; notAfter = now + 262980 h (allow a few seconds of test time).
  EXPECT_LE(facts->not_before_offset, -28);
  EXPECT_GE(facts->not_before_offset, -35);
  EXPECT_NEAR(static_cast<double>(facts->not_after_offset), 262980.0 * 3600.0, 10.0);
}

TEST(AutoMtlsTest, PemKeyMatchesCertificateAndDer) {
  absl::StatusOr<AutoMtlsCertificate> cert = GenerateAutoMtlsCertificate();
  ASSERT_TRUE(cert.ok()) << cert.status();
  EXPECT_THAT(cert->cert_pem, StartsWith("-----BEGIN CERTIFICATE-----"));
  EXPECT_THAT(cert->key_pem, HasSubstr("PRIVATE KEY-----"));
  EXPECT_EQ(testing::DerToPem(cert->cert_der), cert->cert_pem);

  std::unique_ptr<BIO, decltype(&BIO_free)> cert_bio(
      BIO_new_mem_buf(cert->cert_pem.data(), static_cast<int>(cert->cert_pem.size())), &BIO_free);
  std::unique_ptr<BIO, decltype(&BIO_free)> key_bio(
      BIO_new_mem_buf(cert->key_pem.data(), static_cast<int>(cert->key_pem.size())), &BIO_free);
  std::unique_ptr<X509, decltype(&X509_free)> x509(
      PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr), &X509_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
  ASSERT_NE(x509, nullptr);
  ASSERT_NE(key, nullptr);
  EXPECT_EQ(X509_check_private_key(x509.get(), key.get()), 1);
}

TEST(AutoMtlsTest, EveryCertificateIsFresh) {
  absl::StatusOr<AutoMtlsCertificate> a = GenerateAutoMtlsCertificate();
  absl::StatusOr<AutoMtlsCertificate> b = GenerateAutoMtlsCertificate();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->cert_der, b->cert_der);
  EXPECT_NE(a->key_pem, b->key_pem);
}

struct PemCase {
  std::string name;
  std::string pem;
  bool valid;
};

class ValidateCertificatePemTest : public ::testing::TestWithParam<PemCase> {};

TEST_P(ValidateCertificatePemTest, AcceptsOnlyCertificates) {
  const absl::Status s = ValidateCertificatePem(GetParam().pem);
  EXPECT_EQ(s.ok(), GetParam().valid) << s;
  if (!s.ok()) {
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ValidateCertificatePemTest,
    ::testing::Values(PemCase{"Generated", GenerateAutoMtlsCertificate()->cert_pem, true},
                      PemCase{"Empty", "", false}, PemCase{"Garbage", "not a certificate", false},
                      PemCase{"KeyOnly", GenerateAutoMtlsCertificate()->key_pem, false},
                      PemCase{"Truncated", GenerateAutoMtlsCertificate()->cert_pem.substr(0, 100),
                              false}),
    [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace tfsdk::internal
