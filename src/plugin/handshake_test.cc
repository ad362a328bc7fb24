// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
#include "src/plugin/handshake.h"

#include <optional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "src/plugin/plugin_test_util.h"

namespace tfsdk::internal {
namespace {

using ::testing::HasSubstr;

struct NegotiationCase {
  std::string name;
  std::vector<int> served;
  std::optional<std::string> env;  // nullopt: PLUGIN_PROTOCOL_VERSIONS unset
  std::optional<int> want;         // nullopt: an error
};

class NegotiationTest : public ::testing::TestWithParam<NegotiationCase> {};

TEST_P(NegotiationTest, PicksHighestCommonVersion) {
  const NegotiationCase& c = GetParam();
  absl::StatusOr<int> got = NegotiateProtocolVersion(
      c.served, c.env ? std::optional<std::string_view>(*c.env) : std::nullopt);
  if (c.want.has_value()) {
    ASSERT_TRUE(got.ok()) << got.status();
    EXPECT_EQ(*got, *c.want);
  } else {
    ASSERT_FALSE(got.ok()) << "negotiated " << *got;
    EXPECT_EQ(got.status().code(), absl::StatusCode::kFailedPrecondition);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, NegotiationTest,
    ::testing::Values(NegotiationCase{"Both_5_6", {5, 6}, "5,6", 6},
                      NegotiationCase{"Both_6_5", {5, 6}, "6,5", 6},
                      NegotiationCase{"Both_ClientOnly5", {5, 6}, "5", 5},
                      NegotiationCase{"Both_ClientOnly6", {6, 5}, "6", 6},
                      NegotiationCase{"Both_Unset", {5, 6}, std::nullopt, 6},
                      NegotiationCase{"Both_Empty", {5, 6}, "", 6},
                      NegotiationCase{"Both_Spaces", {5, 6}, " 5 , 6 ", 6},
                      NegotiationCase{"Both_FutureVersions", {5, 6}, "7,6,5", 6},
                      NegotiationCase{"Both_JunkIgnored", {5, 6}, "x,5,6y", 5},
                      NegotiationCase{"Only5_Client56", {5}, "5,6", 5},
                      NegotiationCase{"Only5_Unset", {5}, std::nullopt, 5},
                      NegotiationCase{"Only6_Client5", {6}, "5", std::nullopt},
                      NegotiationCase{"Only5_Client6", {5}, "6", std::nullopt},
                      NegotiationCase{"Both_ClientOld", {5, 6}, "4", std::nullopt},
                      NegotiationCase{"Both_OnlyJunk", {5, 6}, "abc", std::nullopt},
                      NegotiationCase{"NothingServed", {}, "5,6", std::nullopt},
                      NegotiationCase{"NothingServed_Unset", {}, std::nullopt, std::nullopt}),
    [](const auto& info) { return info.param.name; });

TEST(NegotiationTest, ErrorNamesBothSides) {
  absl::StatusOr<int> got = NegotiateProtocolVersion({6}, "4,5");
  ASSERT_FALSE(got.ok());
  EXPECT_THAT(std::string(got.status().message()), HasSubstr("5,4"));
  EXPECT_THAT(std::string(got.status().message()), HasSubstr("serves 6"));
}

TEST(HandshakeLineTest, PlaintextEndsWithEmptyCertField) {
  EXPECT_EQ(FormatHandshakeLine(6, "/tmp/plugin123", ""), "1|6|unix|/tmp/plugin123|grpc|\n");
}

TEST(HandshakeLineTest, CarriesCertificateField) {
  EXPECT_EQ(FormatHandshakeLine(5, "/run/x/plugin9", "MIIB"),
            "1|5|unix|/run/x/plugin9|grpc|MIIB\n");
}

struct Base64Case {
  std::string in;
  std::string want;
};

class Base64Test : public ::testing::TestWithParam<Base64Case> {};

TEST_P(Base64Test, EncodesWithoutPaddingAndRoundTrips) {
  const Base64Case& c = GetParam();
  const std::string got = Base64RawStdEncode(c.in);
  EXPECT_EQ(got, c.want);
  EXPECT_EQ(got.find('='), std::string::npos);
  std::optional<std::string> back = testing::Base64RawStdDecode(got);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(*back, c.in);
}

// RFC 4648 §10 vectors with the padding removed, plus the two non-alphanumeric symbols.
INSTANTIATE_TEST_SUITE_P(Rfc4648, Base64Test,
                         ::testing::Values(Base64Case{"", ""}, Base64Case{"f", "Zg"},
                                           Base64Case{"fo", "Zm8"}, Base64Case{"foo", "Zm9v"},
                                           Base64Case{"foob", "Zm9vYg"},
                                           Base64Case{"fooba", "Zm9vYmE"},
                                           Base64Case{"foobar", "Zm9vYmFy"},
                                           Base64Case{std::string("\xfb\xff", 2), "+/8"},
                                           Base64Case{std::string("\0\0\0", 3), "AAAA"}));

TEST(Base64DecodeTest, RejectsPaddingLikeGoRawStdEncoding) {
  EXPECT_FALSE(testing::Base64RawStdDecode("Zg==").has_value());
  EXPECT_FALSE(testing::Base64RawStdDecode("Z").has_value());
  EXPECT_FALSE(testing::Base64RawStdDecode("Zm9v-_").has_value());
}

}  // namespace
}  // namespace tfsdk::internal
