package org.jvmm.hv.whp.impl;

import org.jvmm.guestmem.GuestMemory;
import org.jvmm.hv.api.CpuIo;
import org.jvmm.hv.whp.impl.emulate.EmulatorIo;
import org.jvmm.hv.whp.impl.emulate.EmulatorMemory;
import org.jvmm.hv.whp.impl.ffm.VpCalls;
import org.jvmm.hv.whp.impl.ffm.WhpCodes;
import org.jvmm.hv.whp.impl.ffm.WhpException;

/**
 * Guest memory and ports for one processor's instruction emulation: RAM through {@link GuestMemory},
 * everything else through the chipset's {@link CpuIo}; linear addresses through WHvTranslateGva, with
 * the last page translated for reading and for writing remembered during one exit.
 */
final class GuestBus implements EmulatorMemory, EmulatorIo {
    private static final long PAGE_MASK = ~0xFFFL;

    private final int vp;
    private final GuestMemory memory;
    private final VpCalls calls;
    private CpuIo io;
    private long readPage = -1;
    private long readFrame;
    private long writePage = -1;
    private long writeFrame;
    /** Why the last translation call itself failed (not a guest page fault), for the failure message. */
    private String callFailure;

    GuestBus(int vp, GuestMemory memory, VpCalls calls) {
        this.vp = vp;
        this.memory = memory;
        this.calls = calls;
    }

    /** Starts one exit's emulation with the chipset's callbacks. */
    void begin(CpuIo cpuIo) {
        this.io = cpuIo;
        readPage = -1;
        writePage = -1;
        callFailure = null;
    }

    /** " (WHvTranslateGva failed: ...)" when a translation call failed during this exit, else "". */
    String callFailureSuffix() {
        return callFailure == null ? "" : " (" + callFailure + ")";
    }

    @Override
    public long translate(long linear, Access access) {
        long page = linear & PAGE_MASK;
        if (access == Access.READ && page == readPage) {
            return readFrame | (linear & 0xFFF);
        }
        if (access == Access.WRITE && page == writePage) {
            return writeFrame | (linear & 0xFFF);
        }
        VpCalls.Translation t;
        try {
            t = calls.translateGva(linear, flags(access));
        } catch (WhpException e) {
            callFailure = e.getMessage();
            return -1;
        }
        if (!t.ok()) {
            return -1;
        }
        remember(access, page, t.gpa() & PAGE_MASK);
        return t.gpa();
    }

    private void remember(Access access, long page, long frame) {
        if (access == Access.READ) {
            readPage = page;
            readFrame = frame;
        } else if (access == Access.WRITE) {
            writePage = page;
            writeFrame = frame;
        }
    }

    private static int flags(Access access) {
        return switch (access) {
            case READ -> WhpCodes.WHvTranslateGvaFlagValidateRead;
            case WRITE -> WhpCodes.WHvTranslateGvaFlagValidateWrite;
            case EXECUTE -> WhpCodes.WHvTranslateGvaFlagValidateExecute;
        };
    }

    @Override
    public long read(long gpa, int size) {
        if (memory.layout().offsetOf(gpa, size) < 0) {
            return io.mmioRead(vp, gpa, size);
        }
        return switch (size) {
            case 1 -> memory.read8(gpa) & 0xFFL;
            case 2 -> memory.read16(gpa) & 0xFFFFL;
            case 4 -> memory.read32(gpa) & 0xFFFF_FFFFL;
            default -> memory.read64(gpa);
        };
    }

    @Override
    public void write(long gpa, int size, long value) {
        if (memory.layout().offsetOf(gpa, size) < 0) {
            io.mmioWrite(vp, gpa, size, value);
            return;
        }
        switch (size) {
            case 1 -> memory.write8(gpa, (byte) value);
            case 2 -> memory.write16(gpa, (short) value);
            case 4 -> memory.write32(gpa, (int) value);
            default -> memory.write64(gpa, value);
        }
    }

    @Override
    public long in(int port, int size) {
        return io.ioRead(vp, port, size);
    }

    @Override
    public void out(int port, int size, long value) {
        io.ioWrite(vp, port, size, value);
    }
}
