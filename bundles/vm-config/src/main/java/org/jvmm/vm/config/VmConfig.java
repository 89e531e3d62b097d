package org.jvmm.vm.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * A whole VM as pure data. Lists are immutable copies (null reads as empty).
 *
 * @param load           how the guest is loaded
 * @param memory         guest RAM
 * @param processors     virtual processors
 * @param hypervisor     which backend
 * @param serial         serial ports, at most one per index
 * @param chipsetDevices {@code chipset_device_handle}s: the whole chipset apart from the serial ports
 * @param pciDevices     {@code pci_device_handle}s
 * @param virtioDevices  virtio devices other than disks and NICs
 * @param disks          disks
 * @param nics           network adapters
 * @param paused         start with processors paused
 * @param deterministic  guest time derived from retired instructions (emulator only)
 * @param guestActions   what guest resets, power-offs and crashes do (null reads as the defaults)
 */
public record VmConfig(LoadMode load, MemoryConfig memory, ProcessorConfig processors, HypervisorChoice hypervisor,
        List<SerialPortConfig> serial, List<ResourceHandle> chipsetDevices, List<ResourceHandle> pciDevices,
        List<VirtioDeviceConfig> virtioDevices, List<DiskConfig> disks, List<NicConfig> nics,
        boolean paused, boolean deterministic, GuestActions guestActions) {

    public VmConfig {
        Check.required(load, "load");
        Check.required(memory, "memory");
        Check.required(processors, "processors");
        hypervisor = hypervisor == null ? HypervisorChoice.AUTO : hypervisor;
        serial = Check.list(serial, "serial");
        chipsetDevices = Check.list(chipsetDevices, "chipsetDevices");
        pciDevices = Check.list(pciDevices, "pciDevices");
        virtioDevices = Check.list(virtioDevices, "virtioDevices");
        disks = Check.list(disks, "disks");
        nics = Check.list(nics, "nics");
        checkSerialIndexes(serial);
        guestActions = guestActions == null ? GuestActions.DEFAULT : guestActions;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder initialised from this config. */
    public Builder toBuilder() {
        Builder b = new Builder().load(load).memory(memory).processors(processors.count()).hypervisor(hypervisor)
                .paused(paused).deterministic(deterministic).guestActions(guestActions);
        b.serial.addAll(serial);
        b.chipsetDevices.addAll(chipsetDevices);
        b.pciDevices.addAll(pciDevices);
        b.virtioDevices.addAll(virtioDevices);
        b.disks.addAll(disks);
        b.nics.addAll(nics);
        return b;
    }

    private static void checkSerialIndexes(List<SerialPortConfig> serial) {
        Set<Integer> seen = new HashSet<>();
        for (SerialPortConfig port : serial) {
            if (!seen.add(port.index())) {
                throw new IllegalArgumentException("serial: " + port.name() + " configured twice");
            }
        }
    }

    /**
     * Builds a {@link VmConfig}. Defaults: no load mode ({@link LoadMode.None}), 256 MiB, one
     * processor, automatic hypervisor, no devices, running, not deterministic.
     */
    public static final class Builder {
        private LoadMode load = new LoadMode.None();
        private MemoryConfig memory = MemoryConfig.ofBytes(256L << 20);
        private int processors = 1;
        private HypervisorChoice hypervisor = HypervisorChoice.AUTO;
        private final List<SerialPortConfig> serial = new ArrayList<>();
        private final List<ResourceHandle> chipsetDevices = new ArrayList<>();
        private final List<ResourceHandle> pciDevices = new ArrayList<>();
        private final List<VirtioDeviceConfig> virtioDevices = new ArrayList<>();
        private final List<DiskConfig> disks = new ArrayList<>();
        private final List<NicConfig> nics = new ArrayList<>();
        private boolean paused;
        private boolean deterministic;
        private GuestActions guestActions = GuestActions.DEFAULT;

        private Builder() {
        }

        public Builder load(LoadMode value) {
            load = value;
            return this;
        }

        public Builder memory(MemoryConfig value) {
            memory = value;
            return this;
        }

        public Builder memoryBytes(long sizeBytes) {
            memory = MemoryConfig.ofBytes(sizeBytes);
            return this;
        }

        public Builder processors(int count) {
            processors = count;
            return this;
        }

        public Builder hypervisor(HypervisorChoice value) {
            hypervisor = value;
            return this;
        }

        /** Adds or replaces the port with the same index. */
        public Builder serial(SerialPortConfig port) {
            serial.removeIf(p -> p.index() == port.index());
            serial.add(port);
            serial.sort(java.util.Comparator.comparingInt(SerialPortConfig::index));
            return this;
        }

        public Builder chipsetDevice(ResourceHandle handle) {
            chipsetDevices.add(handle);
            return this;
        }

        public Builder pciDevice(ResourceHandle handle) {
            pciDevices.add(handle);
            return this;
        }

        public Builder virtioDevice(VirtioDeviceConfig device) {
            virtioDevices.add(device);
            return this;
        }

        public Builder disk(DiskConfig disk) {
            disks.add(disk);
            return this;
        }

        public Builder nic(NicConfig nic) {
            nics.add(nic);
            return this;
        }

        public Builder paused(boolean value) {
            paused = value;
            return this;
        }

        public Builder deterministic(boolean value) {
            deterministic = value;
            return this;
        }

        public Builder guestActions(GuestActions value) {
            guestActions = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the field whose invariant fails */
        public VmConfig build() {
            return new VmConfig(load, memory, new ProcessorConfig(processors), hypervisor, serial, chipsetDevices,
                    pciDevices, virtioDevices, disks, nics, paused, deterministic, guestActions);
        }
    }
}
