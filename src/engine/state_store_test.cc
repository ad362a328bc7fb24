// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "src/engine/state_store.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace tfsdk::internal {
namespace {

TEST(SplitStateBytesTest, Table) {
  struct Case {
    std::string bytes;
    int64_t chunk_size;
    std::vector<std::string> parts;
  };
  for (const Case& c : std::vector<Case>{
           {"", 4, {""}},
           {"abcd", 4, {"abcd"}},
           {"abcdefghij", 4, {"abcd", "efgh", "ij"}},
           {"abcdefgh", 4, {"abcd", "efgh"}},
           {"abcdefgh", 0, {"abcdefgh"}},
           {"abc", 100, {"abc"}},
       }) {
    SCOPED_TRACE(c.bytes + "/" + std::to_string(c.chunk_size));
    std::vector<StateChunk> chunks = SplitStateBytes(c.bytes, c.chunk_size);
    ASSERT_EQ(chunks.size(), c.parts.size());
    int64_t offset = 0;
    for (size_t i = 0; i < chunks.size(); ++i) {
      EXPECT_EQ(chunks[i].bytes, c.parts[i]);
      EXPECT_EQ(chunks[i].total_length, static_cast<int64_t>(c.bytes.size()));
      EXPECT_EQ(chunks[i].start, offset);
      offset += static_cast<int64_t>(c.parts[i].size());
      EXPECT_EQ(chunks[i].end, offset - 1);  // inclusive
    }
  }
}

TEST(StateBytesAssemblerTest, RoundTrip) {
  std::string state(1000, 'x');
  for (size_t i = 0; i < state.size(); ++i) state[i] = static_cast<char>('a' + i % 26);
  StateBytesAssembler in(64);
  Diagnostics diags;
  for (const StateChunk& c : SplitStateBytes(state, 64)) ASSERT_TRUE(in.Add(c, diags));
  ASSERT_TRUE(in.Finish(diags)) << diags.ToString();
  EXPECT_EQ(in.chunks(), 16);
  EXPECT_EQ(in.Take(), state);
}

TEST(StateBytesAssemblerTest, MoreBytesThanAnnounced) {
  StateBytesAssembler in(0);
  Diagnostics diags;
  StateChunk c{.bytes = "abcdef", .total_length = 4, .has_range = false};
  EXPECT_FALSE(in.Add(c, diags));
  EXPECT_TRUE(diags.HasError());
}

}  // namespace
}  // namespace tfsdk::internal
