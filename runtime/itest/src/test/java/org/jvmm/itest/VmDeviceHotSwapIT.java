package org.jvmm.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvmm.devices.virtio.resources.VirtioRngHandle;
import org.jvmm.pci.resources.PcieRootComplexHandle;
import org.jvmm.pci.resources.PcieRootPortConfig;
import org.jvmm.vm.config.VirtioDeviceConfig;
import org.jvmm.vm.config.VmConfig;
import org.jvmm.vm.worker.VmControl;
import org.jvmm.vm.worker.VmDevice;
import org.jvmm.vm.worker.VmState;
import org.jvmm.vmm.resource.ResolverRegistry;
import org.osgi.framework.Bundle;

/**
 * The devices-virtio bundle stopped and started under a running VM (on the itest backend, no guest
 * code): a virtio-rng behind a hot-plug root port is removed and added again while the VM runs; a
 * virtio-mmio one, which cannot be unplugged, pauses the VM until the bundle is back. Every test
 * leaves devices-virtio active.
 */
class VmDeviceHotSwapIT {
    private static final String VIRTIO = DeviceResolversIT.DEVICES_VIRTIO;

    private TrackedService<ResolverRegistry> registryService;
    private ResolverBundle resolvers;
    private LaunchedVms vms;
    private TrackedService<CommandProcessor> processor;

    @BeforeEach
    void setUp() throws Exception {
        registryService = TrackedService.await(ResolverRegistry.class);
        resolvers = ResolverBundle.start(registryService.get());
        vms = LaunchedVms.open();
        processor = TrackedService.await(CommandProcessor.class);
        Eventually.await("virtio_pci", () -> registryService.get().find("pci_device_handle", "virtio_pci"));
    }

    @AfterEach
    void cleanUp() throws Exception {
        vms.close();
        Bundle b = DeviceResolversIT.bundle(VIRTIO);
        if (b.getState() != Bundle.ACTIVE) {
            b.start();
        }
        resolvers.close();
        processor.close();
        registryService.close();
    }

    private static VmConfig.Builder withRootPort() {
        return LaunchedVms.config(LaunchedVms.ITEST).toBuilder().chipsetDevice(PcieRootComplexHandle.of("rc0")
                .withRootPort(new PcieRootPortConfig("rp0", null, true)));
    }

    @Test
    void aDeviceBehindAHotPlugPortLeavesWithItsBundleAndReturnsWhileTheVmRuns() throws Exception {
        VmControl vm = vms.launch(withRootPort()
                .virtioDevice(new VirtioDeviceConfig(new VirtioRngHandle(), "pci", "rp0")).build());
        vm.start();
        Bundle virtio = DeviceResolversIT.bundle(VIRTIO);
        VmDevice rng = row(vm, "virtioDevices[0].device");
        assertEquals(new VmDevice("virtioDevices[0].device", "virtio:virtio-rng", VIRTIO, "port rp0", true,
                VmDevice.State.ACTIVE, ""), rng);
        assertEquals(VIRTIO, row(vm, "virtioDevices[0]").bundle());

        for (int round = 0; round < 3; round++) {
            virtio.stop();
            Eventually.until("removed", () -> row(vm, "virtioDevices[0]").state() == VmDevice.State.REMOVED);
            assertEquals(VmState.RUNNING, vm.state(), "the VM keeps running");
            assertTrue(vm.deviceEvents().getLast().contains("(bundle " + VIRTIO + ") went away:"
                    + " removed the device behind rp0; it comes back when the bundle returns"), vm.deviceEvents()::toString);
            assertEquals("removed", vm.inspect("devices/virtioDevices[0]/state").orElseThrow());

            virtio.start();
            Eventually.until("back", () -> row(vm, "virtioDevices[0]").state() == VmDevice.State.ACTIVE);
            Eventually.until("added again", () -> vm.deviceEvents().getLast().contains("is back: added the device"
                    + " behind rp0 again"));
            assertEquals(VmState.RUNNING, vm.state());
        }
        String listing = session().execute("vm:devices").toString();
        assertTrue(listing.contains("virtioDevices[0].device  virtio:virtio-rng"), listing);
        assertTrue(listing.contains("port rp0  yes      active"), listing);
    }

    @Test
    void aVirtioMmioDeviceWhoseBundleStopsPausesTheVmUntilTheBundleIsBack() throws Exception {
        VmControl vm = vms.launch(LaunchedVms.config(LaunchedVms.ITEST).toBuilder()
                .virtioDevice(new VirtioDeviceConfig(new VirtioRngHandle(), "mmio", null)).build());
        vm.start();
        Bundle virtio = DeviceResolversIT.bundle(VIRTIO);
        assertEquals(new VmDevice("virtioDevices[0]", "chipset_device_handle:virtio_mmio", VIRTIO, "mmio 0xfeb00000",
                false, VmDevice.State.ACTIVE, ""), row(vm, "virtioDevices[0]"));

        virtio.stop();
        Eventually.until("paused", () -> vm.state() == VmState.PAUSED);
        assertEquals(VmDevice.State.WAITING_FOR_PROVIDER, row(vm, "virtioDevices[0]").state());
        String reason = vm.stopReason().orElseThrow();
        assertTrue(reason.contains("(bundle " + VIRTIO + ") went away: virtioDevices[0]"
                + " (chipset_device_handle:virtio_mmio) cannot be unplugged; the VM is paused until the bundle returns"),
                reason);
        Object status = session().execute("vm:status");
        assertTrue(status.toString().contains("paused (" + reason + ")"), status::toString);

        virtio.start();
        Eventually.until("resumed", () -> vm.state() == VmState.RUNNING);
        assertEquals(VmDevice.State.ACTIVE, row(vm, "virtioDevices[0]").state());
        assertTrue(vm.stopReason().isEmpty());
    }

    private CommandSession session() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        return processor.get().createSession(new ByteArrayInputStream(new byte[0]), new PrintStream(sink),
                new PrintStream(sink));
    }

    private static VmDevice row(VmControl vm, String path) {
        List<VmDevice> rows = vm.listDevices();
        return rows.stream().filter(d -> d.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no device at " + path + " in " + rows));
    }
}
