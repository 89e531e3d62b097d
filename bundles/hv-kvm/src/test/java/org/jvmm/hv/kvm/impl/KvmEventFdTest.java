package org.jvmm.hv.kvm.impl;

import static org.jvmm.hv.kvm.impl.KvmRealModeTest.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jvmm.hv.api.InterruptRequest;
import org.jvmm.hv.api.VirtualProcessor;
import org.jvmm.hv.api.VpExit;
import org.junit.jupiter.api.Test;

/** ioeventfd doorbells and irqfd interrupts: device paths that bypass the VMM's exits. */
class KvmEventFdTest {
    /** mov al,7; out 0x70,al; mov dx,0x3f8; mov al,'D'; out dx,al; cli; hlt */
    static final byte[] RING_THEN_DONE = bytes(0xb0, 0x07, 0xe6, 0x70, 0xba, 0xf8, 0x03, 0xb0, 0x44, 0xee, 0xfa, 0xf4);

    @Test
    void aDoorbellWriteStaysInTheKernel() throws Exception {
        try (TinyGuest g = TinyGuest.small()) {
            KvmPartition p = (KvmPartition) g.partition;
            VirtualProcessor vp = g.vp(0);
            g.load(0x1000, RING_THEN_DONE);
            g.realMode(vp, 0x1000);
            try (Doorbell bell = p.doorbell(0x70, 1, true, 7L)) {
                RecordingIo io = new RecordingIo();
                Future<VpExit> run = g.start(vp, io);
                io.awaitOut(0x3f8, 'D');
                vp.requestStop();
                assertInstanceOf(VpExit.Stopped.class, run.get(5, TimeUnit.SECONDS));
                assertEquals(List.of(), io.written(0x70), "the doorbell write did not exit");
                assertEquals(1, bell.takeRings());
                assertEquals(0, bell.takeRings());
            }
        }
    }

    @Test
    void anInterruptFdDeliversItsVectorOnEachSignal() throws Exception {
        try (TinyGuest g = TinyGuest.small()) {
            KvmPartition p = (KvmPartition) g.partition;
            VirtualProcessor vp = g.vp(0);
            g.load(KvmLongModeTest.CODE, KvmLongModeTest.X2APIC_WAIT);
            g.load(KvmLongModeTest.HANDLER, KvmLongModeTest.X2APIC_HANDLER);
            g.gate64(0x40, KvmLongModeTest.HANDLER);
            g.longMode(vp, KvmLongModeTest.CODE, 0xFFF);
            try (InterruptFd irq = p.interruptFd(new InterruptRequest.Fixed(0, false, 0x40, false))) {
                RecordingIo io = new RecordingIo();
                Future<VpExit> run = g.start(vp, io);
                io.awaitOut(0x3f8, 'R');
                irq.signal();
                io.await(a -> io.written(0x3f8).size() == 2, "the first irqfd interrupt", 10);
                irq.signal();
                io.await(a -> io.written(0x3f8).size() == 3, "the second irqfd interrupt", 10);
                vp.requestStop();
                assertInstanceOf(VpExit.Stopped.class, run.get(5, TimeUnit.SECONDS));
                assertEquals(List.of((long) 'R', (long) 'I', (long) 'I'), io.written(0x3f8));
            }
            assertThrows(IllegalArgumentException.class,
                    () -> p.interruptFd(new InterruptRequest.Fixed(0, false, 0x41, true)));
        }
    }
}
