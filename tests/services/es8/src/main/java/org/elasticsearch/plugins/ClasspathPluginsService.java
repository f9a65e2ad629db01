package org.elasticsearch.plugins;

import org.elasticsearch.Build;
import org.elasticsearch.action.admin.cluster.node.info.PluginsAndModules;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PluginsService whose plugins are plain classes on the application classpath
 * (what the test framework's MockPluginsService does, without pulling in the
 * test framework, whose mere presence makes ES believe it runs under tests).
 * In org.elasticsearch.plugins for the package-private PluginsLoader / LoadedPlugin API.
 */
public class ClasspathPluginsService extends PluginsService {

    private final List<LoadedPlugin> classpathPlugins;

    public ClasspathPluginsService(Settings settings, Environment environment, Collection<Class<? extends Plugin>> pluginClasses) {
        super(settings, environment.configDir(), new PluginsLoader(Set.of(), Set.of(), Map.of()));
        List<LoadedPlugin> loaded = new ArrayList<>();
        for (Class<? extends Plugin> pluginClass : pluginClasses) {
            Plugin plugin = loadPlugin(pluginClass, settings, environment.configDir());
            PluginDescriptor descriptor = new PluginDescriptor(
                pluginClass.getName(), "classpath plugin", "NA", Build.current().version(),
                Integer.toString(Runtime.version().feature()), pluginClass.getName(), null, List.of(),
                false, false, false, false
            );
            loaded.add(new LoadedPlugin(descriptor, plugin, pluginClass.getClassLoader()));
        }
        loadExtensions(loaded);
        this.classpathPlugins = List.copyOf(loaded);
    }

    @Override
    protected final List<LoadedPlugin> plugins() {
        return classpathPlugins;
    }

    @Override
    public PluginsAndModules info() {
        return new PluginsAndModules(classpathPlugins.stream().map(p -> p.descriptor()).map(PluginRuntimeInfo::new).toList(), List.of());
    }
}
