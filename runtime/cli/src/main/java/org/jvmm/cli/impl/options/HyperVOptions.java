package org.jvmm.cli.impl.options;

import static org.jvmm.cli.impl.options.OptionRule.parsedOnly;
import static org.jvmm.cli.impl.options.OptionRule.parsedOnlyFlag;

import java.util.List;
import org.jvmm.cli.impl.spec.PlatformSpecParsers;
import org.jvmm.cli.impl.spec.ValueChecks;
import picocli.CommandLine.Option;

/** Hyper-V enlightenments, VMBus, VTL2/OpenHCL and isolation. */
public final class HyperVOptions implements OptionGroup {
    private static final String HV = "Hyper-V enlightenments (HV#1)";
    private static final String VMBUS = "bundle vmbus";
    private static final String VTL2 = "VTL2 and OpenHCL support";

    @Option(arity = "0", names = "--hv", description = "enable HV#1 capabilities")
    boolean hv;

    @Option(arity = "0", names = "--no-hv", description = "boot UEFI without HV#1 enlightenments (needs --no-vmbus)")
    boolean noHv;

    @Option(arity = "0", names = "--vtl2", description = "enable VTL2 (implies --get)")
    boolean vtl2;

    @Option(arity = "0", names = "--get", description = "add GET and related devices for the OpenHCL paravisor")
    boolean get;

    @Option(arity = "0", names = "--no-get", description = "do not add GET devices, even with --vtl2")
    boolean noGet;

    @Option(arity = "0", names = "--no-vmbus", description = "run without VMBus")
    boolean noVmbus;

    @Option(arity = "0", names = "--no-alias-map", description = "disable the VTL0 alias map presented to VTL2")
    boolean noAliasMap;

    @Option(names = "--isolation", paramLabel = "vbs|snp", description = "enable isolation")
    String isolation;

    @Option(names = {"--vmbus-vsock-path", "--vsock-path"}, paramLabel = "PATH", description = "hybrid vsock listener path")
    String vmbusVsockPath;

    @Option(names = {"--vmbus-vtl2-vsock-path", "--vtl2-vsock-path"}, paramLabel = "PATH",
            description = "VTL2 hybrid vsock listener path")
    String vmbusVtl2VsockPath;

    @Option(names = "--late-map-vtl0-policy", paramLabel = "off|log|halt|exception",
            description = "late map VTL0 RAM access policy with VTL2 (default: halt)")
    String lateMapVtl0Policy;

    @Option(arity = "0", names = "--vmbus-redirect", description = "redirect the VTL0 VMBus control plane to VTL2")
    boolean vmbusRedirect;

    @Option(names = "--vmbus-max-version", paramLabel = "MAJOR.MINOR", description = "limit the VMBus protocol version")
    String vmbusMaxVersion;

    @Option(names = "--openhcl-dump-path", paramLabel = "DIR", description = "OpenHCL crash dump directory")
    String openhclDumpPath;

    @Override
    public String heading() {
        return "Hyper-V, VMBus and OpenHCL";
    }

    @Override
    public List<OptionRule> rules(RuleContext ctx) {
        return List.of(
                parsedOnlyFlag("--hv", HV),
                parsedOnlyFlag("--no-hv", HV),
                parsedOnlyFlag("--vtl2", VTL2),
                parsedOnlyFlag("--get", VTL2),
                parsedOnlyFlag("--no-get", VTL2),
                parsedOnlyFlag("--no-vmbus", VMBUS),
                parsedOnlyFlag("--no-alias-map", VTL2),
                parsedOnly("--isolation", "isolation (VBS/SNP) support", v -> ValueChecks.choice(v, "vbs", "snp")),
                parsedOnly("--vmbus-vsock-path", VMBUS, ValueChecks::nonEmpty),
                parsedOnly("--vmbus-vtl2-vsock-path", VMBUS, ValueChecks::nonEmpty),
                parsedOnly("--late-map-vtl0-policy", VTL2, v -> ValueChecks.choice(v, "off", "log", "halt", "exception")),
                parsedOnlyFlag("--vmbus-redirect", VMBUS),
                parsedOnly("--vmbus-max-version", VMBUS, PlatformSpecParsers::vmbusVersion),
                parsedOnly("--openhcl-dump-path", VTL2, ValueChecks::nonEmpty));
    }
}
