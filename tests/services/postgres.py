"""A throwaway PostgreSQL server from Debian's `postgresql` package, in a temporary folder.

initdb and postgres refuse to run as root, which is what CI is: as root the server runs as
the unprivileged `postgres` user that the Debian package creates.
"""

import glob
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from .ports import free_port


def _bin_dir():
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[4]))
    if not candidates:
        raise RuntimeError(
            "PostgreSQL is not installed: `apt-get install postgresql` (make test does this)."
        )
    return Path(candidates[-1])


def _as_server_user(cmd):
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


class PostgresServer:
    def __init__(self):
        self.bin = _bin_dir()
        self.port = free_port()
        self.workdir = Path(tempfile.mkdtemp(prefix="entraide-pg-"))
        self.datadir = self.workdir / "data"
        self.sockdir = self.workdir / "sock"
        self.logfile = self.workdir / "server.log"

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def start(self):
        self.datadir.mkdir()
        self.sockdir.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.workdir, "postgres")
            for path in (self.datadir, self.sockdir):
                shutil.chown(path, "postgres")
        subprocess.run(
            _as_server_user([str(self.bin / "initdb"), "-D", str(self.datadir), "-A", "trust",
                             "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8"]),
            check=True, stdout=subprocess.DEVNULL,
        )
        options = (
            f"-p {self.port} -k {self.sockdir} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        subprocess.run(
            _as_server_user([str(self.bin / "pg_ctl"), "-D", str(self.datadir), "-o", options,
                             "-l", str(self.logfile), "-w", "-t", "60", "start"]),
            check=True, stdout=subprocess.DEVNULL,
        )
        self._wait_ready()
        return self

    def _wait_ready(self, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready = subprocess.run(
                [str(self.bin / "pg_isready"), "-h", "127.0.0.1", "-p", str(self.port)],
                stdout=subprocess.DEVNULL,
            )
            if ready.returncode == 0:
                return
            time.sleep(0.2)
        raise RuntimeError(f"PostgreSQL did not start; see {self.logfile}")

    def restart(self):
        """Stop (fast: every connection is dropped) and start again, as an operator does."""
        subprocess.run(
            _as_server_user([str(self.bin / "pg_ctl"), "-D", str(self.datadir), "-m", "fast",
                             "-l", str(self.logfile), "-w", "-t", "60", "restart"]),
            check=True, stdout=subprocess.DEVNULL,
        )
        self._wait_ready()

    def version(self):
        out = subprocess.run(
            [str(self.bin / "postgres"), "--version"], capture_output=True, text=True, check=True
        )
        return out.stdout.strip()

    def stop(self):
        subprocess.run(
            _as_server_user([str(self.bin / "pg_ctl"), "-D", str(self.datadir), "-m", "fast",
                             "-w", "stop"]),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        shutil.rmtree(self.workdir, ignore_errors=True)
