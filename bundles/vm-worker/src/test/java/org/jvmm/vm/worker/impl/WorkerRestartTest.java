package org.jvmm.vm.worker.impl;

import static org.jvmm.vm.worker.impl.WorkerFixture.config;
import static org.jvmm.vm.worker.impl.WorkerFixture.eventually;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jvmm.vm.worker.IllegalVmStateException;
import org.jvmm.vm.worker.SnapshotException;
import org.jvmm.vm.worker.VmState;
import org.jvmm.vm.worker.impl.fake.CounterDevice;
import org.jvmm.vm.worker.impl.fake.FakeFunction;
import org.jvmm.vm.worker.impl.fake.FakePartition;
import org.jvmm.vm.worker.impl.fake.TestHandles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** vm:restart: every part built again by the providers active now, around the same RAM, with its state. */
class WorkerRestartTest {
    private final HotSwapFixture h = new HotSwapFixture();

    @AfterEach
    void stopAll() {
        h.close();
    }

    private Vm launch(boolean withHost) throws Exception {
        h.startCounter(false, false);
        var b = config().chipsetDevice(new TestHandles.Counter("ctr", 0x70f));
        if (withHost) {
            b.chipsetDevice(new TestHandles.PciHost());
        }
        return h.f.launch(b.build());
    }

    @Test
    void everyPartIsBuiltAgainAndTakesItsStateOver() throws Exception {
        Vm vm = launch(false);
        vm.start();
        FakePartition first = h.f.emu.last;
        CounterDevice old = h.counters.getFirst();
        old.value = 42;
        vm.writeMemory(0x1000, new byte[] {5, 6, 7});

        vm.restart();

        assertEquals(VmState.RUNNING, vm.state());
        assertNotSame(first, h.f.emu.last, "a new partition");
        assertTrue(first.closed, "the old partition is closed");
        assertArrayEquals(first.state, h.f.emu.last.restored, "the partition state went over");
        assertSame(first.config().memory(), h.f.emu.last.config().memory(), "around the same RAM");
        assertArrayEquals(new byte[] {5, 6, 7}, vm.readMemory(0x1000, 3));
        CounterDevice fresh = vm.devices(CounterDevice.class).getFirst();
        assertNotSame(old, fresh);
        assertTrue(old.closed, "the old device is closed");
        assertEquals(42, fresh.value);
        assertTrue(vm.deviceEvents().getLast().contains("the worker restarted in "), vm.deviceEvents().toString());
    }

    @Test
    void aPausedVmStaysPaused() throws Exception {
        Vm vm = launch(false);
        vm.start();
        vm.pause();
        vm.restart();
        assertEquals(VmState.PAUSED, vm.state());
        vm.resume();
        assertEquals(VmState.RUNNING, vm.state());
    }

    @Test
    void aRestartAfterALiveUpdateBuildsTheDeviceWithTheNewRevisionsHandleTypes() throws Exception {
        Vm vm = launch(false);
        vm.start();
        h.stopCounter();
        eventually("paused", () -> vm.state() == VmState.PAUSED);
        h.startCounter(true, false); // the "updated" revision: another handle class for the same kind:id
        eventually("running", () -> vm.state() == VmState.RUNNING);
        vm.devices(CounterDevice.class).getFirst().value = 9;

        vm.restart(); // the config's handle (the first revision's class) is read again with the new types

        assertEquals(3, h.counters.size(), "launch, live update, restart");
        assertEquals(9, vm.devices(CounterDevice.class).getFirst().value);
        assertSame(h.counters.getLast(), vm.devices(CounterDevice.class).getFirst());
        assertEquals(VmState.RUNNING, vm.state());
    }

    @Test
    void devicesHotAddedAtRunTimeAreAddedAgainWithTheirState() throws Exception {
        h.statefulFunctions = true;
        Vm vm = launch(true);
        vm.start();
        assertEquals("01:00.0", vm.addPciDevice("rp0", new TestHandles.Blk(new TestHandles.RamDisk(4096))));
        FakeFunction fn = h.functions.getFirst();
        fn.value = 77;

        vm.restart();

        assertEquals(2, h.functions.size());
        FakeFunction again = h.functions.getLast();
        assertEquals(77, again.value);
        assertTrue(fn.closed);
        assertEquals("attach " + again.name() + " at port rp0", h.host().log.getLast());
        assertEquals(2, h.hosts.size(), "the PCI host was built again too");
        vm.removePciDevice("rp0");
        assertTrue(again.closed);
    }

    @Test
    void aDeviceThatCannotSaveRefusesTheRestartAndTheVmGoesOn() throws Exception {
        Vm vm = h.f.launch(config().chipsetDevice(new TestHandles.Power("power", 0xf4)).build());
        vm.start();
        FakePartition first = h.f.emu.last;
        SnapshotException e = assertThrows(SnapshotException.class, vm::restart);
        assertTrue(e.getMessage().contains("device power cannot save its state"), e.getMessage());
        assertEquals(VmState.RUNNING, vm.state());
        assertSame(first, h.f.emu.last, "nothing was rebuilt");
        assertTrue(!first.closed);
    }

    @Test
    void aDeviceWaitingForItsProviderRefusesTheRestart() throws Exception {
        Vm vm = launch(false);
        vm.start();
        h.stopCounter();
        eventually("paused", () -> vm.state() == VmState.PAUSED);
        SnapshotException e = assertThrows(SnapshotException.class, vm::restart);
        assertTrue(e.getMessage().startsWith("cannot restart the worker while chipset_device_handle:test_counter"),
                e.getMessage());
        assertEquals(VmState.PAUSED, vm.state());
    }

    @Test
    void aFailedRebuildLeavesTheStateInASnapshotFolder() throws Exception {
        Vm vm = launch(false);
        vm.start();
        vm.writeMemory(0x2000, new byte[] {9});
        h.stopCounter();
        eventually("paused", () -> vm.state() == VmState.PAUSED);
        h.startCounter(true, true); // a revision that refuses every state: the live update keeps the old device
        eventually("running", () -> vm.state() == VmState.RUNNING);

        SnapshotException e = assertThrows(SnapshotException.class, vm::restart);

        assertEquals(VmState.FAILED, vm.state());
        assertTrue(h.counters.getLast().closed, "the device the failed rebuild built is closed again");
        assertTrue(e.getMessage().contains("this revision reads no saved state"), e.getMessage());
        Matcher m = Pattern.compile("--restore-snapshot (\\S+) continues it").matcher(e.getMessage());
        assertTrue(m.find(), e.getMessage());
        Path dir = Path.of(m.group(1));
        for (String f : new String[] {"manifest.json", "state.json", "memory.bin"}) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        assertEquals(9, Files.readAllBytes(dir.resolve("memory.bin"))[0x2000]);
        assertThrows(IllegalVmStateException.class, vm::reset);
        vm.stop();
        assertEquals(VmState.STOPPED, vm.state());
    }

}
