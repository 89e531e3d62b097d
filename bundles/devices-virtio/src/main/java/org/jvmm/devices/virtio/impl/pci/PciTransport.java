package org.jvmm.devices.virtio.impl.pci;

import static org.jvmm.devices.virtio.impl.pci.PciLayout.*;

import java.util.Optional;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.PciConfigIntercept;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.devices.virtio.api.VirtioDevice;
import org.jvmm.devices.virtio.impl.transport.TransportCore;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.inspect.InspectNode;
import org.jvmm.pci.api.BarSpec;
import org.jvmm.pci.api.PciConfigSpace;
import org.jvmm.pci.api.PciConfigSpaceBuilder;
import org.jvmm.pci.api.VendorCapability;

/**
 * A virtio device on the modern virtio-pci transport (virtio 1.x section 4.1): a PCI Express
 * endpoint function 1AF4:(1040 + device id), revision 1, with the structures of {@link PciLayout} in
 * one 64-bit memory BAR, announced by virtio_pci_cap capabilities, MSI-X (a vector for configuration
 * changes and one per queue) and INTA with the ISR status as the fallback. It asks for no address:
 * the PCI host places it. Function-level reset and VM reset return it to power-on state. Guest
 * accesses never throw.
 */
public final class PciTransport implements ChipsetDevice, AutoCloseable {
    private final String name;
    private final TransportCore core;
    private final PciInterrupts interrupts;
    private final CommonConfig common;
    private final ConfigWindow window;
    private final PciConfigSpace config;

    /**
     * @param name the chipset device name (unique in the VM)
     * @throws IllegalArgumentException if the device describes itself wrongly (queues, config size, id)
     */
    public PciTransport(VirtioDevice device, String name, GuestMemory memory) {
        this.name = name;
        this.interrupts = new PciInterrupts(device.queueCount());
        this.core = new TransportCore(device, memory, interrupts, DEVICE_MAX);
        this.common = new CommonConfig(core, interrupts);
        BarRegisters registers = new BarRegisters(core, common, interrupts);
        this.window = new ConfigWindow(registers);
        PciConfigSpaceBuilder b = PciConfigSpace.builder(PciLayout.identity(core.deviceId()))
                .interruptPin(1)
                .bar(BarSpec.memory64(BAR, BAR_SIZE, true, registers));
        for (VendorCapability cap : VirtioCapabilities.build(core.configSize(), core.queueCount(), window)) {
            b.capability(cap);
        }
        this.config = b.msix(interrupts.tableSize(), BAR, MSIX_TABLE, BAR, MSIX_PBA)
                .pcieEndpoint(this::functionReset)
                .build();
        interrupts.connect(config);
        window.connect(config.msix().orElseThrow());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<PciConfigIntercept> pciConfig() {
        return Optional.of(config);
    }

    /**
     * Unit {@code virtio.pci} ({@link PciState}): the PCI function (config space through the PCI
     * library, MSI-X included), the virtio registers, the transport core and the device's unit;
     * present when the device offers a unit of its own.
     */
    @Override
    public Optional<StateUnit> state() {
        return core.device().state().map(d -> new PciState(this, core.stateUnit(), d));
    }

    CommonConfig common() {
        return common;
    }

    PciInterrupts interrupts() {
        return interrupts;
    }

    /** The function's configuration space (for tests and the PCI host). */
    public PciConfigSpace configSpace() {
        return config;
    }

    /** VM reset: the function and the device return to their power-on state. */
    @Override
    public void reset() {
        config.reset();
        functionReset();
    }

    @Override
    public void close() {
        core.device().close();
    }

    @Override
    public void inspect(InspectNode node) {
        node.field("selectors", common.selectors()).field("cfg_window_accesses", window.accesses())
                .field("cfg_window_ignored", window.ignored());
        interrupts.inspect(node.child("interrupts"));
        core.inspect(node);
        node.child("pci", config);
    }

    /** After the config space has reset itself (FLR) or with it (VM reset): the virtio side. */
    void functionReset() {
        core.reset();
        common.reset();
    }
}
