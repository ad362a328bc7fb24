resource "postgresql_database" "app" {
  name             = "app"
  owner            = postgresql_role.app.name
  encoding         = "UTF8"
  template         = "template0"
  connection_limit = 50
}
