// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Unit tests of the postgresql example provider that need no server, through
// tfsdk::testing::UnitHarness: the schemas, Configure's diagnostics when it cannot connect
// or a setting is unknown, which changes plan a replacement, and the grant's validators.
// (Everything that talks to PostgreSQL is in postgresql_acceptance_test.cc.)

#include "postgresql_provider.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <string>

#include "tfsdk/testing/unit.h"

namespace {

using tfsdk::Path;
using tfsdk::testing::PlanAction;
using tfsdk::testing::UnitHarness;

// A TCP port on 127.0.0.1 that is bound but not listening, so connecting to it is refused
// for as long as this object lives.
class RefusingPort {
 public:
  RefusingPort() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (fd_ >= 0 && ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
      port_ = ntohs(addr.sin_port);
    }
  }
  ~RefusingPort() {
    if (fd_ >= 0) ::close(fd_);
  }
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

class PostgresqlProviderUnitTest : public ::testing::Test {
 protected:
  RefusingPort port_;
  std::unique_ptr<tfsdk::Provider> provider_ = tfsdk_examples::MakePostgresqlProvider();
  UnitHarness harness_{*provider_};
};

// Plans and validation need no server: the provider does not connect at Configure, and its
// settings point at a refused port, so a call that did reach for the server would fail.
class PostgresqlPlanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NE(port_.port(), 0);
    tfsdk::Diagnostics d = harness_.Configure(
        R"({"host": "127.0.0.1", "port": )" + std::to_string(port_.port()) +
        R"(, "username": "nobody_here", "sslmode": "disable", "connect_timeout": 5})");
    ASSERT_FALSE(d.HasError()) << d.ToString();
  }

  RefusingPort port_;
  std::unique_ptr<tfsdk::Provider> provider_ =
      tfsdk_examples::MakePostgresqlProvider({.connect_at_configure = false});
  UnitHarness harness_{*provider_};
};

TEST_F(PostgresqlProviderUnitTest, SchemasAreValid) {
  EXPECT_TRUE(harness_.schema_diagnostics().empty()) << harness_.schema_diagnostics().ToString();
  for (const char* type : {"postgresql_role", "postgresql_database", "postgresql_grant"}) {
    EXPECT_NE(harness_.ResourceSchema(type), nullptr) << type;
  }
  EXPECT_NE(harness_.DataSourceSchema("postgresql_database"), nullptr);
}

TEST_F(PostgresqlProviderUnitTest, UnreachableServerIsAnErrorNamingIt) {
  ASSERT_NE(port_.port(), 0);
  tfsdk::Diagnostics d =
      harness_.Configure(R"({"host": "127.0.0.1", "port": )" + std::to_string(port_.port()) +
                         R"(, "username": "alice", "password": "pw", "sslmode": "disable"})");
  ASSERT_TRUE(d.HasError());
  const tfsdk::Diagnostic& e = d.items().front();
  EXPECT_EQ(e.summary, "Cannot connect to PostgreSQL");
  EXPECT_NE(e.detail.find("host \"127.0.0.1\" port " + std::to_string(port_.port()) +
                          " as user \"alice\""),
            std::string::npos)
      << e.detail;
  EXPECT_NE(e.detail.find("Connection refused"), std::string::npos) << e.detail;
  EXPECT_EQ(e.detail.find("pw"), std::string::npos) << "the password leaked: " << e.detail;
}

TEST_F(PostgresqlProviderUnitTest, UnknownSettingIsAnErrorAtItsPath) {
  tfsdk::Attributes config(&harness_.ProviderSchema(),
                           harness_.ProviderConfig(R"({"port": 5432})"));
  config.SetValue(Path::Root("host"), tfsdk::Value::UnknownVal(tfsdk::Type::String()));
  tfsdk::Diagnostics d = harness_.Configure(config);
  ASSERT_TRUE(d.HasError());
  EXPECT_EQ(d.items().front().summary, "Unknown PostgreSQL setting");
  EXPECT_EQ(d.items().front().path, Path::Root("host"));
}

// Which changes of a database replace it and which are made in place.
TEST_F(PostgresqlPlanTest, DatabasePlans) {
  constexpr char kCreatedWithTemplate[] =
      R"({"name": "app", "owner": "app", "encoding": "UTF8", "template": "template0",
          "connection_limit": 5, "id": "app"})";
  constexpr char kImported[] =
      R"({"name": "app", "owner": "app", "encoding": "UTF8", "template": null,
          "connection_limit": 5, "id": "app"})";
  struct Case {
    const char* name;
    const char* prior;
    const char* config;
    PlanAction want;
  };
  const Case cases[] = {
      {"unchanged", kCreatedWithTemplate,
       R"({"name": "app", "owner": "app", "encoding": "UTF8", "template": "template0",
           "connection_limit": 5})",
       PlanAction::kNoOp},
      {"encoding left out keeps the state's", kCreatedWithTemplate,
       R"({"name": "app", "owner": "app", "template": "template0", "connection_limit": 5})",
       PlanAction::kNoOp},
      {"connection_limit in place", kCreatedWithTemplate,
       R"({"name": "app", "owner": "app", "encoding": "UTF8", "template": "template0",
           "connection_limit": 10})",
       PlanAction::kUpdate},
      {"connection_limit left out goes back to -1", kCreatedWithTemplate,
       R"({"name": "app", "owner": "app", "encoding": "UTF8", "template": "template0"})",
       PlanAction::kUpdate},
      {"owner in place", kCreatedWithTemplate,
       R"({"name": "app", "owner": "other", "encoding": "UTF8", "template": "template0",
           "connection_limit": 5})",
       PlanAction::kUpdate},
      {"encoding replaces", kCreatedWithTemplate,
       R"({"name": "app", "owner": "app", "encoding": "SQL_ASCII", "template": "template0",
           "connection_limit": 5})",
       PlanAction::kReplace},
      {"name replaces", kCreatedWithTemplate,
       R"({"name": "app2", "owner": "app", "encoding": "UTF8", "template": "template0",
           "connection_limit": 5})",
       PlanAction::kReplace},
      {"a recorded template replaces", kCreatedWithTemplate,
       R"({"name": "app", "owner": "app", "encoding": "UTF8", "template": "template1",
           "connection_limit": 5})",
       PlanAction::kReplace},
      {"a template after import is recorded in place", kImported,
       R"({"name": "app", "owner": "app", "encoding": "UTF8", "template": "template0",
           "connection_limit": 5})",
       PlanAction::kUpdate},
  };
  for (const Case& c : cases) {
    tfsdk::testing::PlanResult plan = harness_.Plan("postgresql_database", c.prior, c.config);
    ASSERT_TRUE(plan.ok()) << c.name << ": " << plan.diagnostics.ToString();
    EXPECT_EQ(plan.action, c.want) << c.name;
  }
}

// Only database privileges, and only on databases, reach SQL.
TEST_F(PostgresqlPlanTest, GrantValidation) {
  struct Case {
    const char* name;
    const char* config;
    const char* error_path;  // nullptr: valid
  };
  const Case cases[] = {
      {"valid", R"({"role": "r", "database": "d", "object_type": "database",
                    "privileges": ["CONNECT", "CREATE", "TEMPORARY"]})",
       nullptr},
      {"table privilege", R"({"role": "r", "database": "d", "object_type": "database",
                              "privileges": ["CONNECT", "SELECT"]})",
       "privileges"},
      {"SQL in a privilege", R"({"role": "r", "database": "d", "object_type": "database",
                                 "privileges": ["CONNECT; DROP ROLE x"]})",
       "privileges"},
      {"other object type", R"({"role": "r", "database": "d", "object_type": "table",
                                "privileges": ["CONNECT"]})",
       "object_type"},
  };
  for (const Case& c : cases) {
    tfsdk::Diagnostics d = harness_.Validate("postgresql_grant", c.config);
    if (c.error_path == nullptr) {
      EXPECT_FALSE(d.HasError()) << c.name << ": " << d.ToString();
      continue;
    }
    ASSERT_TRUE(d.HasError()) << c.name;
    ASSERT_TRUE(d.items().front().path.has_value()) << c.name << ": " << d.ToString();
    EXPECT_EQ(d.items().front().path->steps().front(), Path::Root(c.error_path).steps().front())
        << c.name << ": " << d.ToString();
  }
}

}  // namespace
