// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// A throwaway PostgreSQL server for the postgresql example's acceptance tests: initdb into
// a fresh directory under /tmp, postgres listening on 127.0.0.1 on a free port with its unix
// socket inside that directory, stopped (pg_ctl stop -m immediate) and removed by Stop() or
// the destructor.
//
//   tfsdk_examples::testing::PostgresServer server;
//   if (std::string err = server.Start(); !err.empty()) FAIL() << err;
//   std::string out;
//   server.Sql("CREATE ROLE x", &out);        // psql as the superuser, over TCP
//
// The superuser "postgres" authenticates with kSuperuserPassword over TCP (scram-sha-256),
// so a wrong password is refused as on a real server; the unix socket trusts local users.
// PostgreSQL refuses to run as root: under uid 0 initdb and postgres run as the "postgres"
// system user that Debian's postgresql package creates (else "nobody"), through setpriv,
// with the directory handed to that user. A watchdog process stops the server and removes
// the directory if the test process dies without calling Stop() (a crash, a ctest
// timeout). The binaries are taken from $TFSDK_PG_BINDIR, else the newest
// /usr/lib/postgresql/<version>/bin.
#ifndef TFSDK_EXAMPLES_POSTGRESQL_TESTS_POSTGRESQL_SERVER_H_
#define TFSDK_EXAMPLES_POSTGRESQL_TESTS_POSTGRESQL_SERVER_H_

#include <string>
#include <vector>

namespace tfsdk_examples::testing {

class PostgresServer {
 public:
  static constexpr char kHost[] = "127.0.0.1";
  static constexpr char kSuperuser[] = "postgres";
  static constexpr char kSuperuserPassword[] = "tfsdk-acc-secret";

  PostgresServer() = default;
  ~PostgresServer() { Stop(); }
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  // Creates and starts the server. Returns "" on success, else what went wrong (with the
  // server log's tail).
  std::string Start();
  // Stops the server immediately and removes its directory. Idempotent.
  void Stop();

  bool running() const { return running_; }
  int port() const { return port_; }
  const std::string& dir() const { return dir_; }
  const std::string& bindir() const { return bindir_; }

  // Runs `sql` with psql as the superuser (or as `user` with `password`) in `database`.
  // Returns true if psql succeeded; `out` gets its unaligned, tuples-only output, trimmed,
  // or on failure psql's error output.
  bool Sql(const std::string& sql, std::string* out = nullptr,
           const std::string& database = "postgres", const std::string& user = kSuperuser,
           const std::string& password = kSuperuserPassword) const;

 private:
  // argv prefixed to run as the unprivileged server user when we are root.
  std::vector<std::string> AsServerUser(std::vector<std::string> argv) const;
  std::string LogTail() const;
  // Forks the watchdog (see the top of this file).
  void StartWatchdog();

  std::string bindir_;
  std::string dir_;
  int port_ = 0;
  bool running_ = false;
  int watchdog_pid_ = -1;
  // setpriv arguments when running as root; empty otherwise.
  std::vector<std::string> drop_privileges_;
};

}  // namespace tfsdk_examples::testing

#endif  // TFSDK_EXAMPLES_POSTGRESQL_TESTS_POSTGRESQL_SERVER_H_
