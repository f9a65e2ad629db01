"""`make test`: lint, start a throwaway PostgreSQL and Redis, a real Elasticsearch and a real
OpenSearch, run pytest against them, and stop what was started, whatever happens.

    python -m tests.run [pytest arguments]
"""

import os
import signal
import subprocess
import sys
import time
from contextlib import ExitStack
from pathlib import Path

from .services.elasticsearch import ElasticsearchServer
from .services.opensearch import OpenSearchServer
from .services.postgres import PostgresServer
from .services.redis import RedisServer

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def step(title):
    print(f"\n=== {title}", flush=True)


def lint():
    step("lint: ruff, import-linter (layers), hadolint (Dockerfile), dclint (compose.yaml)")
    subprocess.run([BIN / "ruff", "check", "."], cwd=ROOT, check=True)
    subprocess.run([BIN / "lint-imports"], cwd=ROOT, check=True)  # pyproject [tool.importlinter]
    subprocess.run([BIN / "hadolint", "Dockerfile"], cwd=ROOT, check=True)
    dclint = ["npx", "--no-install", "dclint", "--max-warnings", "0", "compose.yaml"]
    subprocess.run(dclint, cwd=ROOT, check=True)


def start(stack, server, name):
    began = time.monotonic()
    stack.callback(server.stop)
    server.start()
    print(f"{name}: {server.version()} on {server.url} "
          f"(started in {time.monotonic() - began:.1f} s)", flush=True)
    return server


def launch(stack, server):
    """Boot a search engine's JVM without waiting: both engines and PostgreSQL start at once."""
    stack.callback(server.stop)
    return server.launch(), time.monotonic()


def wait_for(launched, name):
    server, began = launched
    server.wait_until_ready()
    print(f"{name}: {server.version()} on {server.url} "
          f"(ready {time.monotonic() - began:.1f} s after launch)", flush=True)
    return server


def stop_on_sigterm(signum, frame):
    raise SystemExit(128 + signum)  # unwinds the ExitStack: started services are stopped


def main(pytest_args):
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    lint()
    with ExitStack() as stack:
        step("services")
        elasticsearch = launch(stack, ElasticsearchServer())
        opensearch = launch(stack, OpenSearchServer())
        postgres = start(stack, PostgresServer(), "PostgreSQL")
        redis = start(stack, RedisServer(), "Redis")
        elasticsearch = wait_for(elasticsearch, "Elasticsearch")
        opensearch = wait_for(opensearch, "OpenSearch")
        env = {
            **os.environ,
            "DATABASE_URL": postgres.url,
            "ELASTICSEARCH_URL": elasticsearch.url,
            "OPENSEARCH_URL": opensearch.url,
            "REDIS_URL": redis.url,
        }
        step("pytest")
        result = subprocess.run([BIN / "pytest", *pytest_args], cwd=ROOT, env=env)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
