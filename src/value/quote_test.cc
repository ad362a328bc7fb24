// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
#include "src/value/quote.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace tfsdk::internal {
namespace {

TEST(QuoteTest, EachStyleEscapesAsSpecified) {
  struct Case {
    std::string in;
    std::string json;
    std::string go;
  };
  std::vector<Case> cases = {
      {"", R"("")", R"("")"},
      {"plain", R"("plain")", R"("plain")"},
      {"a\"b\\c", R"("a\"b\\c")", R"("a\"b\\c")"},
      {"\n\r\t", R"("\n\r\t")", R"("\n\r\t")"},
      {"\b\f", R"("\b\f")", R"("\b\f")"},
      {"\a\v", R"("\u0007\u000b")", R"("\a\v")"},
      {std::string("\x01\x1f", 2), R"("\u0001\u001f")", R"("\x01\x1f")"},
      {std::string(1, '\0'), R"("\u0000")", R"("\x00")"},
      {"\x7f", "\"\x7f\"", R"("\x7f")"},
      {"caf\xc3\xa9 \xe2\x82\xac", "\"caf\xc3\xa9 \xe2\x82\xac\"", "\"caf\xc3\xa9 \xe2\x82\xac\""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.in);
    std::string json;
    EXPECT_TRUE(AppendQuoted(json, c.in, QuoteStyle::kJson));
    EXPECT_EQ(json, c.json);
    EXPECT_EQ(Quoted(c.in, QuoteStyle::kGo), c.go);
  }
}

TEST(QuoteTest, JsonReportsInvalidUtf8ButAppendsEverything) {
  const std::vector<std::string> bad = {"\xff", "\xc3", "\xe0\x80\x80", "\xed\xa0\x80",
                                        "\xf4\x90\x80\x80", "ok\xc0\xaf"};
  for (const std::string& s : bad) {
    SCOPED_TRACE(s);
    std::string out;
    EXPECT_FALSE(AppendQuoted(out, s, QuoteStyle::kJson));
    EXPECT_EQ(out, "\"" + s + "\"");
    std::string go;
    EXPECT_TRUE(AppendQuoted(go, s, QuoteStyle::kGo));
  }
}

TEST(QuoteTest, Utf8SequenceLengths) {
  EXPECT_EQ(Utf8SequenceLength("\xc3\xa9", 0), 2u);
  EXPECT_EQ(Utf8SequenceLength("\xe2\x82\xac", 0), 3u);
  EXPECT_EQ(Utf8SequenceLength("\xf0\x9f\x98\x80", 0), 4u);
  EXPECT_EQ(Utf8SequenceLength("\xc1\xbf", 0), 0u);  // overlong
  EXPECT_EQ(Utf8SequenceLength("\xe2\x82", 0), 0u);  // truncated
}

}  // namespace
}  // namespace tfsdk::internal
