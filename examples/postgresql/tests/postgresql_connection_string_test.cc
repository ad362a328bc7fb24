// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// PostgresqlConnectionString: the provider's settings become a libpq connection string in
// which no value can break out of its quotes (a password may hold anything).

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "postgresql_provider.h"

namespace {

struct Case {
  const char* name;
  std::map<std::string, std::string> params;
  std::string want;
};

TEST(PostgresqlConnectionStringTest, QuotesAndEscapesEveryValue) {
  const Case cases[] = {
      {"empty", {}, ""},
      {"one", {{"host", "127.0.0.1"}}, "host='127.0.0.1'"},
      {"sorted by keyword",
       {{"user", "postgres"}, {"port", "5432"}, {"host", "db"}},
       "host='db' port='5432' user='postgres'"},
      {"empty values are left out", {{"host", ""}, {"user", "u"}}, "user='u'"},
      {"spaces stay inside the quotes", {{"password", "a b=c"}}, "password='a b=c'"},
      {"quote and backslash are escaped", {{"password", "it's\\x"}}, "password='it\\'s\\\\x'"},
      {"an injected keyword stays part of the value",
       {{"password", "x' host='evil"}},
       "password='x\\' host=\\'evil'"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(tfsdk_examples::PostgresqlConnectionString(c.params), c.want) << c.name;
  }
}

}  // namespace
