package org.jvmm.vm.worker.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.vm.worker.impl.WorkerFixture.config;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.vm.worker.VmState;
import org.jvmm.vm.worker.impl.fake.FakeFunction;
import org.jvmm.vm.worker.impl.fake.TestHandles;
import org.jvmm.vm.worker.impl.fake.TestResolver;

/** A device bundle whose resolver hangs or throws is contained: the hot-add fails, the VM goes on. */
class FaultyPluginTest {
    private final HotSwapFixture h = new HotSwapFixture();
    private final CountDownLatch never = new CountDownLatch(1);
    private final java.util.List<FakeFunction> faulty = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void faultyResolvers() {
        System.setProperty("jvmm.resolve.timeout.seconds", "1");
        h.f.registry.register(new TestResolver<>(TestHandles.Hang.class, ChipsetDevice.class, (handle, c) -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }), "pci_device_handle", "test_hang", "org.jvmm.test.faulty", 11);
        h.f.registry.register(new TestResolver<>(TestHandles.Faulty.class, ChipsetDevice.class, (handle, c) -> {
            FakeFunction f = new FakeFunction("faulty", null);
            f.port(handle.port(), 1).failure = new IllegalStateException("plugin bug in I/O");
            faulty.add(f);
            return f;
        }), "pci_device_handle", "test_faulty", "org.jvmm.test.faulty", 11);
        h.f.registry.register(new TestResolver<>(TestHandles.Throw.class, ChipsetDevice.class, (handle, c) -> {
            throw new IllegalStateException("plugin bug");
        }), "pci_device_handle", "test_throw", "org.jvmm.test.faulty", 11);
    }

    @AfterEach
    void release() {
        never.countDown();
        System.clearProperty("jvmm.resolve.timeout.seconds");
        h.close();
    }

    @Test
    void aHangingResolverCostsAnErrorNotTheVm() throws Exception {
        Vm vm = h.f.launch(config().chipsetDevice(new TestHandles.Power("power", 0xf4))
                .chipsetDevice(new TestHandles.PciHost()).build());
        vm.start();
        long start = System.nanoTime();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> vm.addPciDevice("rp0", new TestHandles.Hang()));
        assertTrue(e.getMessage().contains("its resolver did not answer within 1 s"), e.getMessage());
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "bounded");
        assertEquals(VmState.RUNNING, vm.state());
        assertEquals("01:00.0", vm.addPciDevice("rp0", new TestHandles.Blk(new TestHandles.RamDisk(4096))),
                "the port and the VM are still usable");
    }

    @Test
    void aThrowingResolverIsReportedByName() throws Exception {
        Vm vm = h.f.launch(config().chipsetDevice(new TestHandles.Power("power", 0xf4))
                .chipsetDevice(new TestHandles.PciHost()).build());
        vm.start();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> vm.addPciDevice("rp0", new TestHandles.Throw()));
        assertTrue(e.getMessage().contains("plugin bug"), e.getMessage());
        assertEquals(VmState.RUNNING, vm.state());
        assertTrue(vm.listDevices().stream().noneMatch(d -> d.path().startsWith("hotplug")));
    }

    @Test
    void aDeviceWhoseIoThrowsIsTakenOutAndReported() throws Exception {
        Vm vm = h.f.launch(config().chipsetDevice(new TestHandles.Power("power", 0xf4))
                .chipsetDevice(new TestHandles.PciHost()).build());
        vm.start();
        assertEquals("01:00.0", vm.addPciDevice("rp0", new TestHandles.Faulty(0x500)));
        h.f.emu.last.vp(0).portWrite(0x500, 1, 1);
        WorkerFixture.eventually("taken out", () -> vm.deviceEvents().stream().anyMatch(ev -> ev.contains("removed it")));
        assertTrue(faulty.getFirst().closed);
        assertEquals(VmState.RUNNING, vm.state());
        assertTrue(vm.listDevices().stream().noneMatch(d -> d.path().startsWith("hotplug")));
        assertTrue(vm.deviceEvents().stream().anyMatch(ev -> ev.contains("faulty behind rp0 threw"
                + " java.lang.IllegalStateException: plugin bug in I/O during guest I/O: removed it")),
                () -> vm.deviceEvents().toString());
        assertEquals("01:00.0", vm.addPciDevice("rp0", new TestHandles.Blk(new TestHandles.RamDisk(4096))),
                "the port is free again");
    }
}
