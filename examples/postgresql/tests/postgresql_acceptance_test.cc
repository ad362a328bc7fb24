// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Acceptance tests of the "postgresql" example provider (examples/postgresql/) with the
// real Terraform and OpenTofu binaries against a real PostgreSQL server. The test binary
// starts one throwaway server (tests/postgresql_server.h) for all its tests and stops it at
// the end, also when a test fails; each test uses its own role and database names. The
// provider is served in-process through TF_REATTACH_PROVIDERS (tfsdk::testing::Run runs
// every case with both binaries). Real objects are checked out of band with psql.

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "postgresql_provider.h"
#include "postgresql_server.h"
#include "tfsdk/testing/acceptance.h"

namespace {

using tfsdk::testing::CheckAttr;
using tfsdk::testing::CheckFunc;
using tfsdk::testing::CheckNoAttr;
using tfsdk::testing::State;
using tfsdk::testing::Step;
using tfsdk::testing::TestCase;
using tfsdk_examples::testing::PostgresServer;

PostgresServer* g_server = nullptr;
std::string g_server_error;

class ServerEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    g_server = &server_;
    g_server_error = server_.Start();
    if (!g_server_error.empty()) server_.Stop();
  }
  void TearDown() override { server_.Stop(); }

 private:
  PostgresServer server_;
};

// Runs SQL as the superuser; a failure is a test failure.
std::string Sql(const std::string& sql, const std::string& database = "postgres") {
  std::string out;
  if (!g_server->Sql(sql, &out, database)) ADD_FAILURE() << "psql: " << sql << "\n" << out;
  return out;
}

// A check that `sql` (run with psql as the superuser) prints `want`.
tfsdk::testing::Check SqlIs(const std::string& sql, const std::string& want) {
  return CheckFunc("psql: " + sql + " -> " + want, [sql, want](const State&) -> std::string {
    std::string out;
    if (!g_server->Sql(sql, &out)) return "psql failed: " + out;
    return out == want ? "" : "psql printed \"" + out + "\", want \"" + want + "\"";
  });
}

std::string Count(const std::string& from_where) { return "SELECT count(*) FROM " + from_where; }
std::string RoleCount(const std::string& role) {
  return Count("pg_roles WHERE rolname = '" + role + "'");
}
std::string DatabaseCount(const std::string& database) {
  return Count("pg_database WHERE datname = '" + database + "'");
}

// `text` with each "{key}" replaced by its value: configurations read as HCL.
std::string Fill(std::string text, const std::map<std::string, std::string>& values) {
  for (const auto& [key, value] : values) {
    const std::string token = "{" + key + "}";
    for (size_t at = text.find(token); at != std::string::npos;
         at = text.find(token, at + value.size())) {
      text.replace(at, token.size(), value);
    }
  }
  return text;
}

// The provider block for the test server, with `password` as the password.
std::string ProviderBlock(const std::string& password = PostgresServer::kSuperuserPassword) {
  return Fill(R"(provider "postgresql" {
  host            = "{host}"
  port            = {port}
  username        = "{user}"
  password        = "{password}"
  database        = "postgres"
  sslmode         = "disable"
  connect_timeout = 10
}
)",
              {{"host", PostgresServer::kHost},
               {"port", std::to_string(g_server->port())},
               {"user", PostgresServer::kSuperuser},
               {"password", password}});
}

class PostgresqlProviderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NE(g_server, nullptr);
    ASSERT_TRUE(g_server->running()) << "the test server did not start: " << g_server_error;
  }

  static TestCase NewCase() {
    TestCase tc;
    tc.provider_factory = [] { return tfsdk_examples::MakePostgresqlProvider(); };
    return tc;
  }
};

// Role + database + grant; in-place updates; replacement of the database (encoding) that
// also replaces the grant through replace_triggered_by; destroy.
std::string AppConfig(int role_limit, int db_limit, const std::string& encoding,
                      const std::string& privileges) {
  return ProviderBlock() + Fill(R"(
resource "postgresql_role" "app" {
  name             = "tfacc_app"
  login            = true
  password         = "app-pw"
  connection_limit = {role_limit}
}
resource "postgresql_database" "app" {
  name             = "tfacc_app_db"
  owner            = postgresql_role.app.name
  encoding         = "{encoding}"
  template         = "template0"
  connection_limit = {db_limit}
}
resource "postgresql_role" "reader" {
  name  = "tfacc_reader"
  login = true
}
resource "postgresql_grant" "reader" {
  role        = postgresql_role.reader.name
  database    = postgresql_database.app.name
  object_type = "database"
  privileges  = {privileges}
  lifecycle {
    replace_triggered_by = [postgresql_database.app.id]
  }
}
)",
                                {{"role_limit", std::to_string(role_limit)},
                                 {"db_limit", std::to_string(db_limit)},
                                 {"encoding", encoding},
                                 {"privileges", privileges}});
}

constexpr char kReaderPrivileges[] =
    "SELECT string_agg(privilege_type, ',' ORDER BY privilege_type) FROM pg_database d, "
    "aclexplode(d.datacl) a WHERE d.datname = 'tfacc_app_db' AND "
    "a.grantee = 'tfacc_reader'::regrole";

TEST_F(PostgresqlProviderTest, CreateUpdateReplaceDestroy) {
  TestCase tc = NewCase();
  tc.steps = {
      Step{.config = AppConfig(3, 5, "UTF8", "[\"CONNECT\", \"TEMPORARY\"]"),
           .expect_actions = {{"postgresql_role.app", "create"},
                              {"postgresql_database.app", "create"},
                              {"postgresql_grant.reader", "create"}},
           .checks = {CheckAttr("postgresql_role.app", "id", "tfacc_app"),
                      CheckAttr("postgresql_role.app", "login", "true"),
                      CheckAttr("postgresql_role.app", "superuser", "false"),
                      CheckAttr("postgresql_role.app", "connection_limit", "3"),
                      CheckAttr("postgresql_database.app", "owner", "tfacc_app"),
                      CheckAttr("postgresql_database.app", "encoding", "UTF8"),
                      CheckAttr("postgresql_database.app", "connection_limit", "5"),
                      CheckAttr("postgresql_grant.reader", "id",
                                "tfacc_reader_tfacc_app_db_database"),
                      CheckAttr("postgresql_grant.reader", "privileges.#", "2"),
                      SqlIs("SELECT rolcanlogin, rolconnlimit FROM pg_roles "
                            "WHERE rolname = 'tfacc_app'",
                            "t|3"),
                      SqlIs("SELECT pg_get_userbyid(datdba), pg_encoding_to_char(encoding), "
                            "datconnlimit FROM pg_database WHERE datname = 'tfacc_app_db'",
                            "tfacc_app|UTF8|5"),
                      SqlIs(kReaderPrivileges, "CONNECT,TEMPORARY"),
                      // The role's password works.
                      CheckFunc("tfacc_app logs in with its password",
                                [](const State&) -> std::string {
                                  std::string out;
                                  return g_server->Sql("SELECT 1", &out, "tfacc_app_db",
                                                       "tfacc_app", "app-pw")
                                             ? ""
                                             : "login failed: " + out;
                                })}},
      // Connection limits and privileges change in place.
      Step{.config = AppConfig(4, 10, "UTF8", "[\"CONNECT\", \"CREATE\", \"TEMPORARY\"]"),
           .expect_actions = {{"postgresql_role.app", "update"},
                              {"postgresql_database.app", "update"},
                              {"postgresql_grant.reader", "update"}},
           .checks = {CheckAttr("postgresql_role.app", "connection_limit", "4"),
                      CheckAttr("postgresql_database.app", "connection_limit", "10"),
                      CheckAttr("postgresql_grant.reader", "privileges.#", "3"),
                      SqlIs("SELECT rolconnlimit FROM pg_roles WHERE rolname = 'tfacc_app'", "4"),
                      SqlIs("SELECT datconnlimit FROM pg_database "
                            "WHERE datname = 'tfacc_app_db'",
                            "10"),
                      SqlIs(kReaderPrivileges, "CONNECT,CREATE,TEMPORARY")}},
      // A new encoding replaces the database (and, through replace_triggered_by, the grant).
      Step{.config = AppConfig(4, 10, "SQL_ASCII", "[\"CONNECT\"]"),
           .expect_actions = {{"postgresql_role.app", "no-op"},
                              {"postgresql_database.app", "replace"},
                              {"postgresql_grant.reader", "replace"}},
           .checks = {CheckAttr("postgresql_database.app", "encoding", "SQL_ASCII"),
                      SqlIs("SELECT pg_encoding_to_char(encoding), datconnlimit FROM "
                            "pg_database WHERE datname = 'tfacc_app_db'",
                            "SQL_ASCII|10"),
                      SqlIs(kReaderPrivileges, "CONNECT")}},
      // Import by name gives the same state, except what PostgreSQL does not reveal.
      Step{.import_state = true,
           .resource_name = "postgresql_role.app",
           .import_verify = true,
           .import_verify_ignore = {"password"}},
      Step{.import_state = true,
           .resource_name = "postgresql_database.app",
           .import_verify = true,
           .import_verify_ignore = {"template"}},
  };
  tc.check_destroy = [](const State&) -> std::string {
    std::string out;
    for (const std::string& q :
         {RoleCount("tfacc_app"), RoleCount("tfacc_reader"), DatabaseCount("tfacc_app_db")}) {
      if (!g_server->Sql(q, &out)) return "psql failed: " + out;
      if (out != "0") return "still there after destroy: " + q + " -> " + out;
    }
    return "";
  };
  tfsdk::testing::Run(tc);
}

// A database created with psql is adopted with `import` and with an import block.
TEST_F(PostgresqlProviderTest, ImportExistingDatabase) {
  const std::string config = ProviderBlock() +
                             "resource \"postgresql_database\" \"legacy\" {\n"
                             "  name             = \"tfacc_legacy\"\n"
                             "  connection_limit = 7\n"
                             "}\n";
  auto create_with_psql = [] {
    Sql("DROP DATABASE IF EXISTS tfacc_legacy");
    Sql("CREATE DATABASE tfacc_legacy CONNECTION LIMIT 7");
  };
  const std::vector<tfsdk::testing::Check> imported = {
      CheckAttr("postgresql_database.legacy", "id", "tfacc_legacy"),
      CheckAttr("postgresql_database.legacy", "name", "tfacc_legacy"),
      CheckAttr("postgresql_database.legacy", "owner", "postgres"),
      CheckAttr("postgresql_database.legacy", "encoding", "UTF8"),
      CheckAttr("postgresql_database.legacy", "connection_limit", "7"),
      CheckNoAttr("postgresql_database.legacy", "template"),
  };
  TestCase tc = NewCase();
  tc.steps = {
      Step{.pre_config = create_with_psql,
           .config = config,
           .checks = imported,
           .import_state = true,
           .resource_name = "postgresql_database.legacy",
           .import_id = "tfacc_legacy"},
      Step{.pre_config = create_with_psql,
           .checks = imported,
           .import_state = true,
           .resource_name = "postgresql_database.legacy",
           .import_id = "tfacc_legacy",
           .import_with_block = true},
      // Importing a database that does not exist fails.
      Step{.expect_error = "non-existent remote object",
           .import_state = true,
           .resource_name = "postgresql_database.legacy",
           .import_id = "tfacc_no_such_db"},
  };
  tfsdk::testing::Run(tc);
  Sql("DROP DATABASE IF EXISTS tfacc_legacy");
}

// A role dropped with psql behind Terraform's back is planned for creation again (and its
// grant with it), and apply re-creates both. Over protocol 6 and protocol 5.
TEST_F(PostgresqlProviderTest, DroppedRoleIsRecreated) {
  const std::string config = ProviderBlock() +
                             "resource \"postgresql_role\" \"drift\" {\n"
                             "  name = \"tfacc_drift\"\n"
                             "}\n"
                             "resource \"postgresql_grant\" \"drift\" {\n"
                             "  role        = postgresql_role.drift.name\n"
                             "  database    = \"postgres\"\n"
                             "  object_type = \"database\"\n"
                             "  privileges  = [\"CONNECT\"]\n"
                             "}\n";
  const std::string has_connect =
      "SELECT has_database_privilege('tfacc_drift', 'postgres', 'CONNECT')";
  TestCase tc = NewCase();
  tc.steps = {
      Step{.config = config,
           .checks = {SqlIs(RoleCount("tfacc_drift"), "1"), SqlIs(has_connect, "t")}},
      Step{.pre_config =
               [] {
                 // DROP OWNED also revokes the role's privileges on databases.
                 Sql("DROP OWNED BY tfacc_drift");
                 Sql("DROP ROLE tfacc_drift");
               },
           .expect_actions = {{"postgresql_role.drift", "create"},
                              {"postgresql_grant.drift", "create"}},
           .plan_only = true,
           .expect_non_empty_plan = true},
      Step{.expect_actions = {{"postgresql_role.drift", "create"},
                              {"postgresql_grant.drift", "create"}},
           .checks = {SqlIs(RoleCount("tfacc_drift"), "1"), SqlIs(has_connect, "t")}},
      // A privilege revoked out of band is planned back in place.
      Step{.pre_config = [] { Sql("REVOKE CONNECT ON DATABASE postgres FROM tfacc_drift"); },
           .expect_actions = {{"postgresql_grant.drift", "update"}},
           .plan_only = true,
           .expect_non_empty_plan = true},
  };
  tc.check_destroy = [](const State&) -> std::string {
    std::string out;
    if (!g_server->Sql(RoleCount("tfacc_drift"), &out)) return "psql failed: " + out;
    return out == "0" ? "" : "tfacc_drift still exists after destroy";
  };
  for (int protocol : {6, 5}) {
    SCOPED_TRACE("protocol " + std::to_string(protocol));
    tc.protocol_version = protocol;
    tfsdk::testing::Run(tc);
  }
}

// Wrong credentials fail at Configure with the host and the server's own message.
TEST_F(PostgresqlProviderTest, BadCredentialsGiveAClearDiagnostic) {
  const std::string resources =
      "resource \"postgresql_role\" \"r\" {\n  name = \"tfacc_creds\"\n}\n";
  TestCase tc = NewCase();
  tc.steps = {
      Step{.config = ProviderBlock("wrong-password") + resources,
           .expect_error = "Cannot connect to PostgreSQL.*host \"127\\.0\\.0\\.1\" port [0-9]+ "
                           "as user \"postgres\".*password authentication failed for user "
                           "\"postgres\""},
      Step{.config = ProviderBlock() + resources, .checks = {SqlIs(RoleCount("tfacc_creds"), "1")}},
  };
  tfsdk::testing::Run(tc);
  EXPECT_EQ(Sql(RoleCount("tfacc_creds")), "0");
}

// The data source reads a database; a missing one is an error on `name`.
TEST_F(PostgresqlProviderTest, DataSourceReadsADatabase) {
  TestCase tc = NewCase();
  tc.steps = {
      Step{.config = ProviderBlock() + "data \"postgresql_database\" \"pg\" {\n"
                                       "  name = \"postgres\"\n}\n",
           .checks = {CheckAttr("data.postgresql_database.pg", "owner", "postgres"),
                      CheckAttr("data.postgresql_database.pg", "encoding", "UTF8"),
                      CheckAttr("data.postgresql_database.pg", "connection_limit", "-1")}},
      Step{.config = ProviderBlock() + "data \"postgresql_database\" \"none\" {\n"
                                       "  name = \"tfacc_missing\"\n}\n",
           .expect_error = "Database not found.*tfacc_missing"},
  };
  tfsdk::testing::Run(tc);
}

// A write-only password is set on create and again when its version changes, and never
// stored in the state.
TEST_F(PostgresqlProviderTest, WriteOnlyPassword) {
  auto config = [](const std::string& password, int version) {
    return ProviderBlock() + Fill(R"(
resource "postgresql_role" "wo" {
  name                = "tfacc_wo"
  login               = true
  password_wo         = "{password}"
  password_wo_version = {version}
}
)",
                                  {{"password", password}, {"version", std::to_string(version)}});
  };
  auto logs_in = [](const std::string& password) {
    return CheckFunc("tfacc_wo logs in with " + password, [password](const State&) -> std::string {
      std::string out;
      return g_server->Sql("SELECT 1", &out, "postgres", "tfacc_wo", password)
                 ? ""
                 : "login failed: " + out;
    });
  };
  TestCase tc = NewCase();
  tc.steps = {
      Step{.config = config("first-pw", 1),
           .checks = {CheckNoAttr("postgresql_role.wo", "password_wo"), logs_in("first-pw")}},
      Step{.config = config("second-pw", 2),
           .expect_actions = {{"postgresql_role.wo", "update"}},
           .checks = {CheckNoAttr("postgresql_role.wo", "password_wo"),
                      CheckAttr("postgresql_role.wo", "password_wo_version", "2"),
                      logs_in("second-pw")}},
  };
  tfsdk::testing::Run(tc);
}

// One server for the whole test binary, started before the first test and stopped after
// the last (gtest_main runs RUN_ALL_TESTS).
::testing::Environment* const kServerEnvironment =
    ::testing::AddGlobalTestEnvironment(new ServerEnvironment);

}  // namespace
