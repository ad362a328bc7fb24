#!/usr/bin/env python3
"""A static HTTPS file server for the private-registry test (tests/release/registry_test.sh).

    registry_server.py SITE_DIR CERT KEY PORT_FILE PARENT_PID

Serves SITE_DIR on 127.0.0.1 at a free port over TLS (CERT/KEY), writes the port to
PORT_FILE once it listens, answers files without an extension as application/json (the
registry's `versions` and `download/OS/ARCH` documents), logs each request to stderr, and
exits when PARENT_PID is gone (a watchdog: no server outlives a failed test).
"""
import functools
import http.server
import os
import ssl
import sys
import threading
import time


class Handler(http.server.SimpleHTTPRequestHandler):
    def guess_type(self, path):
        if not os.path.splitext(path)[1]:
            return "application/json"
        return super().guess_type(path)


def watchdog(parent_pid, server):
    while True:
        try:
            os.kill(parent_pid, 0)
        except OSError:
            server.shutdown()
            return
        time.sleep(0.5)


def main():
    site, cert, key, port_file, parent = sys.argv[1:6]
    handler = functools.partial(Handler, directory=site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=watchdog, args=(int(parent), server), daemon=True).start()
    with open(port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(port_file + ".tmp", port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
