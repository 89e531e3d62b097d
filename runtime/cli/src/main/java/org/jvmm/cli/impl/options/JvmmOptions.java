package org.jvmm.cli.impl.options;

import static org.jvmm.cli.impl.options.OptionRule.implemented;
import static org.jvmm.cli.impl.options.OptionRule.implementedFlag;

import java.util.List;
import org.jvmm.cli.impl.spec.Numbers;
import org.jvmm.cli.impl.spec.PathChecks;
import org.jvmm.cli.impl.spec.SpecException;
import picocli.CommandLine.Option;

/** jvmm's own options (not in OpenVMM). */
public final class JvmmOptions implements OptionGroup {
    @Option(names = "--config", paramLabel = "FILE",
            description = "load the VM config from a JSON file; the file is the full config: its chipsetDevices"
                    + " are used as written (the PC base chipset is added only to configs built from options)."
                    + " Options given on the command line replace the same fields of the file (-m, -p, --kernel,"
                    + " --initrd, -c, --hypervisor, --comN, --debugcon, --debug-exit, ...)")
    String config;

    @Option(arity = "0", names = "--print-config", description = "print the VM config as JSON to stdout and exit (guest file paths are"
                    + " printed as given, not checked)")
    boolean printConfig;

    @Option(names = "--debug-exit", paramLabel = "PORT",
            description = "add QEMU's isa-debug-exit at I/O PORT (decimal or 0x hex, e.g. 0x501; 2 ports): a guest"
                    + " write of V powers the VM off with exit status (V << 1) | 1")
    String debugExit;

    @Option(arity = "0", names = "--no-shell", description = "run headless: no interactive shell; exit when the VM stops")
    boolean noShell;

    @Option(arity = "0", names = "--deterministic",
            description = "derive guest time from retired instructions (emu backend), for reproducible runs")
    boolean deterministic;

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "watch DIR for plugin bundles (Apache Felix FileInstall): a bundle jar put there is installed"
                    + " and started, one replaced is updated, one removed is uninstalled. Jars already there are"
                    + " installed when jvmm starts. No folder is watched without this option")
    String plugins;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "print the version and exit")
    boolean version;

    @Override
    public String heading() {
        return "jvmm";
    }

    @Override
    public List<OptionRule> rules(RuleContext ctx) {
        return List.of(
                implemented("--config", PathChecks::readableFile),
                implementedFlag("--print-config"),
                implemented("--debug-exit", JvmmOptions::debugExitPort),
                implementedFlag("--no-shell"),
                implementedFlag("--deterministic"),
                implemented("--plugins", PathChecks::directory),
                implementedFlag("--help"),
                implementedFlag("--version"));
    }

    /** The {@code --debug-exit} port: two ports wide, so at most 0xFFFE. */
    public static int debugExitPort(String value) throws SpecException {
        return (int) Numbers.decimalOrHex(value, Numbers.U16_MAX - 1, "port");
    }

    /** The {@code --debug-exit} value, or null. */
    public String debugExit() {
        return debugExit;
    }

    /** The {@code --plugins} folder, or null. */
    public String plugins() {
        return plugins;
    }

    public String config() {
        return config;
    }

    public boolean printConfig() {
        return printConfig;
    }

    public boolean noShell() {
        return noShell;
    }

    public boolean deterministic() {
        return deterministic;
    }
}
