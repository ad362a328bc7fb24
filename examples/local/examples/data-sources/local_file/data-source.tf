data "local_file" "motd" {
  path = "/etc/motd"
}

output "motd" {
  value = data.local_file.motd.content
}
