package org.jvmm.devices.virtio.impl.transport;

import static org.jvmm.devices.virtio.impl.transport.DeviceStatus.DEVICE_NEEDS_RESET;
import static org.jvmm.devices.virtio.impl.transport.DeviceStatus.DRIVER_OK;
import static org.jvmm.devices.virtio.impl.transport.DeviceStatus.FEATURES_OK;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jvmm.chipset.api.SaveRefusedException;
import org.jvmm.chipset.api.StateCodec;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.chipset.api.StateUnitException;
import org.jvmm.devices.virtio.api.VirtQueue;
import org.jvmm.devices.virtio.api.VirtioActivation;
import org.jvmm.devices.virtio.api.VirtioDevice;
import org.jvmm.devices.virtio.api.VirtioDeviceEvents;
import org.jvmm.devices.virtio.api.VirtioFeatures;
import org.jvmm.devices.virtio.impl.queue.DisabledQueue;
import org.jvmm.devices.virtio.impl.queue.QueueEvents;
import org.jvmm.devices.virtio.impl.queue.QueueParams;
import org.jvmm.devices.virtio.impl.queue.SplitQueue;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.inspect.InspectNode;
import org.jvmm.inspect.Inspectable;

/**
 * Status, features, queue configuration and activation of one virtio device behind a transport.
 * Register accesses synchronise on the core; the event methods ({@link QueueEvents},
 * {@link VirtioDeviceEvents}) do not, so device and I/O threads can raise them while a VP thread
 * holds the core (lock order: core, device, queue, interrupt state). Nothing thrown by the device
 * escapes: it becomes DEVICE_NEEDS_RESET. Its saved state is unit {@code virtio.transport}
 * ({@link #stateUnit()}).
 */
public final class TransportCore implements QueueEvents, VirtioDeviceEvents, Inspectable {
    static final String UNIT = "virtio.transport";
    private static final int VERSION = 1;

    private final VirtioDevice device;
    private final GuestMemory memory;
    private final TransportInterrupts interrupts;
    private final GuestErrorLog log;
    private final int deviceId;
    private final long offered;
    private final int configSize;
    private final QueueSlot[] slots;
    private final AtomicReference<String> needsReset = new AtomicReference<>();
    private final AtomicInteger configGeneration = new AtomicInteger();
    private volatile boolean driverOk;
    private long driverFeatures;
    private int status;
    private VirtQueue[] active;
    private long notifies;
    private long ignoredNotifies;
    private long resets;

    /**
     * @throws IllegalArgumentException if the device describes itself wrongly (queue count or sizes,
     *                                  config larger than {@code maxConfigSize})
     */
    public TransportCore(VirtioDevice device, GuestMemory memory, TransportInterrupts interrupts, int maxConfigSize) {
        this.device = device;
        this.memory = memory;
        this.interrupts = interrupts;
        this.log = new GuestErrorLog(device.name());
        this.deviceId = device.deviceId();
        this.offered = device.deviceFeatures() & VirtioFeatures.DEVICE_MASK | VirtioFeatures.TRANSPORT_OFFERED;
        this.configSize = device.configSize();
        int count = device.queueCount();
        if (count < 1 || count > 64) {
            throw new IllegalArgumentException(device.name() + ": queue count " + count + " is not 1..64");
        }
        if (configSize < 0 || configSize > maxConfigSize) {
            throw new IllegalArgumentException(device.name() + ": config size " + configSize + " is not 0.." + maxConfigSize);
        }
        this.slots = new QueueSlot[count];
        for (int q = 0; q < count; q++) {
            int max = device.maxQueueSize(q);
            if (max < 1 || max > QueueParams.MAX_SIZE || (max & (max - 1)) != 0) {
                throw new IllegalArgumentException(device.name() + ": queue " + q + " size " + max
                        + " is not a power of two in 1..32768");
            }
            slots[q] = new QueueSlot(max);
        }
    }

    public VirtioDevice device() {
        return device;
    }

    public int deviceId() {
        return deviceId;
    }

    public int configSize() {
        return configSize;
    }

    public int queueCount() {
        return slots.length;
    }

    public int configGeneration() {
        return configGeneration.get();
    }

    /** Offered feature bits {@code [32 * sel, 32 * sel + 32)}; 0 past bit 63. */
    public int deviceFeatures(int sel) {
        return word(offered, sel);
    }

    /** Driver feature bits {@code [32 * sel, 32 * sel + 32)} as written so far; 0 past bit 63. */
    public synchronized int driverFeatures(int sel) {
        return word(driverFeatures, sel);
    }

    /** Sets driver feature word {@code sel} (0 or 1); ignored once FEATURES_OK is set. */
    public synchronized void setDriverFeatures(int sel, int value) {
        if ((status & FEATURES_OK) != 0 || sel < 0 || sel > 1) {
            return;
        }
        long mask = 0xFFFF_FFFFL << (32 * sel);
        driverFeatures = driverFeatures & ~mask | (Integer.toUnsignedLong(value) << (32 * sel)) & mask;
    }

    public synchronized int status() {
        return status | (needsReset.get() != null ? DEVICE_NEEDS_RESET : 0);
    }

    /**
     * The driver writes the status register: 0 resets; otherwise bits are only ever added. FEATURES_OK
     * sticks only for an acceptable feature set (a subset of the offer, with VERSION_1); DRIVER_OK
     * after FEATURES_OK activates the device.
     */
    public synchronized void writeStatus(int value) {
        if ((value & 0xFF) == 0) {
            reset();
            return;
        }
        int v = value & 0xFF & ~DEVICE_NEEDS_RESET;
        int added = v & ~status;
        if ((added & FEATURES_OK) != 0 && !featuresAcceptable()) {
            v &= ~FEATURES_OK;
            added &= ~FEATURES_OK;
        }
        if ((added & DRIVER_OK) != 0 && (v & FEATURES_OK) == 0) {
            v &= ~DRIVER_OK;
            added &= ~DRIVER_OK;
        }
        status |= v;
        if ((added & DRIVER_OK) != 0) {
            activate();
        }
    }

    public synchronized int maxQueueSize(int q) {
        return valid(q) ? slots[q].maxSize : 0;
    }

    public synchronized int queueSize(int q) {
        return valid(q) ? slots[q].size : 0;
    }

    public synchronized boolean queueReady(int q) {
        return valid(q) && slots[q].ready;
    }

    public synchronized long queueAddress(int q, QueueArea area) {
        if (!valid(q)) {
            return 0;
        }
        return switch (area) {
            case DESC -> slots[q].desc;
            case DRIVER -> slots[q].avail;
            case DEVICE -> slots[q].used;
        };
    }

    /** Sets the driver's queue size; ignored for a ready queue or after DRIVER_OK (checked at DRIVER_OK). */
    public synchronized void setQueueSize(int q, int size) {
        if (configurable(q)) {
            slots[q].size = size;
        }
    }

    /** Sets the low ({@code high == false}) or high half of a queue area's address. */
    public synchronized void setQueueAddress(int q, QueueArea area, boolean high, int value) {
        if (!configurable(q)) {
            return;
        }
        QueueSlot s = slots[q];
        long old = switch (area) {
            case DESC -> s.desc;
            case DRIVER -> s.avail;
            case DEVICE -> s.used;
        };
        long v = Integer.toUnsignedLong(value);
        long updated = high ? old & 0xFFFF_FFFFL | v << 32 : old & ~0xFFFF_FFFFL | v;
        switch (area) {
            case DESC -> s.desc = updated;
            case DRIVER -> s.avail = updated;
            case DEVICE -> s.used = updated;
        }
    }

    /** Enables a queue (its parameters are checked at DRIVER_OK); disabling one is not supported. */
    public synchronized void setQueueReady(int q, boolean ready) {
        if (ready && configurable(q)) {
            slots[q].ready = true;
        }
    }

    /** The driver notified queue {@code q}: passed to the device after DRIVER_OK unless it needs a reset. */
    public synchronized void notifyQueue(int q) {
        notifies++;
        if (active == null || needsReset.get() != null || !valid(q)) {
            ignoredNotifies++;
            return;
        }
        try {
            device.queueNotify(q);
        } catch (RuntimeException e) {
            deviceFailed("queue notify", e);
        }
    }

    /** Reads config space; the caller has checked {@code offset + size <= configSize()}. */
    public synchronized long readConfig(int offset, int size) {
        try {
            return device.readConfig(offset, size);
        } catch (RuntimeException e) {
            deviceFailed("config read", e);
            return 0;
        }
    }

    /** Writes config space; the caller has checked the bounds. */
    public synchronized void writeConfig(int offset, int size, long value) {
        try {
            device.writeConfig(offset, size, value);
        } catch (RuntimeException e) {
            deviceFailed("config write", e);
        }
    }

    /** Device reset: closes the queues, resets the device, forgets the negotiation and interrupts. */
    public synchronized void reset() {
        resets++;
        resetState();
    }

    private void resetState() {
        if (active != null) {
            for (VirtQueue q : active) {
                if (q instanceof SplitQueue s) {
                    s.close();
                }
            }
            active = null;
        }
        try {
            device.reset();
        } catch (RuntimeException e) {
            log.deviceError(device.name() + " reset failed", e);
        }
        status = 0;
        driverFeatures = 0;
        driverOk = false;
        for (QueueSlot s : slots) {
            s.reset();
        }
        needsReset.set(null);
        interrupts.clear();
    }

    @Override
    public void interrupt(int queue) {
        interrupts.queueInterrupt(queue);
    }

    @Override
    public void failed(int queue, String reason) {
        needsReset("queue " + queue + ": " + reason);
    }

    @Override
    public void configChanged() {
        configGeneration.incrementAndGet();
        if (driverOk) {
            interrupts.configInterrupt();
        }
    }

    @Override
    public void needsReset(String reason) {
        if (flagNeedsReset(reason)) {
            log.guestError(reason);
        }
    }

    /** Why the device needs a reset, if it does. */
    public Optional<String> needsResetReason() {
        return Optional.ofNullable(needsReset.get());
    }

    @Override
    public synchronized void inspect(InspectNode node) {
        node.field("device_id", deviceId).hex("status", status()).hex("offered_features", offered)
                .hex("driver_features", driverFeatures).field("config_generation", configGeneration.get())
                .field("notifies", notifies).field("ignored_notifies", ignoredNotifies).field("resets", resets)
                .field("errors", log.count()).field("device_failures", log.deviceErrors());
        needsResetReason().ifPresent(r -> node.field("needs_reset", r));
        InspectNode queues = node.child("queues");
        for (int q = 0; q < slots.length; q++) {
            InspectNode n = queues.child(Integer.toString(q));
            if (active != null && active[q] instanceof SplitQueue s) {
                s.inspect(n);
            } else {
                n.field("max_size", slots[q].maxSize).field("ready", slots[q].ready);
            }
        }
        node.child("device", device);
    }

    /**
     * Unit {@code virtio.transport} ({@link SavedCore}). Saving refuses while the device still holds
     * a chain of a queue in use (its own unit, saved first, must have finished or given them back).
     * Restoring expects the core as after {@link #reset()} (the transport resets it, then restores the
     * device's unit, then this); it reactivates a device the driver had set DRIVER_OK on with queues
     * that go on from the saved ring positions, so the driver needs no reset. A device that needed a
     * reset still does.
     */
    public StateUnit stateUnit() {
        return new StateUnit() {
            @Override
            public String unitName() {
                return UNIT;
            }

            @Override
            public int version() {
                return VERSION;
            }

            @Override
            public byte[] save() {
                return StateCodec.write(snapshot()::write);
            }

            @Override
            public void restore(int version, byte[] state) throws StateUnitException {
                SavedCore[] saved = new SavedCore[1];
                StateCodec.read(this, version, state, in -> saved[0] = SavedCore.read(in));
                apply(saved[0]);
            }
        };
    }

    private synchronized SavedCore snapshot() {
        String reason = needsReset.get();
        List<SavedCore.Queue> queues = new ArrayList<>();
        for (int q = 0; q < slots.length; q++) {
            QueueSlot s = slots[q];
            SplitQueue live = active != null && active[q] instanceof SplitQueue sq ? sq : null;
            if (live != null && reason == null && live.outstanding() > 0) {
                throw new SaveRefusedException(device.name() + ": queue " + q + " has " + live.outstanding()
                        + " requests in flight; snapshots need the device idle");
            }
            queues.add(new SavedCore.Queue(s.size, s.ready, s.desc, s.avail, s.used, live != null,
                    live == null ? 0 : live.nextAvail(), live == null ? 0 : live.nextUsed()));
        }
        return new SavedCore(status, driverFeatures, configGeneration.get(), reason, queues);
    }

    private synchronized void apply(SavedCore saved) throws StateUnitException {
        if (saved.queues().size() != slots.length) {
            throw new StateUnitException(UNIT + ": the snapshot's " + device.name() + " has " + saved.queues().size()
                    + " queues, this one " + slots.length);
        }
        if (status != 0 || active != null) {
            resetState();
        }
        status = saved.status() & ~DEVICE_NEEDS_RESET;
        driverFeatures = saved.driverFeatures();
        configGeneration.set(saved.configGeneration());
        needsReset.set(saved.needsReset());
        for (int q = 0; q < slots.length; q++) {
            SavedCore.Queue sq = saved.queues().get(q);
            QueueSlot s = slots[q];
            s.size = sq.size();
            s.ready = sq.ready();
            s.desc = sq.desc();
            s.avail = sq.avail();
            s.used = sq.used();
        }
        if ((status & DRIVER_OK) == 0) {
            return;
        }
        driverOk = true;
        if (saved.needsReset() != null) {
            return;
        }
        VirtQueue[] queues = openQueues();
        if (queues == null) {
            return;
        }
        for (int q = 0; q < queues.length; q++) {
            SavedCore.Queue sq = saved.queues().get(q);
            if (queues[q] instanceof SplitQueue live && sq.active()) {
                live.restorePositions(sq.nextAvail(), sq.nextUsed());
            }
        }
        startDevice(queues);
    }

    private void activate() {
        VirtQueue[] queues = openQueues();
        if (queues != null) {
            startDevice(queues);
        }
    }

    /** The queues of an activation, or null when one is unusable (the device then needs a reset). */
    private VirtQueue[] openQueues() {
        driverOk = true;
        VirtQueue[] queues = new VirtQueue[slots.length];
        for (int q = 0; q < slots.length; q++) {
            QueueSlot s = slots[q];
            if (!s.ready) {
                queues[q] = new DisabledQueue(q);
                continue;
            }
            QueueParams p = s.params();
            Optional<String> problem = p.problem(s.maxSize, memory);
            if (problem.isPresent()) {
                needsReset("queue " + q + " (" + p + "): " + problem.get());
                return null;
            }
            queues[q] = new SplitQueue(q, p, s.maxSize, memory, driverFeatures, this);
        }
        return queues;
    }

    private void startDevice(VirtQueue[] queues) {
        active = queues;
        try {
            device.activate(new VirtioActivation(driverFeatures, List.of(queues), memory, this));
        } catch (RuntimeException e) {
            deviceFailed("activate", e);
        }
    }

    private boolean featuresAcceptable() {
        return (driverFeatures & ~offered) == 0 && (driverFeatures & VirtioFeatures.bit(VirtioFeatures.VERSION_1)) != 0;
    }

    private void deviceFailed(String operation, RuntimeException e) {
        log.deviceError(device.name() + " " + operation + " failed", e);
        flagNeedsReset(device.name() + " " + operation + " failed: " + e);
    }

    /** Sets DEVICE_NEEDS_RESET (first reason wins) and tells an active driver; true if newly set. */
    private boolean flagNeedsReset(String reason) {
        if (!needsReset.compareAndSet(null, reason)) {
            return false;
        }
        if (driverOk) {
            interrupts.configInterrupt();
        }
        return true;
    }

    private boolean valid(int q) {
        return q >= 0 && q < slots.length;
    }

    private boolean configurable(int q) {
        return valid(q) && !slots[q].ready && (status & DRIVER_OK) == 0;
    }

    private static int word(long features, int sel) {
        return sel == 0 || sel == 1 ? (int) (features >>> (32 * sel)) : 0;
    }
}
