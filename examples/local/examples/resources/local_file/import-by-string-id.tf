import {
  to = local_file.greeting
  id = "/tmp/hello.txt"
}
