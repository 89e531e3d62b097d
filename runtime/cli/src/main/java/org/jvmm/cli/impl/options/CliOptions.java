package org.jvmm.cli.impl.options;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The jvmm command line: every option of OpenVMM's {@code openvmm_entry} (names, short forms,
 * value syntax) plus jvmm's own, in one mixin per help section. Values are kept as the strings
 * given; {@link OptionValidator} checks them against each group's {@link OptionRule}s.
 */
@Command(name = "jvmm", sortOptions = false, usageHelpAutoWidth = true,
        description = "jvmm: a virtual machine monitor on the JVM, with OpenVMM's command line.%n"
                + "Options marked [not implemented] are parsed and checked, then rejected.")
public final class CliOptions {
    @Mixin
    JvmmOptions jvmm;
    @Mixin
    BootOptions boot;
    @Mixin
    MachineOptions machine;
    @Mixin
    SerialOptions serial;
    @Mixin
    StorageOptions storage;
    @Mixin
    NetworkOptions network;
    @Mixin
    VirtioOptions virtio;
    @Mixin
    FirmwareOptions firmware;
    @Mixin
    PcieOptions pcie;
    @Mixin
    HyperVOptions hyperV;
    @Mixin
    GuestEventOptions guestEvents;
    @Mixin
    ProcessOptions process;

    /** Every group, in help order. */
    public List<OptionGroup> groups() {
        return List.of(jvmm, boot, machine, serial, storage, network, virtio, firmware, pcie, hyperV,
                guestEvents, process);
    }

    public JvmmOptions jvmm() {
        return jvmm;
    }

    public BootOptions boot() {
        return boot;
    }

    public MachineOptions machine() {
        return machine;
    }

    public SerialOptions serial() {
        return serial;
    }

    public StorageOptions storage() {
        return storage;
    }

    public NetworkOptions network() {
        return network;
    }

    public PcieOptions pcie() {
        return pcie;
    }

    public VirtioOptions virtio() {
        return virtio;
    }

    public GuestEventOptions guestEvents() {
        return guestEvents;
    }

    public ProcessOptions process() {
        return process;
    }
}
