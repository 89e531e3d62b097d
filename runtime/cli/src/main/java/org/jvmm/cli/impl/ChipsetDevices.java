package org.jvmm.cli.impl;

import java.util.ArrayList;
import java.util.List;
import org.jvmm.chipset.resources.AcpiPmHandle;
import org.jvmm.chipset.resources.DebugExitHandle;
import org.jvmm.chipset.resources.DebugconHandle;
import org.jvmm.chipset.resources.FwCfgHandle;
import org.jvmm.chipset.resources.I8042Handle;
import org.jvmm.chipset.resources.IoApicHandle;
import org.jvmm.chipset.resources.PicHandle;
import org.jvmm.chipset.resources.PitHandle;
import org.jvmm.chipset.resources.PortSinkHandle;
import org.jvmm.chipset.resources.RtcHandle;
import org.jvmm.cli.impl.options.CliException;
import org.jvmm.cli.impl.options.CliOptions;
import org.jvmm.cli.impl.options.JvmmOptions;
import org.jvmm.cli.impl.spec.SerialSpec;
import org.jvmm.cli.impl.spec.PcieTopologyParser;
import org.jvmm.pci.resources.PcieRootComplexHandle;
import org.jvmm.cli.impl.spec.SerialSpecParser;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * The {@code chipsetDevices} of a config, derived from the options as OpenVMM's front end derives
 * its base chipset: a config built from options gets the PC base chipset; a {@code --config} file's
 * list is kept as written. {@code --debugcon} and {@code --debug-exit} then replace any device of
 * their id in the list, or are appended. The serial ports are not here: the worker turns
 * {@code serial} entries into {@code serial_16550} devices itself.
 */
final class ChipsetDevices {
    /** QEMU's I/O APIC id (ACPI_BUILD_IOAPIC_ID): I/O APIC ids need not differ from local APIC ids. */
    static final int IOAPIC_ID = 0;

    private ChipsetDevices() {
    }

    /** The RTC's start under --deterministic: a fixed time, so every run reads the same date. */
    static final String DETERMINISTIC_RTC_START = "2024-01-01T00:00:00Z";

    /**
     * The PC base chipset, interrupt controllers first so that devices resolved later find their
     * interrupt lines: 8259 PIC pair, I/O APIC, 8254 PIT, RTC/CMOS on host time (at
     * {@value #DETERMINISTIC_RTC_START} when {@code deterministic}), i8042, ACPI PM, the POST (0x80)
     * and I/O delay (0xED) port sinks, and QEMU's fw_cfg (its items are filled by the loader).
     */
    static List<ResourceHandle> pcBase(boolean deterministic) {
        RtcHandle rtc = deterministic ? new RtcHandle(DETERMINISTIC_RTC_START) : RtcHandle.hostTime();
        return List.of(new PicHandle(), IoApicHandle.standard(IOAPIC_ID), new PitHandle(), rtc,
                new I8042Handle(), AcpiPmHandle.standard(), PortSinkHandle.post(), PortSinkHandle.ioDelay(),
                new FwCfgHandle());
    }

    /**
     * {@code start} (the base config's list, or {@link #pcBase(boolean)}) with the devices of
     * {@code --debugcon} and {@code --debug-exit}.
     */
    static List<ResourceHandle> build(CliOptions options, List<ResourceHandle> start) throws CliException {
        return build(options, start, false);
    }

    /** As {@link #build(CliOptions, List)}; with {@code needsPci} a default root complex when none is given. */
    static List<ResourceHandle> build(CliOptions options, List<ResourceHandle> start, boolean needsPci)
            throws CliException {
        List<ResourceHandle> devices = new ArrayList<>(start);
        try {
            PcieTopologyParser.parse(options.pcie().rootComplex(), options.pcie().rootPort(), options.pcie().pcieSwitch())
                    .ifPresent(rc -> replace(devices, rc));
        } catch (PcieTopologyParser.TopologyException e) {
            throw new CliException(e.option(), e.getMessage());
        }
        if (needsPci && devices.stream().noneMatch(d -> d instanceof PcieRootComplexHandle)) {
            devices.add(PcieRootComplexHandle.of("rc0"));
        }
        String debugcon = options.serial().debugcon();
        if (debugcon != null) {
            SerialSpec.Debugcon d = ConfigBuilder.parse("--debugcon", () -> SerialSpecParser.parseDebugcon(debugcon));
            replace(devices, new DebugconHandle(d.port(), ConfigBuilder.serialHandle("--debugcon", d.backend())));
        }
        String debugExit = options.jvmm().debugExit();
        if (debugExit != null) {
            int port = ConfigBuilder.parse("--debug-exit", () -> JvmmOptions.debugExitPort(debugExit));
            replace(devices, DebugExitHandle.at(port));
        }
        return devices;
    }

    /** Drops the devices with {@code device}'s {@code kind:id}, then appends it. */
    private static void replace(List<ResourceHandle> devices, ResourceHandle device) {
        devices.removeIf(d -> d.key().equals(device.key()));
        devices.add(device);
    }
}
