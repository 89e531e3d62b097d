package org.jvmm.examples.edu.impl;

import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.inspect.InspectNode;
import org.jvmm.pci.api.BarHandler;

/**
 * BAR0 of the edu device (QEMU's docs/specs/edu.rst register map). Registers below 0x80 take
 * 4-byte accesses only, the DMA registers from 0x80 4- or 8-byte ones, naturally aligned. The
 * factorial and DMA run synchronously on the write that starts them, so the busy bits read back
 * clear. One jvmm addition: bit {@value #DMA_ERROR} of the DMA command register is set when a
 * transfer was refused (bus mastering off, a count over 4 KiB, an address outside RAM or outside
 * the device buffer); nothing is copied then.
 */
final class EduRegisters implements BarHandler {
    static final long BAR_SIZE = 1 << 20;
    static final int ID = 0x010000ED;
    static final int ID_REG = 0x00;
    static final int LIVENESS = 0x04;
    static final int FACTORIAL = 0x08;
    static final int STATUS = 0x20;
    static final int INT_STATUS = 0x24;
    static final int INT_RAISE = 0x60;
    static final int INT_ACK = 0x64;
    static final int DMA_SRC = 0x80;
    static final int DMA_DST = 0x88;
    static final int DMA_COUNT = 0x90;
    static final int DMA_CMD = 0x98;
    static final int STATUS_COMPUTING = 0x01;
    static final int STATUS_IRQ_FACTORIAL = 0x80;
    static final long DMA_START = 0x01;
    static final long DMA_TO_RAM = 0x02;
    static final long DMA_IRQ = 0x04;
    static final long DMA_ERROR = 0x08;
    static final int IRQ_FACTORIAL = 0x001;
    static final int IRQ_DMA = 0x100;

    private final EduDma dma;
    private final EduBus bus;
    private int liveness;
    private int factorial;
    private int status;
    private int intStatus;
    /** DMA source, destination, count, command: the 64-bit registers at 0x80, 0x88, 0x90, 0x98. */
    private final long[] dmaRegs = new long[4];
    private long transfers;
    private long dmaErrors;

    EduRegisters(EduDma dma, EduBus bus) {
        this.dma = dma;
        this.bus = bus;
    }

    @Override
    public synchronized IoResult barRead(long offset, int size, IoValue out) {
        IoResult check = checkAccess(offset, size);
        if (check != IoResult.OK) {
            return check;
        }
        if (offset >= DMA_SRC && offset < DMA_CMD + 8) {
            long reg = dmaRegs[(int) (offset - DMA_SRC) / 8];
            out.set(size == 8 ? reg : (offset & 4) == 0 ? reg & 0xFFFF_FFFFL : reg >>> 32);
            return IoResult.OK;
        }
        long value = switch ((int) offset) {
            case ID_REG -> ID;
            case LIVENESS -> liveness;
            case FACTORIAL -> factorial;
            case STATUS -> status;
            case INT_STATUS -> intStatus;
            default -> -1;
        };
        if (value == -1) {
            return IoResult.INVALID_REGISTER;
        }
        out.set(value & 0xFFFF_FFFFL);
        return IoResult.OK;
    }

    @Override
    public synchronized IoResult barWrite(long offset, int size, long value) {
        IoResult check = checkAccess(offset, size);
        if (check != IoResult.OK) {
            return check;
        }
        if (offset >= DMA_SRC && offset < DMA_CMD + 8) {
            writeDma((int) (offset - DMA_SRC), size, value);
            return IoResult.OK;
        }
        int v = (int) value;
        switch ((int) offset) {
            case ID_REG, INT_STATUS -> {
                // read-only: the write is dropped
            }
            case LIVENESS -> liveness = ~v;
            case FACTORIAL -> computeFactorial(v);
            case STATUS -> status = status & STATUS_COMPUTING | v & STATUS_IRQ_FACTORIAL;
            case INT_RAISE -> raise(v);
            case INT_ACK -> acknowledge(v);
            default -> {
                return IoResult.INVALID_REGISTER;
            }
        }
        return IoResult.OK;
    }

    /** Power-on state. */
    synchronized void reset() {
        liveness = 0;
        factorial = 0;
        status = 0;
        intStatus = 0;
        java.util.Arrays.fill(dmaRegs, 0);
        dma.clear();
        bus.interrupt(0, false);
    }

    synchronized void inspect(InspectNode node) {
        node.hex("status", status).hex("interruptStatus", intStatus).field("factorial", factorial & 0xFFFF_FFFFL)
                .hex("dmaSource", dmaRegs[0]).hex("dmaDestination", dmaRegs[1]).field("dmaCount", dmaRegs[2])
                .hex("dmaCommand", dmaRegs[3]).field("transfers", transfers).field("dmaErrors", dmaErrors);
    }

    private static IoResult checkAccess(long offset, int size) {
        boolean ok = offset < DMA_SRC ? size == 4 : size == 4 || size == 8;
        return ok && (offset & (size - 1)) == 0 ? IoResult.OK : IoResult.INVALID_ACCESS_SIZE;
    }

    private void writeDma(int rel, int size, long value) {
        int index = rel / 8;
        long old = dmaRegs[index];
        dmaRegs[index] = size == 8 ? value
                : (rel & 4) == 0 ? old & 0xFFFF_FFFF_0000_0000L | value & 0xFFFF_FFFFL
                : old & 0xFFFF_FFFFL | value << 32;
        if (index == 3 && (rel & 4) == 0 && (dmaRegs[3] & DMA_START) != 0) {
            runDma();
        }
    }

    private void runDma() {
        long cmd = dmaRegs[3];
        long src = dmaRegs[0];
        long dst = dmaRegs[1];
        long count = dmaRegs[2];
        boolean ok = bus.busMasterEnabled()
                && ((cmd & DMA_TO_RAM) == 0 ? dma.toDevice(src, dst, count) : dma.toRam(src, dst, count));
        transfers++;
        cmd &= ~(DMA_START | DMA_ERROR);
        if (!ok) {
            cmd |= DMA_ERROR;
            dmaErrors++;
        }
        dmaRegs[3] = cmd;
        if ((cmd & DMA_IRQ) != 0) {
            raise(IRQ_DMA);
        }
    }

    private void computeFactorial(int n) {
        status |= STATUS_COMPUTING;
        factorial = factorialMod32(n);
        status &= ~STATUS_COMPUTING;
        if ((status & STATUS_IRQ_FACTORIAL) != 0) {
            raise(IRQ_FACTORIAL);
        }
    }

    /** n! modulo 2^32 for an unsigned n: 0 from 34 on (34! has 32 factors of two). */
    static int factorialMod32(int n) {
        long un = Integer.toUnsignedLong(n);
        if (un >= 34) {
            return 0;
        }
        int result = 1;
        for (int i = 2; i <= un; i++) {
            result *= i;
        }
        return result;
    }

    private void raise(int bits) {
        intStatus |= bits;
        bus.interrupt(intStatus, true);
    }

    private void acknowledge(int bits) {
        intStatus &= ~bits;
        bus.interrupt(intStatus, false);
    }
}
