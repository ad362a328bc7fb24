resource "local_file" "greeting" {
  path            = "${path.module}/hello.txt"
  content         = "Hello from Terraform!\n"
  file_permission = "0600"
}

output "greeting_sha256" {
  value = local_file.greeting.sha256
}
