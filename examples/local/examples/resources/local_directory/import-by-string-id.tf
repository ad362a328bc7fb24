import {
  to = local_directory.reports
  id = "/srv/reports"
}
