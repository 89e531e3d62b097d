package org.jvmm.vm.worker.impl.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.jvmm.vm.worker.VmState;
import org.jvmm.vmm.resource.Registration;

class VmStateCellTest {
    @Test
    void listenersHearEveryChangeUntilClosed() {
        VmStateCell cell = new VmStateCell();
        List<VmState> heard = new CopyOnWriteArrayList<>();
        Registration r = cell.addListener(heard::add);
        cell.moveTo(VmState.STARTING);
        cell.moveTo(VmState.RUNNING);
        r.close();
        cell.moveTo(VmState.STOPPING);
        assertEquals(List.of(VmState.STARTING, VmState.RUNNING), heard);
    }

    @Test
    void aFailingListenerDoesNotStopTheChange() {
        VmStateCell cell = new VmStateCell();
        cell.addListener(s -> {
            throw new IllegalStateException("boom");
        });
        cell.moveTo(VmState.STARTING);
        assertEquals(VmState.STARTING, cell.get());
    }

    @Test
    void reasonIsShownOnlyWhenStoppedOrFailed() {
        VmStateCell cell = new VmStateCell();
        cell.moveTo(VmState.STARTING);
        cell.moveTo(VmState.RUNNING);
        cell.moveTo(VmState.FAILED, "emulation failure");
        assertEquals(Optional.of("emulation failure"), cell.reason());
        cell.moveTo(VmState.RESETTING);
        assertEquals(Optional.empty(), cell.reason());
    }

    @Test
    void forbiddenMoveIsAnInternalError() {
        VmStateCell cell = new VmStateCell();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> cell.moveTo(VmState.RUNNING));
        assertEquals("internal: VM state CREATED -> RUNNING is not a transition", e.getMessage());
    }

    @Test
    void awaitReturnsWhenTheStateIsReachedAndTimesOutOtherwise() throws Exception {
        VmStateCell cell = new VmStateCell();
        assertFalse(cell.await(VmState.STOPPED, Duration.ofMillis(20)));
        Thread t = Thread.ofPlatform().start(() -> {
            cell.moveTo(VmState.STOPPING);
            cell.moveTo(VmState.STOPPED, "done");
        });
        assertTrue(cell.await(VmState.STOPPED, Duration.ofSeconds(5)));
        t.join();
    }
}
