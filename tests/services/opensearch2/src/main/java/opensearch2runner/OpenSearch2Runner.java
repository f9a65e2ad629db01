package opensearch2runner;

import org.codelibs.opensearch.runner.OpenSearchRunner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Starts a single OpenSearch 2 node in this JVM through codelibs' OpenSearchRunner, with the
 * same arguments as es8runner.Es8Runner. The runner's own main() picks the first free HTTP
 * port from 9201 on and cannot bind to a given transport port; this one takes both.
 *
 * Usage: OpenSearch2Runner [--http-port 9260] [--transport-port HTTP+100] [--data /tmp/os2data] [--cluster-name opensearch2-runner] [--log-level info]
 */
public final class OpenSearch2Runner {

    /** What Wagtail's backend needs: HTTP, the analysers, the mapper-extras field types. The
     * runner's default adds painless, ingest, percolator, ... which slow the start down. */
    static final String MODULES = String.join(",",
        "org.opensearch.transport.Netty4Plugin",
        "org.opensearch.analysis.common.CommonAnalysisPlugin",
        "org.opensearch.index.mapper.MapperExtrasPlugin");

    public static void main(String[] args) throws Exception {
        String httpPort = "9260";
        String transportPort = null;
        String data = "/tmp/os2data";
        String clusterName = "opensearch2-runner";
        String logLevel = "info";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--http-port" -> httpPort = args[++i];
                case "--transport-port" -> transportPort = args[++i];
                case "--data" -> data = args[++i];
                case "--cluster-name" -> clusterName = args[++i];
                case "--log-level" -> logLevel = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        String transport = transportPort != null ? transportPort
            : String.valueOf(Integer.parseInt(httpPort) + 100);
        String http = httpPort;

        Path home = Path.of(data).toAbsolutePath();
        Path config = home.resolve("node_1").resolve("config");
        Files.createDirectories(config);
        // The runner copies its own log4j2.properties (a JSON file appender) only when none exists.
        Files.writeString(config.resolve("log4j2.properties"), String.join("\n",
            "status = error",
            "appender.console.type = Console",
            "appender.console.name = console",
            "appender.console.layout.type = PatternLayout",
            "appender.console.layout.pattern = [%d{ISO8601}][%-5p][%-25c{1.}] %m%n",
            "rootLogger.level = " + logLevel,
            "rootLogger.appenderRef.console.ref = console",
            ""));

        OpenSearchRunner runner = new OpenSearchRunner();
        runner.setMaxHttpPort(-1); // take http.port as given, no scan of 9201-9299
        runner.onBuild((number, settings) -> settings
            .put("network.host", "127.0.0.1")
            .put("http.port", http)
            .put("transport.port", transport)
            .put("discovery.type", "single-node")
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .put("action.destructive_requires_name", false));

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "opensearch2-runner-shutdown"));

        runner.build(OpenSearchRunner.newConfigs()
            .basePath(home.toString())
            .numOfNode(1)
            .clusterName(clusterName)
            .moduleTypes(MODULES));
        runner.ensureYellow();
        System.out.println("opensearch2-runner: started on http://127.0.0.1:" + http);
        stopped.await();
    }
}
