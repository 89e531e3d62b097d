package org.jvmm.vm.worker.impl.fake;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.MmioRange;
import org.jvmm.chipset.api.PciAddress;
import org.jvmm.chipset.api.PciAttachException;
import org.jvmm.chipset.api.PciHost;
import org.jvmm.chipset.api.PciHostInfo;
import org.jvmm.chipset.api.PciPlacement;
import org.jvmm.chipset.api.PortRange;

/**
 * A PCI host with the ports {@code rp0} (native hot-plug) and {@code rp1} (none): records attaches
 * and detaches; an orderly removal completes at once when {@link #guestReleases}, else when the
 * test completes the future in {@link #pending}.
 */
public final class FakePciHost implements ChipsetDevice, PciHost {
    public final Map<ChipsetDevice, PciPlacement> attached = new ConcurrentHashMap<>();
    public final List<String> log = new CopyOnWriteArrayList<>();
    public final List<CompletableFuture<Void>> pending = new CopyOnWriteArrayList<>();
    public volatile boolean guestReleases = true;

    @Override
    public String name() {
        return "pcihost";
    }

    @Override
    public Optional<PciHost> pciHost() {
        return Optional.of(this);
    }

    /** Saves how many functions are attached; restore checks the rebuilt host has as many. */
    @Override
    public Optional<org.jvmm.chipset.api.StateUnit> state() {
        return Optional.of(new IntUnit("test.pcihost", attached::size, n -> {
            if (n != attached.size()) {
                throw new IllegalStateException("saved " + n + " functions, " + attached.size() + " attached");
            }
        }));
    }

    @Override
    public void reset() {
    }

    @Override
    public void inspect(org.jvmm.inspect.InspectNode node) {
        node.field("attached", attached.size());
    }

    @Override
    public PciHostInfo info() {
        return new PciHostInfo("pcihost", 0, 0, 255, 0xE000_0000L, new PortRange("cf8", 0xCF8, 8),
                new MmioRange("low", 0xC000_0000L, 0x1000_0000L), Optional.empty(), new PortRange("io", 0xC000, 0x1000),
                List.of(), List.of(), true);
    }

    @Override
    public List<PciPortInfo> ports() {
        return List.of(new PciPortInfo("rp0", true, null), new PciPortInfo("rp1", false, null));
    }

    @Override
    public synchronized PciAddress attach(PciPlacement placement, ChipsetDevice device) throws PciAttachException {
        if (placement.port() != null && attached.containsValue(placement)) {
            throw new PciAttachException("port " + placement.port() + " is occupied");
        }
        attached.put(device, placement);
        log.add("attach " + device.name() + " at " + placement);
        return new PciAddress(placement.port() == null ? 0 : placement.port().equals("rp0") ? 1 : 2, 0, 0);
    }

    @Override
    public synchronized void detach(ChipsetDevice device) throws PciAttachException {
        if (attached.remove(device) == null) {
            throw new PciAttachException(device.name() + " is not attached");
        }
        log.add("detach " + device.name());
    }

    @Override
    public CompletableFuture<Void> requestDetach(ChipsetDevice device, Duration timeout) throws PciAttachException {
        log.add("button " + device.name());
        if (guestReleases) {
            detach(device);
            return CompletableFuture.runAsync(() -> { });
        }
        CompletableFuture<Void> gone = new CompletableFuture<>();
        pending.add(gone);
        return gone.thenRun(() -> {
            try {
                detach(device);
            } catch (PciAttachException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
