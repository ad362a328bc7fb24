terraform {
  required_providers {
    postgresql = {
      source  = "tfsdk/postgresql"
      version = "0.1.0"
    }
  }
}

# Settings left out come from libpq's environment variables (PGHOST, PGPORT, PGUSER,
# PGPASSWORD, PGDATABASE, PGSSLMODE).
provider "postgresql" {
  host     = "127.0.0.1"
  port     = 5432
  username = "postgres"
  password = var.postgres_password
  sslmode  = "disable"
}

variable "postgres_password" {
  type      = string
  sensitive = true
}
