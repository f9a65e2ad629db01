"""A search engine node in one JVM, launched from a small Maven project's jar (tests/services/es8,
tests/services/opensearch2). Both launchers take the same arguments; Maven caches the jars in
~/.m2 between runs and a project is rebuilt only when its sources change."""

import json
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from .ports import free_port


class JvmSearchNode:
    name = ""  # "Elasticsearch"
    project = None  # the Maven project's folder
    artifact = ""  # its jar's name, without .jar
    main_class = ""
    heap = ("", "")  # -Xms, -Xmx

    def __init__(self, heap=None):
        self.port = free_port()
        heap = heap or self.heap
        self.heap = (heap, heap) if isinstance(heap, str) else heap
        prefix = f"entraide-{self.artifact.split('-')[0]}-"
        self.workdir = Path(tempfile.mkdtemp(prefix=prefix))
        self.logfile = self.workdir / "node.log"
        self.process = None

    @property
    def jar(self):
        return self.project / "target" / f"{self.artifact}.jar"

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def _sources_newer_than_jar(self):
        if not self.jar.exists():
            return True
        built = self.jar.stat().st_mtime
        sources = [self.project / "pom.xml", *self.project.joinpath("src").rglob("*.java")]
        return any(source.stat().st_mtime > built for source in sources)

    def build(self):
        if self._sources_newer_than_jar():
            subprocess.run(["mvn", "-q", "-B", "-f", str(self.project / "pom.xml"), "package"],
                           check=True)

    def launch(self):
        """Start the JVM without waiting for it: start() = launch() + wait_until_ready()."""
        self.build()
        classpath = f"{self.jar}:{self.project / 'target' / 'lib'}/*"
        with self.logfile.open("w") as log:
            self.process = subprocess.Popen(
                ["java", f"-Xms{self.heap[0]}", f"-Xmx{self.heap[1]}", "-cp", classpath,
                 self.main_class, "--http-port", str(self.port),
                 "--transport-port", str(free_port()), "--data", str(self.workdir / "data"),
                 "--log-level", "warn"],
                stdout=log, stderr=subprocess.STDOUT,
            )
        return self

    def wait_until_ready(self, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited:\n{self.logfile.read_text()[-3000:]}")
            try:
                self.info()
                return self
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(f"{self.name} did not answer within {timeout} s; see {self.logfile}")

    def start(self, timeout=120):
        return self.launch().wait_until_ready(timeout)

    def info(self):
        with urllib.request.urlopen(self.url, timeout=2) as response:  # noqa: S310 (loopback)
            return json.load(response)

    def version(self):
        return f"{self.name} {self.info()['version']['number']}"

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.workdir, ignore_errors=True)
