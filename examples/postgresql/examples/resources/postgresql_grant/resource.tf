resource "postgresql_grant" "app_connect" {
  role        = postgresql_role.app.name
  database    = postgresql_database.app.name
  object_type = "database"
  privileges  = ["CONNECT", "TEMPORARY"]
}
