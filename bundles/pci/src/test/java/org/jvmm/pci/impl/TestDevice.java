package org.jvmm.pci.impl;

import java.util.Optional;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.PciConfigIntercept;
import org.jvmm.inspect.InspectNode;
import org.jvmm.pci.api.BarSpec;
import org.jvmm.pci.api.PciConfigSpace;
import org.jvmm.pci.api.PciConfigSpaceBuilder;
import org.jvmm.pci.api.PciIdentity;

/** An endpoint built on the device-side library: INTA, the given BARs, MSI, a PCIe capability. */
final class TestDevice implements ChipsetDevice {
    final PciConfigSpace config;
    private final String name;
    int resets;

    TestDevice(String name, BarSpec... bars) {
        this.name = name;
        PciConfigSpaceBuilder b = PciConfigSpace.builder(PciIdentity.of(0x1AF4, 0x1050, 1, 0xFF0000))
                .interruptPin(1).msi(1, false).pcieEndpoint();
        for (BarSpec s : bars) {
            b.bar(s);
        }
        this.config = b.build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<PciConfigIntercept> pciConfig() {
        return Optional.of(config);
    }

    @Override
    public void reset() {
        resets++;
        config.reset();
    }

    @Override
    public void inspect(InspectNode node) {
        config.inspect(node);
    }
}
