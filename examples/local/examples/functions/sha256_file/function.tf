# The digest of a file, read when Terraform evaluates the call (in plan and in apply).
output "motd_sha256" {
  value = provider::local::sha256_file("/etc/motd")
}
