package es8runner;

import org.apache.lucene.util.SetOnce;
import org.elasticsearch.Build;
import org.elasticsearch.client.internal.node.NodeClient;
import org.elasticsearch.cluster.metadata.IndexNameExpressionResolver;
import org.elasticsearch.cluster.node.DiscoveryNodes;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.io.stream.NamedWriteableRegistry;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.ClusterSettings;
import org.elasticsearch.common.settings.IndexScopedSettings;
import org.elasticsearch.common.settings.SettingsFilter;
import org.elasticsearch.features.NodeFeature;
import org.elasticsearch.index.IndexVersion;
import org.elasticsearch.plugins.ActionPlugin;
import org.elasticsearch.rest.BaseRestHandler;
import org.elasticsearch.rest.RestController;
import org.elasticsearch.rest.RestHandler;
import org.elasticsearch.rest.RestRequest;
import org.elasticsearch.rest.RestResponse;
import org.elasticsearch.rest.RestStatus;
import org.elasticsearch.xcontent.XContentBuilder;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.EmbeddedNode;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.transport.netty4.Netty4Plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Starts a single Elasticsearch 8 node in this JVM, with HTTP (Netty4) and a
 * small analysis plugin standing in for the analysis-common module.
 *
 * Usage: Es8Runner [--http-port 9250] [--transport-port HTTP+100] [--data /tmp/es8data] [--cluster-name es8-runner] [--log-level info]
 */
public final class Es8Runner {

    public static void main(String[] args) throws Exception {
        String httpPort = "9250";
        String transportPort = null;
        String data = "/tmp/es8data";
        String clusterName = "es8-runner";
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
        if (transportPort == null) {
            transportPort = String.valueOf(Integer.parseInt(httpPort) + 100);
        }
        // Netty must not try to set the processor count itself (ES does it).
        System.setProperty("es.set.netty.runtime.available.processors", "false");
        // Keep logging alive during our own shutdown hook (so the node's close is logged); we stop Log4j ourselves.
        System.setProperty("log4j.shutdownHookEnabled", "false");

        Path home = Path.of(data).toAbsolutePath();
        Files.createDirectories(home.resolve("config"));
        Files.createDirectories(home.resolve("data"));
        Files.createDirectories(home.resolve("logs"));

        Settings settings = Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("cluster.name", clusterName)
            .put("node.name", "es8-runner")
            .put("network.host", "127.0.0.1")
            .put("http.port", httpPort)
            .put("transport.port", transportPort)
            .put("discovery.type", "single-node")
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .put("action.destructive_requires_name", false)
            .build();

        Path log4jConfig = home.resolve("config").resolve("log4j2.properties");
        Files.writeString(log4jConfig, String.join("\n",
            "status = error",
            "appender.console.type = Console",
            "appender.console.name = console",
            "appender.console.layout.type = PatternLayout",
            "appender.console.layout.pattern = [%d{ISO8601}][%-5p][%-25c{1.}] [%node_name]%marker %m%n",
            "rootLogger.level = " + logLevel,
            "rootLogger.appenderRef.console.ref = console",
            ""));

        Environment environment = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), home.resolve("config"), () -> "es8-runner");
        LogConfigurator.setNodeName("es8-runner");
        LogConfigurator.configure(environment, true);

        List<Class<? extends Plugin>> plugins = List.of(Netty4Plugin.class, CommonAnalysisPlugin.class, RootPlugin.class);
        Node node = new EmbeddedNode(environment, plugins);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.prepareForClose();
                node.close();
                node.awaitClose(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                org.apache.logging.log4j.LogManager.shutdown();
                stopped.countDown();
            }
        }, "es8-runner-shutdown"));

        long t0 = System.nanoTime();
        node.start();
        System.out.printf("es8-runner: node started on http://127.0.0.1:%s in %d ms%n", httpPort,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        stopped.await();
    }

    /**
     * GET / and HEAD / (the "You Know, for Search" banner). In 8.x this lives in the
     * rest-root module, which is not on Maven Central, so it is re-implemented here.
     */
    public static class RootPlugin extends Plugin implements ActionPlugin {
        private final SetOnce<ClusterService> clusterService = new SetOnce<>();

        @Override
        public Collection<?> createComponents(PluginServices services) {
            clusterService.set(services.clusterService());
            return List.of();
        }

        @Override
        public Collection<RestHandler> getRestHandlers(Settings settings, NamedWriteableRegistry registry, RestController controller,
                                                       ClusterSettings clusterSettings, IndexScopedSettings indexScopedSettings,
                                                       SettingsFilter settingsFilter, IndexNameExpressionResolver resolver,
                                                       Supplier<DiscoveryNodes> nodes, Predicate<NodeFeature> features) {
            return List.of(new BaseRestHandler() {
                @Override
                public String getName() {
                    return "main_action";
                }

                @Override
                public List<Route> routes() {
                    return List.of(new Route(RestRequest.Method.GET, "/"), new Route(RestRequest.Method.HEAD, "/"));
                }

                @Override
                protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) {
                    return channel -> {
                        ClusterService cs = clusterService.get();
                        Build build = Build.current();
                        XContentBuilder b = channel.newBuilder();
                        if (request.hasParam("pretty") == false) {
                            b.prettyPrint().lfAtEnd();
                        }
                        b.startObject()
                            .field("name", cs.getNodeName())
                            .field("cluster_name", cs.getClusterName().value())
                            .field("cluster_uuid", cs.state().metadata().clusterUUID())
                            .startObject("version")
                            .field("number", build.qualifiedVersion())
                            .field("build_flavor", build.flavor())
                            .field("build_type", build.type().displayName())
                            .field("build_hash", build.hash())
                            .field("build_date", build.date())
                            .field("build_snapshot", build.isSnapshot())
                            .field("lucene_version", IndexVersion.current().luceneVersion().toString())
                            .field("minimum_wire_compatibility_version", build.minWireCompatVersion())
                            .field("minimum_index_compatibility_version", build.minIndexCompatVersion())
                            .endObject()
                            .field("tagline", "You Know, for Search")
                            .endObject();
                        channel.sendResponse(new RestResponse(RestStatus.OK, b));
                    };
                }
            });
        }
    }
}
