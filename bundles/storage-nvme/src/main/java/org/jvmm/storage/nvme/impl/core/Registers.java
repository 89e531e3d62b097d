package org.jvmm.storage.nvme.impl.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.inspect.InspectNode;
import org.jvmm.storage.nvme.impl.spec.Limits;

/**
 * The controller registers at the start of BAR0: CAP, VS, INTMS/INTMC, CC, CSTS, AQA, ASQ, ACQ.
 * Dword accesses everywhere, qword accesses to CAP, ASQ and ACQ. Setting CC.EN checks the
 * configuration (NVM command set, page size, round robin, 64/16-byte entries, admin queues in
 * RAM) and either sets CSTS.RDY or reports CSTS.CFS; clearing it resets the controller, with RDY
 * cleared once the commands in flight have finished. Setting CC.SHN flushes every namespace and
 * then reports shutdown complete. Guarded by the controller lock.
 */
final class Registers {
    static final int CAP_LO = 0x00;
    static final int CAP_HI = 0x04;
    static final int VS = 0x08;
    static final int INTMS = 0x0C;
    static final int INTMC = 0x10;
    static final int CC = 0x14;
    static final int CSTS = 0x1C;
    static final int AQA = 0x24;
    static final int ASQ = 0x28;
    static final int ACQ = 0x30;
    /** MQES, CQR, TO, DSTRD 0, CSS = NVM, MPSMIN 4 KiB, MPSMAX. */
    static final long CAP = (Limits.MAX_QUEUE_ENTRIES - 1) | 1L << 16 | (long) Limits.READY_TIMEOUT << 24 | 1L << 37
            | (long) Limits.MPS_MAX << 52;
    static final int SHST_PROCESSING = 1;
    static final int SHST_COMPLETE = 2;
    private static final int CC_WRITABLE = 0x00FF_FFF1;
    private static final long BASE_MASK = ~0xFFFL;

    private final Controller c;
    private int cc;
    private int aqa;
    private long asq;
    private long acq;
    private boolean ready;
    private boolean fatal;
    private int shst;
    private boolean shutdownRequested;
    private int shutdownToken;
    private int pageSize = Limits.MIN_PAGE;

    Registers(Controller c) {
        this.c = c;
    }

    boolean ready() {
        return ready && !fatal;
    }

    /** The memory page size the host chose (CC.MPS), for PRPs and queue alignment. */
    int pageSize() {
        return pageSize;
    }

    IoResult read(long off, int size, IoValue out) {
        if (size != 4 && size != 8 || (off & size - 1) != 0) {
            return IoResult.INVALID_ACCESS_SIZE;
        }
        if (size == 8) {
            long v = off == CAP_LO ? CAP : off == ASQ ? asq : off == ACQ ? acq : -1;
            if (v == -1) {
                return IoResult.INVALID_ACCESS_SIZE;
            }
            out.set(v);
            return IoResult.OK;
        }
        long v = switch ((int) off) {
            case CAP_LO -> CAP;
            case CAP_HI -> CAP >>> 32;
            case VS -> Limits.VERSION;
            case INTMS, INTMC -> c.interrupts.mask();
            case CC -> cc;
            case CSTS -> (ready ? 1 : 0) | (fatal ? 2 : 0) | shst << 2;
            case AQA -> aqa;
            case ASQ -> asq;
            case ASQ + 4 -> asq >>> 32;
            case ACQ -> acq;
            case ACQ + 4 -> acq >>> 32;
            default -> 0;
        };
        out.set(v & 0xFFFF_FFFFL);
        return IoResult.OK;
    }

    IoResult write(long off, int size, long value) {
        if (size != 4 && size != 8 || (off & size - 1) != 0) {
            return IoResult.INVALID_ACCESS_SIZE;
        }
        if (size == 8) {
            if (off == ASQ) {
                asq = base(asq, value);
            } else if (off == ACQ) {
                acq = base(acq, value);
            } else {
                return IoResult.INVALID_ACCESS_SIZE;
            }
            return IoResult.OK;
        }
        int v = (int) value;
        switch ((int) off) {
            case INTMS -> c.interrupts.setMask(c.interrupts.mask() | v);
            case INTMC -> c.interrupts.setMask(c.interrupts.mask() & ~v);
            case CC -> writeCc(v);
            case AQA -> aqa = enabled() ? aqa : v & 0x0FFF_0FFF;
            case ASQ -> asq = base(asq, asq & ~0xFFFF_FFFFL | v & 0xFFFF_FFFFL);
            case ASQ + 4 -> asq = base(asq, asq & 0xFFFF_FFFFL | (long) v << 32);
            case ACQ -> acq = base(acq, acq & ~0xFFFF_FFFFL | v & 0xFFFF_FFFFL);
            case ACQ + 4 -> acq = base(acq, acq & 0xFFFF_FFFFL | (long) v << 32);
            default -> {
                // CAP, VS, CSTS, NSSR (no subsystem reset) and reserved registers ignore writes
            }
        }
        return IoResult.OK;
    }

    /** Whether a shutdown was just requested (and forgets that it was). */
    boolean takeShutdownRequest() {
        boolean r = shutdownRequested;
        shutdownRequested = false;
        return r;
    }

    int shutdownToken() {
        return shutdownToken;
    }

    /** The flush for shutdown {@code token} finished. */
    void shutdownComplete(int token) {
        if (token == shutdownToken && shst == SHST_PROCESSING) {
            shst = SHST_COMPLETE;
        }
    }

    /** A fatal controller error (CSTS.CFS): nothing is processed until the host resets it. */
    void fatal() {
        fatal = true;
    }

    /** The controller reset that clearing CC.EN began has finished. */
    void resetDone() {
        ready = false;
        fatal = false;
        shst = 0;
    }

    /** Power-on values (a VM reset or function-level reset). */
    void powerOn() {
        cc = 0;
        aqa = 0;
        asq = 0;
        acq = 0;
        resetDone();
        shutdownRequested = false;
        shutdownToken++;
        pageSize = Limits.MIN_PAGE;
        c.interrupts.setMask(0);
    }

    private boolean enabled() {
        return (cc & 1) != 0;
    }

    private long base(long old, long value) {
        return enabled() ? old : value & BASE_MASK;
    }

    private void writeCc(int v) {
        int old = cc;
        boolean enable = (v & 1) != 0;
        if (!enabled() && enable && c.resetting()) {
            return;
        }
        cc = v & CC_WRITABLE;
        if ((old & 1) == 0 && enable) {
            start();
        } else if ((old & 1) != 0 && !enable && c.beginReset()) {
            resetDone();
        }
        if ((cc >>> 14 & 3) != 0 && (old >>> 14 & 3) == 0) {
            shst = SHST_PROCESSING;
            shutdownRequested = true;
            shutdownToken++;
        }
    }

    private void start() {
        int css = cc >>> 4 & 7;
        int mps = cc >>> 7 & 0xF;
        int ams = cc >>> 11 & 7;
        int sqes = cc >>> 16 & 0xF;
        int cqes = cc >>> 20 & 0xF;
        boolean entries = (sqes == 0 || sqes == Limits.SQ_ENTRY_SIZE_LOG2) && (cqes == 0 || cqes == Limits.CQ_ENTRY_SIZE_LOG2);
        if (css != 0 || mps > Limits.MPS_MAX || ams != 0 || !entries) {
            fatal = true;
            return;
        }
        pageSize = Limits.MIN_PAGE << mps;
        int sqEntries = (aqa & 0xFFF) + 1;
        int cqEntries = (aqa >>> 16 & 0xFFF) + 1;
        if (sqEntries < 2 || cqEntries < 2 || ((asq | acq) & pageSize - 1) != 0
                || !c.enable(asq, sqEntries, acq, cqEntries)) {
            fatal = true;
            return;
        }
        ready = true;
        if ((cc >>> 14 & 3) == 0) {
            shst = 0;
        }
    }

    /** Snapshot: CC, AQA, ASQ, ACQ, CSTS (RDY, CFS, SHST) and the page size. */
    void save(DataOutputStream out) throws IOException {
        out.writeInt(cc);
        out.writeInt(aqa);
        out.writeLong(asq);
        out.writeLong(acq);
        out.writeBoolean(ready);
        out.writeBoolean(fatal);
        out.writeByte(shst);
        out.writeInt(pageSize);
    }

    void load(DataInputStream in) throws IOException {
        cc = in.readInt() & CC_WRITABLE;
        aqa = in.readInt() & 0x0FFF_0FFF;
        asq = in.readLong() & BASE_MASK;
        acq = in.readLong() & BASE_MASK;
        ready = in.readBoolean();
        fatal = in.readBoolean();
        shst = in.readUnsignedByte();
        pageSize = in.readInt();
        if (shst > SHST_COMPLETE) {
            throw new IOException("registers: shutdown status " + shst);
        }
        if (pageSize < Limits.MIN_PAGE || pageSize > Limits.MIN_PAGE << Limits.MPS_MAX || Integer.bitCount(pageSize) != 1) {
            throw new IOException("registers: page size " + pageSize);
        }
        shutdownRequested = false;
        shutdownToken++;
    }

    /** A shutdown's flush was running when the state was saved. */
    boolean shutdownProcessing() {
        return shst == SHST_PROCESSING;
    }

    void inspect(InspectNode n) {
        n.hex("cc", cc).field("ready", ready).field("fatal", fatal).field("shutdown", shst).hex("aqa", aqa)
                .hex("asq", asq).hex("acq", acq).field("pageSize", pageSize).hex("intms", c.interrupts.mask());
    }
}
