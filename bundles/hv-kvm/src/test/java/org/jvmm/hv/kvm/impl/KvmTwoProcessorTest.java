package org.jvmm.hv.kvm.impl;

import static org.jvmm.hv.kvm.impl.KvmRealModeTest.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jvmm.guestmem.GuestMemoryLayout;
import org.jvmm.hv.api.InterruptRequest;
import org.jvmm.hv.api.VirtualProcessor;
import org.jvmm.hv.api.VpExit;
import org.jvmm.hv.kvm.impl.ffm.KvmConstants;
import org.jvmm.hv.kvm.impl.vp.KvmVp;
import org.junit.jupiter.api.Test;

/** Two vCPUs on their own threads: the AP waits in KVM until INIT and SIPI start it at the vector page. */
class KvmTwoProcessorTest {
    /** mov dx,0x3f8; mov al,'B'; out dx,al; hlt */
    static final byte[] AP_CODE = bytes(0xba, 0xf8, 0x03, 0xb0, 0x42, 0xee, 0xf4);

    @Test
    void theBspRunsAndTheApStartsOnInitAndSipi() throws Exception {
        try (TinyGuest g = TinyGuest.create(GuestMemoryLayout.pc(2 << 20), 2)) {
            VirtualProcessor bsp = g.vp(0);
            VirtualProcessor ap = g.vp(1);
            assertEquals(KvmConstants.KVM_MP_STATE_UNINITIALIZED, ((KvmVp) ap).mpState());
            g.load(0x1000, KvmRealModeTest.OUT_HLT);
            g.load(0x3000, AP_CODE);
            g.realMode(bsp, 0x1000);
            RecordingIo io = new RecordingIo();
            Future<VpExit> apRun = g.start(ap, io);
            Future<VpExit> bspRun = g.start(bsp, io);
            assertEquals(0, io.awaitOut(0x3f8, 'A').vp());
            Thread.sleep(50);
            assertTrue(io.written(0x3f8).size() == 1, "the AP has not run before its SIPI");
            g.partition.requestInterrupt(new InterruptRequest.Init(1, false));
            g.partition.requestInterrupt(new InterruptRequest.StartupIpi(1, false, 0x03));
            assertEquals(1, io.awaitOut(0x3f8, 'B').vp());
            bsp.requestStop();
            ap.requestStop();
            assertInstanceOf(VpExit.Stopped.class, bspRun.get(5, TimeUnit.SECONDS));
            assertInstanceOf(VpExit.Stopped.class, apRun.get(5, TimeUnit.SECONDS));
            assertEquals(0x3000 + AP_CODE.length, ap.generalRegisters().rip() + (ap.segmentRegisters().cs().base()));
            assertEquals(0x0300, ap.segmentRegisters().cs().selector());
        }
    }
}
