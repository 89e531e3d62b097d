package org.jvmm.hv.emu.impl.vp;

import org.jvmm.hv.api.CpuIo;
import org.jvmm.hv.emu.impl.apic.LocalApic;
import org.jvmm.hv.emu.impl.cpu.IoBus;

/**
 * The CPU's port and MMIO accesses, forwarded to the chipset's {@link CpuIo} of the current run. The
 * processor's own xAPIC page is intercepted first while it decodes (enabled and not in x2APIC mode):
 * each processor sees its own APIC there, as on hardware. Used on the VP thread only.
 */
final class VpIoBus implements IoBus {
    private final int vp;
    private LocalApic apic;
    private Runnable afterApicWrite;
    private CpuIo io;

    VpIoBus(int vp) {
        this.vp = vp;
    }

    /** The processor's APIC, and what to run after the guest wrote one of its registers. */
    void connect(LocalApic localApic, Runnable afterWrite) {
        this.apic = localApic;
        this.afterApicWrite = afterWrite;
    }

    /** The chipset for the coming run. */
    void use(CpuIo chipset) {
        this.io = chipset;
    }

    @Override
    public long portRead(int port, int size) {
        return io.ioRead(vp, port, size) & mask(size);
    }

    @Override
    public void portWrite(int port, int size, long value) {
        io.ioWrite(vp, port, size, value & mask(size));
    }

    @Override
    public long mmioRead(long gpa, int size) {
        if (isApicPage(gpa)) {
            return apic.mmioRead((int) (gpa & 0xFFF), size) & mask(size);
        }
        return io.mmioRead(vp, gpa, size) & mask(size);
    }

    @Override
    public void mmioWrite(long gpa, int size, long value) {
        if (isApicPage(gpa)) {
            apic.mmioWrite((int) (gpa & 0xFFF), size, value & mask(size));
            afterApicWrite.run();
        } else {
            io.mmioWrite(vp, gpa, size, value & mask(size));
        }
    }

    private boolean isApicPage(long gpa) {
        return apic.mmioEnabled() && (gpa & ~0xFFFL) == apic.mmioBase();
    }

    private static long mask(int size) {
        return size >= 8 ? -1L : (1L << (size * 8)) - 1;
    }
}
