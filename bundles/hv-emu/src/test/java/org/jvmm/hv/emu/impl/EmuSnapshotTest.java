package org.jvmm.hv.emu.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.jvmm.hv.api.HypervisorException;
import org.jvmm.hv.api.SavedBackendState;
import org.jvmm.hv.api.VpExit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Saving a running processor and its partition, restoring them into a fresh partition, continuing there. */
@Timeout(20)
class EmuSnapshotTest {
    /** xor eax, eax; mov dx, 0x3f8; loop: out dx, al; inc eax; cmp eax, 3000; jne loop; cli; hlt. */
    static final String COUNT_TO_PORT = "31 c0  66 ba f8 03  ee  ff c0  3d b8 0b 00 00  75 f6  fa f4";
    static final int COUNT = 3000;

    @Test
    void aRestoredProcessorContinuesWhereTheSavedOneStopped() throws Exception {
        List<Integer> written = new ArrayList<>();
        SavedBackendState vpState;
        SavedBackendState partitionState;
        long savedNanos;
        try (EmuMachine a = new EmuMachine(1, true); EmuMachine b = new EmuMachine(1, true)) {
            a.load(EmuMachine.CODE, COUNT_TO_PORT);
            a.longMode(0, EmuMachine.CODE);
            FutureTask<VpExit> run = a.start(0);
            while (a.io.writes.size() < 100) {
                Thread.sleep(1);
            }
            a.vp(0).requestStop();
            assertInstanceOf(VpExit.Stopped.class, run.get(5, TimeUnit.SECONDS));
            a.io.writes.forEach(w -> written.add((int) w.value()));
            vpState = a.vp(0).saveState();
            partitionState = a.partition.saveState();
            savedNanos = a.partition.deterministicTime().orElseThrow().nanos();

            b.memory.segment().copyFrom(a.memory.segment());
            b.partition.restoreState(partitionState);
            b.vp(0).restoreState(vpState);
            assertEquals(savedNanos, b.partition.deterministicTime().orElseThrow().nanos());
            assertInstanceOf(VpExit.Halted.class, b.vp(0).run(b.io));
            b.io.writes.forEach(w -> written.add((int) w.value()));
        }
        assertEquals(COUNT, written.size(), "port writes before and after the snapshot");
        for (int i = 0; i < COUNT; i++) {
            assertEquals(i & 0xFF, written.get(i), "write " + i);
        }
    }

    @Test
    void aStateOfAnotherVersionIsRefusedNamingIt() throws Exception {
        try (EmuMachine m = new EmuMachine(1, true)) {
            SavedBackendState s = m.vp(0).saveState();
            HypervisorException e = assertThrows(HypervisorException.class,
                    () -> m.vp(0).restoreState(new SavedBackendState("emu", 99, s.data())));
            assertTrue(e.getMessage().contains("version 99"), e.getMessage());
            assertThrows(HypervisorException.class,
                    () -> m.vp(0).restoreState(new SavedBackendState("emu", s.version(), new byte[3])));
        }
    }

    @Test
    void aDeterministicSnapshotDoesNotRestoreIntoHostTime() throws Exception {
        try (EmuMachine a = new EmuMachine(1, true); EmuMachine b = new EmuMachine(1, false)) {
            HypervisorException e = assertThrows(HypervisorException.class,
                    () -> b.partition.restoreState(a.partition.saveState()));
            assertTrue(e.getMessage().contains("--deterministic"), e.getMessage());
        }
    }
}
