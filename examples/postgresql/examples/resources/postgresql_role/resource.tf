resource "postgresql_role" "app" {
  name             = "app"
  login            = true
  connection_limit = 10

  # Write-only: sent to the server, never stored in the state. Bump the version to change it.
  password_wo         = var.app_password
  password_wo_version = 1
}

variable "app_password" {
  type      = string
  sensitive = true
  ephemeral = true
}
