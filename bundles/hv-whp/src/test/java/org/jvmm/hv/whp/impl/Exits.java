package org.jvmm.hv.whp.impl;

import org.jvmm.hv.api.Segment;
import org.jvmm.hv.whp.impl.ffm.VpContext;
import org.jvmm.hv.whp.impl.ffm.WhpExit;

/** Exit records for run-loop tests. */
final class Exits {
    static final long IF = 1L << 9;
    /** Execution state: CR0.PE and EFER.LMA. */
    static final int LONG_MODE = 1 << 2 | 1 << 4;

    private Exits() {
    }

    static VpContext vp(long rip, long rflags, int length) {
        return new VpContext(LONG_MODE, length, 0, Segment.code64(0x10), rip, rflags);
    }

    static WhpExit.IoPort out(long rip, int port, int size, long rax) {
        return new WhpExit.IoPort(vp(rip, 2, 1), new byte[] {(byte) 0xEE}, true, size, false, false, port, rax, 0, 0, 0,
                Segment.data(0), Segment.data(0));
    }

    static WhpExit.IoPort in(long rip, int port, int size, long rax) {
        return new WhpExit.IoPort(vp(rip, 2, 1), new byte[] {(byte) 0xEC}, false, size, false, false, port, rax, 0, 0, 0,
                Segment.data(0), Segment.data(0));
    }

    static WhpExit.Halt halt(long rip, long rflags) {
        return new WhpExit.Halt(vp(rip, rflags, 1));
    }

    static WhpExit.Canceled canceled() {
        return new WhpExit.Canceled(vp(0, 2, 0), 0);
    }
}
