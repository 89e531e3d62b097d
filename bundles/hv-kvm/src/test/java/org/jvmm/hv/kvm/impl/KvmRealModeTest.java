package org.jvmm.hv.kvm.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jvmm.hv.api.VirtualProcessor;
import org.jvmm.hv.api.VpExit;
import org.jvmm.hv.kvm.impl.ffm.KvmConstants;
import org.jvmm.hv.kvm.impl.vp.KvmVp;
import org.jvmm.inspect.InspectNode;
import org.junit.jupiter.api.Test;

/** Real-mode tiny guests on real KVM: port I/O, string I/O, HLT, pause, the PIC's interrupt. */
class KvmRealModeTest {
    /** mov dx,0x3f8; mov al,'A'; out dx,al; hlt */
    static final byte[] OUT_HLT = bytes(0xba, 0xf8, 0x03, 0xb0, 0x41, 0xee, 0xf4);
    /**
     * mov dx,0x60; in al,dx; inc al; out dx,al; mov cx,4; mov si,0x2000; rep outsb;
     * mov dx,0x61; mov cx,3; mov di,0x2100; rep insb; mov dx,0x64; out dx,al; cli; hlt
     */
    static final byte[] PORTS = bytes(0xba, 0x60, 0x00, 0xec, 0xfe, 0xc0, 0xee, 0xb9, 0x04, 0x00, 0xbe, 0x00, 0x20,
            0xf3, 0x6e, 0xba, 0x61, 0x00, 0xb9, 0x03, 0x00, 0xbf, 0x00, 0x21, 0xf3, 0x6c, 0xba, 0x64, 0x00, 0xee, 0xfa,
            0xf4);
    /** sti; mov dx,0x3f8; mov al,'R'; out dx,al; 1: hlt; jmp 1b */
    static final byte[] STI_HLT_LOOP = bytes(0xfb, 0xba, 0xf8, 0x03, 0xb0, 0x52, 0xee, 0xf4, 0xeb, 0xfd);
    /** mov dx,0x3f8; mov al,'P'; out dx,al; iret */
    static final byte[] PIC_HANDLER = bytes(0xba, 0xf8, 0x03, 0xb0, 0x50, 0xee, 0xcf);
    /** 1: jmp 1b */
    static final byte[] SPIN = bytes(0xeb, 0xfe);

    @Test
    void outThenHltReachesTheChipsetAndSleepsInTheKernelUntilStopped() throws Exception {
        try (TinyGuest g = TinyGuest.small()) {
            VirtualProcessor vp = g.vp(0);
            g.load(0x1000, OUT_HLT);
            g.realMode(vp, 0x1000);
            RecordingIo io = new RecordingIo();
            Future<VpExit> run = g.start(vp, io);
            RecordingIo.Access a = io.awaitOut(0x3f8, 'A');
            assertEquals(1, a.size());
            Thread.sleep(50);
            assertTrue(!run.isDone(), "a halted processor sleeps inside run");
            vp.requestStop();
            assertInstanceOf(VpExit.Stopped.class, run.get(5, TimeUnit.SECONDS));
            assertEquals(0x1000 + OUT_HLT.length, vp.generalRegisters().rip(), "stopped after the hlt");
            assertEquals(KvmConstants.KVM_MP_STATE_HALTED, ((KvmVp) vp).mpState());
        }
    }

    @Test
    void portInOutAndStringIo() throws Exception {
        try (TinyGuest g = TinyGuest.small()) {
            VirtualProcessor vp = g.vp(0);
            g.load(0x1000, PORTS);
            g.load(0x2000, "WXYZ".getBytes());
            g.realMode(vp, 0x1000);
            RecordingIo io = new RecordingIo();
            io.portValues.put(0x60L, 0x41L);
            io.portValues.put(0x61L, 0x7EL);
            Future<VpExit> run = g.start(vp, io);
            io.await(a -> a.address() == 0x64, "the done port", 10);
            vp.requestStop();
            assertInstanceOf(VpExit.Stopped.class, run.get(5, TimeUnit.SECONDS));
            assertEquals(List.of(0x42L, (long) 'W', (long) 'X', (long) 'Y', (long) 'Z'), io.written(0x60));
            long ins = io.log.stream().filter(a -> a.kind() == RecordingIo.Kind.PORT_IN && a.address() == 0x61).count();
            assertEquals(3, ins, "rep insb reads the port once per byte");
            byte[] got = new byte[3];
            g.memory.read(0x2100, got, 0, 3);
            assertArrayEquals(bytes(0x7e, 0x7e, 0x7e), got);
            InspectNode n = new InspectNode();
            g.partition.inspect(n);
            long runs = (long) n.at("vp/0/kvmRuns").orElseThrow();
            long accesses = (long) n.at("vp/0/portAccesses").orElseThrow();
            assertEquals(10, accesses);
            assertTrue(runs < accesses, "string I/O came as exits with count > 1: " + runs + " KVM_RUNs");
            assertEquals("halted", n.at("vp/0/mpState").orElseThrow().toString().substring(0, 6));
        }
    }

    @Test
    void thePicOutputIsAcknowledgedAndItsVectorTakenThroughTheIvt() throws Exception {
        try (TinyGuest g = TinyGuest.small()) {
            VirtualProcessor vp = g.vp(0);
            g.load(0x1000, STI_HLT_LOOP);
            g.load(0x3000, PIC_HANDLER);
            g.ivt(0x20, 0, 0x3000);
            g.realMode(vp, 0x1000);
            RecordingIo io = new RecordingIo();
            io.pic = g.partition;
            Future<VpExit> run = g.start(vp, io);
            io.awaitOut(0x3f8, 'R');
            Thread.sleep(20);
            io.picVector = 0x20;
            g.partition.setPicOutput(true);
            io.awaitOut(0x3f8, 'P');
            vp.requestStop();
            assertInstanceOf(VpExit.Stopped.class, run.get(5, TimeUnit.SECONDS));
            assertEquals(List.of((long) 'R', (long) 'P'), io.written(0x3f8));
        }
    }

    @Test
    void aSpinningGuestPausesFromAnotherThreadAndResumes() throws Exception {
        try (TinyGuest g = TinyGuest.small()) {
            VirtualProcessor vp = g.vp(0);
            g.load(0x1000, SPIN);
            g.realMode(vp, 0x1000);
            RecordingIo io = new RecordingIo();
            for (int round = 0; round < 2; round++) {
                Future<VpExit> run = g.start(vp, io);
                Thread.sleep(50);
                assertTrue(!run.isDone(), "round " + round + ": still spinning");
                long t0 = System.nanoTime();
                vp.requestStop();
                assertInstanceOf(VpExit.Stopped.class, run.get(5, TimeUnit.SECONDS));
                assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(1), "stop took too long");
                assertEquals(0x1000, vp.generalRegisters().rip());
                vp.clearStop();
            }
        }
    }

    @Test
    void stopsRacingTheEntryIntoKvmRunAreNeverLost() throws Exception {
        try (TinyGuest g = TinyGuest.small()) {
            VirtualProcessor vp = g.vp(0);
            g.load(0x1000, SPIN);
            g.realMode(vp, 0x1000);
            RecordingIo io = new RecordingIo();
            for (int i = 0; i < 200; i++) {
                Future<VpExit> run = g.start(vp, io);
                if (i % 2 == 0) {
                    Thread.onSpinWait();
                } else {
                    Thread.sleep(0, 50_000);
                }
                vp.requestStop();
                assertInstanceOf(VpExit.Stopped.class, run.get(2, TimeUnit.SECONDS), "round " + i);
                vp.clearStop();
            }
        }
    }

    @Test
    void aStopRequestedBeforeRunReturnsAtOnce() throws Exception {
        try (TinyGuest g = TinyGuest.small()) {
            VirtualProcessor vp = g.vp(0);
            g.load(0x1000, OUT_HLT);
            g.realMode(vp, 0x1000);
            vp.requestStop();
            RecordingIo io = new RecordingIo();
            assertInstanceOf(VpExit.Stopped.class, g.start(vp, io).get(5, TimeUnit.SECONDS));
            assertTrue(io.log.isEmpty(), "no guest instruction ran");
            assertEquals(0x1000, vp.generalRegisters().rip());
        }
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
