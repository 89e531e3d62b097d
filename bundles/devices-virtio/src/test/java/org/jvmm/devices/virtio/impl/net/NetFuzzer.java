package org.jvmm.devices.virtio.impl.net;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.devices.virtio.driver.MmioBench;
import org.jvmm.devices.virtio.driver.MmioGuest;
import org.jvmm.devices.virtio.driver.MockVirtqueue;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Used;
import org.jvmm.inspect.InspectNode;
import org.jvmm.net.backend.api.MacAddress;
import org.jvmm.net.backend.impl.LoopbackEndpoint;

/**
 * Drives virtio-net on the loopback endpoint with random guest behaviour: transmit and receive chains
 * of every shape ({@link FuzzTraffic}), stray notifies, config reads, malformed chains and resets,
 * under random feature sets. After every
 * case it checks the used rings ({@link NetChecker}); every {@value #DRAIN_EVERY} cases it gives the
 * guest buffers and checks that nothing is stuck and every frame sent is accounted for. Deterministic
 * for a seed.
 */
final class NetFuzzer implements AutoCloseable {
    static final int DRAIN_EVERY = 2000;
    static final MacAddress MAC = MacAddress.parse("00:15:5d:0f:0f:0f");
    private static final long RX_SLOTS = 0x10_0000;
    private static final long TX_SLOTS = 0x18_0000;
    private static final long RX_TABLES = 0x4_0000;
    private static final long TX_TABLES = 0x5_0000;
    private static final long CANARY = 0x20_0000;
    private static final long CANARY_END = 0x40_0000;
    private static final long[] OPTIONAL = {NetGuest.F_MAC, NetGuest.F_STATUS, NetGuest.F_MRG_RXBUF, MmioGuest.EVENT_IDX,
        MmioGuest.INDIRECT_DESC};

    /** What a run reached, to show the generator gets past the device's checks. */
    record Report(long cases, long sent, long delivered, long multiBuffer, long inits, long hostile, Map<String, Object> device) {
    }

    private final long seed;
    private final Random r;
    private final LoopbackEndpoint loopback = new LoopbackEndpoint(16);
    private final MmioBench bench = new MmioBench(new VirtioNet(loopback, MAC));
    private final FuzzTraffic traffic;
    private final Set<Integer> sent = new HashSet<>();
    private final NetChecker checker = new NetChecker(sent);
    private final byte[] canary = new byte[(int) (CANARY_END - CANARY)];
    private FuzzRing rx;
    private FuzzRing tx;
    private boolean indirect;
    private boolean tainted;
    private long inits;
    private long hostile;
    private String action = "start";

    NetFuzzer(long seed) {
        this.seed = seed;
        this.r = new Random(seed);
        this.traffic = new FuzzTraffic(r);
        new Random(seed ^ 0xCA9A7L).nextBytes(canary);
    }

    Report run(long cases) {
        java.util.logging.Logger.getLogger("org.jvmm.devices.virtio").setLevel(java.util.logging.Level.SEVERE);
        bench.mem.write(CANARY, canary, 0, canary.length);
        init();
        for (long i = 0; i < cases; i++) {
            try {
                step();
                verify();
                if (i % DRAIN_EVERY == DRAIN_EVERY - 1 || i == cases - 1) {
                    drain();
                    checkCanary();
                }
            } catch (Throwable t) {
                throw new AssertionError("virtio-net seed " + seed + " case " + i + " (" + action + "): " + t, t);
            }
        }
        InspectNode node = new InspectNode();
        bench.transport.inspect(node);
        return new Report(cases, checker.sent(), checker.delivered(), checker.multiBuffer(), inits, hostile,
                ((InspectNode) node.at("device").orElseThrow()).toMap());
    }

    private void step() {
        int a = r.nextInt(100);
        if (a < 38) {
            transmit();
        } else if (a < 76) {
            receive();
        } else if (a < 84) {
            action = "stray notify";
            bench.guest.notify(r.nextInt(10) == 0 ? 2 + r.nextInt(8) : r.nextInt(2));
        } else if (a < 90) {
            config();
        } else if (a < 93) {
            hostile();
        } else if (a < 95 || tainted && a < 98) {
            init();
        }
    }

    private void init() {
        action = "init";
        int size = 1 << (3 + r.nextInt(4));
        long features = MmioGuest.VERSION_1;
        for (long f : OPTIONAL) {
            features |= r.nextInt(3) != 0 ? f : 0;
        }
        MockVirtqueue rxq = bench.queue(0, size);
        MockVirtqueue txq = bench.queue(1, size);
        long accepted = bench.guest.init(features, rxq, txq);
        rx = new FuzzRing(bench.mem, rxq, RX_SLOTS, RX_TABLES);
        tx = new FuzzRing(bench.mem, txq, TX_SLOTS, TX_TABLES);
        indirect = (accepted & MmioGuest.INDIRECT_DESC) != 0;
        checker.activated((accepted & NetGuest.F_MRG_RXBUF) != 0);
        tainted = false;
        inits++;
    }

    private void transmit() {
        action = "transmit";
        traffic.transmit(tx, indirect);
        if (r.nextInt(10) != 0) {
            bench.guest.notify(NetSpec.TRANSMITQ);
        }
    }

    private void receive() {
        action = "receive buffers";
        traffic.receive(rx, indirect);
        if (r.nextInt(10) != 0) {
            bench.guest.notify(NetSpec.RECEIVEQ);
        }
    }

    private void config() {
        int size = new int[] {1, 2, 4, 8}[r.nextInt(4)];
        int off = r.nextInt(NetSpec.CONFIG_SIZE + 4);
        action = "config read " + off + "/" + size;
        IoResult res = bench.guest.access(false, MmioGuest.CONFIG + off, size, 0);
        if (res == IoResult.OK && off + size <= NetSpec.CONFIG_SIZE) {
            byte[] expected = new byte[NetSpec.CONFIG_SIZE];
            System.arraycopy(MAC.bytes(), 0, expected, 0, 6);
            expected[6] = 1;
            expected[8] = 1;
            long v = 0;
            for (int i = size - 1; i >= 0; i--) {
                v = v << 8 | (expected[off + i] & 0xFF);
            }
            if (bench.guest.lastValue() != v) {
                throw new AssertionError("config " + off + "/" + size + " = 0x" + Long.toHexString(bench.guest.lastValue()));
            }
        }
    }

    /**
     * On fresh queues (so no outstanding chain shares a descriptor with it), a malformed chain: on the
     * transmit queue, or on the receive queue with a frame sent to make the device read it. Either way
     * the device must end in DEVICE_NEEDS_RESET; the run goes on in that state for a while.
     */
    private void hostile() {
        init();
        boolean onTx = r.nextBoolean();
        MockVirtqueue vq = onTx ? tx.vq : rx.vq;
        int d = r.nextInt(vq.size());
        int kind = r.nextInt(4);
        action = "malformed chain " + kind + " on " + (onTx ? "tx" : "rx");
        hostile++;
        tainted = true;
        switch (kind) {
            case 0 -> vq.writeDesc(d, TX_SLOTS, 16, MockVirtqueue.F_NEXT, d);
            case 1 -> vq.writeDesc(d, TX_SLOTS, 16, MockVirtqueue.F_NEXT, vq.size() + r.nextInt(100));
            case 2 -> vq.writeDesc(d, (1L << 32) + r.nextInt(1 << 20), 64, onTx ? 0 : MockVirtqueue.F_WRITE, 0);
            default -> vq.setAvailIdx((bench.mem.read16(vq.avail() + 2) & 0xFFFF) + vq.size() + 1 + r.nextInt(100));
        }
        if (kind != 3) {
            vq.publish(d);
        }
        if (!onTx) {
            traffic.transmitOne(tx, 60);
        }
        bench.guest.notify(NetSpec.TRANSMITQ);
        if ((bench.guest.status() & MmioGuest.NEEDS_RESET) == 0) {
            throw new AssertionError("the malformed chain did not set DEVICE_NEEDS_RESET");
        }
    }

    private void verify() {
        InspectNode node = new InspectNode();
        bench.transport.inspect(node);
        if (!Long.valueOf(0).equals(node.at("device_failures").orElseThrow())) {
            throw new AssertionError("the device threw; inspect:\n" + node.render());
        }
        if (!tainted && (bench.guest.status() & MmioGuest.NEEDS_RESET) != 0) {
            throw new AssertionError("DEVICE_NEEDS_RESET without a malformed chain:\n" + node.render());
        }
        checker.transmitted(tx, tx.vq.takeUsed());
        List<Used> used = rx.vq.takeUsed();
        checker.received(rx, used);
    }

    /** Gives the guest buffers until nothing waits; then every frame sent is delivered or counted as dropped. */
    private void drain() {
        if (tainted) {
            init();
        }
        action = "drain";
        for (int round = 0; round < 64 && (waiting() || (int) device("endpoint/backlog") > 0); round++) {
            while (rx.fits(1, false)) {
                rx.post(new int[] {2048}, new boolean[] {true}, null, NetChecker.FILL, false, -1, null);
            }
            bench.guest.notify(NetSpec.RECEIVEQ);
            verify();
        }
        if (waiting() || (int) device("endpoint/backlog") > 0) {
            throw new AssertionError("receive is stuck: " + device(""));
        }
        long accounted = checker.delivered() + (long) device("rx_too_large") + (long) device("endpoint/rx_dropped")
                + (long) device("endpoint/rx_discarded") + (long) device("rx_lost_on_reset");
        if (accounted != checker.sent()) {
            throw new AssertionError(checker.sent() + " frames sent, " + accounted + " accounted for: " + device(""));
        }
    }

    private boolean waiting() {
        return (boolean) device("rx_frame_waiting");
    }

    private Object device(String path) {
        InspectNode node = new InspectNode();
        bench.transport.inspect(node);
        return node.at("device/" + path).orElseThrow();
    }

    private void checkCanary() {
        byte[] now = new byte[canary.length];
        bench.mem.read(CANARY, now, 0, now.length);
        if (!Arrays.equals(now, canary)) {
            throw new AssertionError("memory no buffer names was written");
        }
    }

    @Override
    public void close() {
        bench.close();
    }
}
