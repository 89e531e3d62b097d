package org.jvmm.vm.worker.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.vm.worker.impl.WorkerFixture.config;
import static org.jvmm.vm.worker.impl.WorkerFixture.eventually;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jvmm.vm.worker.VmState;
import org.jvmm.vm.worker.impl.fake.CounterDevice;
import org.jvmm.vm.worker.impl.fake.TestHandles;

/**
 * Live device update of a device that cannot be unplugged: its provider "bundle" goes away and comes
 * back as a new revision (another handle class for the same kind:id, as an OSGi update gives).
 */
class LiveUpdateTest {
    private final HotSwapFixture h = new HotSwapFixture();

    @AfterEach
    void stopAll() {
        h.close();
    }

    private Vm launch() throws Exception {
        h.startCounter(false, false);
        return h.f.launch(config().chipsetDevice(new TestHandles.Power("power", 0xf4))
                .chipsetDevice(new TestHandles.Counter("ctr", 0x70f)).build());
    }

    @Test
    void aNewRevisionTakesOverTheRunningDevicesState() throws Exception {
        Vm vm = launch();
        vm.start();
        CounterDevice old = h.counters.getFirst();
        old.value = 42;

        h.stopCounter();
        eventually("paused", () -> vm.state() == VmState.PAUSED);
        h.startCounter(true, false);
        eventually("running", () -> vm.state() == VmState.RUNNING);

        List<CounterDevice> live = vm.devices(CounterDevice.class);
        assertEquals(1, live.size());
        CounterDevice fresh = live.getFirst();
        assertNotSame(old, fresh, "the new revision's instance is on the bus");
        assertEquals(42, fresh.value, "with the old one's state");
        assertTrue(old.closed, "the old instance is closed");
        assertTrue(vm.deviceEvents().stream().anyMatch(e -> e.contains("live update: the new revision took over")),
                () -> vm.deviceEvents().toString());
    }

    @Test
    void aRevisionThatCannotReadTheStateIsRefusedAndTheOldOneGoesOn() throws Exception {
        Vm vm = launch();
        vm.start();
        CounterDevice old = h.counters.getFirst();
        old.value = 7;

        h.stopCounter();
        eventually("paused", () -> vm.state() == VmState.PAUSED);
        h.startCounter(true, true);
        eventually("running", () -> vm.state() == VmState.RUNNING);

        assertSame(old, vm.devices(CounterDevice.class).getFirst(), "the old revision goes on");
        assertFalse(old.closed);
        assertEquals(7, old.value);
        assertTrue(h.counters.getLast().closed, "the refused instance is closed");
        assertTrue(vm.deviceEvents().stream().anyMatch(e -> e.contains("live update refused (the new revision"
                + " refused the state: test.counter: this revision reads no saved state)")),
                () -> vm.deviceEvents().toString());
    }

    @Test
    void aRestartedProviderAlsoTakesOverTheState() throws Exception {
        Vm vm = launch();
        vm.start();
        CounterDevice old = h.counters.getFirst();
        old.value = 5;

        h.stopCounter();
        eventually("paused", () -> vm.state() == VmState.PAUSED);
        h.startCounter(false, false);
        eventually("running", () -> vm.state() == VmState.RUNNING);

        CounterDevice fresh = vm.devices(CounterDevice.class).getFirst();
        assertNotSame(old, fresh);
        assertEquals(5, fresh.value);
        assertEquals(2, h.counters.size());
    }
}
