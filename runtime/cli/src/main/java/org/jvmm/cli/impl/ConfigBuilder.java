package org.jvmm.cli.impl;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jvmm.cli.impl.options.CliException;
import org.jvmm.cli.impl.options.CliOptions;
import org.jvmm.cli.impl.spec.HypervisorSpec;
import org.jvmm.cli.impl.spec.HypervisorSpecParser;
import org.jvmm.cli.impl.spec.MachineLimits;
import org.jvmm.cli.impl.spec.MemorySpec;
import org.jvmm.cli.impl.spec.MemorySpecParser;
import org.jvmm.cli.impl.spec.SerialSpec;
import org.jvmm.cli.impl.spec.SerialSpecParser;
import org.jvmm.cli.impl.spec.SpecException;
import org.jvmm.vm.config.ConsoleSerialHandle;
import org.jvmm.vm.config.FileSerialHandle;
import org.jvmm.vm.config.GuestAction;
import org.jvmm.vm.config.GuestActions;
import org.jvmm.vm.config.HypervisorChoice;
import org.jvmm.vm.config.MemoryConfig;
import org.jvmm.vm.config.NoneSerialHandle;
import org.jvmm.vm.config.SerialPortConfig;
import org.jvmm.vm.config.StderrSerialHandle;
import org.jvmm.vm.config.TcpSerialHandle;
import org.jvmm.vm.config.UnixSerialHandle;
import org.jvmm.vm.config.VmConfig;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * Options to {@link VmConfig}, without I/O. Without {@code --config} the defaults are OpenVMM's:
 * 1 GiB, one processor, the first usable hypervisor, COM1 on the console and COM2-4 unconnected,
 * and the PC base chipset ({@link ChipsetDevices#pcBase(boolean)}). With a base config from
 * {@code --config}, the file is the full config (its {@code chipsetDevices} are kept as written) and
 * each option given replaces the same field of it ({@code -c} replaces the whole command line;
 * {@code -m} replaces the keys it names; {@code --debugcon} and {@code --debug-exit} replace the
 * device of their id; the virtio devices of options are added to the file's).
 * The option values have been checked by {@link org.jvmm.cli.impl.options.OptionValidator}.
 */
public final class ConfigBuilder {
    private ConfigBuilder() {
    }

    public static VmConfig build(CliOptions options, Optional<VmConfig> base) throws CliException {
        return build(options, base, Map.of());
    }

    /** As {@link #build(CliOptions, Optional)}, with the environment some disk specs read. */
    public static VmConfig build(CliOptions options, Optional<VmConfig> base, Map<String, String> env)
            throws CliException {
        VmConfig.Builder b = base.map(VmConfig::toBuilder).orElseGet(ConfigBuilder::openVmmDefaults);
        b.memory(memory(options, base.map(VmConfig::memory)));
        if (options.machine().processors() != null) {
            b.processors(parse("--processors", () -> MachineLimits.processors(options.machine().processors())));
        }
        if (options.machine().hypervisor() != null) {
            b.hypervisor(hypervisor(options.machine().hypervisor()));
        }
        b.load(LoadModes.build(options.boot(), base.map(VmConfig::load)));
        String[] com = options.serial().com();
        for (int i = 0; i < com.length; i++) {
            if (com[i] != null) {
                b.serial(new SerialPortConfig(i, comHandle("--com" + (i + 1), com[i])));
            }
        }
        b.paused(options.process().paused() || base.map(VmConfig::paused).orElse(false));
        b.deterministic(options.jvmm().deterministic() || base.map(VmConfig::deterministic).orElse(false));
        VirtioDevices.build(options, env).forEach(b::virtioDevice);
        NvmeDevices.build(options, env).ifPresent(b::pciDevice);
        b.guestActions(guestActions(options, base.map(VmConfig::guestActions).orElse(GuestActions.DEFAULT)));
        try {
            VmConfig built = b.build();
            List<ResourceHandle> start = base.isPresent() ? built.chipsetDevices() : ChipsetDevices.pcBase(built.deterministic());
            boolean needsPci = !built.pciDevices().isEmpty()
                    || built.virtioDevices().stream().anyMatch(d -> d.bus().equals("pci"));
            VmConfig config = withChipsetDevices(built, ChipsetDevices.build(options, start, needsPci));
            ConsoleOwner.check(config, options);
            return config;
        } catch (IllegalArgumentException e) {
            throw new CliException(base.isPresent() ? "--config" : "jvmm", e.getMessage());
        }
    }

    private static VmConfig.Builder openVmmDefaults() {
        VmConfig.Builder b = VmConfig.builder().memoryBytes(MachineLimits.DEFAULT_MEMORY);
        b.serial(new SerialPortConfig(0, new ConsoleSerialHandle()));
        for (int i = 1; i < SerialPortConfig.COUNT; i++) {
            b.serial(new SerialPortConfig(i, new NoneSerialHandle()));
        }
        return b;
    }

    private static MemoryConfig memory(CliOptions options, Optional<MemoryConfig> base) throws CliException {
        MemoryConfig start = base.orElse(MemoryConfig.ofBytes(MachineLimits.DEFAULT_MEMORY));
        String value = options.machine().memory();
        MemorySpec m = value == null ? null : parse("--memory", () -> MemorySpecParser.parse(value));
        String legacyFile = options.machine().memoryBackingFile();
        if (legacyFile != null && m != null && m.file().isPresent()) {
            throw new CliException("--memory-backing-file", "conflicts with --memory file=...");
        }
        long size = m != null && m.size().isPresent() ? m.size().getAsLong() : start.sizeBytes();
        String file = m != null && m.file().isPresent() ? m.file().get()
                : legacyFile != null ? legacyFile : start.ramFile();
        boolean prefetch = start.prefetch() || options.machine().prefetch() || (m != null && m.prefetch());
        return new MemoryConfig(size, file, prefetch);
    }

    /** The base's actions with each of {@code --guest-reset-action}, {@code -shutdown-}, {@code -crash-} given replacing one. */
    private static GuestActions guestActions(CliOptions options, GuestActions base) {
        var o = options.guestEvents();
        return new GuestActions(action(o.resetAction(), base.onReset()), action(o.shutdownAction(), base.onPowerOff()),
                action(o.crashAction(), base.onCrash()));
    }

    private static GuestAction action(String value, GuestAction base) {
        return value == null ? base : GuestAction.parse(value);
    }

    private static HypervisorChoice hypervisor(String value) throws CliException {
        HypervisorSpec h = parse("--hypervisor", () -> HypervisorSpecParser.parse(value));
        return new HypervisorChoice(h.name(), h.params().contains(HypervisorSpecParser.FORCE));
    }

    private static VmConfig withChipsetDevices(VmConfig c, List<ResourceHandle> devices) {
        return new VmConfig(c.load(), c.memory(), c.processors(), c.hypervisor(), c.serial(), devices, c.pciDevices(),
                c.virtioDevices(), c.disks(), c.nics(), c.paused(), c.deterministic(), c.guestActions());
    }

    private static ResourceHandle comHandle(String option, String value) throws CliException {
        return serialHandle(option, parse(option, () -> SerialSpecParser.parseCom(value)).backend());
    }

    /** The {@code serial_handle} of an implemented binding; {@code option} names it in errors. */
    static ResourceHandle serialHandle(String option, SerialSpec backend) throws CliException {
        return switch (backend) {
            case SerialSpec.Console c -> new ConsoleSerialHandle();
            case SerialSpec.Stderr s -> new StderrSerialHandle();
            case SerialSpec.None n -> new NoneSerialHandle();
            case SerialSpec.File f -> new FileSerialHandle(f.path());
            case SerialSpec.Tcp t -> new TcpSerialHandle(t.address().toString());
            case SerialSpec.Pipe p -> new UnixSerialHandle(p.path());
            case SerialSpec.Term t -> throw new CliException(option, "term is not implemented yet");
        };
    }

    /** A parse step whose {@link SpecException} becomes a {@link CliException} for {@code option}. */
    @FunctionalInterface
    interface Step<T> {
        T run() throws SpecException;
    }

    static <T> T parse(String option, Step<T> step) throws CliException {
        try {
            return step.run();
        } catch (SpecException e) {
            throw new CliException(option, e.getMessage());
        }
    }

    /** The {@code -c} values as one command line, or empty when none were given. */
    static Optional<String> cmdline(List<String> parts) {
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", parts));
    }
}
