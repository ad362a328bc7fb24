// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "postgresql_provider.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <pqxx/pqxx>
#include <set>
#include <string>
#include <utility>

#include "tfsdk/tfsdk.h"

namespace tfsdk_examples {
namespace {

namespace v = tfsdk::validators;
using tfsdk::Attribute;
using tfsdk::Path;

// The database privileges postgresql_grant accepts, spelled as PostgreSQL reports them in
// aclexplode(); they reach SQL only from this list, never from the configuration.
const std::set<std::string>& DatabasePrivileges() {
  static const std::set<std::string> kPrivileges = {"CREATE", "CONNECT", "TEMPORARY"};
  return kPrivileges;
}

// libpq messages end with a newline and sometimes carry two spaces after "FATAL:".
std::string CleanMessage(std::string text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.pop_back();
  }
  return text;
}

// What Configure hands to every resource: how to connect, and how to name the server in
// messages. Immutable, so concurrent callbacks may share it.
class PgClient {
 public:
  PgClient(std::string conninfo, std::string where)
      : conninfo_(std::move(conninfo)), where_(std::move(where)) {}
  const std::string& conninfo() const { return conninfo_; }
  // e.g. `host "127.0.0.1" port 5432 as user "postgres"`.
  const std::string& where() const { return where_; }

 private:
  std::string conninfo_;
  std::string where_;
};

// Opens a connection for one callback and runs `fn(connection)`. Connection and SQL
// failures become an error diagnostic whose summary is `failure` and whose detail names the
// server and carries PostgreSQL's own message. Statements are not quoted in the detail: a
// role's password may be part of one. Returns false if anything failed.
template <class Fn>
bool WithConnection(const tfsdk::ProviderData& data, tfsdk::Diagnostics& diags,
                    const std::string& failure, Fn fn) {
  const PgClient* client = data.Get<PgClient>();
  if (client == nullptr) {
    diags.AddError("Provider not configured",
                   "The postgresql provider has no connection settings; its configuration "
                   "failed or was never applied.");
    return false;
  }
  try {
    pqxx::connection connection(client->conninfo());
    fn(connection);
    return true;
  } catch (const pqxx::broken_connection& e) {
    diags.AddError(failure, "Cannot connect to PostgreSQL at " + client->where() + ": " +
                                CleanMessage(e.what()));
  } catch (const pqxx::sql_error& e) {
    std::string state = e.sqlstate().empty() ? "" : " (SQLSTATE " + e.sqlstate() + ")";
    diags.AddError(failure, "PostgreSQL at " + client->where() +
                                " reported: " + CleanMessage(e.what()) + state);
  } catch (const pqxx::failure& e) {
    diags.AddError(failure, "PostgreSQL at " + client->where() + ": " + CleanMessage(e.what()));
  }
  return false;
}

// The value of an Optional+Computed attribute that has a known value in `attrs`, if any.
std::optional<std::string> KnownString(const tfsdk::Attributes& attrs, const char* name) {
  tfsdk::Value value = attrs.GetValue(name);
  if (!value.IsKnown()) return std::nullopt;
  return value.AsString();
}

// ---------------------------------------------------------------------------------------
// postgresql_role

bool RoleExists(pqxx::transaction_base& tx, const std::string& name) {
  return !tx.exec_params("SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1", name).empty();
}

bool DatabaseExists(pqxx::transaction_base& tx, const std::string& name) {
  return !tx.exec_params("SELECT 1 FROM pg_catalog.pg_database WHERE datname = $1", name).empty();
}

class RoleResource final : public tfsdk::Resource {
 public:
  std::string TypeName() const override { return "postgresql_role"; }

  tfsdk::Schema GetSchema() const override {
    return tfsdk::Schema{
        .description = "A PostgreSQL role (a user when it may log in).",
        .attributes = {
            Attribute::String("name")
                .Required()
                .RequiresReplace()
                .Validators({v::LengthBetween(1, 63)})
                .Description("Name of the role. Changing it replaces the role."),
            Flag("login", "Whether the role may log in."),
            Flag("superuser", "Whether the role is a superuser."),
            Flag("createdb", "Whether the role may create databases."),
            Flag("createrole", "Whether the role may create other roles."),
            Attribute::Number("connection_limit")
                .Optional()
                .Computed()
                .Default(tfsdk::Value::IntVal(-1))
                .Validators({v::IsWholeNumber(), v::AtLeast(-1)})
                .Description("Concurrent connections the role may make; -1 (default) is "
                             "no limit."),
            Attribute::String("password")
                .Optional()
                .Sensitive()
                .Validators({v::ConflictsWith({"password_wo"})})
                .Description("Password of the role. Kept in the state (sensitive); "
                             "password_wo keeps it out of the state."),
            Attribute::String("password_wo")
                .Optional()
                .WriteOnly()
                .Description("Write-only password (Terraform 1.11+, OpenTofu 1.11+): sent "
                             "on create and whenever password_wo_version changes, never "
                             "stored."),
            Attribute::Number("password_wo_version")
                .Optional()
                .Description("Change this to set password_wo again."),
            Attribute::String("id").Computed().UseStateForUnknown().Description("The role name."),
        }};
  }

  void Create(const tfsdk::CreateRequest& req, tfsdk::CreateResponse& resp) override {
    const std::string name = req.plan.Get<std::string>("name");
    bool ok = WithConnection(
        req.provider_data, resp.diagnostics, "Cannot create role", [&](pqxx::connection& conn) {
          pqxx::nontransaction tx(conn);
          std::string sql = "CREATE ROLE " + tx.quote_name(name) + " WITH" + RoleOptions(req.plan);
          if (std::optional<std::string> pw = InitialPassword(req)) {
            sql += " PASSWORD " + tx.quote(*pw);
          }
          tx.exec0(sql);
        });
    if (!ok) {
      resp.state.RemoveResource();  // nothing was created
      return;
    }
    resp.state.Set("id", name);
  }

  void Read(const tfsdk::ReadRequest& req, tfsdk::ReadResponse& resp) override {
    const std::string name = req.state.Get<std::string>("name");
    WithConnection(req.provider_data, resp.diagnostics, "Cannot read role",
                   [&](pqxx::connection& conn) {
                     pqxx::nontransaction tx(conn);
                     pqxx::result r = tx.exec_params(
                         "SELECT rolcanlogin, rolsuper, rolcreatedb, rolcreaterole, "
                         "rolconnlimit FROM pg_catalog.pg_roles WHERE rolname = $1",
                         name);
                     if (r.empty()) {
                       resp.state.RemoveResource();  // dropped out of band: plan re-creates
                       return;
                     }
                     resp.state.Set("login", r[0][0].as<bool>());
                     resp.state.Set("superuser", r[0][1].as<bool>());
                     resp.state.Set("createdb", r[0][2].as<bool>());
                     resp.state.Set("createrole", r[0][3].as<bool>());
                     resp.state.Set("connection_limit", r[0][4].as<int64_t>());
                     resp.state.Set("id", name);
                   });
  }

  void Update(const tfsdk::UpdateRequest& req, tfsdk::UpdateResponse& resp) override {
    const std::string name = req.plan.Get<std::string>("name");
    bool ok = WithConnection(
        req.provider_data, resp.diagnostics, "Cannot update role", [&](pqxx::connection& conn) {
          pqxx::nontransaction tx(conn);
          std::string sql = "ALTER ROLE " + tx.quote_name(name) + " WITH" + RoleOptions(req.plan);
          tfsdk::Value planned = req.plan.GetValue("password");
          tfsdk::Value wo = req.config.GetValue("password_wo");
          bool wo_bumped = !(req.plan.GetValue("password_wo_version") ==
                             req.state.GetValue("password_wo_version"));
          if (wo_bumped && wo.IsKnown()) {
            sql += " PASSWORD " + tx.quote(wo.AsString());
          } else if (!(planned == req.state.GetValue("password"))) {
            sql += planned.IsKnown() ? " PASSWORD " + tx.quote(planned.AsString())
                                     : std::string(" PASSWORD NULL");
          }
          tx.exec0(sql);
        });
    if (!ok) {
      resp.state.SetWhole(req.state.value());  // nothing changed
      return;
    }
    resp.state.Set("id", name);
  }

  void Delete(const tfsdk::DeleteRequest& req, tfsdk::DeleteResponse& resp) override {
    const std::string name = req.state.Get<std::string>("name");
    WithConnection(req.provider_data, resp.diagnostics, "Cannot drop role",
                   [&](pqxx::connection& conn) {
                     pqxx::nontransaction tx(conn);
                     tx.exec0("DROP ROLE IF EXISTS " + tx.quote_name(name));
                   });
  }

  // `terraform import postgresql_role.x NAME`; Read fills in the rest (not the password,
  // which PostgreSQL does not reveal).
  void ImportState(const tfsdk::ImportStateRequest& req,
                   tfsdk::ImportStateResponse& resp) override {
    resp.state.Set("name", req.id);
    resp.state.Set("id", req.id);
  }

 private:
  static Attribute Flag(const char* name, const char* description) {
    return Attribute::Bool(name)
        .Optional()
        .Computed()
        .Default(tfsdk::Value::BoolVal(false))
        .Description(std::string(description) + " Default false.");
  }

  // " LOGIN NOSUPERUSER ... CONNECTION LIMIT n": keywords only, chosen by the plan.
  static std::string RoleOptions(const tfsdk::Attributes& plan) {
    auto flag = [&](const char* attribute, const char* keyword) {
      return std::string(plan.Get<bool>(attribute) ? " " : " NO") + keyword;
    };
    return flag("login", "LOGIN") + flag("superuser", "SUPERUSER") + flag("createdb", "CREATEDB") +
           flag("createrole", "CREATEROLE") + " CONNECTION LIMIT " +
           std::to_string(plan.Get<int64_t>("connection_limit"));
  }

  // The password a new role starts with: `password`, else the write-only `password_wo`
  // (only in the configuration: write-only values are never in the plan).
  static std::optional<std::string> InitialPassword(const tfsdk::CreateRequest& req) {
    if (std::optional<std::string> pw = KnownString(req.plan, "password")) return pw;
    return KnownString(req.config, "password_wo");
  }
};

// ---------------------------------------------------------------------------------------
// postgresql_database

struct DatabaseRow {
  std::string owner;
  std::string encoding;
  int64_t connection_limit = -1;
};

std::optional<DatabaseRow> ReadDatabase(pqxx::transaction_base& tx, const std::string& name) {
  pqxx::result r = tx.exec_params(
      "SELECT pg_catalog.pg_get_userbyid(datdba), pg_catalog.pg_encoding_to_char(encoding), "
      "datconnlimit FROM pg_catalog.pg_database WHERE datname = $1",
      name);
  if (r.empty()) return std::nullopt;
  return DatabaseRow{.owner = r[0][0].as<std::string>(),
                     .encoding = r[0][1].as<std::string>(),
                     .connection_limit = r[0][2].as<int64_t>()};
}

bool EqualsIgnoringCase(const std::string& a, const std::string& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

// Writes what the server reports into `state`. An encoding the configuration spells in
// another case ("utf8") is kept as written, so it does not look like a change.
void SetDatabaseState(const DatabaseRow& row, tfsdk::Attributes& state) {
  state.Set("owner", row.owner);
  std::optional<std::string> prior = KnownString(state, "encoding");
  if (!prior || !EqualsIgnoringCase(*prior, row.encoding)) state.Set("encoding", row.encoding);
  state.Set("connection_limit", row.connection_limit);
}

class DatabaseResource final : public tfsdk::Resource {
 public:
  std::string TypeName() const override { return "postgresql_database"; }

  tfsdk::Schema GetSchema() const override {
    return tfsdk::Schema{
        .description = "A PostgreSQL database.",
        .attributes = {
            Attribute::String("name")
                .Required()
                .RequiresReplace()
                .Validators({v::LengthBetween(1, 63)})
                .Description("Name of the database. Changing it replaces the database."),
            Attribute::String("owner").Optional().Computed().UseStateForUnknown().Description(
                "The role owning the database; the provider's user when left out. Changed "
                "in place."),
            Attribute::String("encoding")
                .Optional()
                .Computed()
                .UseStateForUnknown()
                .RequiresReplace()
                .Description("Character set, e.g. \"UTF8\"; the template's when left out. "
                             "Changing it replaces the database."),
            Attribute::String("template")
                .Optional()
                .RequiresReplaceIf(
                    [](const tfsdk::PlanModifierRequest& req) {
                      // An imported database has no recorded template: adding one to the
                      // configuration afterwards records it instead of replacing.
                      return !req.state_value.IsNull();
                    },
                    "Changing the template replaces the database, unless none was recorded "
                    "(after an import).")
                .Description("The database copied to create this one (PostgreSQL's default "
                             "is template1; use template0 to choose another encoding)."),
            Attribute::Number("connection_limit")
                .Optional()
                .Computed()
                .Default(tfsdk::Value::IntVal(-1))
                .Validators({v::IsWholeNumber(), v::AtLeast(-1)})
                .Description("Concurrent connections allowed; -1 (default) is no limit. "
                             "Changed in place."),
            Attribute::String("id").Computed().UseStateForUnknown().Description(
                "The database name."),
        }};
  }

  void Create(const tfsdk::CreateRequest& req, tfsdk::CreateResponse& resp) override {
    const std::string name = req.plan.Get<std::string>("name");
    bool ok = WithConnection(
        req.provider_data, resp.diagnostics, "Cannot create database", [&](pqxx::connection& conn) {
          // CREATE DATABASE cannot run inside a transaction block.
          pqxx::nontransaction tx(conn);
          std::string sql = "CREATE DATABASE " + tx.quote_name(name);
          if (auto owner = KnownString(req.plan, "owner")) {
            sql += " OWNER " + tx.quote_name(*owner);
          }
          if (auto encoding = KnownString(req.plan, "encoding")) {
            sql += " ENCODING " + tx.quote(*encoding);
          }
          if (auto template_name = KnownString(req.plan, "template")) {
            sql += " TEMPLATE " + tx.quote_name(*template_name);
          }
          sql += " CONNECTION LIMIT " + std::to_string(req.plan.Get<int64_t>("connection_limit"));
          tx.exec0(sql);
          std::optional<DatabaseRow> row = ReadDatabase(tx, name);
          if (!row) throw pqxx::failure("database " + name + " vanished after CREATE");
          SetDatabaseState(*row, resp.state);
        });
    if (!ok) {
      resp.state.RemoveResource();  // nothing was created
      return;
    }
    resp.state.Set("id", name);
  }

  void Read(const tfsdk::ReadRequest& req, tfsdk::ReadResponse& resp) override {
    const std::string name = req.state.Get<std::string>("name");
    WithConnection(req.provider_data, resp.diagnostics, "Cannot read database",
                   [&](pqxx::connection& conn) {
                     pqxx::nontransaction tx(conn);
                     std::optional<DatabaseRow> row = ReadDatabase(tx, name);
                     if (!row) {
                       resp.state.RemoveResource();
                       return;
                     }
                     SetDatabaseState(*row, resp.state);
                     resp.state.Set("id", name);
                   });
  }

  void Update(const tfsdk::UpdateRequest& req, tfsdk::UpdateResponse& resp) override {
    const std::string name = req.plan.Get<std::string>("name");
    bool ok = WithConnection(
        req.provider_data, resp.diagnostics, "Cannot update database", [&](pqxx::connection& conn) {
          pqxx::work tx(conn);
          std::optional<std::string> owner = KnownString(req.plan, "owner");
          if (owner && *owner != KnownString(req.state, "owner")) {
            tx.exec0("ALTER DATABASE " + tx.quote_name(name) + " OWNER TO " +
                     tx.quote_name(*owner));
          }
          int64_t limit = req.plan.Get<int64_t>("connection_limit");
          if (req.state.Get<std::optional<int64_t>>("connection_limit") != limit) {
            tx.exec0("ALTER DATABASE " + tx.quote_name(name) + " WITH CONNECTION LIMIT " +
                     std::to_string(limit));
          }
          std::optional<DatabaseRow> row = ReadDatabase(tx, name);
          if (!row) throw pqxx::failure("database " + name + " does not exist");
          tx.commit();
          SetDatabaseState(*row, resp.state);
        });
    if (!ok) {
      resp.state.SetWhole(req.state.value());  // nothing changed
      return;
    }
    resp.state.Set("id", name);
  }

  void Delete(const tfsdk::DeleteRequest& req, tfsdk::DeleteResponse& resp) override {
    const std::string name = req.state.Get<std::string>("name");
    WithConnection(req.provider_data, resp.diagnostics, "Cannot drop database",
                   [&](pqxx::connection& conn) {
                     pqxx::nontransaction tx(conn);
                     tx.exec0("DROP DATABASE IF EXISTS " + tx.quote_name(name));
                   });
  }

  // `terraform import postgresql_database.x NAME`: Read fills in owner, encoding and
  // connection_limit. The template a database was made from is not recorded by PostgreSQL,
  // so it stays null (see the template attribute's plan modifier).
  void ImportState(const tfsdk::ImportStateRequest& req,
                   tfsdk::ImportStateResponse& resp) override {
    resp.state.Set("name", req.id);
    resp.state.Set("id", req.id);
  }
};

// ---------------------------------------------------------------------------------------
// postgresql_grant

class GrantResource final : public tfsdk::Resource {
 public:
  std::string TypeName() const override { return "postgresql_grant"; }

  tfsdk::Schema GetSchema() const override {
    std::vector<std::string> privileges(DatabasePrivileges().begin(), DatabasePrivileges().end());
    return tfsdk::Schema{
        .description =
            "The privileges a role holds on a PostgreSQL database. The grant "
            "owns all of the role's privileges on that object: others are revoked.",
        .attributes = {
            Attribute::String("role").Required().RequiresReplace().Description(
                "The role receiving the privileges."),
            Attribute::String("database")
                .Required()
                .RequiresReplace()
                .Description("The database the privileges are on."),
            Attribute::String("object_type")
                .Required()
                .RequiresReplace()
                .Validators({v::OneOf({"database"})})
                .Description("The kind of object; only \"database\" is supported."),
            Attribute::Set("privileges", tfsdk::Type::String())
                .Required()
                .Validators({v::Each({v::OneOf(privileges)})})
                .Description("The privileges: any of CREATE, CONNECT, TEMPORARY. Changed in "
                             "place."),
            Attribute::String("id").Computed().UseStateForUnknown().Description(
                "role_database_objecttype."),
        }};
  }

  void Create(const tfsdk::CreateRequest& req, tfsdk::CreateResponse& resp) override {
    if (!Apply(req.provider_data, req.plan, resp.diagnostics, "Cannot grant privileges")) {
      resp.state.RemoveResource();
      return;
    }
    resp.state.Set("id", Id(req.plan));
  }

  void Read(const tfsdk::ReadRequest& req, tfsdk::ReadResponse& resp) override {
    const std::string role = req.state.Get<std::string>("role");
    const std::string database = req.state.Get<std::string>("database");
    WithConnection(req.provider_data, resp.diagnostics, "Cannot read grant",
                   [&](pqxx::connection& conn) {
                     pqxx::nontransaction tx(conn);
                     if (!RoleExists(tx, role) || !DatabaseExists(tx, database)) {
                       resp.state.RemoveResource();
                       return;
                     }
                     pqxx::result r = tx.exec_params(
                         "SELECT a.privilege_type FROM pg_catalog.pg_database d, "
                         "LATERAL pg_catalog.aclexplode(d.datacl) a "
                         "WHERE d.datname = $1 AND a.grantee = "
                         "(SELECT oid FROM pg_catalog.pg_roles WHERE rolname = $2)",
                         database, role);
                     std::set<std::string> held;
                     for (const auto& row : r) held.insert(row[0].as<std::string>());
                     resp.state.Set("privileges", held);
                     resp.state.Set("id", Id(req.state));
                   });
  }

  void Update(const tfsdk::UpdateRequest& req, tfsdk::UpdateResponse& resp) override {
    if (!Apply(req.provider_data, req.plan, resp.diagnostics, "Cannot change privileges")) {
      resp.state.SetWhole(req.state.value());
      return;
    }
    resp.state.Set("id", Id(req.plan));
  }

  void Delete(const tfsdk::DeleteRequest& req, tfsdk::DeleteResponse& resp) override {
    const std::string role = req.state.Get<std::string>("role");
    const std::string database = req.state.Get<std::string>("database");
    WithConnection(req.provider_data, resp.diagnostics, "Cannot revoke privileges",
                   [&](pqxx::connection& conn) {
                     pqxx::nontransaction tx(conn);
                     // Nothing to revoke when either side is already gone.
                     if (!RoleExists(tx, role) || !DatabaseExists(tx, database)) return;
                     tx.exec0("REVOKE ALL PRIVILEGES ON DATABASE " + tx.quote_name(database) +
                              " FROM " + tx.quote_name(role));
                   });
  }

 private:
  static std::string Id(const tfsdk::Attributes& attrs) {
    return attrs.Get<std::string>("role") + "_" + attrs.Get<std::string>("database") + "_" +
           attrs.Get<std::string>("object_type");
  }

  // Makes the role's privileges on the database exactly the planned set, atomically.
  // Returns false (with an error in `diags`) if that failed.
  static bool Apply(const tfsdk::ProviderData& data, const tfsdk::Attributes& plan,
                    tfsdk::Diagnostics& diags, const std::string& failure) {
    const std::string role = plan.Get<std::string>("role");
    const std::string database = plan.Get<std::string>("database");
    const std::set<std::string> wanted = plan.Get<std::set<std::string>>("privileges");
    std::string keywords;
    for (const std::string& p : wanted) {
      // The validator already rejects others; never let configuration text reach SQL.
      if (DatabasePrivileges().count(p) == 0) {
        diags.AddError("Unsupported privilege", "\"" + p + "\" is not a database privilege.",
                       Path::Root("privileges"));
        return false;
      }
      keywords += (keywords.empty() ? "" : ", ") + p;
    }
    return WithConnection(data, diags, failure, [&](pqxx::connection& conn) {
      pqxx::work tx(conn);
      const std::string on = " ON DATABASE " + tx.quote_name(database);
      tx.exec0("REVOKE ALL PRIVILEGES" + on + " FROM " + tx.quote_name(role));
      if (!keywords.empty()) tx.exec0("GRANT " + keywords + on + " TO " + tx.quote_name(role));
      tx.commit();
    });
  }
};

// ---------------------------------------------------------------------------------------
// data source postgresql_database

class DatabaseDataSource final : public tfsdk::DataSource {
 public:
  std::string TypeName() const override { return "postgresql_database"; }

  tfsdk::Schema GetSchema() const override {
    return tfsdk::Schema{
        .description = "Reads an existing PostgreSQL database.",
        .attributes = {
            Attribute::String("name").Required().Description("Name of the database."),
            Attribute::String("owner").Computed().Description("The owning role."),
            Attribute::String("encoding").Computed().Description("Character set."),
            Attribute::Number("connection_limit")
                .Computed()
                .Description("Concurrent connections allowed; -1 is no limit."),
        }};
  }

  void Read(const tfsdk::DataSourceReadRequest& req, tfsdk::DataSourceReadResponse& resp) override {
    const std::string name = req.config.Get<std::string>("name");
    WithConnection(
        req.provider_data, resp.diagnostics, "Cannot read database", [&](pqxx::connection& conn) {
          pqxx::nontransaction tx(conn);
          std::optional<DatabaseRow> row = ReadDatabase(tx, name);
          if (!row) {
            resp.diagnostics.AddError("Database not found",
                                      "There is no database \"" + name + "\".", Path::Root("name"));
            return;
          }
          resp.state.Set("owner", row->owner);
          resp.state.Set("encoding", row->encoding);
          resp.state.Set("connection_limit", row->connection_limit);
        });
  }
};

// ---------------------------------------------------------------------------------------
// The provider

class PostgresqlProvider final : public tfsdk::Provider {
 public:
  explicit PostgresqlProvider(PostgresqlProviderOptions options)
      : tfsdk::Provider("postgresql"), options_(options) {}

  tfsdk::Schema GetSchema() const override {
    return tfsdk::Schema{
        .description =
            "Manages roles, databases and grants on a PostgreSQL server. Settings "
            "left out fall back to libpq's environment variables (PGHOST, "
            "PGPORT, PGUSER, PGPASSWORD, PGDATABASE, PGSSLMODE, "
            "PGCONNECT_TIMEOUT) and defaults.",
        .attributes = {
            Attribute::String("host").Optional().Description(
                "Server host name, IP address, or unix socket directory."),
            Attribute::Number("port")
                .Optional()
                .Validators({v::IsWholeNumber(), v::Between(1, 65535)})
                .Description("Server port (5432 when left out)."),
            Attribute::String("username").Optional().Description("The role to connect as."),
            Attribute::String("password")
                .Optional()
                .Sensitive()
                .Description("Password of that role."),
            Attribute::String("database")
                .Optional()
                .Description("The database to connect to (\"postgres\" is usual)."),
            Attribute::String("sslmode")
                .Optional()
                .Validators({v::OneOf(
                    {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"})})
                .Description("libpq's sslmode."),
            Attribute::Number("connect_timeout")
                .Optional()
                .Validators({v::IsWholeNumber(), v::AtLeast(0)})
                .Description("Seconds to wait for a connection; 0 waits forever."),
        }};
  }

  void Configure(const tfsdk::ConfigureProviderRequest& req,
                 tfsdk::ConfigureProviderResponse& resp) override {
    // provider attribute -> libpq keyword
    static const std::pair<const char*, const char*> kSettings[] = {
        {"host", "host"},
        {"port", "port"},
        {"username", "user"},
        {"password", "password"},
        {"database", "dbname"},
        {"sslmode", "sslmode"},
        {"connect_timeout", "connect_timeout"},
    };
    std::map<std::string, std::string> params;
    for (const auto& [attribute, keyword] : kSettings) {
      tfsdk::Value value = req.config.GetValue(attribute);
      if (value.IsUnknown()) {
        resp.diagnostics.AddError(
            "Unknown PostgreSQL setting",
            std::string("The provider cannot connect while \"") + attribute +
                "\" is unknown. Set it to a value known before apply, or apply the "
                "resources it depends on first (-target).",
            Path::Root(attribute));
        continue;
      }
      if (value.IsNull()) continue;
      params[keyword] = value.type().kind() == tfsdk::TypeKind::kNumber
                            ? std::to_string(req.config.Get<int64_t>(attribute))
                            : value.AsString();
    }
    if (resp.diagnostics.HasError()) return;
    params["application_name"] = "terraform-provider-postgresql";

    auto client = std::make_shared<PgClient>(PostgresqlConnectionString(params), Describe(params));
    // Connect once now, so bad credentials or an unreachable server are reported here,
    // with the server named, rather than by every resource.
    if (!options_.connect_at_configure) {
      resp.provider_data = tfsdk::ProviderData::Wrap(std::move(client));
      return;
    }
    try {
      pqxx::connection probe(client->conninfo());
    } catch (const pqxx::broken_connection& e) {
      resp.diagnostics.AddError(
          "Cannot connect to PostgreSQL",
          "Connecting to " + client->where() + " failed: " + CleanMessage(e.what()));
      return;
    } catch (const pqxx::failure& e) {
      resp.diagnostics.AddError(
          "Cannot connect to PostgreSQL",
          "Connecting to " + client->where() + " failed: " + CleanMessage(e.what()));
      return;
    }
    resp.provider_data = tfsdk::ProviderData::Wrap(std::move(client));
  }

 private:
  PostgresqlProviderOptions options_;

  // `host "h" port p as user "u"`, with libpq's environment variables or defaults for
  // what the configuration leaves out.
  static std::string Describe(const std::map<std::string, std::string>& params) {
    auto pick = [&](const char* keyword, const char* env, const char* fallback) {
      if (auto it = params.find(keyword); it != params.end()) return it->second;
      const char* from_env = std::getenv(env);
      return std::string(from_env != nullptr && *from_env != '\0' ? from_env : fallback);
    };
    return "host \"" + pick("host", "PGHOST", "localhost") + "\" port " +
           pick("port", "PGPORT", "5432") + " as user \"" +
           pick("user", "PGUSER", "(the operating system user)") + "\"";
  }
};

}  // namespace

std::string PostgresqlConnectionString(const std::map<std::string, std::string>& params) {
  std::string out;
  for (const auto& [keyword, value] : params) {
    if (value.empty()) continue;
    if (!out.empty()) out += ' ';
    out += keyword + "='";
    for (char c : value) {
      if (c == '\'' || c == '\\') out += '\\';
      out += c;
    }
    out += '\'';
  }
  return out;
}

std::unique_ptr<tfsdk::Provider> MakePostgresqlProvider(PostgresqlProviderOptions options) {
  auto provider = std::make_unique<PostgresqlProvider>(options);
  provider->AddResource<RoleResource>();
  provider->AddResource<DatabaseResource>();
  provider->AddResource<GrantResource>();
  provider->AddDataSource<DatabaseDataSource>();
  return provider;
}

}  // namespace tfsdk_examples
