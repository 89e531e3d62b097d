package org.jvmm.itest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.PciAddress;
import org.jvmm.chipset.api.PciHost;
import org.jvmm.chipset.api.PciPlacement;
import org.jvmm.chipset.api.PortIoIntercept;
import org.jvmm.devices.virtio.api.VirtioDevice;
import org.jvmm.devices.virtio.api.VirtioDeviceIds;
import org.jvmm.devices.virtio.resources.VirtioBlkHandle;
import org.jvmm.devices.virtio.resources.VirtioConsoleHandle;
import org.jvmm.devices.virtio.resources.VirtioNetHandle;
import org.jvmm.devices.virtio.resources.VirtioRngHandle;
import org.jvmm.net.backend.api.Endpoint;
import org.jvmm.net.backend.api.MacAddress;
import org.jvmm.net.backend.api.NetQueue;
import org.jvmm.net.backend.api.NetQueueConfig;
import org.jvmm.net.backend.api.NetQueueListener;
import org.jvmm.net.backend.api.TxResult;
import org.jvmm.net.backend.resources.LoopbackEndpointHandle;
import org.jvmm.net.backend.resources.NullEndpointHandle;
import org.jvmm.pci.resources.PcieRootComplexHandle;
import org.jvmm.storage.disk.resources.RamDiskHandle;
import org.jvmm.vm.config.NoneSerialHandle;
import org.jvmm.vm.config.VirtioMmioHandle;
import org.jvmm.vm.config.VirtioPciHandle;
import org.jvmm.vmm.resource.Inputs;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResolverRegistry;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * Virtio devices and their sub-resources (disk, serial backend, network endpoint) resolved through the
 * registry across bundles; network endpoints on their own; the virtio-pci transport attached to the
 * PCIe root complex of the pci bundle.
 */
class VirtioDeviceGraphIT {
    private static final long F_RO = 1L << 5;
    private static final String MAC = "00:15:5d:12:34:56";

    private TrackedService<ResolverRegistry> registryService;
    private ResolverRegistry registry;

    @BeforeEach
    void awaitRegistry() throws InterruptedException {
        registryService = TrackedService.await(ResolverRegistry.class);
        registry = registryService.get();
        for (String id : List.of("virtio-blk", "virtio-rng", "virtio-console", "virtio-net")) {
            Eventually.await("virtio:" + id, () -> registry.find("virtio", id));
        }
        Eventually.await("pcie_root_complex", () -> registry.find("chipset_device_handle", "pcie_root_complex"));
        Eventually.await("serial_handle:none", () -> registry.find("serial_handle", "none"));
    }

    @AfterEach
    void close() {
        registryService.close();
    }

    @Test
    void virtioDevicesResolveWithTheirSubResources() throws Exception {
        try (VirtioDevice blk = device(new VirtioBlkHandle(RamDiskHandle.of(4 << 20), true));
             VirtioDevice rng = device(new VirtioRngHandle());
             VirtioDevice console = device(new VirtioConsoleHandle(new NoneSerialHandle()));
             VirtioDevice net = device(new VirtioNetHandle(new LoopbackEndpointHandle(), MAC))) {
            assertEquals(List.of(VirtioDeviceIds.BLOCK, VirtioDeviceIds.ENTROPY, VirtioDeviceIds.CONSOLE,
                    VirtioDeviceIds.NET), List.of(blk.deviceId(), rng.deviceId(), console.deviceId(), net.deviceId()));
            assertEquals(List.of("virtio-blk", "virtio-rng", "virtio-console", "virtio-net"),
                    List.of(blk.name(), rng.name(), console.name(), net.name()));

            assertEquals(8192, blk.readConfig(0, 8), "capacity of the 4 MiB RAM disk in sectors");
            assertNotEquals(0, blk.deviceFeatures() & F_RO, "a read-only handle offers VIRTIO_BLK_F_RO");
            assertEquals(1, rng.queueCount());
            byte[] mac = new byte[6];
            for (int i = 0; i < 6; i++) {
                mac[i] = (byte) net.readConfig(i, 1);
            }
            assertArrayEquals(MacAddress.parse(MAC).bytes(), mac, "the NIC's MAC in its config space");
        }
    }

    @Test
    void aMissingSubResourceIsNamedAtItsPath() {
        ResolveException e = assertThrows(ResolveException.class,
                () -> device(new VirtioNetHandle(new AbsentEndpointHandle(), null)));
        assertEquals(ResolveException.Reason.MISSING, e.reason());
        assertEquals("no resolver for net_endpoint_handle:itest-absent at virtioDevices[0].endpoint", e.getMessage());
    }

    @Test
    void loopbackEndpointReflectsFramesAndNullEndpointDropsThem() throws Exception {
        byte[] frame = new byte[60];
        System.arraycopy(MacAddress.parse(MAC).bytes(), 0, frame, 0, 6);
        frame[12] = 0x08;
        AtomicInteger rxReady = new AtomicInteger();
        NetQueueListener listener = new NetQueueListener() {
            @Override
            public void rxReady() {
                rxReady.incrementAndGet();
            }

            @Override
            public void linkChanged(boolean up) {
                throw new AssertionError("link change " + up);
            }
        };
        try (Endpoint loopback = endpoint(new LoopbackEndpointHandle());
             Endpoint nothing = endpoint(new NullEndpointHandle())) {
            assertEquals(List.of("loopback", "null"), List.of(loopback.endpointType(), nothing.endpointType()));
            try (NetQueue q = loopback.connect(new NetQueueConfig(MacAddress.parse(MAC), listener))) {
                assertEquals(TxResult.SENT, q.transmit(List.of(MemorySegment.ofArray(frame.clone()))));
                assertEquals(1, rxReady.get(), "rxReady after the first frame");
                assertArrayEquals(frame, q.receive().orElseThrow());
                assertEquals(Optional.empty(), q.receive());
            }
            try (NetQueue q = nothing.connect(new NetQueueConfig(MacAddress.parse(MAC), listener))) {
                assertEquals(TxResult.DROPPED, q.transmit(List.of(MemorySegment.ofArray(frame.clone()))));
                assertEquals(Optional.empty(), q.receive());
            }
        }
    }

    @Test
    void virtioPciFunctionAttachesToTheRootComplexAndAnswersConfigCycles() throws Exception {
        try (RecordingChipsetServices services = RecordingChipsetServices.withRam(16L << 20)) {
            Inputs inputs = Inputs.of(services);
            ChipsetDevice rc = registry.resolve(PcieRootComplexHandle.of("rc0"), ChipsetDevice.class, inputs,
                    "chipsetDevices[0]");
            ChipsetDevice function = registry.resolve(new VirtioPciHandle(new VirtioRngHandle()), ChipsetDevice.class,
                    inputs, "virtioDevices[0]");
            try {
                assertEquals("rc0", rc.name());
                assertEquals("virtio-rng@virtioDevices[0]", function.name());
                assertTrue(function.pciConfig().isPresent(), "a PCI function has config space");
                PciHost host = rc.pciHost().orElseThrow();
                PciAddress address = host.attach(PciPlacement.rootBus(), function);
                assertEquals(0, address.bus());

                PortIoIntercept io = rc.portIo().orElseThrow();
                assertEquals(0x0008_1B36, configRead(io, new PciAddress(0, 0, 0), 0x00), "host bridge ids");
                assertEquals(0x1044_1AF4, configRead(io, address, 0x00), "virtio 1.x rng: 1af4:1044");
                long bar = configRead(io, address, 0x20) & ~0xFL | (configRead(io, address, 0x24) & 0xFFFF_FFFFL) << 32;
                assertNotEquals(0, bar, "firmware pass assigned BAR4");
                assertTrue(services.mapped().keySet().stream().anyMatch(r -> r.start() == bar && r.length() == 0x8000),
                        "BAR4 at 0x" + Long.toHexString(bar) + " is mapped: " + services.mapped().keySet());
                assertEquals(List.of(), services.msis(), "an idle function signals no MSI");
                assertEquals(List.of(), services.events(), "no power request, NMI or wake-up");
            } finally {
                VirtioBlkMmioIT.close(function);
            }
        }
    }

    @Test
    void transportsNeedTheWorkersChipsetServices() {
        ResolveException e = assertThrows(ResolveException.class, () -> registry.resolve(
                new VirtioMmioHandle(new VirtioRngHandle(), VirtioBlkMmioIT.BASE, VirtioBlkMmioIT.GSI),
                ChipsetDevice.class, Inputs.EMPTY, "chipsetDevices[2]"));
        assertEquals("chipset_device_handle:virtio_mmio at chipsetDevices[2] failed: no ChipsetServices input"
                + " (chipset devices are resolved by the VM worker)", e.getMessage());
    }

    private VirtioDevice device(ResourceHandle handle) throws ResolveException {
        return registry.resolve(handle, VirtioDevice.class, Inputs.EMPTY, "virtioDevices[0]");
    }

    private Endpoint endpoint(ResourceHandle handle) throws ResolveException {
        return registry.resolve(handle, Endpoint.class, Inputs.EMPTY, "nics[0].endpoint");
    }

    /** A dword of configuration space through mechanism #1 (ports 0xCF8/0xCFC). */
    private static long configRead(PortIoIntercept io, PciAddress a, int register) {
        int address = 0x8000_0000 | a.bus() << 16 | a.device() << 11 | a.function() << 8 | register;
        assertEquals(IoResult.OK, io.ioWrite(0xCF8, 4, address & 0xFFFF_FFFFL));
        IoValue v = new IoValue();
        assertEquals(IoResult.OK, io.ioRead(0xCFC, 4, v));
        return v.get() & 0xFFFF_FFFFL;
    }
}
