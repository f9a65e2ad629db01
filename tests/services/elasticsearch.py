"""A real Elasticsearch 8 node in one JVM, built from Maven Central jars (tests/services/es8).

org.codelibs:elasticsearch-cluster-runner stops at Elasticsearch 7.10 on Maven Central, so
tests/services/es8 builds the 8.x server jar with its Netty HTTP module into a small launcher
(see its README). Maven caches the jars in ~/.m2 between runs.
"""

from pathlib import Path

from .jvm_node import JvmSearchNode


class ElasticsearchServer(JvmSearchNode):
    name = "Elasticsearch"
    project = Path(__file__).resolve().parent / "es8"
    artifact = "es8-runner"
    main_class = "es8runner.Es8Runner"
    heap = ("768m", "768m")
