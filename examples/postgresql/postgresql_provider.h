// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// The "postgresql" example provider: roles, databases and database grants on a real
// PostgreSQL server, through libpqxx.
//
//   provider "postgresql" {
//     host     = "127.0.0.1"       # every setting is optional; libpq's own defaults and
//     port     = 5432              # PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE,
//     username = "postgres"        # PGSSLMODE, PGCONNECT_TIMEOUT apply to what is left out
//     password = var.pg_password   # sensitive
//     database = "postgres"        # the database the provider connects to
//     sslmode  = "disable"
//     connect_timeout = 10         # seconds
//   }
//
//   resource "postgresql_role" "app" {
//     name             = "app"     # changing it replaces the role
//     login            = true      # false when left out (as are superuser, createdb,
//     password         = "s3cret"  #   createrole); password is sensitive; or use the
//     connection_limit = 5         #   write-only password_wo + password_wo_version
//   }
//
//   resource "postgresql_database" "app" {
//     name             = "app"                          # replaces when changed
//     owner            = postgresql_role.app.name       # updated in place
//     encoding         = "UTF8"                         # replaces when changed
//     template         = "template0"                    # replaces when changed
//     connection_limit = 20                             # updated in place; -1 = no limit
//   }
//
//   resource "postgresql_grant" "app_connect" {
//     role        = postgresql_role.app.name
//     database    = postgresql_database.app.name
//     object_type = "database"                          # the only kind supported
//     privileges  = ["CONNECT", "TEMPORARY"]            # CREATE, CONNECT, TEMPORARY
//   }
//
//   data "postgresql_database" "app" { name = "app" }    # owner, encoding, connection_limit
//
// Configure connects once, so wrong credentials or an unreachable server are reported as
// an error naming the host and carrying the server's message. Every callback opens its own
// connection (callbacks run concurrently). Identifiers and literals reach SQL only through
// libpqxx's quote_name / quote, or as statement parameters. Objects dropped out of band are
// removed from the state by Read, so the next plan creates them again.
// `terraform import postgresql_database.app app` (and postgresql_role, by name) adopt
// existing objects.
#ifndef TFSDK_EXAMPLES_POSTGRESQL_POSTGRESQL_PROVIDER_H_
#define TFSDK_EXAMPLES_POSTGRESQL_POSTGRESQL_PROVIDER_H_

#include <map>
#include <memory>
#include <string>

#include "tfsdk/provider.h"

namespace tfsdk_examples {

struct PostgresqlProviderOptions {
  // Configure connects once to report bad credentials or an unreachable server early.
  // false: the first resource call reports them (unit tests that only plan use this).
  bool connect_at_configure = true;
};

// A fresh "postgresql" provider with resources postgresql_role, postgresql_database and
// postgresql_grant, and data source postgresql_database.
std::unique_ptr<tfsdk::Provider> MakePostgresqlProvider(PostgresqlProviderOptions options = {});

// A libpq connection string ("key='value' ...") from keyword/value pairs, each value quoted
// and escaped as libpq requires. Empty values are left out. Exposed for tests.
std::string PostgresqlConnectionString(const std::map<std::string, std::string>& params);

}  // namespace tfsdk_examples

#endif  // TFSDK_EXAMPLES_POSTGRESQL_POSTGRESQL_PROVIDER_H_
