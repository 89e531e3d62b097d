package org.jvmm.cli.impl.options;

import static org.jvmm.cli.impl.options.OptionRule.parsedOnly;
import static org.jvmm.cli.impl.options.OptionRule.parsedOnlyFlag;

import java.util.List;
import org.jvmm.cli.impl.spec.DiskSpecParser;
import org.jvmm.cli.impl.spec.PlatformSpecParsers;
import org.jvmm.cli.impl.spec.ValueChecks;
import picocli.CommandLine.Option;

/** UEFI, PCAT BIOS, secure boot and guest state (VMGS). */
public final class FirmwareOptions implements OptionGroup {
    private static final String UEFI = "bundle firmware-uefi";
    private static final String PCAT = "bundle firmware-pcat";
    private static final String VMGS = "bundle firmware-vmgs";

    @Option(arity = "0", names = {"-e", "--uefi"}, description = "boot UEFI firmware")
    boolean uefi;

    @Option(names = "--uefi-firmware", paramLabel = "FILE", description = "UEFI firmware file")
    String uefiFirmware;

    @Option(arity = "0", names = "--uefi-debug", description = "enable UEFI debugging on COM1")
    boolean uefiDebug;

    @Option(arity = "0", names = "--uefi-enable-memory-protections", description = "enable memory protections in UEFI")
    boolean uefiMemoryProtections;

    @Option(arity = "0", names = "--uefi-force-dma-bounce", description = "force UEFI to bounce-buffer all DMA traffic")
    boolean uefiForceDmaBounce;

    @Option(names = "--uefi-console-mode", paramLabel = "default|com1|com2|none", description = "UEFI console mode")
    String uefiConsoleMode;

    @Option(names = "--efi-diagnostics-log-level", paramLabel = "default|info|full",
            description = "EFI diagnostics log level")
    String efiDiagnosticsLogLevel;

    @Option(arity = "0", names = "--default-boot-always-attempt",
            description = "perform a default boot even if boot entries exist and fail")
    boolean defaultBootAlwaysAttempt;

    @Option(arity = "0", names = "--disable-frontpage", description = "shut down instead of showing the UEFI front page")
    boolean disableFrontpage;

    @Option(arity = "0", names = "--secure-boot", description = "enable secure boot")
    boolean secureBoot;

    @Option(names = "--secure-boot-template", paramLabel = "windows|uefi-ca", description = "secure boot template")
    String secureBootTemplate;

    @Option(names = "--custom-uefi-json", paramLabel = "PATH", description = "custom UEFI NVRAM JSON file")
    String customUefiJson;

    @Option(arity = "0", names = "--pcat", description = "boot with PCAT BIOS firmware and piix4 devices")
    boolean pcat;

    @Option(names = "--pcat-firmware", paramLabel = "FILE", description = "PCAT firmware file")
    String pcatFirmware;

    @Option(names = "--pcat-boot-order", paramLabel = "LIST", description = "PCAT boot order, e.g. floppy,hdd,optical,net")
    String pcatBootOrder;

    @Option(names = "--vga-firmware", paramLabel = "FILE", description = "VGA firmware file")
    String vgaFirmware;

    @Option(names = "--vmgs", paramLabel = "DISK[,fmt|fmt-on-fail]", description = "disk holding the guest state (VMGS)")
    String vmgs;

    @Option(arity = "0", names = "--test-gsp-by-id", description = "use GspById guest state encryption with a test seed")
    boolean testGspById;

    @Override
    public String heading() {
        return "Firmware";
    }

    @Override
    public List<OptionRule> rules(RuleContext ctx) {
        DiskSpecParser disks = new DiskSpecParser(ctx.env());
        return List.of(
                parsedOnlyFlag("--uefi", UEFI),
                parsedOnly("--uefi-firmware", UEFI, ValueChecks::nonEmpty),
                parsedOnlyFlag("--uefi-debug", UEFI),
                parsedOnlyFlag("--uefi-enable-memory-protections", UEFI),
                parsedOnlyFlag("--uefi-force-dma-bounce", UEFI),
                parsedOnly("--uefi-console-mode", UEFI, v -> ValueChecks.choice(v, "default", "com1", "com2", "none")),
                parsedOnly("--efi-diagnostics-log-level", UEFI, v -> ValueChecks.choice(v, "default", "info", "full")),
                parsedOnlyFlag("--default-boot-always-attempt", UEFI),
                parsedOnlyFlag("--disable-frontpage", UEFI),
                parsedOnlyFlag("--secure-boot", UEFI),
                parsedOnly("--secure-boot-template", UEFI, v -> ValueChecks.choice(v, "windows", "uefi-ca")),
                parsedOnly("--custom-uefi-json", UEFI, ValueChecks::nonEmpty),
                parsedOnlyFlag("--pcat", PCAT),
                parsedOnly("--pcat-firmware", PCAT, ValueChecks::nonEmpty),
                parsedOnly("--pcat-boot-order", PCAT, PlatformSpecParsers::pcatBootOrder),
                parsedOnly("--vga-firmware", PCAT, ValueChecks::nonEmpty),
                parsedOnly("--vmgs", VMGS, disks::parseVmgs),
                parsedOnlyFlag("--test-gsp-by-id", VMGS));
    }
}
