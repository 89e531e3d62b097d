package org.jvmm.devices.virtio.impl.vsock;

import static org.jvmm.devices.virtio.impl.vsock.VsockSpec.RXQ;
import static org.jvmm.devices.virtio.impl.vsock.VsockSpec.TXQ;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jvmm.chipset.api.StateCodec;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.chipset.api.StateUnitException;
import org.jvmm.devices.virtio.api.VirtioActivation;
import org.jvmm.devices.virtio.api.VirtioDevice;
import org.jvmm.devices.virtio.api.VirtioDeviceIds;
import org.jvmm.chipset.api.SaveRefusedException;
import org.jvmm.inspect.InspectNode;

/**
 * The socket device: rx (0), tx (1) and event (2) queues, config space {@code guest_cid} (le64),
 * VIRTIO_VSOCK_F_STREAM. Stream connections are relayed to host Unix sockets by a relay thread of
 * its own (see the package doc); the VP thread only posts work to it. The event queue is never used:
 * the device does not migrate, so it never has a transport reset to report.
 */
public final class VirtioVsock implements VirtioDevice {
    private static final int QUEUE_SIZE = 128;
    private static final int CONFIG_SIZE = 8;
    private static final long RESET_WAIT_MILLIS = 5_000;
    private static final long STOP_WAIT_MILLIS = 5_000;
    private static final int INSPECT_CONNECTIONS = 32;
    private static final System.Logger LOG = System.getLogger("org.jvmm.devices.virtio");

    private final long guestCid;
    private final Path path;
    private final ServerSocketChannel listener;
    private final VsockStats stats = new VsockStats();
    private final VsockRelay relay;
    private final VsockLoop loop;
    private final AtomicBoolean closed = new AtomicBoolean();

    private VirtioVsock(long guestCid, Path path, ServerSocketChannel listener, VsockLimits limits) throws IOException {
        this.guestCid = guestCid;
        this.path = path;
        this.listener = listener;
        Selector selector = Selector.open();
        try {
            this.relay = new VsockRelay(guestCid, path.toString(), listener, selector, limits, stats);
        } catch (IOException | RuntimeException e) {
            selector.close();
            throw e;
        }
        this.loop = new VsockLoop("virtio-vsock " + path, selector, relay, stats);
        loop.start();
    }

    /**
     * A device for guest {@code guestCid} listening on {@code basePath}.
     *
     * @throws IOException when the listener cannot be created (the message names the path)
     */
    public static VirtioVsock open(long guestCid, Path basePath) throws IOException {
        return open(guestCid, basePath, VsockLimits.DEFAULT);
    }

    static VirtioVsock open(long guestCid, Path basePath, VsockLimits limits) throws IOException {
        ServerSocketChannel listener = SocketPaths.listen(basePath);
        try {
            return new VirtioVsock(guestCid, basePath, listener, limits);
        } catch (IOException | RuntimeException e) {
            SocketPaths.close(listener, basePath);
            throw e;
        }
    }

    @Override
    public int deviceId() {
        return VirtioDeviceIds.VSOCK;
    }

    @Override
    public String name() {
        return "virtio-vsock";
    }

    @Override
    public long deviceFeatures() {
        return 1L << VsockSpec.F_STREAM;
    }

    @Override
    public int queueCount() {
        return 3;
    }

    @Override
    public int maxQueueSize(int queue) {
        return QUEUE_SIZE;
    }

    @Override
    public int configSize() {
        return CONFIG_SIZE;
    }

    @Override
    public long readConfig(int offset, int size) {
        long v = guestCid >>> (8 * offset);
        return size >= 8 ? v : v & ((1L << (8 * size)) - 1);
    }

    @Override
    public void writeConfig(int offset, int size, long value) {
        // guest_cid is read-only
    }

    @Override
    public void activate(VirtioActivation activation) {
        loop.post(() -> relay.activate(activation.queue(RXQ), activation.queue(TXQ)));
        loop.wantService();
    }

    @Override
    public void queueNotify(int queue) {
        if (queue == RXQ || queue == TXQ) {
            loop.wantService();
        }
    }

    /**
     * Unit {@code virtio.vsock}, without bytes: with no connection open the device holds nothing the
     * guest could miss. Saving runs on the relay thread and refuses while connections or host
     * handshakes are open (see {@link VsockRelay#prepareSave}).
     */
    @Override
    public Optional<StateUnit> state() {
        return Optional.of(new StateUnit() {
            @Override
            public String unitName() {
                return "virtio.vsock";
            }

            @Override
            public int version() {
                return 1;
            }

            @Override
            public byte[] save() {
                AtomicReference<RuntimeException> refused = new AtomicReference<>();
                boolean ran = loop.runAndWait(() -> {
                    try {
                        relay.prepareSave();
                    } catch (RuntimeException e) {
                        refused.set(e);
                    }
                }, RESET_WAIT_MILLIS);
                if (!ran) {
                    throw new SaveRefusedException("virtio-vsock " + path + ": the relay did not answer in "
                            + RESET_WAIT_MILLIS + " ms");
                }
                if (refused.get() != null) {
                    throw refused.get();
                }
                return new byte[0];
            }

            @Override
            public void restore(int version, byte[] state) throws StateUnitException {
                StateCodec.read(this, version, state, in -> { });
            }
        });
    }

    @Override
    public void reset() {
        if (!loop.runAndWait(relay::reset, RESET_WAIT_MILLIS)) {
            LOG.log(Level.WARNING, "virtio-vsock " + path + ": reset did not finish in " + RESET_WAIT_MILLIS + " ms");
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        loop.stop(STOP_WAIT_MILLIS);
        try {
            SocketPaths.close(listener, path);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "virtio-vsock: removing " + path + " failed", e);
        }
    }

    @Override
    public void inspect(InspectNode node) {
        node.field("guest_cid", guestCid).field("path", path.toString())
                .field("connections", relay.connections().size());
        stats.inspect(node);
        InspectNode list = node.child("connection");
        relay.connections().stream().limit(INSPECT_CONNECTIONS)
                .forEach(c -> list.field(Integer.toUnsignedString(c.guestPort) + "-" + Integer.toUnsignedString(c.hostPort),
                        (c.hostInitiated ? "host " : "guest ") + c.state));
    }
}
