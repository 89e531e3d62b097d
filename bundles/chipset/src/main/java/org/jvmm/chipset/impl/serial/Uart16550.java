package org.jvmm.chipset.impl.serial;

import org.jvmm.chipset.api.LineInterrupt;
import org.jvmm.chipset.api.VmClock;
import org.jvmm.chipset.serial.SerialBackend;
import org.jvmm.inspect.InspectNode;

/**
 * The 16550A register set as a state machine over register offsets 0..7: divisor latch, 16-byte
 * receive FIFO with trigger levels and the character timeout, interrupt identification by
 * priority, loopback and modem lines. Transmission is instantaneous (THR is always empty again at
 * once). The IRQ pin is gated by MCR.OUT2 as on PC serial cards. Not thread-safe.
 */
final class Uart16550 {
    static final int RBR = 0, IER = 1, IIR = 2, LCR = 3, MCR = 4, LSR = 5, MSR = 6, SCR = 7;

    static final int IER_RDA = 0x01, IER_THRE = 0x02, IER_RLS = 0x04, IER_MS = 0x08;
    static final int IIR_NONE = 0x01, IIR_MS = 0x00, IIR_THRE = 0x02, IIR_RDA = 0x04, IIR_RLS = 0x06,
            IIR_TIMEOUT = 0x0C, IIR_FIFO_ENABLED = 0xC0;
    static final int LCR_DLAB = 0x80;
    static final int MCR_DTR = 0x01, MCR_RTS = 0x02, MCR_OUT1 = 0x04, MCR_OUT2 = 0x08, MCR_LOOP = 0x10;
    static final int LSR_DR = 0x01, LSR_OE = 0x02, LSR_THRE = 0x20, LSR_TEMT = 0x40, LSR_ERRORS = 0x1E;
    static final int MSR_DCTS = 0x01, MSR_DDSR = 0x02, MSR_TERI = 0x04, MSR_DDCD = 0x08,
            MSR_CTS = 0x10, MSR_DSR = 0x20, MSR_RI = 0x40, MSR_DCD = 0x80;
    private static final int[] TRIGGER_LEVELS = {1, 4, 8, 14};
    private static final long INPUT_CLOCK_BAUD = 115_200;

    private final SerialBackend backend;
    private final LineInterrupt irq;
    private final VmClock clock;
    private final RxFifo rx = new RxFifo();

    private int ier;
    private int lcr;
    private int mcr;
    private int lsrErrors;
    private int msr;
    private int scr;
    private int divisor;
    private int fcr;
    private boolean thrInterrupt;
    private long lastRxNanos;
    private boolean irqLevel;
    private long txBytes;
    private long rxBytes;
    private long overruns;

    Uart16550(SerialBackend backend, LineInterrupt irq, VmClock clock) {
        this.backend = backend;
        this.irq = irq;
        this.clock = clock;
        reset();
    }

    /** Power-on state; host bytes still waiting in the backend stay there. */
    void reset() {
        ier = 0;
        lcr = 0;
        mcr = 0;
        lsrErrors = 0;
        scr = 0;
        divisor = 0;
        fcr = 0;
        rx.setCapacity(1);
        thrInterrupt = false;
        msr = modemInputs();
        lastRxNanos = clock.nanos();
        pullInput();
        updateIrq();
    }

    /** The registers, the receive FIFO and the pending THR-empty interrupt; the counters stay. */
    void save(java.io.DataOutputStream out) throws java.io.IOException {
        for (int v : new int[] {ier, lcr, mcr, lsrErrors, msr, scr, divisor, fcr}) {
            out.writeInt(v);
        }
        out.writeBoolean(thrInterrupt);
        out.writeLong(clock.nanos() - lastRxNanos); // relative: a restored VM's clock starts again
        rx.save(out);
    }

    void restore(java.io.DataInputStream in) throws java.io.IOException {
        ier = in.readInt();
        lcr = in.readInt();
        mcr = in.readInt();
        lsrErrors = in.readInt();
        msr = in.readInt();
        scr = in.readInt();
        divisor = in.readInt();
        fcr = in.readInt();
        thrInterrupt = in.readBoolean();
        lastRxNanos = clock.nanos() - in.readLong();
        rx.restore(in);
        updateIrq();
    }

    int read(int offset) {
        int value = switch (offset) {
            case RBR -> dlab() ? divisor & 0xFF : readRbr();
            case IER -> dlab() ? divisor >>> 8 : ier;
            case IIR -> readIir();
            case LCR -> lcr;
            case MCR -> mcr;
            case LSR -> readLsr();
            case MSR -> readMsr();
            default -> scr;
        };
        updateIrq();
        return value;
    }

    /**
     * A register write.
     *
     * @return the byte to send to the backend (the caller sends it after releasing its lock, so a
     *         slow backend never holds up the poll thread), or -1
     */
    int write(int offset, int value) {
        int v = value & 0xFF;
        int tx = -1;
        switch (offset) {
            case RBR -> {
                if (dlab()) {
                    divisor = (divisor & 0xFF00) | v;
                } else {
                    tx = transmit(v);
                }
            }
            case IER -> {
                if (dlab()) {
                    divisor = (divisor & 0xFF) | (v << 8);
                } else {
                    writeIer(v & 0x0F);
                }
            }
            case IIR -> writeFcr(v);
            case LCR -> lcr = v;
            case MCR -> writeMcr(v & 0x1F);
            case SCR -> scr = v;
            default -> { } // LSR and MSR writes are factory tests: ignored
        }
        updateIrq();
        return tx;
    }

    /** Takes waiting host input and notices modem-line changes; returns when to be polled next. */
    long poll() {
        pullInput();
        updateModemInputs();
        updateIrq();
        if (timeoutArmed() && !timeoutElapsed()) {
            return lastRxNanos + charTimeoutNanos();
        }
        return Long.MAX_VALUE;
    }

    /** The current interrupt identification (bits 3..0 of IIR), highest priority first. */
    int interruptId() {
        if ((ier & IER_RLS) != 0 && lsrErrors != 0) {
            return IIR_RLS;
        }
        if ((ier & IER_RDA) != 0 && !rx.isEmpty()) {
            if (!fifoEnabled() || rx.size() >= triggerLevel()) {
                return IIR_RDA;
            }
            if (timeoutElapsed()) {
                return IIR_TIMEOUT;
            }
        }
        if ((ier & IER_THRE) != 0 && thrInterrupt) {
            return IIR_THRE;
        }
        if ((ier & IER_MS) != 0 && (msr & 0x0F) != 0) {
            return IIR_MS;
        }
        return IIR_NONE;
    }

    boolean irqLevel() {
        return irqLevel;
    }

    private boolean dlab() {
        return (lcr & LCR_DLAB) != 0;
    }

    private boolean loopback() {
        return (mcr & MCR_LOOP) != 0;
    }

    private boolean fifoEnabled() {
        return (fcr & 0x01) != 0;
    }

    private int triggerLevel() {
        return TRIGGER_LEVELS[(fcr >>> 6) & 3];
    }

    private int readRbr() {
        int b = rx.pop();
        lastRxNanos = clock.nanos();
        pullInput();
        return b < 0 ? 0 : b;
    }

    private int readIir() {
        int id = interruptId();
        if (id == IIR_THRE) {
            thrInterrupt = false;
        }
        return id | (fifoEnabled() ? IIR_FIFO_ENABLED : 0);
    }

    private int readLsr() {
        int value = lsrErrors | (rx.isEmpty() ? 0 : LSR_DR) | LSR_THRE | LSR_TEMT;
        lsrErrors = 0;
        return value;
    }

    private int readMsr() {
        updateModemInputs();
        int value = msr;
        msr &= 0xF0;
        return value;
    }

    /** Sends {@code v}: into the receiver in loopback, else returned for the backend. */
    private int transmit(int v) {
        txBytes++;
        thrInterrupt = true;
        if (loopback()) {
            receive(v);
            return -1;
        }
        return v;
    }

    private void writeIer(int v) {
        if ((v & IER_THRE) != 0 && (ier & IER_THRE) == 0) {
            thrInterrupt = true;
        }
        ier = v;
    }

    private void writeFcr(int v) {
        boolean enable = (v & 0x01) != 0;
        if (enable != fifoEnabled()) {
            rx.setCapacity(enable ? RxFifo.SIZE : 1);
        } else if (enable && (v & 0x02) != 0) {
            rx.clear();
        }
        fcr = enable ? v & 0xC9 : 0;
        pullInput();
    }

    private void writeMcr(int v) {
        mcr = v;
        updateModemInputs();
        pullInput();
    }

    private void receive(int b) {
        if (rx.push(b)) {
            lastRxNanos = clock.nanos();
        } else {
            lsrErrors |= LSR_OE;
            overruns++;
        }
    }

    private void pullInput() {
        if (loopback()) {
            return;
        }
        while (!rx.isFull()) {
            int b = backend.read();
            if (b < 0) {
                return;
            }
            rx.push(b);
            rxBytes++;
            lastRxNanos = clock.nanos();
        }
    }

    /** CTS, DSR, RI and DCD: from MCR in loopback, else from the backend's connection. */
    private int modemInputs() {
        if (loopback()) {
            return ((mcr & MCR_RTS) != 0 ? MSR_CTS : 0) | ((mcr & MCR_DTR) != 0 ? MSR_DSR : 0)
                    | ((mcr & MCR_OUT1) != 0 ? MSR_RI : 0) | ((mcr & MCR_OUT2) != 0 ? MSR_DCD : 0);
        }
        return backend.connected() ? MSR_CTS | MSR_DSR | MSR_DCD : 0;
    }

    private void updateModemInputs() {
        int now = modemInputs();
        int changed = (msr ^ now) & 0xF0;
        int deltas = msr & 0x0F;
        deltas |= (changed & MSR_CTS) != 0 ? MSR_DCTS : 0;
        deltas |= (changed & MSR_DSR) != 0 ? MSR_DDSR : 0;
        deltas |= (changed & MSR_DCD) != 0 ? MSR_DDCD : 0;
        deltas |= (msr & MSR_RI) != 0 && (now & MSR_RI) == 0 ? MSR_TERI : 0;
        msr = now | deltas;
    }

    private boolean timeoutArmed() {
        return fifoEnabled() && (ier & IER_RDA) != 0 && !rx.isEmpty() && rx.size() < triggerLevel();
    }

    private boolean timeoutElapsed() {
        return clock.nanos() - lastRxNanos >= charTimeoutNanos();
    }

    /** Four character times at the programmed divisor and frame format. */
    long charTimeoutNanos() {
        int bits = 1 + 5 + (lcr & 3) + ((lcr & 0x08) != 0 ? 1 : 0) + ((lcr & 0x04) != 0 ? 2 : 1);
        long div = Math.max(divisor, 1);
        return 4L * bits * div * 1_000_000_000L / INPUT_CLOCK_BAUD;
    }

    private void updateIrq() {
        boolean level = interruptId() != IIR_NONE && (mcr & MCR_OUT2) != 0 && !loopback();
        if (level != irqLevel) {
            irqLevel = level;
            irq.setLevel(level);
        }
    }

    void inspect(InspectNode node) {
        node.hex("ier", ier).hex("iir", interruptId() | (fifoEnabled() ? IIR_FIFO_ENABLED : 0))
                .hex("fcr", fcr).hex("lcr", lcr).hex("mcr", mcr)
                .hex("lsr", lsrErrors | (rx.isEmpty() ? 0 : LSR_DR) | LSR_THRE | LSR_TEMT)
                .hex("msr", msr).hex("scr", scr).field("divisor", divisor)
                .field("baud", divisor == 0 ? 0 : INPUT_CLOCK_BAUD / divisor)
                .field("rx_fifo", rx.size()).field("irq", irqLevel).field("backend_connected", backend.connected())
                .field("tx_bytes", txBytes).field("rx_bytes", rxBytes).field("overruns", overruns);
    }
}
