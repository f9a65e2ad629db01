"""A real Elasticsearch 8 node in one JVM, built from Maven Central jars (tests/services/es8).

org.codelibs:elasticsearch-cluster-runner stops at Elasticsearch 7.10 on Maven Central, so
tests/services/es8 builds the 8.x server jar with its Netty HTTP module into a small launcher
(see its README). Maven caches the jars in ~/.m2 between runs.
"""

import json
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from .ports import free_port

PROJECT = Path(__file__).resolve().parent / "es8"
JAR = PROJECT / "target" / "es8-runner.jar"


def _sources_newer_than_jar():
    if not JAR.exists():
        return True
    built = JAR.stat().st_mtime
    sources = [PROJECT / "pom.xml", *PROJECT.joinpath("src").rglob("*.java")]
    return any(source.stat().st_mtime > built for source in sources)


def build():
    if _sources_newer_than_jar():
        subprocess.run(["mvn", "-q", "-B", "-f", str(PROJECT / "pom.xml"), "package"], check=True)


class ElasticsearchServer:
    def __init__(self, heap="768m"):
        self.port = free_port()
        self.heap = heap
        self.workdir = Path(tempfile.mkdtemp(prefix="entraide-es-"))
        self.logfile = self.workdir / "node.log"
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout=120):
        build()
        classpath = f"{JAR}:{PROJECT / 'target' / 'lib'}/*"
        with self.logfile.open("w") as log:
            self.process = subprocess.Popen(
                ["java", f"-Xms{self.heap}", f"-Xmx{self.heap}", "-cp", classpath,
                 "es8runner.Es8Runner", "--http-port", str(self.port),
                 "--transport-port", str(free_port()), "--data", str(self.workdir / "data"),
                 "--log-level", "warn"],
                stdout=log, stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Elasticsearch exited:\n{self.logfile.read_text()[-3000:]}")
            try:
                self.info()
                return self
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(f"Elasticsearch did not answer within {timeout} s; see {self.logfile}")

    def info(self):
        with urllib.request.urlopen(self.url, timeout=2) as response:  # noqa: S310 (loopback)
            return json.load(response)

    def version(self):
        return f"Elasticsearch {self.info()['version']['number']}"

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.workdir, ignore_errors=True)
