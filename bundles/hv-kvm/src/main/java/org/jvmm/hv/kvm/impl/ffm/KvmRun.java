package org.jvmm.hv.kvm.impl.ffm;

import static org.jvmm.hv.kvm.impl.ffm.RunLayout.EOI_VECTOR;
import static org.jvmm.hv.kvm.impl.ffm.RunLayout.EXIT_REASON;
import static org.jvmm.hv.kvm.impl.ffm.RunLayout.FAIL_ENTRY_CPU;
import static org.jvmm.hv.kvm.impl.ffm.RunLayout.FAIL_ENTRY_REASON;
import static org.jvmm.hv.kvm.impl.ffm.RunLayout.HW_EXIT_REASON;
import static org.jvmm.hv.kvm.impl.ffm.RunLayout.IF_FLAG;
import static org.jvmm.hv.kvm.impl.ffm.RunLayout.IMMEDIATE_EXIT;
import static org.jvmm.hv.kvm.impl.ffm.RunLayout.INTERNAL_DATA;
import static org.jvmm.hv.kvm.impl.ffm.RunLayout.INTERNAL_NDATA;
import static org.jvmm.hv.kvm.impl.ffm.RunLayout.INTERNAL_SUBERROR;
import static org.jvmm.hv.kvm.impl.ffm.RunLayout.IO_COUNT;
import static org.jvmm.hv.kvm.impl.ffm.RunLayout.IO_DATA_OFFSET;
import static org.jvmm.hv.kvm.impl.ffm.RunLayout.IO_DIRECTION;
import static org.jvmm.hv.kvm.impl.ffm.RunLayout.IO_PORT;
import static org.jvmm.hv.kvm.impl.ffm.RunLayout.IO_SIZE;
import static org.jvmm.hv.kvm.impl.ffm.RunLayout.MMIO_DATA;
import static org.jvmm.hv.kvm.impl.ffm.RunLayout.MMIO_IS_WRITE;
import static org.jvmm.hv.kvm.impl.ffm.RunLayout.MMIO_LEN;
import static org.jvmm.hv.kvm.impl.ffm.RunLayout.MMIO_PHYS_ADDR;
import static org.jvmm.hv.kvm.impl.ffm.RunLayout.READY_FOR_INTERRUPT_INJECTION;
import static org.jvmm.hv.kvm.impl.ffm.RunLayout.REQUEST_INTERRUPT_WINDOW;
import static org.jvmm.hv.kvm.impl.ffm.RunLayout.SYSTEM_EVENT_DATA;
import static org.jvmm.hv.kvm.impl.ffm.RunLayout.SYSTEM_EVENT_NDATA;
import static org.jvmm.hv.kvm.impl.ffm.RunLayout.SYSTEM_EVENT_TYPE;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Typed access to one vCPU's mapped {@code kvm_run}. Read after an exit on the vCPU's thread, except
 * {@link #setImmediateExit} which any thread may call to kick the vCPU.
 */
public final class KvmRun {
    private static final int MAX_DATA = 16;

    private final MemorySegment run;

    KvmRun(MemorySegment mapping) {
        this.run = mapping;
    }

    public int exitReason() {
        return (int) EXIT_REASON.get(run, 0L);
    }

    /** immediate_exit: KVM_RUN returns EINTR at once (after completing a pending I/O). Volatile. */
    public void setImmediateExit(boolean on) {
        IMMEDIATE_EXIT.setVolatile(run, 0L, (byte) (on ? 1 : 0));
    }

    public void setRequestInterruptWindow(boolean on) {
        REQUEST_INTERRUPT_WINDOW.set(run, 0L, (byte) (on ? 1 : 0));
    }

    public boolean readyForInterruptInjection() {
        return (byte) READY_FOR_INTERRUPT_INJECTION.get(run, 0L) != 0;
    }

    public boolean interruptFlag() {
        return (byte) IF_FLAG.get(run, 0L) != 0;
    }

    public boolean ioIsOut() {
        return (byte) IO_DIRECTION.get(run, 0L) == KvmConstants.KVM_EXIT_IO_OUT;
    }

    public int ioSize() {
        return (byte) IO_SIZE.get(run, 0L);
    }

    public int ioPort() {
        return Short.toUnsignedInt((short) IO_PORT.get(run, 0L));
    }

    public int ioCount() {
        return (int) IO_COUNT.get(run, 0L);
    }

    /** The data of a port I/O exit: {@code count} elements of {@code size} bytes. */
    public MemorySegment ioData() {
        long offset = (long) IO_DATA_OFFSET.get(run, 0L);
        return run.asSlice(offset, (long) ioSize() * ioCount());
    }

    public long mmioAddress() {
        return (long) MMIO_PHYS_ADDR.get(run, 0L);
    }

    public int mmioLength() {
        return (int) MMIO_LEN.get(run, 0L);
    }

    public boolean mmioIsWrite() {
        return (byte) MMIO_IS_WRITE.get(run, 0L) != 0;
    }

    /** The 8-byte data buffer of an MMIO exit (little-endian, {@link #mmioLength()} bytes used). */
    public MemorySegment mmioData() {
        return run.asSlice(MMIO_DATA, 8);
    }

    public long failEntryReason() {
        return (long) FAIL_ENTRY_REASON.get(run, 0L);
    }

    public int failEntryCpu() {
        return (int) FAIL_ENTRY_CPU.get(run, 0L);
    }

    public long hardwareExitReason() {
        return (long) HW_EXIT_REASON.get(run, 0L);
    }

    public int internalSuberror() {
        return (int) INTERNAL_SUBERROR.get(run, 0L);
    }

    public long[] internalData() {
        return data(INTERNAL_DATA, (int) INTERNAL_NDATA.get(run, 0L));
    }

    public int systemEventType() {
        return (int) SYSTEM_EVENT_TYPE.get(run, 0L);
    }

    public long[] systemEventData() {
        return data(SYSTEM_EVENT_DATA, (int) SYSTEM_EVENT_NDATA.get(run, 0L));
    }

    public int eoiVector() {
        return Byte.toUnsignedInt((byte) EOI_VECTOR.get(run, 0L));
    }

    private long[] data(long offset, int n) {
        long[] d = new long[Math.max(0, Math.min(n, MAX_DATA))];
        for (int i = 0; i < d.length; i++) {
            d[i] = run.get(ValueLayout.JAVA_LONG, offset + 8L * i);
        }
        return d;
    }
}
