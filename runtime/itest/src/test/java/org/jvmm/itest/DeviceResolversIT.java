package org.jvmm.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvmm.vmm.resource.ResolverInfo;
import org.jvmm.vmm.resource.ResolverRegistry;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

/** The device bundles of the framework register their resolvers, each under its kind:id and bundle. */
class DeviceResolversIT {
    static final String STORAGE_DISK = "org.jvmm.storage.disk";
    static final String DEVICES_VIRTIO = "org.jvmm.devices.virtio";
    static final String NET_BACKEND = "org.jvmm.net.backend";
    static final String PCI = "org.jvmm.pci";
    static final String CHIPSET = "org.jvmm.chipset";

    /** kind:id -> the bundle that must provide it. */
    static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("disk_handle:file", STORAGE_DISK),
            Map.entry("disk_handle:ram", STORAGE_DISK),
            Map.entry("disk_handle:layered", STORAGE_DISK),
            Map.entry("disk_handle:crypt", STORAGE_DISK),
            Map.entry("disk_handle:delay", STORAGE_DISK),
            Map.entry("disk_layer_handle:ram", STORAGE_DISK),
            Map.entry("disk_layer_handle:sqlite", STORAGE_DISK),
            Map.entry("disk_layer_handle:sqlite-autocache", STORAGE_DISK),
            Map.entry("disk_layer_handle:qcow2", STORAGE_DISK),
            Map.entry("disk_layer_handle:disk", STORAGE_DISK),
            Map.entry("virtio:virtio-blk", DEVICES_VIRTIO),
            Map.entry("virtio:virtio-rng", DEVICES_VIRTIO),
            Map.entry("virtio:virtio-console", DEVICES_VIRTIO),
            Map.entry("virtio:virtio-net", DEVICES_VIRTIO),
            Map.entry("chipset_device_handle:virtio_mmio", DEVICES_VIRTIO),
            Map.entry("pci_device_handle:virtio_pci", DEVICES_VIRTIO),
            Map.entry("net_endpoint_handle:null", NET_BACKEND),
            Map.entry("net_endpoint_handle:loopback", NET_BACKEND),
            Map.entry("chipset_device_handle:pcie_root_complex", PCI),
            Map.entry("chipset_device_handle:serial_16550", CHIPSET),
            Map.entry("chipset_device_handle:pic", CHIPSET),
            Map.entry("chipset_device_handle:pit", CHIPSET),
            Map.entry("chipset_device_handle:rtc", CHIPSET),
            Map.entry("chipset_device_handle:ioapic", CHIPSET),
            Map.entry("chipset_device_handle:i8042", CHIPSET),
            Map.entry("chipset_device_handle:acpi_pm", CHIPSET),
            Map.entry("serial_handle:none", CHIPSET),
            Map.entry("serial_handle:file", CHIPSET),
            Map.entry("serial_handle:console", CHIPSET));

    private TrackedService<ResolverRegistry> registryService;
    private ResolverRegistry registry;

    @BeforeEach
    void awaitRegistry() throws InterruptedException {
        registryService = TrackedService.await(ResolverRegistry.class);
        registry = registryService.get();
        for (String key : EXPECTED.keySet()) {
            String[] kindId = key.split(":", 2);
            Eventually.await(key + " registered", () -> registry.find(kindId[0], kindId[1]));
        }
    }

    @AfterEach
    void close() {
        registryService.close();
    }

    @Test
    void everyDeviceResolverIsListedWithItsBundleAndNoConflict() {
        Map<String, ResolverInfo> listed = registry.list().stream()
                .collect(Collectors.toMap(ResolverInfo::key, i -> i, (a, b) -> a));
        for (Map.Entry<String, String> e : EXPECTED.entrySet()) {
            ResolverInfo info = listed.get(e.getKey());
            assertEquals(e.getValue(), info.bundleSymbolicName(), e.getKey() + " provider");
            assertEquals(bundle(e.getValue()).getBundleId(), info.bundleId(), e.getKey() + " bundle id");
            assertFalse(info.conflicted(), e.getKey() + " is claimed twice");
        }
    }

    @Test
    void everyResolverOfTheDeviceKindsComesFromItsFamilyBundle() {
        Map<String, String> familyOfKind = Map.of("disk_handle", STORAGE_DISK, "disk_layer_handle", STORAGE_DISK,
                "virtio", DEVICES_VIRTIO, "net_endpoint_handle", NET_BACKEND, "serial_handle", CHIPSET);
        for (ResolverInfo info : registry.list()) {
            String family = familyOfKind.get(info.kind());
            if (family != null) {
                assertEquals(family, info.bundleSymbolicName(), info.key() + " provider");
            }
        }
    }

    @Test
    void handleClassesAreTheOnesTheBundlesExport() {
        for (String key : List.of("disk_handle:ram", "virtio:virtio-blk", "net_endpoint_handle:loopback",
                "chipset_device_handle:pcie_root_complex")) {
            String[] kindId = key.split(":", 2);
            ResolverInfo info = registry.find(kindId[0], kindId[1]).orElseThrow();
            String pkg = info.handleType().getPackageName();
            assertTrue(pkg.endsWith(".resources"), key + " handle " + info.handleType().getName());
            assertEquals(info.bundleSymbolicName(), FrameworkUtil.getBundle(info.handleType()).getSymbolicName(),
                    key + " handle class comes from its provider");
            assertEquals(Optional.of(info.handleType()), registry.handleTypes().find(key), key + " in handleTypes()");
        }
    }

    @Test
    void resolverServicesCarryTheKindAndIdProperties() throws Exception {
        for (Map.Entry<String, String> e : EXPECTED.entrySet()) {
            String[] kindId = e.getKey().split(":", 2);
            String filter = "(&(" + ResourceResolver.KIND_PROPERTY + "=" + kindId[0] + ")("
                    + ResourceResolver.ID_PROPERTY + "=" + kindId[1] + "))";
            List<ServiceReference<ResourceResolver>> refs = List.copyOf(
                    TrackedService.testContext().getServiceReferences(ResourceResolver.class, filter));
            assertEquals(1, refs.size(), e.getKey() + " services: " + refs);
            assertEquals(e.getValue(), refs.get(0).getBundle().getSymbolicName(), e.getKey() + " service bundle");
        }
    }

    static Bundle bundle(String symbolicName) {
        Optional<Bundle> found = Arrays.stream(TrackedService.testContext().getBundles())
                .filter(b -> b.getSymbolicName().equals(symbolicName)).findFirst();
        return found.orElseThrow(() -> new AssertionError("no bundle " + symbolicName + " in the framework"));
    }
}
