package org.jvmm.devices.virtio.impl.console;

import java.util.Optional;
import org.jvmm.chipset.api.StateCodec;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.chipset.api.StateUnitException;
import org.jvmm.chipset.serial.SerialBackend;
import org.jvmm.devices.virtio.api.ChainReader;
import org.jvmm.devices.virtio.api.ChainWriter;
import org.jvmm.devices.virtio.api.DescriptorChain;
import org.jvmm.devices.virtio.api.VirtQueue;
import org.jvmm.devices.virtio.api.VirtioActivation;
import org.jvmm.devices.virtio.api.VirtioDevice;
import org.jvmm.devices.virtio.api.VirtioDeviceIds;
import org.jvmm.inspect.InspectNode;

/**
 * The console device. Config space: {@code cols} (u16), {@code rows} (u16), {@code max_nr_ports}
 * (u32) read as 0, and {@code emerg_wr} (u32 at 8): with VIRTIO_CONSOLE_F_EMERG_WRITE a write there
 * sends its low byte to the backend at once. A host byte is taken from the backend only when a
 * receive buffer is there to take it (at most one byte waits in the device).
 */
public final class VirtioConsole implements VirtioDevice {
    static final int F_EMERG_WRITE = 2;
    static final int RECEIVEQ = 0;
    static final int TRANSMITQ = 1;
    private static final int CONFIG_SIZE = 12;
    private static final int EMERG_WR = 8;
    private static final int QUEUE_SIZE = 128;

    private final SerialBackend backend;
    private final byte[] buffer = new byte[4096];
    private VirtQueue rx;
    private VirtQueue tx;
    /** A byte read from the backend that found no receive buffer yet, or -1. */
    private int pending = -1;
    private long bytesOut;
    private long bytesIn;

    public VirtioConsole(SerialBackend backend) {
        this.backend = backend;
    }

    @Override
    public int deviceId() {
        return VirtioDeviceIds.CONSOLE;
    }

    @Override
    public String name() {
        return "virtio-console";
    }

    @Override
    public long deviceFeatures() {
        return 1L << F_EMERG_WRITE;
    }

    @Override
    public int queueCount() {
        return 2;
    }

    @Override
    public int maxQueueSize(int q) {
        return QUEUE_SIZE;
    }

    @Override
    public int configSize() {
        return CONFIG_SIZE;
    }

    @Override
    public long readConfig(int offset, int size) {
        return 0;
    }

    @Override
    public void writeConfig(int offset, int size, long value) {
        if (offset == EMERG_WR && size == 4) {
            backend.write((int) value & 0xFF);
            synchronized (this) {
                bytesOut++;
            }
        }
    }

    @Override
    public synchronized void activate(VirtioActivation activation) {
        rx = activation.queue(RECEIVEQ);
        tx = activation.queue(TRANSMITQ);
        pumpInput();
    }

    @Override
    public synchronized void queueNotify(int q) {
        if (q == TRANSMITQ) {
            transmit();
        } else if (q == RECEIVEQ) {
            pumpInput();
        }
    }

    /** Moves waiting host input into receive buffers; the backend's wake listener (any thread). */
    public synchronized void pumpInput() {
        if (rx == null) {
            return;
        }
        while (true) {
            if (pending < 0) {
                pending = backend.read();
                if (pending < 0) {
                    return;
                }
            }
            Optional<DescriptorChain> chain = rx.next();
            if (chain.isEmpty()) {
                return;
            }
            rx.complete(chain.get(), receive(chain.get().writer()));
        }
    }

    private long receive(ChainWriter writer) {
        int n = 0;
        int limit = (int) Math.min(writer.remaining(), buffer.length);
        while (n < limit && pending >= 0) {
            buffer[n++] = (byte) pending;
            pending = n < limit ? backend.read() : -1;
        }
        bytesIn += n;
        return writer.write(buffer, 0, n);
    }

    private void transmit() {
        if (tx == null) {
            return;
        }
        for (Optional<DescriptorChain> c = tx.next(); c.isPresent(); c = tx.next()) {
            ChainReader reader = c.get().reader();
            for (int n = reader.read(buffer, 0, buffer.length); n > 0; n = reader.read(buffer, 0, buffer.length)) {
                for (int i = 0; i < n; i++) {
                    backend.write(buffer[i] & 0xFF);
                }
                bytesOut += n;
            }
            tx.complete(c.get(), 0);
        }
    }

    /**
     * Unit {@code virtio.console}: the host byte taken from the backend that waits for a receive
     * buffer (it would be lost otherwise), and the counters. Chains are completed as soon as taken.
     * The backend keeps its own bytes.
     */
    @Override
    public Optional<StateUnit> state() {
        return Optional.of(new StateUnit() {
            @Override
            public String unitName() {
                return "virtio.console";
            }

            @Override
            public int version() {
                return 1;
            }

            @Override
            public byte[] save() {
                synchronized (VirtioConsole.this) {
                    return StateCodec.write(out -> {
                        out.writeShort(pending);
                        out.writeLong(bytesOut);
                        out.writeLong(bytesIn);
                    });
                }
            }

            @Override
            public void restore(int version, byte[] state) throws StateUnitException {
                synchronized (VirtioConsole.this) {
                    StateCodec.read(this, version, state, in -> {
                        int p = in.readShort();
                        if (p < -1 || p > 0xFF) {
                            throw new java.io.IOException("pending byte " + p);
                        }
                        pending = p;
                        bytesOut = in.readLong();
                        bytesIn = in.readLong();
                    });
                }
            }
        });
    }

    @Override
    public synchronized void reset() {
        rx = null;
        tx = null;
    }

    @Override
    public void close() {
        backend.close();
    }

    @Override
    public synchronized void inspect(InspectNode node) {
        node.field("bytes_out", bytesOut).field("bytes_in", bytesIn).field("connected", backend.connected());
    }
}
