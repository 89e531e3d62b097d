package org.jvmm.devices.virtio.impl.fuzz;

import static org.jvmm.devices.virtio.impl.fuzz.FuzzLayout.*;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Random;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.devices.virtio.api.VirtioDevice;
import org.jvmm.devices.virtio.driver.FakeLine;
import org.jvmm.devices.virtio.driver.TestRam;
import org.jvmm.devices.virtio.impl.mmio.MmioTransport;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.inspect.InspectNode;

/**
 * Drives one device behind virtio-mmio with random guest behaviour (probe sequences with odd features
 * and ring addresses, random chains, register and config accesses, host input, resets) and checks
 * after every case: no exception escaped the transport, the device wrote nothing outside the used rings
 * and buffer areas (the driver's descriptors, available rings, indirect tables and a canary are compared
 * with their state before the device ran), every new used element names a descriptor inside the
 * queue, and the transport caught no exception from the device. Deterministic for a seed.
 */
final class VirtioFuzzer implements AutoCloseable {
    static final long BASE = 0xD000_0000L;
    private static final int[] REGISTERS = {0x000, 0x004, 0x008, 0x00C, 0x010, 0x014, 0x020, 0x024, 0x030, 0x034,
        0x038, 0x044, 0x050, 0x060, 0x064, 0x070, 0x080, 0x084, 0x090, 0x094, 0x0A0, 0x0A4, 0x0AC, 0x0B0, 0x0FC};

    /** What a run reached: shows that the generator gets past the device's checks. */
    record Report(String target, long cases, long chainsOffered, long usedSeen, long needsReset, long activations,
            java.util.Map<String, Object> device) {
    }

    /** Held so the level set on it sticks: guest errors are the point of a fuzz run, not news. */
    private static final java.util.logging.Logger VIRTIO_LOG = java.util.logging.Logger.getLogger("org.jvmm.devices.virtio");

    private final FuzzTarget target;
    private final long seed;
    private final Random r;
    private final GuestMemory mem = TestRam.withHole(LOW_END, HIGH, HIGH_END - HIGH);
    private final FakeLine line = new FakeLine();
    private final ChainGenerator chains;
    private final IoValue value = new IoValue();
    private final byte[] before = new byte[(int) BUFFERS_LOW];
    private final byte[] canary = new byte[(int) (BUFFERS_LOW - CANARY)];
    private final int[] qsize = new int[QUEUES];
    private final boolean[] qproper = new boolean[QUEUES];
    private final int[] availIdx = new int[QUEUES];
    private final int[] usedSeen = new int[QUEUES];
    private VirtioDevice device;
    private MmioTransport transport;
    private int queueCount;
    private boolean initialized;
    private String action = "start";
    private long chainsOffered;
    private long used;
    private long needsReset;
    private long activations;

    VirtioFuzzer(FuzzTarget target, long seed) {
        this.target = target;
        this.seed = seed;
        this.r = new Random(seed);
        this.chains = new ChainGenerator(mem, target);
        for (int i = 0; i < canary.length; i++) {
            canary[i] = (byte) (0xC3 ^ i * 31);
        }
    }

    /** Runs {@code cases} cases; any violation is an AssertionError naming the target, seed, case and action. */
    Report run(long cases) {
        VIRTIO_LOG.setLevel(java.util.logging.Level.SEVERE);
        device = target.create(seed);
        transport = new MmioTransport(device, BASE, 5, mem, line);
        queueCount = Math.min(device.queueCount(), QUEUES);
        mem.write(CANARY, canary, 0, canary.length);
        for (long i = 0; i < cases; i++) {
            try {
                step();
                verify();
                if ((i & 255) == 0 || i == cases - 1) {
                    checkNoDeviceFailure();
                }
            } catch (Throwable t) {
                throw new AssertionError(target.name() + " seed " + seed + " case " + i + " (" + action + "): " + t, t);
            }
        }
        checkCanary();
        InspectNode node = new InspectNode();
        device.inspect(node);
        return new Report(target.name(), cases, chainsOffered, used, needsReset, activations, node.toMap());
    }

    private void step() {
        int a = r.nextInt(100);
        if (!initialized || a < 3) {
            init();
        } else if (a < 65) {
            chains();
        } else if (a < 80) {
            registers();
        } else if (a < 92) {
            config();
        } else if (a < 96) {
            action = "host activity";
            snapshot();
            target.hostActivity(r);
        } else {
            misc();
        }
    }

    private void init() {
        action = "init";
        mem.fill(0, INDIRECT_END, (byte) 0);
        snapshot();
        write(0x070, 0);
        write(0x070, 1);
        write(0x070, 3);
        long offered = read(0x010, 0x014, 0) | read(0x010, 0x014, 1) << 32;
        long features = switch (r.nextInt(20)) {
            case 0 -> r.nextLong();
            case 1 -> offered & ~(1L << 32);
            default -> offered & (r.nextLong() | 1L << 32);
        };
        write(0x024, 0);
        write(0x020, (int) features);
        write(0x024, 1);
        write(0x020, (int) (features >>> 32));
        write(0x070, 0xB);
        for (int q = 0; q < queueCount; q++) {
            setupQueue(q);
        }
        Arrays.fill(availIdx, 0);
        Arrays.fill(usedSeen, 0);
        if (r.nextInt(20) != 0) {
            write(0x070, 0xF);
            activations++;
        }
        initialized = true;
    }

    private void setupQueue(int q) {
        qproper[q] = false;
        qsize[q] = 0;
        if (r.nextInt(10) == 0) {
            return;
        }
        write(0x030, q);
        int max = (int) read(0x034, -1, 0);
        int size = switch (r.nextInt(12)) {
            case 0 -> r.nextInt(max + 3);
            case 1 -> max * 2;
            default -> 1 << r.nextInt(Integer.numberOfTrailingZeros(max) + 1);
        };
        write(0x038, size);
        long d = ringAddress(r, desc(q));
        long a = ringAddress(r, avail(q));
        long u = ringAddress(r, used(q));
        write(0x080, (int) d);
        write(0x084, (int) (d >>> 32));
        write(0x090, (int) a);
        write(0x094, (int) (a >>> 32));
        write(0x0A0, (int) u);
        write(0x0A4, (int) (u >>> 32));
        if (r.nextInt(10) != 0) {
            write(0x044, 1);
        }
        qsize[q] = size;
        qproper[q] = d == desc(q) && a == avail(q) && u == used(q) && size > 0 && size <= max && Integer.bitCount(size) == 1;
    }

    private void chains() {
        int q = r.nextInt(10) == 0 ? r.nextInt(4) : r.nextInt(queueCount);
        action = "chains on queue " + q;
        if (q < queueCount && qproper[q]) {
            availIdx[q] = chains.add(r, q, qsize[q], availIdx[q]);
            chainsOffered++;
        }
        snapshot();
        write(0x050, r.nextInt(20) == 0 ? r.nextInt() : q);
        if ((read(0x070, -1, 0) & 64) != 0) {
            needsReset++;
            if (r.nextInt(10) < 7) {
                initialized = false;
            }
        }
    }

    private void registers() {
        int off = r.nextInt(10) < 7 ? REGISTERS[r.nextInt(REGISTERS.length)] : r.nextInt(0x118) - 8;
        int size = r.nextInt(10) < 8 ? 4 : new int[] {0, 1, 2, 3, 8, 16}[r.nextInt(6)];
        boolean write = r.nextBoolean();
        long v = registerValue(off);
        action = (write ? "write " : "read ") + "register 0x" + Integer.toHexString(off) + "/" + size + " = 0x"
                + Long.toHexString(v);
        snapshot();
        access(write, off, size, v);
        if (write && off == 0x070 && (v & 0xFF) == 0) {
            initialized = false;
        }
    }

    private long registerValue(int off) {
        int q = r.nextInt(QUEUES);
        return switch (off) {
            case 0x080, 0x084 -> half(ringAddress(r, desc(q)), off);
            case 0x090, 0x094 -> half(ringAddress(r, avail(q)), off);
            case 0x0A0, 0x0A4 -> half(ringAddress(r, used(q)), off);
            case 0x030, 0x014, 0x024 -> r.nextInt(4);
            case 0x038 -> 1L << r.nextInt(10);
            case 0x070 -> r.nextInt(8) == 0 ? 0 : r.nextInt(256);
            default -> r.nextBoolean() ? r.nextInt(4) : Integer.toUnsignedLong(r.nextInt());
        };
    }

    private static long half(long address, int off) {
        return (off & 4) != 0 ? address >>> 32 : address & 0xFFFF_FFFFL;
    }

    private void config() {
        int off = 0x100 + (r.nextInt(10) == 0 ? r.nextInt(0x110) : r.nextInt(device.configSize() + 8));
        int size = new int[] {1, 2, 4, 8, 3}[r.nextInt(5)];
        boolean write = r.nextInt(3) == 0;
        action = (write ? "write " : "read ") + "config 0x" + Integer.toHexString(off) + "/" + size;
        snapshot();
        access(write, off, size, r.nextLong());
    }

    private void misc() {
        snapshot();
        switch (r.nextInt(4)) {
            case 0 -> {
                action = "interrupt ack";
                access(true, 0x064, 4, r.nextInt(4));
            }
            case 1 -> {
                action = "vm reset";
                transport.reset();
                initialized = false;
            }
            default -> {
                action = "interrupt status";
                access(false, 0x060, 4, 0);
            }
        }
    }

    private void snapshot() {
        MemorySegment.copy(mem.slice(0, BUFFERS_LOW), 0, MemorySegment.ofArray(before), 0, BUFFERS_LOW);
    }

    private void verify() {
        MemorySegment now = mem.slice(0, BUFFERS_LOW);
        MemorySegment old = MemorySegment.ofArray(before);
        long start = 0;
        for (int q = 0; q <= QUEUES; q++) {
            long end = q < QUEUES ? used(q) : BUFFERS_LOW;
            long diff = now.asSlice(start, end - start).mismatch(old.asSlice(start, end - start));
            if (diff >= 0) {
                throw new AssertionError("device wrote guest memory it was not given at 0x" + Long.toHexString(start + diff));
            }
            start = end + 0x1000;
        }
        for (int q = 0; q < queueCount; q++) {
            checkUsed(q);
        }
    }

    private void checkUsed(int q) {
        int idx = mem.read16(used(q) + 2) & 0xFFFF;
        int n = (idx - usedSeen[q]) & 0xFFFF;
        int size = n == 0 ? 0 : activeSize(q);
        if (n > 0 && n <= size) {
            for (int i = 0; i < n; i++) {
                int id = mem.read32(used(q) + 4 + 8L * ((usedSeen[q] + i) % size));
                if (id < 0 || id >= size) {
                    throw new AssertionError("used element names descriptor " + id + " of a queue of " + size);
                }
            }
            used += n;
        }
        usedSeen[q] = idx;
    }

    /** The size of queue {@code q} as activated, or 0 when it is not active (a reset left the index stale). */
    private int activeSize(int q) {
        InspectNode node = new InspectNode();
        transport.inspect(node);
        return node.at("queues/" + q + "/size").map(v -> (Integer) v).orElse(0);
    }

    private void checkNoDeviceFailure() {
        InspectNode node = new InspectNode();
        transport.inspect(node);
        Object failures = node.at("device_failures").orElseThrow();
        if (!Long.valueOf(0).equals(failures)) {
            throw new AssertionError("the device threw " + failures + " time(s); inspect:\n" + node.render());
        }
        node.at("device/completion_failures").ifPresent(f -> {
            if (!Long.valueOf(0).equals(f)) {
                throw new AssertionError("virtio-blk completions failed " + f + " time(s)");
            }
        });
    }

    private IoResult access(boolean write, long off, int size, long v) {
        IoResult result = write ? transport.mmioWrite(BASE + off, size, v) : transport.mmioRead(BASE + off, size, value);
        if (result == null) {
            throw new AssertionError("null IoResult");
        }
        return result;
    }

    private void write(int off, int v) {
        access(true, off, 4, Integer.toUnsignedLong(v));
    }

    /** Reads register {@code off}, first writing {@code sel} to {@code selOff} unless that is -1. */
    private long read(int off, int selOff, int sel) {
        if (selOff >= 0) {
            write(selOff, sel);
        }
        access(false, off, 4, 0);
        return value.get() & 0xFFFF_FFFFL;
    }

    @Override
    public void close() {
        if (transport != null) {
            transport.close();
        }
        mem.close();
    }

    private void checkCanary() {
        byte[] now = new byte[canary.length];
        mem.read(CANARY, now, 0, now.length);
        if (!Arrays.equals(now, canary)) {
            throw new AssertionError("canary overwritten");
        }
    }
}
