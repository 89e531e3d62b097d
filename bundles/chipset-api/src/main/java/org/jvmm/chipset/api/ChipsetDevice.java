package org.jvmm.chipset.api;

import java.util.Optional;
import org.jvmm.inspect.Inspectable;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A device on the VM's chipset. Each intercept is optional; the chipset asks once, when the device
 * is added, and routes guest accesses to it from then on. Calls come from VP threads and the
 * chipset's poll thread: implementations synchronise their own state.
 */
@ConsumerType
public interface ChipsetDevice extends Inspectable {
    /** A short unique name within the VM, e.g. {@code com1}, {@code pic}, {@code pit}. */
    String name();

    default Optional<PortIoIntercept> portIo() {
        return Optional.empty();
    }

    default Optional<MmioIntercept> mmio() {
        return Optional.empty();
    }

    default Optional<PciConfigIntercept> pciConfig() {
        return Optional.empty();
    }

    default Optional<PollDevice> poll() {
        return Optional.empty();
    }

    /** Present on the PIC and the IOAPIC: the chipset wires interrupt lines to it. */
    default Optional<InterruptController> interruptController() {
        return Optional.empty();
    }

    /** How the device is described in the DSDT, for devices guests find only through ACPI. */
    default Optional<AcpiDeviceInfo> acpi() {
        return Optional.empty();
    }

    /**
     * Present on a PCI(e) host bridge: where the VM worker attaches {@code pci_device_handle}
     * devices, and what the ACPI tables must describe ({@link PciHost#info()}).
     */
    default Optional<PciHost> pciHost() {
        return Optional.empty();
    }

    /**
     * Present on a device that can save and restore its state (snapshots, live device update). A VM
     * with a device that offers none refuses to save, naming the device.
     */
    default Optional<StateUnit> state() {
        return Optional.empty();
    }

    /** Returns the device to its power-on state (VM reset). */
    void reset();
}
