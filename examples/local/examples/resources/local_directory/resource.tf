# Missing parent directories are created. Destroying the resource removes the directory
# with everything in it.
resource "local_directory" "reports" {
  path        = "${path.module}/out/reports"
  permissions = "0750"
}

resource "local_file" "summary" {
  path    = "${local_directory.reports.path}/summary.txt"
  content = "All good.\n"
}
