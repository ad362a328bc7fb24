// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "tfsdk/private_state.h"

#include <stdexcept>

#include <gtest/gtest.h>

namespace tfsdk {
namespace {

TEST(PrivateStateTest, SetGetRemove) {
  PrivateState p;
  EXPECT_TRUE(p.empty());
  EXPECT_EQ(p.Serialize(), "");
  p.Set("etag", "\"abc\"");
  p.Set("obj", "{ \"a\" : [1, 2] }");
  EXPECT_EQ(p.Get("etag"), "\"abc\"");
  EXPECT_EQ(p.Get("obj"), "{\"a\":[1,2]}");
  EXPECT_EQ(p.Get("missing"), std::nullopt);
  p.Remove("etag");
  EXPECT_EQ(p.Get("etag"), std::nullopt);
  p.Remove("etag");
  EXPECT_FALSE(p.empty());
}

TEST(PrivateStateTest, RejectsBadKeysAndValues) {
  PrivateState p;
  EXPECT_THROW(p.Set("", "1"), std::invalid_argument);
  EXPECT_THROW(p.Set(".sdk", "1"), std::invalid_argument);
  EXPECT_THROW(p.Set("k", "not json"), std::invalid_argument);
  EXPECT_THROW(p.Set("k", "{\"a\":"), std::invalid_argument);
  EXPECT_TRUE(p.empty());
}

TEST(PrivateStateTest, RoundTripsThroughTheWireForm) {
  PrivateState p;
  p.Set("etag", "\"v1\"");
  p.Set("n", "42");
  std::string wire = p.Serialize();
  EXPECT_EQ(wire, "{\"etag\":\"v1\",\"n\":42}");
  bool ok = false;
  PrivateState back = PrivateState::Parse(wire, &ok);
  EXPECT_TRUE(ok);
  EXPECT_EQ(back, p);
}

TEST(PrivateStateTest, ForeignBytesParseAsEmpty) {
  for (const char* bytes : {"\x01\x02", "[1,2]", "\"str\"", "{bad"}) {
    bool ok = true;
    PrivateState p = PrivateState::Parse(bytes, &ok);
    EXPECT_FALSE(ok) << bytes;
    EXPECT_TRUE(p.empty()) << bytes;
  }
  bool ok = false;
  EXPECT_TRUE(PrivateState::Parse("", &ok).empty());
  EXPECT_TRUE(ok);
}

}  // namespace
}  // namespace tfsdk
