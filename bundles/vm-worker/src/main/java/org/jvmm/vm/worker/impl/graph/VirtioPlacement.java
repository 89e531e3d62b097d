package org.jvmm.vm.worker.impl.graph;

import java.util.ArrayList;
import java.util.List;
import org.jvmm.vm.config.VirtioDeviceConfig;
import org.jvmm.vm.config.VirtioMmioHandle;
import org.jvmm.vm.worker.VmLaunchException;

/**
 * Where the virtio-mmio transports go: 512-byte register windows from {@link #MMIO_BASE} (below
 * the IOAPIC, as QEMU's microvm places them) and one IOAPIC-only GSI each from {@link #FIRST_GSI}.
 * The guest finds them through the DSDT ({@code LNRO0005}).
 */
final class VirtioPlacement {
    static final long MMIO_BASE = 0xFEB0_0000L;
    static final int FIRST_GSI = 16;
    static final int MAX_MMIO = 8;
    /** With a PCI host, whose INTx lines take GSIs 20..23 by default. */
    static final int MAX_MMIO_WITH_PCI = 4;

    private VirtioPlacement() {
    }

    /**
     * The transport handles for the entries that go on the mmio bus, in config order; {@code auto}
     * goes there too unless {@code pciAvailable}.
     */
    static List<Placed> mmio(List<VirtioDeviceConfig> devices, boolean pciAvailable) throws VmLaunchException {
        List<Placed> placed = new ArrayList<>();
        int max = pciAvailable ? MAX_MMIO_WITH_PCI : MAX_MMIO;
        for (int i = 0; i < devices.size(); i++) {
            VirtioDeviceConfig d = devices.get(i);
            if (d.bus().equals("mmio") || d.bus().equals("auto") && !pciAvailable) {
                int n = placed.size();
                if (n == max) {
                    throw new VmLaunchException("virtioDevices[" + i + "]: at most " + max
                            + " virtio-mmio devices (one IOAPIC input each" + (pciAvailable ? ", next to PCI's" : "")
                            + "); put the rest on pci");
                }
                placed.add(new Placed(i, new VirtioMmioHandle(d.device(), MMIO_BASE + n * VirtioMmioHandle.WINDOW,
                        FIRST_GSI + n)));
            }
        }
        return placed;
    }

    /** A transport for {@code virtioDevices[index]}. */
    record Placed(int index, VirtioMmioHandle handle) {
        String path() {
            return "virtioDevices[" + index + "]";
        }
    }
}
