data "postgresql_database" "postgres" {
  name = "postgres"
}

output "postgres_owner" {
  value = data.postgresql_database.postgres.owner
}
