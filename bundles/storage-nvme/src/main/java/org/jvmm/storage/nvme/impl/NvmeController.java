package org.jvmm.storage.nvme.impl;

import java.util.List;
import java.util.Optional;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.PciConfigIntercept;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.inspect.InspectNode;
import org.jvmm.pci.api.BarSpec;
import org.jvmm.pci.api.PciConfigSpace;
import org.jvmm.pci.api.PciIdentity;
import org.jvmm.storage.disk.api.Disk;
import org.jvmm.storage.nvme.api.NvmeNamespaceException;
import org.jvmm.storage.nvme.api.NvmeNamespaceInfo;
import org.jvmm.storage.nvme.api.NvmeNamespaces;
import org.jvmm.storage.nvme.impl.core.Controller;
import org.jvmm.storage.nvme.impl.core.ControllerIdentity;
import org.jvmm.storage.nvme.impl.spec.Limits;

/**
 * The NVMe controller as a PCI function: its config space (BAR0 registers and doorbells, BAR4
 * MSI-X table at 0 and pending bits on the next 4 KiB boundary, PCIe endpoint with function-level
 * reset) around the {@link Controller}. Closing it closes the namespaces' disks.
 */
public final class NvmeController implements ChipsetDevice, NvmeNamespaces, AutoCloseable {
    static final int MSIX_BAR = 4;
    private static final long PAGE = 0x1000;
    /** How long saving waits for the disk requests in flight. */
    static final long SAVE_WAIT_MILLIS = 10_000;

    private final ControllerIdentity identity;
    private final Controller controller;
    private final PciConfigSpace pci;
    private volatile long saveWaitMillis = SAVE_WAIT_MILLIS;

    public NvmeController(ControllerIdentity identity, GuestMemory memory) {
        this.identity = identity;
        this.controller = new Controller(identity, memory);
        int vectors = identity.msixCount();
        long pbaOffset = (vectors * 16L + PAGE - 1) & -PAGE;
        long msixBar = Math.max(PAGE, Long.highestOneBit(pbaOffset + (vectors + 63) / 64 * 8L - 1) << 1);
        this.pci = PciConfigSpace.builder(new PciIdentity(Limits.PCI_VENDOR, Limits.PCI_DEVICE, 0, Limits.NVME_CLASS,
                        Limits.PCI_VENDOR, Limits.PCI_DEVICE))
                .interruptPin(1)
                .bar(BarSpec.memory64(0, Controller.bar0Size(identity.maxIoQueues()), false, controller))
                .bar(BarSpec.memory64(MSIX_BAR, msixBar, false, null))
                .msix(vectors, MSIX_BAR, 0, MSIX_BAR, pbaOffset)
                .pcieEndpoint(controller::powerOnReset)
                .build();
        controller.attach(pci);
    }

    @Override
    public String name() {
        return identity.name();
    }

    @Override
    public Optional<PciConfigIntercept> pciConfig() {
        return Optional.of(pci);
    }

    /** The config space (for tests and inspection). */
    public PciConfigSpace configSpace() {
        return pci;
    }

    /**
     * Unit {@code nvme.controller} ({@link NvmeState}): config space, registers, features, events,
     * queues; restored into a controller built from the same handle, with the same namespaces.
     */
    @Override
    public Optional<StateUnit> state() {
        return Optional.of(new NvmeState(identity.name(), pci, controller, saveWaitMillis));
    }

    /** Shortens the wait for disk requests before a save (tests). */
    void saveWaitMillis(long millis) {
        saveWaitMillis = millis;
    }

    @Override
    public void reset() {
        pci.reset();
        controller.powerOnReset();
    }

    @Override
    public int maxNamespaceId() {
        return controller.maxNamespaceId();
    }

    @Override
    public List<NvmeNamespaceInfo> namespaces() {
        return controller.namespaceInfo();
    }

    @Override
    public int addNamespace(int nsid, Disk disk, boolean readOnly) throws NvmeNamespaceException {
        return controller.addNamespace(nsid, disk, readOnly);
    }

    @Override
    public void removeNamespace(int nsid) throws NvmeNamespaceException {
        controller.removeNamespace(nsid);
    }

    /** Failures inside the device that were logged instead of thrown (0 unless there is a bug). */
    public long internalErrors() {
        return controller.internalErrors();
    }

    @Override
    public void close() {
        controller.close();
    }

    @Override
    public void inspect(InspectNode node) {
        node.field("subsystem", identity.subsystemNqn()).field("serial", identity.serial())
                .field("maxIoQueues", identity.maxIoQueues()).field("msixVectors", identity.msixCount());
        node.child("controller", controller::inspect);
        node.child("pci", pci);
    }
}
