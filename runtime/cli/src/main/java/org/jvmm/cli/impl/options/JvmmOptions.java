package org.jvmm.cli.impl.options;

import static org.jvmm.cli.impl.options.OptionRule.implemented;
import static org.jvmm.cli.impl.options.OptionRule.implementedFlag;

import java.util.List;
import org.jvmm.cli.impl.spec.PathChecks;
import picocli.CommandLine.Option;

/** jvmm's own options (not in OpenVMM). */
public final class JvmmOptions implements OptionGroup {
    @Option(names = "--config", paramLabel = "FILE",
            description = "load the VM config from a JSON file; options given on the command line replace"
                    + " the same fields of the file (-m, -p, --kernel, --initrd, -c, --hypervisor, --comN, ...)")
    String config;

    @Option(arity = "0", names = "--print-config", description = "print the VM config as JSON to stdout and exit (guest file paths are"
                    + " printed as given, not checked)")
    boolean printConfig;

    @Option(arity = "0", names = "--no-shell", description = "run headless: no interactive shell; exit when the VM stops")
    boolean noShell;

    @Option(arity = "0", names = "--deterministic",
            description = "derive guest time from retired instructions (emu backend), for reproducible runs")
    boolean deterministic;

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
                implementedFlag("--no-shell"),
                implementedFlag("--deterministic"),
                implementedFlag("--help"),
                implementedFlag("--version"));
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
