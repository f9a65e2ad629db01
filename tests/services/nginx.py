"""A throwaway nginx from Debian's `nginx` package, in a temporary folder, with the site's own
configuration (site/nginx/entraide.conf.template: the page cache and its purge port) in front of
an app server given by address."""

import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from string import Template

from .ports import free_port

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "site" / "nginx" / "entraide.conf.template"

MAIN_CONF = """\
worker_processes 1;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log warn;
events {{ worker_connections 256; }}
http {{
  access_log {workdir}/access.log;
  client_body_temp_path {workdir}/tmp/body;
  proxy_temp_path {workdir}/tmp/proxy;
  fastcgi_temp_path {workdir}/tmp/fastcgi;
  uwsgi_temp_path {workdir}/tmp/uwsgi;
  scgi_temp_path {workdir}/tmp/scgi;
  include {workdir}/entraide.conf;
}}
"""


def nginx_binary():
    return shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists()
                                     else None)


def render(template_text, **values):
    """envsubst as the official image runs it: only the names given are replaced."""
    return Template(template_text).safe_substitute(values)


class NginxServer:
    def __init__(self, upstream):
        self.binary = nginx_binary()
        if self.binary is None:
            raise RuntimeError("nginx is not installed: `apt-get install nginx` (make test does)")
        self.upstream = upstream  # "127.0.0.1:PORT" of the app server
        self.port = free_port()
        self.purge_port = free_port()
        self.workdir = Path(tempfile.mkdtemp(prefix="entraide-nginx-"))
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def purge_url(self):
        return f"http://127.0.0.1:{self.purge_port}"

    def start(self):
        for folder in ("tmp", "cache", "sockets", "media"):
            (self.workdir / folder).mkdir()
        if os.geteuid() == 0:  # the workers run as `nobody` and write the cache and temp files
            self.workdir.chmod(0o711)
            for folder in ("tmp", "cache"):
                shutil.chown(self.workdir / folder, "nobody")
        (self.workdir / "entraide.conf").write_text(render(
            TEMPLATE.read_text(),
            ENTRAIDE_UPSTREAM=self.upstream,
            ENTRAIDE_LISTEN=f"127.0.0.1:{self.port}",
            ENTRAIDE_PURGE_LISTEN=f"127.0.0.1:{self.purge_port}",
            ENTRAIDE_CACHE_DIR=str(self.workdir / "cache"),
            ENTRAIDE_CACHE_MAX_SIZE="100m",
            ENTRAIDE_SOCKET_DIR=str(self.workdir / "sockets"),
            ENTRAIDE_MEDIA_PARENT=str(self.workdir / "media"),
        ))
        conf = self.workdir / "nginx.conf"
        conf.write_text(MAIN_CONF.format(workdir=self.workdir))
        with open(self.workdir / "stderr.log", "wb") as stderr:
            self.process = subprocess.Popen(
                [self.binary, "-p", str(self.workdir), "-c", str(conf), "-g", "daemon off;"],
                stdout=subprocess.DEVNULL, stderr=stderr,
            )
        self._wait_ready()
        return self

    def _wait_ready(self, timeout=15):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx did not start: {self.log()}")
            try:
                urllib.request.urlopen(self.purge_url, timeout=1)  # noqa: S310 (local server)
            except urllib.error.HTTPError:
                return  # 405: the purge port answers
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"nginx did not answer: {self.log()}")

    def log(self):
        texts = [(self.workdir / name) for name in ("stderr.log", "error.log")]
        return "\n".join(path.read_text() for path in texts if path.exists())

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # graceful: finishes open requests
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.workdir, ignore_errors=True)
