"""A throwaway Redis from Debian's `redis-server` package: a temporary folder, a free loopback
port, no persistence; stopped (and its folder removed) whatever happens."""

import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from .ports import free_port


def ping(url):
    """Whether a Redis answers PING at redis://host:port."""
    host, _, port = url.removeprefix("redis://").split("/")[0].partition(":")
    try:
        with socket.create_connection((host, int(port or 6379)), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _binary():
    path = shutil.which("redis-server")
    if not path:
        raise RuntimeError(
            "Redis is not installed: `apt-get install redis-server` (make test does this)."
        )
    return path


class RedisServer:
    def __init__(self):
        self.binary = _binary()
        self.port = free_port()
        self.workdir = Path(tempfile.mkdtemp(prefix="entraide-redis-"))
        self.logfile = self.workdir / "server.log"
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}"

    def start(self, timeout=20):
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1",
             "--dir", str(self.workdir), "--save", "", "--appendonly", "no",
             "--logfile", str(self.logfile), "--daemonize", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Redis exited; see {self.logfile}")
            if self.ping():
                return self
            time.sleep(0.1)
        raise RuntimeError(f"Redis did not answer within {timeout} s; see {self.logfile}")

    def ping(self):
        return ping(self.url)

    def version(self):
        out = subprocess.run([self.binary, "--version"], capture_output=True, text=True,
                             check=True)
        return "Redis " + out.stdout.split()[2].removeprefix("v=")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.workdir, ignore_errors=True)
