# The token is read for this run only: it is never written to the plan or the state.
ephemeral "local_sensitive_file" "db_password" {
  path = "/run/secrets/db_password"
}

# Ephemeral values can configure providers and feed write-only arguments.
provider "postgresql" {
  host     = "localhost"
  username = "admin"
  password = ephemeral.local_sensitive_file.db_password.content
}
