package org.jvmm.cli.impl.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Every OpenVMM option is known, and every option has exactly one rule. */
class OptionCatalogTest {
    private final CliOptions options = new CliOptions();
    private final CommandLine cl = new CommandLine(options);
    private final OptionValidator validator = new OptionValidator(options, new RuleContext(Map.of(), true));

    @Test
    void everyOpenVmmOptionIsRecognised() throws IOException {
        List<String> names = openVmmOptions();
        assertEquals(136, names.size());
        Set<String> missing = new TreeSet<>(names);
        missing.removeAll(cl.getCommandSpec().optionsMap().keySet());
        assertEquals(Set.of(), missing);
        for (String shortName : List.of("-p", "-m", "-M", "-P", "-k", "-r", "-c", "-e", "-h", "-V")) {
            assertNotNull(cl.getCommandSpec().findOption(shortName), shortName);
        }
    }

    @Test
    void everyOptionHasARuleAndEveryRuleAnOption() {
        Set<String> specNames = cl.getCommandSpec().options().stream().map(OptionSpec::longestName).collect(Collectors.toSet());
        assertEquals(specNames, validator.rules().keySet());
        cl.getCommandSpec().options().forEach(validator::ruleFor);
    }

    @Test
    void theImplementedOptions() {
        Set<String> implemented = validator.rules().values().stream().filter(OptionRule::isImplemented)
                .map(OptionRule::name).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(List.of("--config", "--print-config", "--no-shell", "--deterministic", "--plugins", "--help", "--version",
                "--kernel", "--initrd", "--cmdline", "--pvh", "--restore-snapshot", "--processors", "--memory", "--prefetch", "--memory-backing-file",
                "--hypervisor", "--com1", "--com2", "--com3", "--com4", "--debugcon", "--debug-exit", "--paused", "--log-file", "--pidfile",
                "--guest-reset-action", "--guest-shutdown-action", "--guest-crash-action", "--virtio-blk", "--virtio-rng",
                "--virtio-rng-bus", "--virtio-rng-pcie-port", "--virtio-console", "--virtio-console-pcie-port", "--virtio-net", "--nvme", "--virtio-9p", "--virtio-pmem", "--virtio-vsock-path", "--virtio-vsock-bus", "--virtio-fs",
                "--pcie-root-complex", "--pcie-root-port", "--pcie-switch", "--pcie-ecam-below-4gb",
                "--single-process")), implemented);
    }

    @Test
    void booleanOptionsTakeNoValue() {
        for (OptionSpec o : cl.getCommandSpec().options()) {
            if (o.type() == boolean.class && !o.usageHelp() && !o.versionHelp()) {
                assertEquals(0, o.arity().max(), o.longestName());
            }
        }
    }

    static List<String> openVmmOptions() throws IOException {
        try (InputStream in = OptionCatalogTest.class.getResourceAsStream("/openvmm-options.txt")) {
            assertTrue(in != null);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
    }
}
