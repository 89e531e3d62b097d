package org.jvmm.hv.emu.impl.apic;

import static org.jvmm.hv.emu.impl.apic.ApicRegs.*;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.jvmm.hv.emu.impl.cpu.InterruptSource;
import org.jvmm.inspect.InspectNode;
import org.jvmm.inspect.Inspectable;

/**
 * One virtual processor's local APIC: xAPIC registers (MMIO page) and x2APIC MSRs, interrupt
 * acceptance (IRR, ISR, TMR against the processor priority), EOI, the LVT inputs (timer, LINT0 with
 * ExtINT from the PIC, LINT1), NMI, and the INIT/SIPI start-up protocol. Created by {@link ApicBus}.
 *
 * <p>Threads: deliveries ({@code deliver*}, {@code setLint*}) come from any thread; everything else
 * (register access, {@link #pendingVector}, {@link #acknowledge}, timer service, start-up events)
 * from the owning VP thread. State sits behind one private lock, and callbacks (kick, PIC
 * acknowledge, EOI broadcast, IPIs) run without it. When nothing changed since the last poll,
 * {@link #pendingVector} is a single volatile read.
 */
public final class LocalApic implements InterruptSource, Inspectable {
    /** The APIC bus (timer input) frequency: one tick per nanosecond. CPUID 0x40000010 EBX in kHz. */
    public static final long BUS_HZ = 1_000_000_000L;
    /** {@link #takeStartupEvent} results besides a SIPI vector page (0..255). */
    public static final int NO_EVENT = -1, INIT_EVENT = -2;

    private final ApicBus bus;
    private final int id;
    private final boolean bsp;
    private final TimeBase time;
    private final Runnable kick;
    private final Object lock = new Object();
    private final ApicRegisterFile regs;

    final ApicFeatures features;

    // Read without the lock (package-private for ApicSnapshot).
    volatile boolean attention = true;
    volatile boolean nmi;
    volatile boolean startupPending;
    volatile boolean waitForSipi;
    private volatile int ppr;

    // Guarded by lock.
    long apicBase;
    int tpr, ldr, dfr, svr, esr, esrPending, icrLow, icrHigh;
    final int[] lvt = new int[LVT_COUNT];
    final VectorBits irr = new VectorBits(), isr = new VectorBits(), tmr = new VectorBits();
    final ApicTimer timer = new ApicTimer();
    long tscOffset;
    boolean lint0, lint1, extIntEdge;
    int extIntVector = -1;
    boolean initPending;
    int sipiVector = -1;

    LocalApic(ApicBus bus, int id, boolean bsp, TimeBase time, ApicFeatures features, Runnable kick) {
        this.bus = bus;
        this.id = id;
        this.bsp = bsp;
        this.time = time;
        this.kick = kick;
        this.features = features;
        this.regs = new ApicRegisterFile(this, features);
        reset();
    }

    public int id() {
        return id;
    }

    public boolean isBsp() {
        return bsp;
    }

    /** Power-on reset: xAPIC mode at 0xFEE00000, software-disabled; an AP waits for a SIPI. */
    public void reset() {
        synchronized (lock) {
            apicBase = BASE_DEFAULT | BASE_ENABLE | (bsp ? BASE_BSP : 0);
            resetRegistersLocked();
            initPending = false;
            sipiVector = -1;
            startupPending = false;
            waitForSipi = !bsp;
        }
    }

    /** The register state after power-up, INIT or a hardware disable (the ID and IA32_APIC_BASE stay). */
    void resetRegistersLocked() {
        tpr = 0;
        ldr = x2apic() ? x2apicLogicalId() : 0;
        dfr = -1;
        svr = 0xFF;
        esr = esrPending = 0;
        icrLow = icrHigh = 0;
        java.util.Arrays.fill(lvt, MASKED);
        if (bsp) {
            // As QEMU and KVM do: the BSP's LINT0 starts in ExtINT (virtual wire) so the PIC reaches it.
            lvt[L_LINT0] = DM_EXTINT << 8;
        }
        irr.clearAll();
        isr.clearAll();
        tmr.clearAll();
        timer.reset();
        extIntEdge = false;
        extIntVector = -1;
        nmi = false;
        updatePpr();
        attention = true;
    }

    // ---- modes ----

    boolean hwEnabled() {
        return (apicBase & BASE_ENABLE) != 0;
    }

    boolean x2apic() {
        return (apicBase & BASE_EXTD) != 0;
    }

    boolean swEnabled() {
        return (svr & SVR_ENABLE) != 0;
    }

    int x2apicLogicalId() {
        return (id >>> 4) << 16 | 1 << (id & 15);
    }

    /** True when the xAPIC MMIO page decodes (enabled, not x2APIC); otherwise it is plain memory. */
    public boolean mmioEnabled() {
        synchronized (lock) {
            return hwEnabled() && !x2apic();
        }
    }

    /** The MMIO page's guest physical address (IA32_APIC_BASE bits 12 and up). */
    public long mmioBase() {
        synchronized (lock) {
            return apicBase & BASE_ADDRESS_MASK;
        }
    }

    // ---- register access (owning VP thread) ----

    /** A read of the xAPIC page at {@code offset} (0..0xFFF); unimplemented registers read 0. */
    public long mmioRead(int offset, int size) {
        if (offset < 0 || offset > 0xFFF || size != 1 && size != 2 && size != 4 && size != 8) {
            return 0;
        }
        int within = offset & 0xF;
        if (within + size > 4) {
            return within == 0 && size == 8 ? mmioRead(offset, 4) : 0;
        }
        long v;
        synchronized (lock) {
            v = mmioEnabledLocked() ? regs.read(offset & 0xFF0, false) : 0;
        }
        long value = Math.max(v, 0) >>> (within * 8);
        return size == 4 ? value : value & ((1L << size * 8) - 1);
    }

    /** A write to the xAPIC page; only aligned 32-bit writes to writable registers have an effect. */
    public void mmioWrite(int offset, int size, long value) {
        if (offset < 0 || offset > 0xFFF || (offset & 0xF) != 0 || size != 4 || !mmioEnabled()) {
            return;
        }
        regs.write(offset, (int) value, false);
    }

    private boolean mmioEnabledLocked() {
        return hwEnabled() && !x2apic();
    }

    /** True for the MSRs this APIC answers: IA32_APIC_BASE, IA32_TSC_DEADLINE and 0x800..0x8FF. */
    public static boolean ownsMsr(int msr) {
        return msr == MSR_APIC_BASE || msr == MSR_TSC_DEADLINE || msr >= MSR_X2APIC_FIRST && msr <= MSR_X2APIC_LAST;
    }

    /** RDMSR: stores the value in {@code out[0]}; false means the CPU raises #GP(0). */
    public boolean readMsr(int msr, long[] out) {
        return regs.readMsr(msr, out);
    }

    /** WRMSR; false means the CPU raises #GP(0). */
    public boolean writeMsr(int msr, long value) {
        return regs.writeMsr(msr, value);
    }

    /** CR8 (TPR bits 7:4). */
    public int cr8() {
        synchronized (lock) {
            return tpr >>> 4;
        }
    }

    public void setCr8(int value) {
        writeTpr((value & 0xF) << 4);
    }

    /** The guest TSC is the clock's TSC plus this offset (the CPU's IA32_TSC writes); for TSC-deadline. */
    public void setTscOffset(long offset) {
        synchronized (lock) {
            tscOffset = offset;
        }
    }

    /** The whole APIC state for a snapshot (see {@link ApicSnapshot}); the owning VP is not running. */
    public void saveState(DataOutput out) throws IOException {
        synchronized (lock) {
            ApicSnapshot.write(this, out);
        }
    }

    /**
     * Restores what {@link #saveState} wrote. A malformed or incompatible state is an {@link IOException}
     * and may leave the APIC partly written (the caller resets it then). The owning VP is not running.
     */
    public void restoreState(DataInput in) throws IOException {
        synchronized (lock) {
            ApicSnapshot.read(this, in);
            updatePpr();
            startupPending = initPending || sipiVector >= 0;
            attention = true;
        }
    }

    Object lock() {
        return lock;
    }

    TimeBase time() {
        return time;
    }

    ApicBus bus() {
        return bus;
    }

    // ---- priorities ----

    void updatePpr() {
        int isrv = Math.max(isr.highest(), 0);
        ppr = (tpr & 0xF0) >= (isrv & 0xF0) ? tpr : isrv & 0xF0;
    }

    int ppr() {
        return ppr;
    }

    /** Arbitration priority (xAPIC APR), used for lowest-priority delivery on real hardware. */
    int apr() {
        int top = Math.max(Math.max(isr.highest(), irr.highest()), 0) & 0xF0;
        return (tpr & 0xF0) >= top ? tpr : top;
    }

    void writeTpr(int value) {
        boolean wake;
        synchronized (lock) {
            tpr = value & 0xFF;
            updatePpr();
            wake = changedLocked();
        }
        wakeIf(wake);
    }

    /** Marks the pending state for re-evaluation; true when something may now be deliverable. */
    boolean changedLocked() {
        attention = true;
        return !irr.isEmpty() || extIntVector >= 0 || extIntRequestedLocked();
    }

    void wakeIf(boolean wake) {
        if (wake) {
            kick.run();
        }
    }

    // ---- InterruptSource (owning VP thread) ----

    @Override
    public int pendingVector() {
        return attention ? evaluatePending() : -1;
    }

    private int evaluatePending() {
        synchronized (lock) {
            if (extIntVector >= 0) {
                return extIntVector;
            }
            int v = irr.highest();
            if (v >= 0 && (v & 0xF0) > (ppr & 0xF0)) {
                return v;
            }
            if (!extIntRequestedLocked()) {
                attention = false;
                return -1;
            }
            extIntEdge = false;
        }
        // The PIC's INTA; outside the lock because the PIC calls back into setLint0.
        int vector = bus.acknowledgePic();
        if (vector < 0) {
            return -1;
        }
        synchronized (lock) {
            extIntVector = vector;
            attention = true;
        }
        return vector;
    }

    /** An ExtINT is wanted: an ExtINT message, or the PIC's INTR on LINT0 (programmed ExtINT, or APIC off). */
    private boolean extIntRequestedLocked() {
        if (extIntEdge) {
            return true;
        }
        int l = lvt[L_LINT0];
        return lint0 && (!hwEnabled() || (l & MASKED) == 0 && deliveryMode(l) == DM_EXTINT);
    }

    @Override
    public void acknowledge(int vector) {
        synchronized (lock) {
            attention = true;
            if (vector == extIntVector) {
                extIntVector = -1;
            } else if (vector >= 0 && vector < 256 && irr.get(vector)) {
                irr.clear(vector);
                isr.set(vector);
                updatePpr();
            }
        }
    }

    @Override
    public boolean nmiPending() {
        return nmi;
    }

    @Override
    public void acknowledgeNmi() {
        nmi = false;
    }

    /** End of interrupt: retires the highest in-service vector; a level one is broadcast to the IOAPIC. */
    void eoi() {
        int broadcast = -1;
        boolean wake;
        synchronized (lock) {
            int v = isr.highest();
            if (v < 0) {
                return;
            }
            isr.clear(v);
            updatePpr();
            if (tmr.get(v)) {
                broadcast = v;
            }
            wake = changedLocked();
        }
        if (broadcast >= 0) {
            bus.broadcastEoi(broadcast);
        }
        wakeIf(wake);
    }

    // ---- deliveries (any thread) ----

    /** A fixed interrupt; dropped while the APIC is disabled (hardware or software). */
    public void deliverFixed(int vector, boolean level) {
        boolean wake;
        synchronized (lock) {
            wake = hwEnabled() && swEnabled() && acceptLocked(vector, level);
        }
        wakeIf(wake);
    }

    /** Puts a vector in IRR (TMR records the trigger mode); a vector below 16 is an error instead. */
    boolean acceptLocked(int vector, boolean level) {
        if (vector < 16 || vector > 255) {
            errorLocked(ESR_RECEIVE_ILLEGAL);
        } else {
            irr.set(vector);
            tmr.put(vector, level);
        }
        return changedLocked();
    }

    /** Logs an APIC error and raises the error LVT's interrupt if it is unmasked. */
    void errorLocked(int bit) {
        esrPending |= bit;
        int l = lvt[L_ERROR];
        int v = l & VECTOR;
        if ((l & MASKED) == 0 && v >= 16) {
            irr.set(v);
            tmr.clear(v);
        }
    }

    /** An NMI message (IPI, MSI, IOAPIC); accepted even when software-disabled. */
    public void deliverNmi() {
        synchronized (lock) {
            if (!hwEnabled()) {
                return;
            }
        }
        injectNmi();
    }

    /** The NMI input itself (an NMI button, {@code vm nmi}), whatever the APIC state. */
    public void injectNmi() {
        nmi = true;
        kick.run();
    }

    /** An ExtINT message: the vector comes from the PIC when the processor accepts it. */
    public void deliverExtInt() {
        boolean wake;
        synchronized (lock) {
            if (!hwEnabled()) {
                return;
            }
            extIntEdge = true;
            wake = changedLocked();
        }
        wakeIf(wake);
    }

    /** INIT: the VP resets; an AP then waits for a SIPI, the BSP restarts at the reset vector. */
    public void deliverInit() {
        synchronized (lock) {
            if (!hwEnabled()) {
                return;
            }
            initPending = true;
            sipiVector = -1;
            if (!bsp) {
                waitForSipi = true;
            }
            startupPending = true;
        }
        kick.run();
    }

    /** Start-up IPI: ignored unless the processor waits for one. */
    public void deliverSipi(int vectorPage) {
        synchronized (lock) {
            if (!hwEnabled() || !waitForSipi) {
                return;
            }
            sipiVector = vectorPage & 0xFF;
            startupPending = true;
        }
        kick.run();
    }

    /** Delivery of a bus message with delivery mode {@code mode} (ICR/MSI encoding). */
    void accept(int mode, int vector, boolean level) {
        switch (mode) {
            case DM_FIXED, DM_LOWEST -> deliverFixed(vector, level);
            case DM_NMI -> deliverNmi();
            case DM_INIT -> deliverInit();
            case DM_STARTUP -> deliverSipi(vector);
            case DM_EXTINT -> deliverExtInt();
            default -> {
                // SMI and the reserved modes are not modelled.
            }
        }
    }

    /** LINT0 input (the PIC's INTR in a PC): ExtINT while high, or an edge for fixed/NMI entries. */
    public void setLint0(boolean level) {
        boolean wake;
        synchronized (lock) {
            boolean rising = level && !lint0;
            lint0 = level;
            wake = changedLocked();
            if (rising) {
                wake |= lintEdgeLocked(lvt[L_LINT0]);
            }
        }
        wakeIf(wake);
    }

    /** LINT1 input (the NMI pin in a PC). */
    public void setLint1(boolean level) {
        boolean wake = false;
        synchronized (lock) {
            boolean rising = level && !lint1;
            lint1 = level;
            if (rising) {
                wake = hwEnabled() ? lintEdgeLocked(lvt[L_LINT1]) : (nmi = true);
            }
        }
        wakeIf(wake);
    }

    private boolean lintEdgeLocked(int entry) {
        if (!hwEnabled() || (entry & MASKED) != 0) {
            return false;
        }
        return switch (deliveryMode(entry)) {
            case DM_FIXED -> acceptLocked(entry & VECTOR, false);
            case DM_NMI -> nmi = true;
            default -> false;
        };
    }

    // ---- start-up (owning VP thread) ----

    /** True while the VP must not run: after INIT, until a SIPI (APs start in this state). */
    public boolean waitingForSipi() {
        return waitForSipi;
    }

    /** True when {@link #takeStartupEvent} has something; a single volatile read. */
    public boolean startupEventPending() {
        return startupPending;
    }

    /**
     * The next start-up event: {@link #INIT_EVENT} (reset the VP's registers to their INIT state; the
     * APIC has reset itself), a SIPI vector page {@code vv} (start at CS = vv00, IP = 0, CS base vv000),
     * or {@link #NO_EVENT}. Take events until NO_EVENT, in order.
     */
    public int takeStartupEvent() {
        synchronized (lock) {
            if (initPending) {
                initPending = false;
                resetRegistersLocked();
                startupPending = sipiVector >= 0;
                return INIT_EVENT;
            }
            startupPending = false;
            if (sipiVector < 0) {
                return NO_EVENT;
            }
            int v = sipiVector;
            sipiVector = -1;
            waitForSipi = false;
            return v;
        }
    }

    // ---- timer (owning VP thread) ----

    /** Clock nanoseconds now, the time base of {@link #nextTimerDeadlineNanos}. */
    public long nowNanos() {
        return time.nanos();
    }

    /** When the timer next expires (clock nanoseconds), or {@code Long.MAX_VALUE}; a volatile read. */
    public long nextTimerDeadlineNanos() {
        return timer.nextExpiry();
    }

    /** Fires the timer if it is due; true when that raised an interrupt. Call when the deadline passed. */
    public boolean serviceTimer() {
        boolean wake;
        synchronized (lock) {
            wake = serviceTimerLocked(time.nanos());
        }
        wakeIf(wake);
        return wake;
    }

    boolean serviceTimerLocked(long now) {
        if (!timer.expire(now)) {
            return false;
        }
        int l = timer.lvt();
        return hwEnabled() && (l & MASKED) == 0 && acceptLocked(l & VECTOR, false);
    }

    // ---- IPIs ----

    /** Sends the IPI described by ICR bits 19:0 to {@code destination} (8-bit xAPIC or 32-bit x2APIC id). */
    void sendIpi(int low, int destination, boolean x2) {
        int mode = deliveryMode(low);
        int vector = low & VECTOR;
        if ((mode == DM_FIXED || mode == DM_LOWEST) && vector < 16) {
            boolean wake;
            synchronized (lock) {
                errorLocked(ESR_SEND_ILLEGAL);
                wake = changedLocked();
            }
            wakeIf(wake);
            return;
        }
        if (mode == DM_INIT && (low & LEVEL_TRIGGER) != 0 && (low & ICR_ASSERT) == 0) {
            return; // INIT level de-assert: only synchronises arbitration IDs
        }
        bus.route(this, low >>> ICR_SHORTHAND_SHIFT & 3, destination, (low & ICR_LOGICAL) != 0, x2, mode, vector,
                false);
    }

    /** Whether a message for {@code dest} reaches this APIC (0xFF, or 0xFFFFFFFF in x2APIC format, is all). */
    boolean matches(int dest, boolean logical, boolean x2Format) {
        synchronized (lock) {
            if (!hwEnabled()) {
                return false;
            }
            if (dest == (x2Format ? -1 : 0xFF)) {
                return true;
            }
            if (!logical) {
                return dest == id;
            }
            if (x2apic()) {
                return dest >>> 16 == ldr >>> 16 && (dest & ldr & 0xFFFF) != 0;
            }
            int mda = dest & 0xFF;
            int logicalId = ldr >>> 24;
            if (dfr >>> 28 == 0xF) {
                return (logicalId & mda) != 0;
            }
            return mda >>> 4 == logicalId >>> 4 && (logicalId & mda & 0xF) != 0;
        }
    }

    /** True when fixed interrupts are accepted (hardware and software enabled). */
    boolean acceptsFixed() {
        synchronized (lock) {
            return hwEnabled() && swEnabled();
        }
    }

    // ---- inspect ----

    @Override
    public void inspect(InspectNode node) {
        synchronized (lock) {
            ApicInspect.describe(this, node, time.nanos(), lint0, lint1, nmi, waitForSipi);
        }
    }
}
