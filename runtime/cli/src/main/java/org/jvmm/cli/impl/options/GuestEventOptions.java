package org.jvmm.cli.impl.options;

import static org.jvmm.cli.impl.options.OptionRule.implemented;
import static org.jvmm.cli.impl.options.OptionRule.parsedOnly;
import static org.jvmm.cli.impl.options.OptionRule.parsedOnlyFlag;

import java.util.List;
import org.jvmm.cli.impl.spec.Numbers;
import org.jvmm.cli.impl.spec.PlatformSpecParsers;
import org.jvmm.cli.impl.spec.ValueChecks;
import picocli.CommandLine.Option;

/** Guest power events, watchdog, dumps, debugging and misc devices. */
public final class GuestEventOptions implements OptionGroup {
    private static final String ACTION = "reset|halt|exit[:CODE]";

    @Option(names = "--guest-reset-action", paramLabel = ACTION, description = "on guest reset (default: reset)")
    String resetAction;

    @Option(names = "--guest-shutdown-action", paramLabel = ACTION, description = "on guest power off (default: exit)")
    String shutdownAction;

    @Option(names = "--guest-crash-action", paramLabel = ACTION, description = "on guest triple fault (default: exit, with the reason)")
    String crashAction;

    @Option(names = "--crash-dump-path", paramLabel = "PATH", description = "write a .vmrs dump on triple fault")
    String crashDumpPath;

    @Option(arity = "0", names = "--guest-watchdog", description = "enable the guest watchdog device")
    boolean guestWatchdog;

    @Option(names = "--guest-watchdog-action", paramLabel = ACTION, description = "when the watchdog fires (default: reset)")
    String watchdogAction;

    @Option(arity = "0", names = "--battery", description = "expose a battery device")
    boolean battery;

    @Option(arity = "0", names = "--tpm", description = "add a vTPM device")
    boolean tpm;

    @Option(names = "--gdb", paramLabel = "PORT", description = "enable the in-hypervisor gdb stub")
    String gdb;

    @Option(names = "--write-saved-state-proto", paramLabel = "PATH", description = "write saved state .proto files")
    String writeSavedStateProto;

    public String resetAction() {
        return resetAction;
    }

    public String shutdownAction() {
        return shutdownAction;
    }

    public String crashAction() {
        return crashAction;
    }

    @Override
    public String heading() {
        return "Guest events, diagnostics and other devices";
    }

    @Override
    public List<OptionRule> rules(RuleContext ctx) {
        return List.of(
                implemented("--guest-reset-action", PlatformSpecParsers::powerAction),
                implemented("--guest-shutdown-action", PlatformSpecParsers::powerAction),
                implemented("--guest-crash-action", PlatformSpecParsers::powerAction),
                parsedOnly("--crash-dump-path", "crash dumps (.vmrs) in bundle vm-worker", ValueChecks::nonEmpty),
                parsedOnlyFlag("--guest-watchdog", "bundle chipset (watchdog)"),
                parsedOnly("--guest-watchdog-action", "bundle chipset (watchdog)", PlatformSpecParsers::powerAction),
                parsedOnlyFlag("--battery", "bundle chipset (battery)"),
                parsedOnlyFlag("--tpm", "bundle devices-tpm"),
                parsedOnly("--gdb", "bundle debug-gdb", v -> Numbers.unsigned(v, Numbers.U16_MAX, "port")),
                parsedOnly("--write-saved-state-proto", "saved-state schema export", ValueChecks::nonEmpty));
    }
}
