package org.jvmm.shell.impl;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.jvmm.vmm.resource.ResolverInfo;
import org.jvmm.vmm.resource.ResolverRegistry;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code vm:plugin-install URL-or-PATH} and {@code vm:plugin-uninstall ID}: device plugins (bundles
 * that register resource resolvers) added to and removed from the running jvmm. A path (or
 * {@code file:} path) is taken relative to jvmm's working directory and may end in a glob
 * ({@code file:examples/edu-device/target/edu-device-*.jar}) that must match one file; other URLs
 * go to the framework as they are. The reply names the resolvers ({@code kind:id}) the bundle
 * registered, which the VM's registry (and so {@code vm:hotplug}) sees at once. A plugin is
 * uninstalled by bundle id or symbolic name; bundle 0 (the framework) is refused.
 */
@Component(service = PluginCommands.class)
public class PluginCommands {
    static final String INSTALL_USAGE = "usage: vm:plugin-install URL-or-PATH  (e.g. file:plugins/my-device.jar)";
    static final String UNINSTALL_USAGE = "usage: vm:plugin-uninstall BUNDLE-ID-or-SYMBOLIC-NAME";
    private static final Pattern URL_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:.*");
    private static final Duration RESOLVER_WAIT = Duration.ofSeconds(2);

    /** A bundle as the commands report it. */
    record Installed(long id, String symbolicName, String version) {
        @Override
        public String toString() {
            return symbolicName + " " + version + " [" + id + "]";
        }
    }

    /** The framework operations the commands need (a {@link BundleContext} in jvmm). */
    interface Plugins {
        /** Installs and starts the bundle at {@code location}; a bundle that cannot start is uninstalled again. */
        Installed installAndStart(String location) throws BundleException;

        /** Uninstalls bundle {@code id}, returning what it was. */
        Installed uninstall(long id) throws BundleException;

        /** The ids of the installed bundles named {@code symbolicName}. */
        List<Long> idsOf(String symbolicName);
    }

    private final ResolverRegistry registry;
    private final Plugins plugins;
    private final Path workingDirectory;
    private final Duration resolverWait;

    @Activate
    public PluginCommands(@Reference(name = "registry") ResolverRegistry registry, BundleContext context) {
        this(registry, new FrameworkPlugins(context), Path.of("").toAbsolutePath(), RESOLVER_WAIT);
    }

    PluginCommands(ResolverRegistry registry, Plugins plugins, Path workingDirectory, Duration resolverWait) {
        this.registry = registry;
        this.plugins = plugins;
        this.workingDirectory = workingDirectory;
        this.resolverWait = resolverWait;
    }

    Object install(List<Object> args) throws BundleException, InterruptedException {
        if (args.size() != 1) {
            throw new IllegalArgumentException(INSTALL_USAGE);
        }
        Installed bundle = plugins.installAndStart(location(String.valueOf(args.getFirst())));
        List<ResolverInfo> resolvers = resolversOf(bundle.id());
        long deadline = System.nanoTime() + resolverWait.toNanos();
        while (resolvers.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            resolvers = resolversOf(bundle.id());
        }
        return "installed " + bundle + "; " + (resolvers.isEmpty() ? "it registered no resolvers"
                : "resolvers: " + describe(resolvers));
    }

    Object uninstall(List<Object> args) throws BundleException {
        if (args.size() != 1) {
            throw new IllegalArgumentException(UNINSTALL_USAGE);
        }
        long id = bundleId(String.valueOf(args.getFirst()));
        if (id == 0) {
            throw new IllegalArgumentException("bundle 0 is the framework: use vm:quit to stop jvmm");
        }
        List<ResolverInfo> resolvers = resolversOf(id);
        Installed bundle = plugins.uninstall(id);
        return "uninstalled " + bundle + (resolvers.isEmpty() ? "" : "; resolvers gone: " + describe(resolvers));
    }

    private long bundleId(String arg) {
        if (arg.matches("\\d+")) {
            return Long.parseLong(arg);
        }
        List<Long> ids = plugins.idsOf(arg);
        if (ids.size() != 1) {
            throw new IllegalArgumentException(ids.isEmpty() ? "no bundle " + arg + " (lb lists them)"
                    : ids.size() + " bundles are named " + arg + ": " + ids + "; give the id");
        }
        return ids.getFirst();
    }

    /** The framework location for {@code arg}: a {@code file:} URI of the one matching file, or the URL as given. */
    String location(String arg) {
        boolean file = arg.startsWith("file:");
        if (!file && URL_SCHEME.matcher(arg).matches()) {
            return arg;
        }
        String pathText = file ? arg.substring("file:".length()) : arg;
        if (pathText.startsWith("//")) {
            return arg;
        }
        Path path = workingDirectory.resolve(pathText).normalize();
        Path name = path.getFileName();
        if (name != null && name.toString().matches(".*[*?\\[].*")) {
            path = globMatch(path.getParent(), name.toString(), arg);
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("no plugin file " + path + " (from " + arg + ")");
        }
        return path.toUri().toString();
    }

    private static Path globMatch(Path dir, String glob, String arg) {
        List<Path> matches = new ArrayList<>();
        if (dir != null && Files.isDirectory(dir)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, glob)) {
                s.forEach(p -> {
                    if (Files.isRegularFile(p)) {
                        matches.add(p);
                    }
                });
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot list " + dir + ": " + e.getMessage(), e);
            }
        }
        if (matches.size() != 1) {
            throw new IllegalArgumentException((matches.isEmpty() ? "no file matches " + arg
                    : matches.size() + " files match " + arg + ": " + matches.stream().sorted()
                    .map(p -> p.getFileName().toString()).toList() + "; name one"));
        }
        return matches.getFirst();
    }

    private List<ResolverInfo> resolversOf(long bundleId) {
        return registry.list().stream().filter(r -> r.bundleId() == bundleId).toList();
    }

    private static String describe(List<ResolverInfo> resolvers) {
        return String.join(", ", resolvers.stream()
                .map(r -> r.key() + (r.conflicted() ? " (CONFLICT: another bundle claims " + r.key() + ")" : ""))
                .toList());
    }

    /** {@link Plugins} on the OSGi framework. */
    static final class FrameworkPlugins implements Plugins {
        private final BundleContext context;

        FrameworkPlugins(BundleContext context) {
            this.context = context;
        }

        @Override
        public Installed installAndStart(String location) throws BundleException {
            Bundle bundle = context.installBundle(location);
            try {
                bundle.start();
            } catch (BundleException | RuntimeException e) {
                bundle.uninstall();
                throw e;
            }
            return describe(bundle);
        }

        @Override
        public Installed uninstall(long id) throws BundleException {
            Bundle bundle = context.getBundle(id);
            if (bundle == null) {
                throw new IllegalArgumentException("no bundle " + id + " (lb lists them)");
            }
            Installed what = describe(bundle);
            bundle.uninstall();
            return what;
        }

        @Override
        public List<Long> idsOf(String symbolicName) {
            return java.util.Arrays.stream(context.getBundles())
                    .filter(b -> symbolicName.equals(b.getSymbolicName())).map(Bundle::getBundleId).toList();
        }

        private static Installed describe(Bundle bundle) {
            return new Installed(bundle.getBundleId(), String.valueOf(bundle.getSymbolicName()),
                    bundle.getVersion().toString());
        }
    }
}
