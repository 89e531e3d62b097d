package org.jvmm.cli.impl.options;

import static org.jvmm.cli.impl.options.OptionRule.implemented;
import static org.jvmm.cli.impl.options.OptionRule.implementedFlag;
import static org.jvmm.cli.impl.options.OptionRule.parsedOnly;
import static org.jvmm.cli.impl.options.OptionRule.AARCH64;
import static org.jvmm.cli.impl.options.OptionRule.unsupported;

import java.util.ArrayList;
import java.util.List;
import org.jvmm.cli.impl.spec.PlatformSpecParsers;
import org.jvmm.cli.impl.spec.ValueChecks;
import picocli.CommandLine.Option;

/** Linux direct boot and the boot-mode switches. */
public final class BootOptions implements OptionGroup {
    private static final String FIRMWARE = "bundle firmware-uefi";

    @Option(names = {"-k", "--kernel"}, paramLabel = "FILE", description = "kernel image (Linux direct boot)")
    String kernel;

    @Option(names = {"-r", "--initrd"}, paramLabel = "FILE", description = "initrd image (Linux direct boot)")
    String initrd;

    @Option(names = {"-c", "--cmdline"}, paramLabel = "STRING",
            description = "extra kernel command line args (repeatable, joined by spaces)")
    List<String> cmdline = new ArrayList<>();

    @Option(arity = "0", names = "--pvh",
            description = "boot a bzImage through PVH: extract its vmlinux (LZ4/XZ/gzip) and enter it in 32-bit"
                    + " protected mode, skipping the decompressor (a vmlinux ELF always boots through PVH)")
    boolean pvh;

    @Option(arity = "0", names = "--device-tree", description = "ARM64: use a full device tree instead of ACPI")
    boolean deviceTree;

    @Option(names = "--igvm", paramLabel = "FILE", description = "boot an IGVM file")
    String igvm;

    @Option(names = "--igvm-personality", paramLabel = "uefi|linux-direct",
            description = "chipset and device personality for a non-VTL2 IGVM")
    String igvmPersonality;

    @Option(names = "--igvm-vtl2-relocation-type", paramLabel = "TYPE",
            description = "IGVM VTL2 relocation (disable | auto=filesize|SIZE | absolute=ADDR | vtl2=filesize|SIZE)")
    String igvmVtl2Relocation;

    @Option(names = "--imc", paramLabel = "FILE", description = "IMC hive file for booting Windows")
    String imc;

    @Override
    public String heading() {
        return "Boot";
    }

    @Override
    public List<OptionRule> rules(RuleContext ctx) {
        return List.of(
                implemented("--kernel", ctx::guestInputFile),
                implemented("--initrd", ctx::guestInputFile),
                implemented("--cmdline", v -> { }),
                implementedFlag("--pvh"),
                unsupported("--device-tree", AARCH64, null),
                parsedOnly("--igvm", "bundle loader-igvm", ValueChecks::nonEmpty),
                parsedOnly("--igvm-personality", "bundle loader-igvm", v -> ValueChecks.choice(v, "uefi", "linux-direct")),
                parsedOnly("--igvm-vtl2-relocation-type", "bundle loader-igvm",
                        PlatformSpecParsers::vtl2Relocation),
                parsedOnly("--imc", FIRMWARE, ValueChecks::nonEmpty));
    }

    public String kernel() {
        return kernel;
    }

    public String initrd() {
        return initrd;
    }

    public boolean pvh() {
        return pvh;
    }

    public List<String> cmdline() {
        return List.copyOf(cmdline);
    }
}
