# The import ID is the path of the directory.
terraform import local_directory.reports /srv/reports
