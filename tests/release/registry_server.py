#!/usr/bin/env python3
"""A static HTTPS file server for the private-registry tests (tests/release/registry_test.cmake).

    registry_server.py start --root SITE --cert CERT --key KEY --state STATE [--lifetime S]
        Starts the server in the background on 127.0.0.1 at a free port and prints the
        port once it listens. STATE.pid then holds "PID PORT", STATE.log the request log.
        The server watches the process that ran `start` and that process's parent (the
        test's cmake processes): when either is gone, or after --lifetime seconds (default
        900), it exits by itself, so no server outlives a failed or killed test.
    registry_server.py stop --state STATE
        Stops the server recorded in STATE.pid (only if that process is this script's
        server) and waits for it to exit. Succeeds when there is none.

Files without an extension (the registry's `versions` and `download/OS/ARCH` documents)
are served as application/json; everything else as http.server guesses it (.json is
application/json, which the CLIs require of the discovery document).
"""
import argparse
import functools
import http.server
import os
import signal
import ssl
import subprocess
import sys
import threading
import time

TAG = "tfsdk-registry-server"


def alive(pid):
    """True while `pid` runs (a zombie counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
        return state not in ("Z", "X")
    except (OSError, IndexError):
        return False


def parent_of(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return int(f.read().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def is_our_server(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            argv = f.read().split(b"\0")
    except OSError:
        return False
    return TAG.encode() in argv


class Handler(http.server.SimpleHTTPRequestHandler):
    timeout = 60  # per connection: a stuck client does not hold a thread forever

    def guess_type(self, path):
        if not os.path.splitext(path)[1]:
            return "application/json"
        return super().guess_type(path)

    def log_message(self, fmt, *args):
        sys.stderr.write("%s %s\n" % (time.strftime("%H:%M:%S"), fmt % args))
        sys.stderr.flush()


def serve(args):
    handler = functools.partial(Handler, directory=args.root)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.cert, args.key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    port = httpd.server_address[1]
    pid_file = args.state + ".pid"

    def leave(reason):
        sys.stderr.write(f"{time.strftime('%H:%M:%S')} stopping: {reason}\n")
        sys.stderr.flush()
        try:
            os.remove(pid_file)
        except OSError:
            pass
        os._exit(0)

    signal.signal(signal.SIGTERM, lambda *_: leave("SIGTERM"))
    signal.signal(signal.SIGINT, lambda *_: leave("SIGINT"))

    deadline = time.monotonic() + args.lifetime

    def watchdog():
        while True:
            for pid in args.watch:
                if not alive(pid):
                    leave(f"watched process {pid} is gone")
            if time.monotonic() > deadline:
                leave(f"lifetime of {args.lifetime} s is over")
            time.sleep(0.5)

    threading.Thread(target=watchdog, daemon=True).start()
    with open(pid_file + ".tmp", "w") as f:
        f.write(f"{os.getpid()} {port}\n")
    os.replace(pid_file + ".tmp", pid_file)
    sys.stderr.write(f"{time.strftime('%H:%M:%S')} serving {args.root} on https://127.0.0.1:{port}\n")
    sys.stderr.flush()
    httpd.serve_forever()


def start(args):
    pid_file = args.state + ".pid"
    for stale in (pid_file, pid_file + ".tmp"):
        if os.path.exists(stale):
            os.remove(stale)
    watch = [os.getppid()]
    grandparent = parent_of(watch[0])
    if grandparent > 1:
        watch.append(grandparent)
    command = [sys.executable, os.path.abspath(__file__), "serve", TAG,
               "--root", args.root, "--cert", args.cert, "--key", args.key,
               "--state", args.state, "--lifetime", str(args.lifetime)]
    for pid in watch:
        command += ["--watch", str(pid)]
    log = open(args.state + ".log", "a")
    # Its own session, its output in the log: the caller (cmake's execute_process) does not
    # wait for it.
    proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                            start_new_session=True, close_fds=True)
    log.close()
    give_up = time.monotonic() + 30
    while time.monotonic() < give_up:
        if os.path.exists(pid_file):
            with open(pid_file) as f:
                pid, port = f.read().split()
            print(port)
            return 0
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    if proc.poll() is None:
        proc.kill()
    with open(args.state + ".log") as f:
        sys.stderr.write("the registry server did not start:\n" + f.read())
    return 1


def stop(args):
    pid_file = args.state + ".pid"
    try:
        with open(pid_file) as f:
            pid = int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    if alive(pid) and is_our_server(pid):
        os.kill(pid, signal.SIGTERM)
        give_up = time.monotonic() + 10
        while alive(pid) and time.monotonic() < give_up:
            time.sleep(0.05)
        if alive(pid):
            os.kill(pid, signal.SIGKILL)
    if os.path.exists(pid_file):
        os.remove(pid_file)
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("start")
    p.add_argument("--root", required=True)
    p.add_argument("--cert", required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--state", required=True)
    p.add_argument("--lifetime", type=int, default=900)
    p = sub.add_parser("serve")
    p.add_argument("tag")
    p.add_argument("--root", required=True)
    p.add_argument("--cert", required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--state", required=True)
    p.add_argument("--lifetime", type=int, required=True)
    p.add_argument("--watch", type=int, action="append", default=[])
    p = sub.add_parser("stop")
    p.add_argument("--state", required=True)
    args = parser.parse_args()
    if args.command == "start":
        return start(args)
    if args.command == "serve":
        return serve(args)
    return stop(args)


if __name__ == "__main__":
    sys.exit(main())
