package org.jvmm.examples.edu.impl;

import java.util.Optional;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.PciConfigIntercept;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.inspect.InspectNode;
import org.jvmm.pci.api.BarSpec;
import org.jvmm.pci.api.PciConfigSpace;
import org.jvmm.pci.api.PciIdentity;

/**
 * The edu device as a PCI function: 1234:11E8, class "other unclassified" (0x00FF00), BAR0 a
 * 1 MiB 32-bit memory BAR holding {@link EduRegisters}, INTA, one MSI vector and a PCIe endpoint
 * capability. Interrupts go out as MSI when the guest enabled it, else as INTx held while the
 * interrupt status is non-zero (the config space mutes INTx while MSI is on).
 */
public final class EduDevice implements ChipsetDevice, EduBus {
    static final int VENDOR = 0x1234;
    static final int DEVICE = 0x11E8;
    static final int CLASS_OTHER = 0x00FF00;

    private final String name;
    private final EduRegisters registers;
    private final PciConfigSpace pci;

    public EduDevice(String name, GuestMemory memory) {
        this.name = name;
        this.registers = new EduRegisters(new EduDma(memory), this);
        this.pci = PciConfigSpace.builder(PciIdentity.of(VENDOR, DEVICE, 0x10, CLASS_OTHER))
                .interruptPin(1)
                .bar(BarSpec.memory32(0, EduRegisters.BAR_SIZE, false, registers))
                .msi(1, false)
                .pcieEndpoint()
                .build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<PciConfigIntercept> pciConfig() {
        return Optional.of(pci);
    }

    /** The config space (for tests). */
    PciConfigSpace configSpace() {
        return pci;
    }

    /** BAR0's registers (for tests). */
    EduRegisters registers() {
        return registers;
    }

    @Override
    public void reset() {
        pci.reset();
        registers.reset();
    }

    @Override
    public boolean busMasterEnabled() {
        return pci.busMasterEnabled();
    }

    @Override
    public void interrupt(int status, boolean raised) {
        pci.setIntx(status != 0);
        if (raised) {
            pci.signal(0);
        }
    }

    @Override
    public void inspect(InspectNode node) {
        node.child("registers", registers::inspect);
        node.child("pci", pci);
    }
}
