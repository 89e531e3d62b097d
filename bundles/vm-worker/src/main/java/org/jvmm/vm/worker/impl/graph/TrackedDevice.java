package org.jvmm.vm.worker.impl.graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.vm.worker.VmDevice;
import org.jvmm.vmm.resource.ResolverInfo;
import org.jvmm.vmm.resource.ResolverRegistry;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * A device the VM attached, with the handles resolving it pulled and the bundles that provided
 * them. Its state changes on the VM's control thread (hot-swap) or under the VM lock.
 */
public final class TrackedDevice {
    private final String path;
    private final ResourceHandle handle;
    private final String port;
    private final String place;
    private final boolean hotPluggable;
    private final List<HandleTree.Node> nodes;
    private final Map<String, String> bundles = new LinkedHashMap<>();
    private volatile ChipsetDevice device;
    private volatile VmDevice.State state = VmDevice.State.ACTIVE;
    private volatile String note = "";

    /**
     * @param handle what is resolved again when the device returns (for a function behind a port,
     *               its {@code pci_device_handle})
     * @param port   the PCIe port it sits behind, or null
     */
    TrackedDevice(String path, ResourceHandle handle, String port, String place, boolean hotPluggable,
            ChipsetDevice device, ResolverRegistry registry) {
        this.path = path;
        this.handle = handle;
        this.port = port;
        this.place = place;
        this.hotPluggable = hotPluggable;
        this.nodes = HandleTree.walk(path, handle);
        this.device = device;
        noteProviders(registry);
    }

    public String path() {
        return path;
    }

    public ResourceHandle handle() {
        return handle;
    }

    /** The PCIe port it sits behind, or null. */
    public String port() {
        return port;
    }

    public boolean hotPluggable() {
        return hotPluggable;
    }

    public VmDevice.State state() {
        return state;
    }

    public String note() {
        return note;
    }

    /** The live device; the last one while the device is removed. */
    public ChipsetDevice device() {
        return device;
    }

    /** Every handle of its tree, the root first. */
    List<HandleTree.Node> nodes() {
        return nodes;
    }

    /**
     * Whether resolving it pulled a handle {@code kind:id} through the registry (a sub-handle that no
     * resolver provided when the device was resolved was handled by its parent's resolver itself).
     */
    synchronized boolean uses(String key) {
        return bundles.containsKey(key);
    }

    /** The first of the {@code kind:id}s it pulled through the registry that has no single resolver there now. */
    Optional<String> missingProvider(ResolverRegistry registry) {
        for (HandleTree.Node n : nodes) {
            if (!uses(n.key())) {
                continue;
            }
            Optional<ResolverInfo> info = registry.find(n.handle().kind(), n.handle().id());
            if (info.isEmpty() || info.get().conflicted()) {
                return Optional.of(n.key());
            }
        }
        return Optional.empty();
    }

    synchronized void noteProviders(ResolverRegistry registry) {
        for (HandleTree.Node n : nodes) {
            registry.find(n.handle().kind(), n.handle().id())
                    .ifPresent(i -> bundles.put(n.key(), i.bundleSymbolicName()));
        }
    }

    /** The bundle that provided {@code key} when it was last resolved, or "-". */
    synchronized String bundleOf(String key) {
        return bundles.getOrDefault(key, "-");
    }

    void moveTo(VmDevice.State to, String why) {
        state = to;
        note = why;
    }

    void activeAgain(ChipsetDevice fresh) {
        device = fresh;
        moveTo(VmDevice.State.ACTIVE, "");
    }

    /** One row per handle, each with this device's place and state. */
    synchronized List<VmDevice> rows() {
        return nodes.stream().map(n -> new VmDevice(n.path(), n.key(), bundles.getOrDefault(n.key(), "-"), place,
                hotPluggable, state, note)).toList();
    }
}
