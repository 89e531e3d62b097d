package org.jvmm.vm.worker.impl.graph;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jvmm.inspect.InspectNode;
import org.jvmm.vm.worker.VmDevice;

/**
 * The devices of one VM, in the order they were attached, and the latest hot-swap messages. Thread-safe.
 */
public final class DeviceTable {
    static final int MAX_EVENTS = 50;
    private static final System.Logger LOG = System.getLogger(DeviceTable.class.getName());

    private final String vmName;
    private final List<TrackedDevice> devices = new CopyOnWriteArrayList<>();
    private final Deque<String> events = new ArrayDeque<>();

    public DeviceTable(String vmName) {
        this.vmName = vmName;
    }

    void add(TrackedDevice device) {
        devices.add(device);
    }

    /** Forgets the device behind {@code port} (removed by request); false when there was none. */
    public boolean forget(String port) {
        return devices.removeIf(d -> port.equals(d.port()));
    }

    /** The device behind {@code port}, in any state. */
    public Optional<TrackedDevice> atPort(String port) {
        return devices.stream().filter(d -> port.equals(d.port())).findFirst();
    }

    public List<TrackedDevice> devices() {
        return List.copyOf(devices);
    }

    /** The devices in {@code state} whose resolution pulled {@code key}. */
    List<TrackedDevice> using(String key, VmDevice.State state) {
        return devices.stream().filter(d -> d.state() == state && d.uses(key)).toList();
    }

    boolean anyUsing(String key) {
        return devices.stream().anyMatch(d -> d.uses(key));
    }

    boolean anyIn(VmDevice.State state) {
        return devices.stream().anyMatch(d -> d.state() == state);
    }

    public List<VmDevice> rows() {
        return devices.stream().flatMap(d -> d.rows().stream()).toList();
    }

    /** Logs {@code message} (a warning) and keeps it for {@code vm:devices}. */
    public void event(String message) {
        LOG.log(System.Logger.Level.WARNING, vmName + ": " + message);
        String stamped = LocalTime.now().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_LOCAL_TIME)
                + " " + message;
        synchronized (events) {
            events.addLast(stamped);
            while (events.size() > MAX_EVENTS) {
                events.removeFirst();
            }
        }
    }

    public List<String> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** {@code devices/<path>}: kind:id, bundle, place, hot-pluggable and state of each resolved handle. */
    public void inspect(InspectNode node) {
        for (VmDevice d : rows()) {
            InspectNode n = node.child(d.path());
            n.field("key", d.key());
            n.field("bundle", d.bundle());
            n.field("place", d.place());
            n.field("hotPluggable", d.hotPluggable());
            n.field("state", d.state().label());
            if (!d.note().isEmpty()) {
                n.field("note", d.note());
            }
        }
    }
}
