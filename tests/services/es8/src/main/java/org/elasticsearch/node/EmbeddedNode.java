package org.elasticsearch.node;

import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.ClasspathPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.plugins.PluginsService;

import java.util.Collection;

/**
 * A production {@link Node} whose plugins are classes already on the classpath
 * (instead of plugin/module directories). Lives in org.elasticsearch.node because
 * NodeConstruction / NodeServiceProvider are package-private. Like the test
 * framework's MockNode, but without ESTestCase / BootstrapForTesting (security
 * manager, "can not run elasticsearch as root", randomized-testing context).
 */
public class EmbeddedNode extends Node {

    public EmbeddedNode(Environment environment, Collection<Class<? extends Plugin>> classpathPlugins) {
        super(NodeConstruction.prepareConstruction(environment, null, new NodeServiceProvider() {
            @Override
            PluginsService newPluginService(Environment env, PluginsLoader pluginsLoader) {
                return new ClasspathPluginsService(env.settings(), env, classpathPlugins);
            }
        }, true));
    }
}
