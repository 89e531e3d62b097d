package org.jvmm.hv.whp.impl;

import static org.jvmm.hv.whp.impl.ffm.RegisterNames.WHvRegisterPendingInterruption;
import static org.jvmm.hv.whp.impl.ffm.RegisterNames.WHvX64RegisterDeliverabilityNotifications;

import java.util.function.BooleanSupplier;
import org.jvmm.hv.api.CpuIo;
import org.jvmm.hv.whp.impl.ffm.BitFields;
import org.jvmm.hv.whp.impl.ffm.VpContext;
import org.jvmm.hv.whp.impl.ffm.VpCalls;
import org.jvmm.hv.whp.impl.ffm.WhpCodes;
import org.jvmm.hv.whp.impl.ffm.WhpException;

/**
 * ExtINT delivery for one processor: the legacy PIC's output (processor 0 only, virtual-wire mode) and
 * ExtINT requests. WHP's interrupt types have no ExtINT, so, as QEMU's WHPX does, the processor asks
 * for an interrupt-window exit while it cannot take an interrupt, and once it can, acknowledges the PIC
 * and injects the vector through {@code WHvRegisterPendingInterruption}, bypassing the local APIC.
 * Runs on the processor's thread, before each entry and after each exit.
 */
final class ExtIntInjector {
    private static final int[] NOTIFY = {WHvX64RegisterDeliverabilityNotifications};
    private static final int[] INJECT = {WHvRegisterPendingInterruption, WHvX64RegisterDeliverabilityNotifications};

    private final VpCalls calls;
    private final BooleanSupplier picAsserted;
    private volatile boolean requested;
    /** The last exit said an interrupt could be injected now. */
    private boolean ready;
    private Window window = Window.OFF;
    private long injected;

    /** {@code picAsserted} is the PIC's INTR line for processor 0, constantly false for the others. */
    ExtIntInjector(VpCalls calls, BooleanSupplier picAsserted) {
        this.calls = calls;
        this.picAsserted = picAsserted;
    }

    /** An ExtINT request arrived for this processor (from any thread; the caller then kicks the processor). */
    void request() {
        requested = true;
    }

    boolean wanted() {
        return requested || picAsserted.getAsBoolean();
    }

    long injected() {
        return injected;
    }

    boolean windowArmed() {
        return window == Window.ARMED;
    }

    /** After every exit: whether the processor could take an interrupt at this point. */
    void afterExit(VpContext vp) {
        ready = vp.readyForInterrupt();
    }

    /** The interrupt window opened; the notification may or may not still be set now. */
    void windowOpened(VpContext vp) {
        ready = vp.readyForInterrupt();
        window = Window.UNKNOWN;
    }

    /** Before every entry: inject if possible, else ask for the window; clear a window nobody needs. */
    void beforeEntry(CpuIo io) throws WhpException {
        if (wanted() && ready) {
            requested = false;
            ready = false;
            int vector = io.acknowledgePicInterrupt();
            if (vector >= 0) {
                calls.setRegisters(INJECT, RegisterCodec.lows(pendingInterruption(vector), 0));
                window = Window.OFF;
                injected++;
                return;
            }
        }
        if (!wanted()) {
            if (window != Window.OFF) {
                calls.setRegisters(NOTIFY, RegisterCodec.lows(0));
                window = Window.OFF;
            }
        } else if (window != Window.ARMED) {
            calls.setRegisters(NOTIFY, RegisterCodec.lows(BitFields.NOTIFY_INTERRUPT.set(0, 1)));
            window = Window.ARMED;
        }
    }

    /** The state of the interrupt-window request in the deliverability notifications register. */
    private enum Window { OFF, ARMED, UNKNOWN }

    /** {@code WHV_X64_PENDING_INTERRUPTION_REGISTER} for an external interrupt with {@code vector}. */
    static long pendingInterruption(int vector) {
        long v = BitFields.PENDING_PENDING.set(0, 1);
        v = BitFields.PENDING_TYPE.set(v, WhpCodes.WHvX64PendingInterrupt);
        return BitFields.PENDING_VECTOR.set(v, vector);
    }
}
