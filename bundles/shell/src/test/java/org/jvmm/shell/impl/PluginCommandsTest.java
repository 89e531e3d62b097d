package org.jvmm.shell.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.Registration;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResourceHandle;
import org.jvmm.vmm.resource.ResourceResolver;
import org.jvmm.vmm.resource.impl.RegistryCore;
import org.osgi.framework.BundleException;

class PluginCommandsTest {
    @HandleType(kind = "pci_device_handle", id = "edu")
    public record Edu() implements ResourceHandle {
    }

    private record Resolver() implements ResourceResolver<Edu, Object> {
        @Override
        public Class<Edu> handleType() {
            return Edu.class;
        }

        @Override
        public Class<Object> outputType() {
            return Object.class;
        }

        @Override
        public Object resolve(Edu handle, ResolveContext ctx) {
            return new Object();
        }
    }

    @TempDir
    Path dir;

    private final RegistryCore registry = new RegistryCore(null, (m, t) -> { });
    private final List<String> calls = new ArrayList<>();
    private final Map<Long, Registration> registered = new HashMap<>();

    /** A framework whose bundles register a pci_device_handle:edu resolver when they start, like DS does. */
    private final PluginCommands.Plugins framework = new PluginCommands.Plugins() {
        private long next = 40;

        @Override
        public PluginCommands.Installed installAndStart(String location) throws BundleException {
            calls.add("install " + location);
            if (location.contains("broken")) {
                throw new BundleException("Unable to resolve org.example.broken: missing requirement");
            }
            long id = next++;
            if (!location.contains("library")) {
                registered.put(id, registry.register(new Resolver(), "pci_device_handle", "edu", "org.example.edu", id));
            }
            return new PluginCommands.Installed(id, "org.example.edu", "1.0.0");
        }

        @Override
        public PluginCommands.Installed uninstall(long id) {
            calls.add("uninstall " + id);
            Registration r = registered.remove(id);
            if (r != null) {
                r.close();
            }
            return new PluginCommands.Installed(id, "org.example.edu", "1.0.0");
        }

        @Override
        public List<Long> idsOf(String symbolicName) {
            return symbolicName.equals("org.example.edu") ? List.copyOf(registered.keySet()) : List.of();
        }
    };

    private PluginCommands commands() {
        return new PluginCommands(registry, framework, dir, Duration.ofMillis(100));
    }

    private Path plugin(String name) throws IOException {
        Files.createDirectories(dir.resolve("target"));
        return Files.write(dir.resolve("target").resolve(name), new byte[] {1});
    }

    @Test
    void installReportsTheBundleAndTheResolversItRegistered() throws Exception {
        Path jar = plugin("edu-device-0.1.0.jar");
        assertEquals("installed org.example.edu 1.0.0 [40]; resolvers: pci_device_handle:edu",
                commands().install(List.of("file:target/edu-device-*.jar")));
        assertEquals(List.of("install " + jar.toUri()), calls);
        assertTrue(registry.find("pci_device_handle", "edu").isPresent());
    }

    @Test
    void uninstallSaysWhichResolversWent() throws Exception {
        plugin("edu.jar");
        PluginCommands c = commands();
        c.install(List.of("target/edu.jar"));
        assertEquals("uninstalled org.example.edu 1.0.0 [40]; resolvers gone: pci_device_handle:edu",
                c.uninstall(List.of(40L)));
        assertTrue(registry.find("pci_device_handle", "edu").isEmpty());
        assertEquals("uninstalled org.example.edu 1.0.0 [40]", c.uninstall(List.of("40")), "nothing left");
    }

    @Test
    void uninstallTakesTheSymbolicNameWhenOneBundleHasIt() throws Exception {
        plugin("edu.jar");
        PluginCommands c = commands();
        c.install(List.of("target/edu.jar"));
        assertEquals("no bundle org.example.other (lb lists them)", assertThrows(IllegalArgumentException.class,
                () -> c.uninstall(List.of("org.example.other"))).getMessage());
        c.install(List.of("target/edu.jar"));
        assertEquals("2 bundles are named org.example.edu: [40, 41]; give the id", assertThrows(
                IllegalArgumentException.class, () -> c.uninstall(List.of("org.example.edu"))).getMessage());
        c.uninstall(List.of(41L));
        assertEquals("uninstalled org.example.edu 1.0.0 [40]; resolvers gone: pci_device_handle:edu",
                c.uninstall(List.of("org.example.edu")));
    }

    @Test
    void aSecondProviderOfTheSameKindIdIsFlagged() throws Exception {
        plugin("edu.jar");
        PluginCommands c = commands();
        c.install(List.of(dir.resolve("target/edu.jar").toString()));
        assertEquals("installed org.example.edu 1.0.0 [41]; resolvers: pci_device_handle:edu"
                + " (CONFLICT: another bundle claims pci_device_handle:edu)", c.install(List.of("file:target/edu.jar")));
    }

    @Test
    void aBundleWithoutResolversIsInstalledAndSaysSo() throws Exception {
        plugin("library.jar");
        assertEquals("installed org.example.edu 1.0.0 [40]; it registered no resolvers",
                commands().install(List.of("target/library.jar")));
    }

    @Test
    void urlsGoToTheFrameworkAsTheyAre() throws Exception {
        commands().install(List.of("https://example.org/edu.jar"));
        assertEquals(List.of("install https://example.org/edu.jar"), calls);
    }

    @Test
    void aMissingOrAmbiguousFileIsOneClearError() throws IOException {
        PluginCommands c = commands();
        assertEquals("no plugin file " + dir.resolve("nope.jar") + " (from file:nope.jar)",
                assertThrows(IllegalArgumentException.class, () -> c.install(List.of("file:nope.jar"))).getMessage());
        assertEquals("no file matches target/x-*.jar",
                assertThrows(IllegalArgumentException.class, () -> c.install(List.of("target/x-*.jar"))).getMessage());
        plugin("a-1.jar");
        plugin("a-2.jar");
        assertEquals("2 files match file:target/a-*.jar: [a-1.jar, a-2.jar]; name one",
                assertThrows(IllegalArgumentException.class, () -> c.install(List.of("file:target/a-*.jar")))
                        .getMessage());
        assertTrue(calls.isEmpty());
    }

    @Test
    void aBundleThatCannotStartFailsWithTheFrameworksMessage() throws IOException {
        plugin("broken.jar");
        BundleException e = assertThrows(BundleException.class, () -> commands().install(List.of("target/broken.jar")));
        assertTrue(e.getMessage().contains("missing requirement"), e.getMessage());
    }

    @Test
    void usageAndBadIds() {
        PluginCommands c = commands();
        assertEquals(PluginCommands.INSTALL_USAGE,
                assertThrows(IllegalArgumentException.class, () -> c.install(List.of())).getMessage());
        assertEquals(PluginCommands.UNINSTALL_USAGE,
                assertThrows(IllegalArgumentException.class, () -> c.uninstall(List.of())).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.uninstall(List.of(0L))).getMessage()
                .startsWith("bundle 0 is the framework"));
        assertTrue(calls.isEmpty());
    }
}
