package org.jvmm.devices.virtio.impl.net;

import static org.jvmm.devices.virtio.impl.net.NetSpec.*;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Optional;
import org.jvmm.chipset.api.StateCodec;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.chipset.api.StateUnitException;
import org.jvmm.devices.virtio.api.VirtioActivation;
import org.jvmm.devices.virtio.api.VirtioDevice;
import org.jvmm.devices.virtio.api.VirtioDeviceEvents;
import org.jvmm.devices.virtio.api.VirtioDeviceIds;
import org.jvmm.inspect.InspectNode;
import org.jvmm.net.backend.api.Endpoint;
import org.jvmm.net.backend.api.MacAddress;
import org.jvmm.net.backend.api.NetQueue;
import org.jvmm.net.backend.api.NetQueueConfig;
import org.jvmm.net.backend.api.NetQueueListener;

/**
 * The network device: one receive and one transmit queue, VIRTIO_NET_F_MAC, VIRTIO_NET_F_STATUS and
 * VIRTIO_NET_F_MRG_RXBUF; no control queue and no offloads. It connects to its endpoint when the driver
 * sets DRIVER_OK and disconnects on reset. Transmit runs on the notifying VP thread; receive runs on
 * whichever thread finds frames and buffers together (the endpoint's wake-up or the driver's receive
 * notify). All state is guarded by the device's lock.
 */
public final class VirtioNet implements VirtioDevice {
    static final int QUEUE_SIZE = 256;
    static final long FEATURES = 1L << F_MAC | 1L << F_STATUS | 1L << F_MRG_RXBUF;
    private static final System.Logger LOG = System.getLogger("org.jvmm.devices.virtio");

    private final Endpoint endpoint;
    private final MacAddress mac;
    private final NetConfigSpace config;
    private final NetStats stats = new NetStats();
    private NetQueue link;
    private Listener listener;
    private RxPath rx;
    private TxPath tx;
    private VirtioDeviceEvents events;
    private long negotiated;
    private long linkChanges;
    private long connectFailures;
    /** Restored with another link state than the saved one: tell the driver once it is active. */
    private boolean linkChangedSinceSave;

    public VirtioNet(Endpoint endpoint, MacAddress mac) {
        this.endpoint = endpoint;
        this.mac = mac;
        this.config = new NetConfigSpace(mac);
    }

    @Override
    public int deviceId() {
        return VirtioDeviceIds.NET;
    }

    @Override
    public String name() {
        return "virtio-net";
    }

    @Override
    public long deviceFeatures() {
        return FEATURES;
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
        return config.read(offset, size, endpoint.linkUp());
    }

    @Override
    public void writeConfig(int offset, int size, long value) {
        // the mac is writable only through the legacy interface; nothing else is writable
    }

    @Override
    public synchronized void activate(VirtioActivation activation) {
        disconnect();
        negotiated = activation.features();
        events = activation.events();
        rx = new RxPath(activation.queue(RECEIVEQ), activation.has(F_MRG_RXBUF), stats);
        tx = new TxPath(activation.queue(TRANSMITQ), stats);
        Listener l = new Listener();
        try {
            link = endpoint.connect(new NetQueueConfig(mac, l));
            listener = l;
        } catch (RuntimeException e) {
            connectFailures++;
            LOG.log(Level.WARNING, "virtio-net " + mac + ": connecting to the " + endpoint.endpointType()
                    + " endpoint failed; the NIC has no link", e);
        }
        if (linkChangedSinceSave) {
            linkChangedSinceSave = false;
            linkChanges++;
            events.configChanged();
        }
        pumpRx();
    }

    /**
     * Unit {@code virtio.net}: the MAC (a snapshot belongs with its NIC: another MAC is refused), the
     * link status the driver last could read, and the negotiated features. Frames in flight are not
     * saved: receive buffers held for a frame go back to the guest empty and the frame is missing
     * from the snapshot, as a short link hiccup would lose it (TCP resends, the guest drops the short
     * buffers); transmits are finished before their notify returns. On restore the endpoint is
     * connected again when the transport activates the device; if the link state differs from the
     * saved one the driver gets a config change.
     */
    @Override
    public Optional<StateUnit> state() {
        return Optional.of(new StateUnit() {
            @Override
            public String unitName() {
                return "virtio.net";
            }

            @Override
            public int version() {
                return 1;
            }

            @Override
            public byte[] save() {
                synchronized (VirtioNet.this) {
                    if (rx != null) {
                        stats.rxReturnedOnSave += rx.returnHeld();
                    }
                    return StateCodec.write(out -> {
                        out.write(mac.bytes());
                        out.writeBoolean(endpoint.linkUp());
                        out.writeLong(negotiated);
                    });
                }
            }

            @Override
            public void restore(int version, byte[] state) throws StateUnitException {
                byte[] savedMac = new byte[6];
                boolean[] linkUp = new boolean[1];
                long[] features = new long[1];
                StateCodec.read(this, version, state, in -> {
                    in.readFully(savedMac);
                    linkUp[0] = in.readBoolean();
                    features[0] = in.readLong();
                });
                if (!Arrays.equals(savedMac, mac.bytes())) {
                    throw new StateUnitException("virtio.net: the snapshot's NIC has MAC "
                            + MacAddress.of(savedMac, 0) + ", this one " + mac);
                }
                synchronized (VirtioNet.this) {
                    negotiated = features[0];
                    linkChangedSinceSave = linkUp[0] != endpoint.linkUp();
                }
            }
        });
    }

    @Override
    public synchronized void queueNotify(int q) {
        if (tx == null) {
            return;
        }
        if (q == TRANSMITQ) {
            tx.process(link);
        } else if (q == RECEIVEQ) {
            pumpRx();
        }
    }

    private void pumpRx() {
        if (rx != null && link != null) {
            rx.pump(link);
        }
    }

    private synchronized void rxReady(Listener from) {
        if (from == listener) {
            pumpRx();
        }
    }

    private synchronized void linkChanged(Listener from) {
        if (from == listener && events != null) {
            linkChanges++;
            events.configChanged();
        }
    }

    @Override
    public synchronized void reset() {
        disconnect();
        if (rx != null && rx.discard()) {
            stats.rxLostOnReset++;
        }
        rx = null;
        tx = null;
        events = null;
        negotiated = 0;
    }

    private void disconnect() {
        listener = null;
        if (link != null) {
            NetQueue old = link;
            link = null;
            old.close();
        }
    }

    @Override
    public void close() {
        reset();
        endpoint.close();
    }

    @Override
    public synchronized void inspect(InspectNode node) {
        node.field("mac", mac.toString()).field("link_up", endpoint.linkUp()).hex("features", FEATURES)
                .hex("negotiated", negotiated).field("connected", link != null)
                .field("connect_failures", connectFailures).field("link_changes", linkChanges)
                .field("rx_held_buffers", rx == null ? 0 : rx.held())
                .field("rx_frame_waiting", rx != null && rx.hasPending());
        stats.inspect(node);
        node.child("endpoint", endpoint);
    }

    /** The endpoint's view of this NIC for one activation; calls from an old activation are ignored. */
    private final class Listener implements NetQueueListener {
        @Override
        public void rxReady() {
            VirtioNet.this.rxReady(this);
        }

        @Override
        public void linkChanged(boolean up) {
            VirtioNet.this.linkChanged(this);
        }
    }
}
