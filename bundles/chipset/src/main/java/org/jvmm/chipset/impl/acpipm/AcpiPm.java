package org.jvmm.chipset.impl.acpipm;

import static org.jvmm.chipset.resources.AcpiPmLayout.GPE0_LENGTH;
import static org.jvmm.chipset.resources.AcpiPmLayout.GPE0_OFFSET;
import static org.jvmm.chipset.resources.AcpiPmLayout.PM1_CNT_OFFSET;
import static org.jvmm.chipset.resources.AcpiPmLayout.PM1_EVT_OFFSET;
import static org.jvmm.chipset.resources.AcpiPmLayout.PM_TIMER_BITS;
import static org.jvmm.chipset.resources.AcpiPmLayout.PM_TIMER_HZ;
import static org.jvmm.chipset.resources.AcpiPmLayout.PM_TMR_OFFSET;
import static org.jvmm.chipset.resources.AcpiPmLayout.SLP_TYP_S5;

import org.jvmm.chipset.api.LineInterrupt;
import org.jvmm.inspect.InspectNode;

/**
 * ACPI fixed hardware as bytes at offsets of the PM block: PM1 status (write 1 to clear) and
 * enable, PM1 control (SCI_EN always on: there is no SMI command port; SLP_TYP/SLP_EN), the 24-bit
 * PM timer and GPE0 status/enable; plus the reset control register at 0xCF9. The SCI is a level
 * line. Power requests are recorded for the caller to act on outside the device lock. Times are
 * VM nanoseconds. Not thread-safe.
 */
final class AcpiPm {
    static final int TMR_STS = 0x0001, PWRBTN_STS = 0x0100;
    /** TMR_EN, GBL_EN, PWRBTN_EN, SLPBTN_EN and RTC_EN. */
    static final int PM1_ENABLE_BITS = 0x0721;
    static final int SCI_EN = 0x0001, SLP_EN = 0x2000, SLP_TYP_SHIFT = 10;
    static final int RESET_CPU = 0x04;
    static final long TIMER_MASK = (1L << PM_TIMER_BITS) - 1;
    private static final long SECOND = 1_000_000_000L;

    /** What the guest asked the VM to do. */
    enum Request { NONE, POWER_OFF, RESET }

    private final LineInterrupt sci;
    private long timerOrigin;
    private int pm1Status;
    private int pm1Enable;
    private int pm1Control;
    private int gpeStatus;
    private int gpeEnable;
    private int resetControl;
    private long lastTimerMsbs;
    private boolean sciLevel;
    private Request request = Request.NONE;
    private int lastSleepType = -1;

    AcpiPm(LineInterrupt sci, long now) {
        this.sci = sci;
        reset(now);
    }

    void reset(long now) {
        timerOrigin = now;
        pm1Status = 0;
        pm1Enable = 0;
        pm1Control = SCI_EN;
        gpeStatus = 0;
        gpeEnable = 0;
        resetControl = 0;
        lastTimerMsbs = 0;
        request = Request.NONE;
        updateSci();
    }

    AcpiPmState state(long now) {
        return new AcpiPmState(now - timerOrigin, lastTimerMsbs, pm1Status, pm1Enable, pm1Control, gpeStatus,
                gpeEnable, resetControl);
    }

    /** Takes a saved state, its PM timer continuing from VM time {@code now}, and drives the SCI. */
    void restore(AcpiPmState s, long now) {
        timerOrigin = now - s.timerElapsedNanos();
        lastTimerMsbs = s.lastTimerMsbs();
        pm1Status = s.pm1Status();
        pm1Enable = s.pm1Enable();
        pm1Control = s.pm1Control();
        gpeStatus = s.gpeStatus();
        gpeEnable = s.gpeEnable();
        resetControl = s.resetControl();
        request = Request.NONE;
        updateSci();
    }

    /** Whether {@code offset} of the PM block holds a register byte. */
    static boolean isRegister(int offset) {
        return (offset >= PM1_EVT_OFFSET && offset < PM1_EVT_OFFSET + 4)
                || (offset >= PM1_CNT_OFFSET && offset < PM1_CNT_OFFSET + 2)
                || (offset >= PM_TMR_OFFSET && offset < PM_TMR_OFFSET + 4)
                || (offset >= GPE0_OFFSET && offset < GPE0_OFFSET + GPE0_LENGTH);
    }

    /** The PM timer's value (3.579545 MHz since reset, 24 bits). */
    long timer(long now) {
        return ticks(now - timerOrigin) & TIMER_MASK;
    }

    int readByte(int offset, long now) {
        refreshTimerStatus(now);
        int value;
        if (offset < PM1_EVT_OFFSET + 2) {
            value = pm1Status >>> (8 * (offset - PM1_EVT_OFFSET));
        } else if (offset < PM1_EVT_OFFSET + 4) {
            value = pm1Enable >>> (8 * (offset - PM1_EVT_OFFSET - 2));
        } else if (offset < PM1_CNT_OFFSET + 2) {
            value = pm1Control >>> (8 * (offset - PM1_CNT_OFFSET));
        } else if (offset < PM_TMR_OFFSET + 4) {
            value = (int) (timer(now) >>> (8 * (offset - PM_TMR_OFFSET)));
        } else if (offset < GPE0_OFFSET + 4) {
            value = gpeStatus >>> (8 * (offset - GPE0_OFFSET));
        } else {
            value = gpeEnable >>> (8 * (offset - GPE0_OFFSET - 4));
        }
        updateSci();
        return value & 0xFF;
    }

    void writeByte(int offset, int v, long now) {
        refreshTimerStatus(now);
        if (offset < PM1_EVT_OFFSET + 2) {
            pm1Status &= ~(v << (8 * (offset - PM1_EVT_OFFSET)));
        } else if (offset < PM1_EVT_OFFSET + 4) {
            int shift = 8 * (offset - PM1_EVT_OFFSET - 2);
            pm1Enable = (pm1Enable & ~(0xFF << shift) | v << shift) & PM1_ENABLE_BITS;
        } else if (offset < PM1_CNT_OFFSET + 2) {
            writeControlByte(offset - PM1_CNT_OFFSET, v);
        } else if (offset >= GPE0_OFFSET && offset < GPE0_OFFSET + 4) {
            gpeStatus &= ~(v << (8 * (offset - GPE0_OFFSET)));
        } else if (offset >= GPE0_OFFSET + 4) {
            int shift = 8 * (offset - GPE0_OFFSET - 4);
            gpeEnable = gpeEnable & ~(0xFF << shift) | v << shift;
        }
        updateSci();
    }

    private void writeControlByte(int index, int v) {
        int shift = 8 * index;
        int written = v << shift;
        pm1Control = (pm1Control & ~(0xFF << shift) | written) & ~SLP_EN | SCI_EN;
        if ((written & SLP_EN) != 0) {
            lastSleepType = (pm1Control >>> SLP_TYP_SHIFT) & 7;
            if (lastSleepType == SLP_TYP_S5) {
                request = Request.POWER_OFF;
            }
        }
    }

    int readResetControl() {
        return resetControl;
    }

    void writeResetControl(int v) {
        resetControl = v & 0x0A;
        if ((v & RESET_CPU) != 0) {
            request = Request.RESET;
        }
    }

    /** The power button: sets PWRBTN_STS, which raises the SCI while enabled. */
    void pressPowerButton() {
        pm1Status |= PWRBTN_STS;
        updateSci();
    }

    /** Raises GPE {@code bit} (0..31). */
    void setGpe(int bit) {
        gpeStatus |= 1 << bit;
        updateSci();
    }

    Request takeRequest() {
        Request r = request;
        request = Request.NONE;
        return r;
    }

    /** Polls TMR_STS; returns when the timer's top bit next flips while TMR_EN is set. */
    long poll(long now) {
        refreshTimerStatus(now);
        updateSci();
        if ((pm1Enable & TMR_STS) == 0) {
            return Long.MAX_VALUE;
        }
        long next = ((ticks(now - timerOrigin) >>> (PM_TIMER_BITS - 1)) + 1) << (PM_TIMER_BITS - 1);
        return timerOrigin + nanos(next);
    }

    private void refreshTimerStatus(long now) {
        long msbs = ticks(now - timerOrigin) >>> (PM_TIMER_BITS - 1);
        if (msbs != lastTimerMsbs) {
            pm1Status |= TMR_STS;
            lastTimerMsbs = msbs;
        }
    }

    boolean sciLevel() {
        return sciLevel;
    }

    private void updateSci() {
        boolean level = (pm1Control & SCI_EN) != 0
                && ((pm1Status & pm1Enable) != 0 || (gpeStatus & gpeEnable) != 0);
        if (level != sciLevel) {
            sciLevel = level;
            sci.setLevel(level);
        }
    }

    static long ticks(long nanos) {
        return nanos / SECOND * PM_TIMER_HZ + nanos % SECOND * PM_TIMER_HZ / SECOND;
    }

    static long nanos(long ticks) {
        return ticks / PM_TIMER_HZ * SECOND + (ticks % PM_TIMER_HZ * SECOND + PM_TIMER_HZ - 1) / PM_TIMER_HZ;
    }

    void inspect(InspectNode node, long now) {
        node.hex("pm1_status", pm1Status).hex("pm1_enable", pm1Enable).hex("pm1_control", pm1Control)
                .hex("pm_timer", timer(now)).hex("gpe0_status", gpeStatus).hex("gpe0_enable", gpeEnable)
                .hex("reset_control", resetControl).field("sci", sciLevel).field("last_sleep_type", lastSleepType);
    }
}
