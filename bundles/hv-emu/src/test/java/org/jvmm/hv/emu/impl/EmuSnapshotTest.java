package org.jvmm.hv.emu.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.jvmm.hv.api.HypervisorException;
import org.jvmm.hv.api.InterruptRequest;
import org.jvmm.hv.api.SavedBackendState;
import org.jvmm.hv.api.VpExit;
import org.jvmm.inspect.InspectNode;
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

    /** nop; hlt with interrupts off; the NMI handler counts at [0x5000] and halts (NMIs stay blocked). */
    private static void nmiHandlerSetUp(EmuMachine m) {
        m.load(EmuMachine.CODE, "90 f4");
        m.gate(2, EmuMachine.HANDLER);
        m.load(EmuMachine.HANDLER, "48 ff 04 25 00 50 00 00  f4"); // inc qword [0x5000]; hlt
        m.longMode(0, EmuMachine.CODE);
    }

    @Test
    void aProcessorSavedInItsNmiHandlerKeepsFurtherNmisBlocked() throws Exception {
        try (EmuMachine a = new EmuMachine(1, true); EmuMachine b = new EmuMachine(1, true)) {
            nmiHandlerSetUp(a);
            a.partition.requestInterrupt(new InterruptRequest.Nmi(0, false));
            assertInstanceOf(VpExit.Halted.class, a.vp(0).run(a.io));
            assertEquals(1, a.memory.read64(EmuMachine.FLAG), "the NMI handler ran");

            b.memory.segment().copyFrom(a.memory.segment());
            b.partition.restoreState(a.partition.saveState());
            b.vp(0).restoreState(a.vp(0).saveState());
            b.partition.requestInterrupt(new InterruptRequest.Nmi(0, false));
            assertInstanceOf(VpExit.Halted.class, b.vp(0).run(b.io));
            assertEquals(1, b.memory.read64(EmuMachine.FLAG), "a second NMI waits for IRET");
            InspectNode n = new InspectNode();
            b.vp(0).inspect(n);
            assertEquals(true, n.at("apic/nmiPending").orElseThrow());
        }
    }

    @Test
    void aVersion1PartitionStateIsStillRead() throws Exception {
        byte[] nanos = ByteBuffer.allocate(Long.BYTES).putLong(123_456).array();
        byte[] hostTime = ByteBuffer.allocate(Long.BYTES).putLong(-1).array();
        try (EmuMachine d = new EmuMachine(1, true); EmuMachine h = new EmuMachine(1, false)) {
            d.partition.restoreState(new SavedBackendState("emu", 1, nanos));
            assertEquals(123_456, d.partition.deterministicTime().orElseThrow().nanos());
            h.partition.restoreState(new SavedBackendState("emu", 1, hostTime));
            HypervisorException e = assertThrows(HypervisorException.class,
                    () -> h.partition.restoreState(new SavedBackendState("emu", 1, nanos)));
            assertTrue(e.getMessage().contains("--deterministic"), e.getMessage());
            e = assertThrows(HypervisorException.class,
                    () -> d.partition.restoreState(new SavedBackendState("emu", 3, nanos)));
            assertTrue(e.getMessage().contains("version 3"), e.getMessage());
            assertEquals(2, d.partition.saveState().version());
            assertEquals(2, d.vp(0).saveState().version());
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
