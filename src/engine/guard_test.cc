// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
#include "src/engine/guard.h"

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tfsdk/convert.h"

namespace tfsdk::internal {
namespace {

TEST(GuardTest, EachKindOfThrowBecomesOneErrorAtTheRightPath) {
  const Path at = Path::Root("p");
  const Path inner = Path::Root("q").Key("k");
  struct Case {
    const char* name;
    std::function<void()> fn;
    std::optional<Path> path;
    std::string want_summary;  // empty: no diagnostic
    std::string want_detail;
    std::optional<Path> want_path;
  };
  std::vector<Case> cases = {
      {"no throw", [] {}, at, "", "", std::nullopt},
      {"std::exception", [] { throw std::runtime_error("boom"); }, at,
       "Unexpected error in Create of x", "boom", at},
      {"std::exception without a path", [] { throw std::runtime_error("boom"); },
       std::nullopt, "Unexpected error in Create of x", "boom", std::nullopt},
      {"ConversionError keeps its own path",
       [inner] { throw ConversionError(inner, "not a number"); }, at,
       "Invalid value in Create of x", "q[\"k\"]: not a number", inner},
      {"ConversionError without a path falls back",
       [] { throw ConversionError(Path(), "bad"); }, at, "Invalid value in Create of x", "bad",
       at},
      {"not a std::exception", [] { throw 42; }, at, "Unexpected error in Create of x",
       "The provider threw an exception that is not a std::exception.", at},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Diagnostics diags;
    bool ok = GuardAuthorCall(diags, "Create of x", c.path, c.fn);
    if (c.want_summary.empty()) {
      EXPECT_TRUE(ok);
      EXPECT_TRUE(diags.empty());
      continue;
    }
    EXPECT_FALSE(ok);
    ASSERT_EQ(diags.size(), 1u);
    EXPECT_TRUE(diags[0].IsError());
    EXPECT_EQ(diags[0].summary, c.want_summary);
    EXPECT_EQ(diags[0].detail, c.want_detail);
    EXPECT_EQ(diags[0].path, c.want_path);
  }
}

TEST(GuardTest, AnEmptyPathMeansNoPath) {
  Diagnostics diags;
  EXPECT_FALSE(GuardAuthorCall(diags, "w", Path(), [] { throw std::runtime_error("e"); }));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_FALSE(diags[0].path.has_value());
}

}  // namespace
}  // namespace tfsdk::internal
