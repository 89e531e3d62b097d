package org.jvmm.vm.worker.impl.chipset;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.InterruptController;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.MmioIntercept;
import org.jvmm.chipset.api.MmioMapper;
import org.jvmm.chipset.api.MmioRange;
import org.jvmm.chipset.api.PortIoIntercept;
import org.jvmm.hv.api.CpuIo;
import org.jvmm.inspect.InspectNode;

/**
 * The VM's chipset as the processors see it: port I/O and MMIO dispatch to devices, and the
 * interrupt acknowledge and EOI paths. Guest accesses never throw: an unclaimed read or a failed
 * access gives all ones, a failed write is dropped, and the failure is counted on the device.
 */
public final class ChipsetBus implements CpuIo, MmioMapper {
    private static final System.Logger LOG = System.getLogger(ChipsetBus.class.getName());

    private final PortMap ports = new PortMap();
    private final MmioMap mmio = new MmioMap();
    private final InterruptRouter router;
    private final IoValue[] values;
    private final List<Attached> devices = new CopyOnWriteArrayList<>();
    private volatile java.util.function.BiConsumer<ChipsetDevice, RuntimeException> onThrow = (d, e) -> { };
    private final Map<MmioIntercept, DeviceSlot> byIntercept = new IdentityHashMap<>();
    private final LongAdder unclaimedPortReads = new LongAdder();
    private final LongAdder unclaimedPortWrites = new LongAdder();
    private final LongAdder unclaimedMmioReads = new LongAdder();
    private final LongAdder unclaimedMmioWrites = new LongAdder();

    private record Attached(ChipsetDevice device, DeviceSlot slot) {
    }

    public ChipsetBus(InterruptRouter router, int processorCount) {
        this.router = router;
        this.values = new IoValue[processorCount];
        for (int i = 0; i < processorCount; i++) {
            values[i] = new IoValue();
        }
    }

    /** Attaches {@code device}'s ports, MMIO ranges and interrupt-controller role, all or nothing. */
    public synchronized DeviceSlot add(ChipsetDevice device) throws DeviceConflictException {
        String name = device.name();
        if (find(name).isPresent()) {
            throw new DeviceConflictException("chipset: two devices named " + name);
        }
        DeviceSlot slot = new DeviceSlot(name);
        Optional<PortIoIntercept> pio = device.portIo();
        Optional<MmioIntercept> mio = device.mmio();
        Optional<InterruptController> ic = device.interruptController();
        if (pio.isPresent()) {
            ports.add(slot, pio.get());
        }
        try {
            if (mio.isPresent()) {
                mmio.add(slot, mio.get(), mio.get().mmioRanges());
                byIntercept.put(mio.get(), slot);
            }
            if (ic.isPresent()) {
                router.add(name, ic.get());
            }
        } catch (DeviceConflictException e) {
            ports.remove(slot);
            mmio.remove(slot);
            mio.ifPresent(byIntercept::remove);
            throw e;
        }
        devices.add(new Attached(device, slot));
        return slot;
    }

    /**
     * Detaches a hot-removed {@code device}: its ports, static MMIO ranges and the BARs it mapped.
     * Interrupt controllers cannot be removed.
     *
     * @return false when the device was not attached
     */
    public synchronized boolean remove(ChipsetDevice device) {
        Attached a = devices.stream().filter(x -> x.device() == device).findFirst().orElse(null);
        if (a == null) {
            return false;
        }
        if (device.interruptController().isPresent()) {
            throw new IllegalArgumentException("chipset: the interrupt controller " + a.slot().name()
                    + " cannot be removed");
        }
        ports.remove(a.slot());
        mmio.remove(a.slot());
        device.mmio().ifPresent(byIntercept::remove);
        devices.remove(a);
        return true;
    }

    /**
     * Told (on the accessing thread) when a device's port or MMIO handler throws: the VM takes a
     * faulty hot-added device out. The guest's access still completes (reads give all ones).
     */
    public void onThrow(java.util.function.BiConsumer<ChipsetDevice, RuntimeException> listener) {
        onThrow = listener;
    }

    private void reportThrow(DeviceSlot slot, RuntimeException ex) {
        for (Attached a : devices) {
            if (a.slot() == slot) {
                onThrow.accept(a.device(), ex);
                return;
            }
        }
    }

    /** The devices in the order they were added. */
    public List<ChipsetDevice> devices() {
        return devices.stream().map(Attached::device).toList();
    }

    public Optional<DeviceSlot> find(String name) {
        return devices.stream().map(Attached::slot).filter(s -> s.name().equals(name)).findFirst();
    }

    /** Resets every device; the first failure is rethrown naming the device, after all have run. */
    public void resetDevices() {
        List<String> failures = new ArrayList<>();
        for (Attached a : devices) {
            try {
                a.device().reset();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "reset of chipset device " + a.slot().name() + " failed", e);
                failures.add(a.slot().name() + ": " + e);
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("device reset failed: " + String.join("; ", failures));
        }
    }

    @Override
    public long ioRead(int vp, int port, int size) {
        PortMap.Entry e = ports.at(port);
        if (e == null) {
            unclaimedPortReads.increment();
            return ones(size);
        }
        DeviceSlot slot = e.slot();
        slot.read();
        IoValue v = value(vp);
        v.set(0);
        try {
            IoResult r = e.io().ioRead(port, size, v);
            if (r != IoResult.OK) {
                slot.failed("port read", port, size, r);
                return ones(size);
            }
        } catch (RuntimeException ex) {
            slot.threw("port read", port, size, ex);
            reportThrow(slot, ex);
            return ones(size);
        }
        return v.get() & ones(size);
    }

    @Override
    public void ioWrite(int vp, int port, int size, long value) {
        PortMap.Entry e = ports.at(port);
        if (e == null) {
            unclaimedPortWrites.increment();
            return;
        }
        DeviceSlot slot = e.slot();
        slot.write();
        try {
            IoResult r = e.io().ioWrite(port, size, value & ones(size));
            if (r != IoResult.OK) {
                slot.failed("port write", port, size, r);
            }
        } catch (RuntimeException ex) {
            slot.threw("port write", port, size, ex);
            reportThrow(slot, ex);
        }
    }

    @Override
    public long mmioRead(int vp, long address, int size) {
        MmioMap.Entry e = mmio.find(address);
        if (e == null) {
            unclaimedMmioReads.increment();
            return ones(size);
        }
        DeviceSlot slot = e.slot();
        slot.read();
        IoValue v = value(vp);
        v.set(0);
        try {
            IoResult r = e.io().mmioRead(address, size, v);
            if (r != IoResult.OK) {
                slot.failed("mmio read", address, size, r);
                return ones(size);
            }
        } catch (RuntimeException ex) {
            slot.threw("mmio read", address, size, ex);
            reportThrow(slot, ex);
            return ones(size);
        }
        return v.get() & ones(size);
    }

    @Override
    public void mmioWrite(int vp, long address, int size, long value) {
        MmioMap.Entry e = mmio.find(address);
        if (e == null) {
            unclaimedMmioWrites.increment();
            return;
        }
        DeviceSlot slot = e.slot();
        slot.write();
        try {
            IoResult r = e.io().mmioWrite(address, size, value & ones(size));
            if (r != IoResult.OK) {
                slot.failed("mmio write", address, size, r);
            }
        } catch (RuntimeException ex) {
            slot.threw("mmio write", address, size, ex);
            reportThrow(slot, ex);
        }
    }

    @Override
    public int acknowledgePicInterrupt() {
        return router.acknowledge();
    }

    @Override
    public void handleEoi(int vector) {
        router.endOfInterrupt(vector);
    }

    /** Maps a range at run time; a device not on this bus is counted under the range's name. */
    @Override
    public synchronized void map(MmioRange range, MmioIntercept target) {
        DeviceSlot slot = byIntercept.getOrDefault(target, new DeviceSlot(range.name()));
        try {
            mmio.add(slot, target, List.of(range));
        } catch (DeviceConflictException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    @Override
    public void unmap(MmioRange range) {
        if (!mmio.remove(range)) {
            throw new IllegalArgumentException("mmio " + range + " is not mapped");
        }
    }

    /** {@code chipset/<name>}: the device's own inspect, plus {@code bus}: its ports, MMIO ranges and counters. */
    public void inspectDevices(InspectNode node) {
        for (Attached a : devices) {
            node.child(a.slot().name(), a.device());
            InspectNode io = node.child(a.slot().name()).child("bus");
            a.slot().inspect(io);
            ports.rangesOf(a.slot()).forEach(r -> io.field("port " + r.name(),
                    String.format("0x%x-0x%x", r.start(), r.start() + r.length() - 1)));
            mmio.rangesOf(a.slot()).forEach(r -> io.field("mmio " + r.name(),
                    String.format("0x%x-0x%x", r.start(), r.start() + r.length() - 1)));
        }
    }

    /** {@code io}: unclaimed accesses and errors per device. */
    public void inspectIo(InspectNode node) {
        InspectNode u = node.child("unclaimed");
        u.field("portReads", unclaimedPortReads.sum());
        u.field("portWrites", unclaimedPortWrites.sum());
        u.field("mmioReads", unclaimedMmioReads.sum());
        u.field("mmioWrites", unclaimedMmioWrites.sum());
        InspectNode errors = node.child("errors");
        devices.forEach(a -> errors.field(a.slot().name(), a.slot().errorCount()));
    }

    private IoValue value(int vp) {
        return vp >= 0 && vp < values.length ? values[vp] : new IoValue();
    }

    static long ones(int size) {
        return size >= 8 ? -1L : (1L << (size * 8)) - 1;
    }
}
