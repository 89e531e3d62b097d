package org.jvmm.chipset.impl.pic;

import org.jvmm.inspect.InspectNode;

/**
 * One 8259A: the initialisation sequence (ICW1..ICW4), the operation commands (OCW1 mask, OCW2
 * EOI and rotation, OCW3 register select, poll and special mask), edge or level inputs (ELCR or
 * ICW1.LTIM) and priority resolution with rotation. Not thread-safe.
 */
final class Pic8259 {
    private final boolean master;
    private final int elcrWritable;

    private int irr;
    private int isr;
    private int imr;
    private int lines;
    private int elcr;
    private int priorityAdd;
    private int vectorBase;
    private int icw3;
    private int initStep;
    private boolean needIcw4;
    private boolean singleMode;
    private boolean ltim;
    private boolean autoEoi;
    private boolean rotateOnAutoEoi;
    private boolean specialFullyNested;
    private boolean specialMask;
    private boolean readIsr;
    private boolean poll;

    Pic8259(boolean master) {
        this.master = master;
        this.elcrWritable = master ? 0xF8 : 0xDE;
        reset();
    }

    void reset() {
        irr = 0;
        isr = 0;
        imr = 0;
        lines = 0;
        elcr = 0;
        priorityAdd = 0;
        vectorBase = 0;
        icw3 = 0;
        initStep = 0;
        needIcw4 = false;
        singleMode = false;
        ltim = false;
        autoEoi = false;
        rotateOnAutoEoi = false;
        specialFullyNested = false;
        specialMask = false;
        readIsr = false;
        poll = false;
    }

    void save(java.io.DataOutputStream out) throws java.io.IOException {
        for (int v : new int[] {irr, isr, imr, lines, elcr, priorityAdd, vectorBase, icw3, initStep}) {
            out.writeInt(v);
        }
        for (boolean b : new boolean[] {needIcw4, singleMode, ltim, autoEoi, rotateOnAutoEoi, specialFullyNested,
                specialMask, readIsr, poll}) {
            out.writeBoolean(b);
        }
    }

    void restore(java.io.DataInputStream in) throws java.io.IOException {
        irr = in.readInt();
        isr = in.readInt();
        imr = in.readInt();
        lines = in.readInt();
        elcr = in.readInt();
        priorityAdd = in.readInt();
        vectorBase = in.readInt();
        icw3 = in.readInt();
        initStep = in.readInt();
        needIcw4 = in.readBoolean();
        singleMode = in.readBoolean();
        ltim = in.readBoolean();
        autoEoi = in.readBoolean();
        rotateOnAutoEoi = in.readBoolean();
        specialFullyNested = in.readBoolean();
        specialMask = in.readBoolean();
        readIsr = in.readBoolean();
        poll = in.readBoolean();
    }

    boolean singleMode() {
        return singleMode;
    }

    int vectorBase() {
        return vectorBase;
    }

    private int levelMask() {
        return ltim ? 0xFF : elcr;
    }

    void setInput(int pin, boolean high) {
        int mask = 1 << pin;
        if ((levelMask() & mask) != 0) {
            irr = high ? irr | mask : irr & ~mask;
        } else if (high && (lines & mask) == 0) {
            irr |= mask;
        }
        lines = high ? lines | mask : lines & ~mask;
    }

    /** Priority 0 (highest) .. 7 of the highest-priority set bit in {@code mask}; 8 when none. */
    private int priority(int mask) {
        if ((mask & 0xFF) == 0) {
            return 8;
        }
        int p = 0;
        while ((mask & (1 << ((p + priorityAdd) & 7))) == 0) {
            p++;
        }
        return p;
    }

    /** The input this chip would interrupt for now, or -1. */
    int pendingIrq() {
        int p = priority(irr & ~imr);
        if (p == 8) {
            return -1;
        }
        int inService = specialMask ? isr & ~imr : isr;
        if (master && specialFullyNested) {
            inService &= ~(1 << DualPic.CASCADE_PIN);
        }
        return p < priority(inService) ? (p + priorityAdd) & 7 : -1;
    }

    /** The INTA cycle for {@code irq}: set in service (unless auto-EOI), clear an edge request. */
    void acknowledge(int irq) {
        int mask = 1 << irq;
        if (autoEoi) {
            if (rotateOnAutoEoi) {
                priorityAdd = (irq + 1) & 7;
            }
        } else {
            isr |= mask;
        }
        if ((levelMask() & mask) == 0) {
            irr &= ~mask;
        }
    }

    /** A write to the command port (A0 = 0): ICW1, OCW2 or OCW3. */
    void writeCommand(int v) {
        if ((v & 0x10) != 0) {
            icw1(v);
        } else if ((v & 0x08) != 0) {
            ocw3(v);
        } else {
            ocw2(v);
        }
    }

    /** A write to the data port (A0 = 1): ICW2..ICW4 during initialisation, else OCW1 (the mask). */
    void writeData(int v) {
        switch (initStep) {
            case 2 -> {
                vectorBase = v & 0xF8;
                initStep = singleMode ? (needIcw4 ? 4 : 0) : 3;
            }
            case 3 -> {
                icw3 = v;
                initStep = needIcw4 ? 4 : 0;
            }
            case 4 -> {
                autoEoi = (v & 0x02) != 0;
                specialFullyNested = (v & 0x10) != 0;
                initStep = 0;
            }
            default -> imr = v & 0xFF;
        }
    }

    /** A read of the command port: the poll byte after OCW3.P, else IRR or ISR as OCW3 selected. */
    int readCommand() {
        if (poll) {
            return pollByte();
        }
        return readIsr ? isr : irr;
    }

    /** A read of the data port: the poll byte after OCW3.P, else the mask. */
    int readData() {
        return poll ? pollByte() : imr;
    }

    int elcr() {
        return elcr;
    }

    void writeElcr(int v) {
        elcr = v & elcrWritable;
        int level = levelMask();
        irr = (irr & ~level) | (lines & level);
    }

    private int pollByte() {
        poll = false;
        int irq = pendingIrq();
        if (irq < 0) {
            return 0;
        }
        acknowledge(irq);
        return 0x80 | irq;
    }

    private void icw1(int v) {
        irr &= levelMask();
        isr = 0;
        imr = 0;
        priorityAdd = 0;
        specialMask = false;
        readIsr = false;
        poll = false;
        rotateOnAutoEoi = false;
        autoEoi = false;
        specialFullyNested = false;
        singleMode = (v & 0x02) != 0;
        ltim = (v & 0x08) != 0;
        needIcw4 = (v & 0x01) != 0;
        initStep = 2;
    }

    private void ocw2(int v) {
        int level = v & 7;
        switch (v >>> 5) {
            case 0 -> rotateOnAutoEoi = false;
            case 4 -> rotateOnAutoEoi = true;
            case 1 -> nonSpecificEoi(false);
            case 5 -> nonSpecificEoi(true);
            case 3 -> isr &= ~(1 << level);
            case 7 -> {
                isr &= ~(1 << level);
                priorityAdd = (level + 1) & 7;
            }
            case 6 -> priorityAdd = (level + 1) & 7;
            default -> { } // 2: no operation
        }
    }

    private void nonSpecificEoi(boolean rotate) {
        int p = priority(isr);
        if (p == 8) {
            return;
        }
        int irq = (p + priorityAdd) & 7;
        isr &= ~(1 << irq);
        if (rotate) {
            priorityAdd = (irq + 1) & 7;
        }
    }

    private void ocw3(int v) {
        if ((v & 0x04) != 0) {
            poll = true;
        }
        if ((v & 0x02) != 0) {
            readIsr = (v & 0x01) != 0;
        }
        if ((v & 0x40) != 0) {
            specialMask = (v & 0x20) != 0;
        }
    }

    void inspect(InspectNode node) {
        node.hex("irr", irr).hex("isr", isr).hex("imr", imr).hex("elcr", elcr).hex("lines", lines)
                .hex("vector_base", vectorBase).field("priority_add", priorityAdd).hex("icw3", icw3)
                .field("init_step", initStep).field("auto_eoi", autoEoi).field("rotate_on_auto_eoi", rotateOnAutoEoi)
                .field("special_fully_nested", specialFullyNested).field("special_mask", specialMask)
                .field("level_triggered_mode", ltim).field("single", singleMode)
                .field("read", readIsr ? "isr" : "irr");
    }
}
