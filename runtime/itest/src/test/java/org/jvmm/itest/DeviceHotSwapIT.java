package org.jvmm.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvmm.devices.virtio.api.VirtioDevice;
import org.jvmm.devices.virtio.api.VirtioDeviceIds;
import org.jvmm.devices.virtio.resources.VirtioBlkHandle;
import org.jvmm.devices.virtio.resources.VirtioRngHandle;
import org.jvmm.storage.disk.resources.RamDiskHandle;
import org.jvmm.vmm.resource.Inputs;
import org.jvmm.vmm.resource.Registration;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResolverInfo;
import org.jvmm.vmm.resource.ResolverListener;
import org.jvmm.vmm.resource.ResolverRegistry;
import org.jvmm.vmm.resource.ResourceHandle;
import org.osgi.framework.Bundle;

/**
 * Device bundles stopped and started under the registry: their resolvers leave and return, and a
 * handle needing them fails meanwhile with the bundle to start. Every test leaves both bundles active.
 */
class DeviceHotSwapIT {
    private TrackedService<ResolverRegistry> registryService;
    private ResolverRegistry registry;
    private final ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();
    private Registration listening;

    @BeforeEach
    void setUp() throws InterruptedException {
        registryService = TrackedService.await(ResolverRegistry.class);
        registry = registryService.get();
        awaitResolvers(DeviceResolversIT.DEVICES_VIRTIO, "virtio:virtio-rng");
        awaitResolvers(DeviceResolversIT.STORAGE_DISK, "disk_handle:ram");
        listening = registry.addListener(new ResolverListener() {
            @Override
            public void resolverAdded(ResolverInfo info) {
                events.add("+" + info.key());
            }

            @Override
            public void resolverRemoved(ResolverInfo info) {
                events.add("-" + info.key());
            }
        });
    }

    @AfterEach
    void restoreBundles() throws Exception {
        listening.close();
        for (String bsn : List.of(DeviceResolversIT.STORAGE_DISK, DeviceResolversIT.DEVICES_VIRTIO)) {
            Bundle b = DeviceResolversIT.bundle(bsn);
            if (b.getState() != Bundle.ACTIVE) {
                b.start();
            }
        }
        awaitResolvers(DeviceResolversIT.STORAGE_DISK, "disk_handle:ram");
        awaitResolvers(DeviceResolversIT.DEVICES_VIRTIO, "virtio:virtio-rng");
        registryService.close();
    }

    @Test
    void virtioResolversLeaveWithTheirBundleAndComeBackWhenItStarts() throws Exception {
        Bundle virtio = DeviceResolversIT.bundle(DeviceResolversIT.DEVICES_VIRTIO);
        Set<String> provided = keysOf(DeviceResolversIT.DEVICES_VIRTIO);
        assertTrue(provided.containsAll(List.of("virtio:virtio-blk", "virtio:virtio-rng", "virtio:virtio-console",
                "virtio:virtio-net", "chipset_device_handle:virtio_mmio", "pci_device_handle:virtio_pci")),
                provided.toString());

        virtio.stop();
        Eventually.until("devices-virtio resolvers gone", () -> keysOf(DeviceResolversIT.DEVICES_VIRTIO).isEmpty());
        Eventually.until("removal events", () -> eventKeys("-").size() >= provided.size());
        assertEquals(List.copyOf(provided), eventKeys("-"), "one removal event per resolver");
        ResolveException e = assertThrows(ResolveException.class, () -> rng());
        assertEquals(ResolveException.Reason.MISSING, e.reason());
        assertEquals("no resolver for virtio:virtio-rng at virtioDevices[0] — install or start bundle devices-virtio",
                e.getMessage());
        assertTrue(registry.find("disk_handle", "ram").isPresent(), "storage-disk is not affected");

        virtio.start();
        Eventually.until("devices-virtio resolvers back",
                () -> keysOf(DeviceResolversIT.DEVICES_VIRTIO).equals(provided));
        Eventually.until("addition events", () -> eventKeys("+").size() >= provided.size());
        assertEquals(List.copyOf(provided), eventKeys("+"), "one addition event per resolver");
        assertEquals(virtio.getBundleId(), registry.find("virtio", "virtio-rng").orElseThrow().bundleId());
        try (VirtioDevice device = rng()) {
            assertEquals(VirtioDeviceIds.ENTROPY, device.deviceId());
        }
    }

    @Test
    void withoutStorageDiskAVirtioBlkFailsAtItsDiskAndResolvesAgainAfterTheRestart() throws Exception {
        Bundle storage = DeviceResolversIT.bundle(DeviceResolversIT.STORAGE_DISK);
        Set<String> provided = keysOf(DeviceResolversIT.STORAGE_DISK);
        ResourceHandle blk = new VirtioBlkHandle(RamDiskHandle.of(1 << 20), false);

        storage.stop();
        Eventually.until("storage-disk resolvers gone", () -> keysOf(DeviceResolversIT.STORAGE_DISK).isEmpty());
        assertTrue(registry.find("virtio", "virtio-blk").isPresent(), "virtio-blk stays registered");
        ResolveException e = assertThrows(ResolveException.class, () -> resolve(blk));
        assertEquals("no resolver for disk_handle:ram at virtioDevices[0].disk"
                + " — install or start bundle storage-disk", e.getMessage());
        assertEquals("disk_handle:ram", e.key());

        storage.start();
        Eventually.until("storage-disk resolvers back", () -> keysOf(DeviceResolversIT.STORAGE_DISK).equals(provided));
        try (VirtioDevice device = resolve(blk)) {
            assertEquals(2048, device.readConfig(0, 8), "capacity of the RAM disk");
        }
    }

    private VirtioDevice rng() throws ResolveException {
        return resolve(new VirtioRngHandle());
    }

    private VirtioDevice resolve(ResourceHandle handle) throws ResolveException {
        return registry.resolve(handle, VirtioDevice.class, Inputs.EMPTY, "virtioDevices[0]");
    }

    private Set<String> keysOf(String bsn) {
        return registry.list().stream().filter(i -> i.bundleSymbolicName().equals(bsn)).map(ResolverInfo::key)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The keys of the listener events starting with {@code sign} ({@code +} or {@code -}). */
    private List<String> eventKeys(String sign) {
        return events.stream().filter(s -> s.startsWith(sign)).map(s -> s.substring(1)).sorted().toList();
    }

    private void awaitResolvers(String bsn, String key) throws InterruptedException {
        Eventually.until(key + " from " + bsn, () -> keysOf(bsn).contains(key));
    }
}
