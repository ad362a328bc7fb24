# The import ID is the path of the file.
terraform import local_file.greeting /tmp/hello.txt
