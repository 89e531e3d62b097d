package org.jvmm.examples.edu.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.guestmem.GuestMemoryLayout;

/** The registers and the DMA engine over 1 MiB of guest RAM, with a recording bus. */
class EduRegistersTest {
    private static final long RAM = 1 << 20;

    private final List<String> interrupts = new ArrayList<>();
    private boolean busMaster = true;
    private final GuestMemory memory = newMemory();
    private final EduRegisters regs = new EduRegisters(new EduDma(memory), new EduBus() {
        @Override
        public boolean busMasterEnabled() {
            return busMaster;
        }

        @Override
        public void interrupt(int status, boolean raised) {
            interrupts.add((raised ? "raise " : "ack ") + Integer.toHexString(status));
        }
    });

    private static GuestMemory newMemory() {
        try {
            return GuestMemory.create(GuestMemoryLayout.flat(RAM));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void close() {
        memory.close();
    }

    private long read(int offset, int size) {
        IoValue v = new IoValue();
        assertEquals(IoResult.OK, regs.barRead(offset, size, v), "read 0x" + Integer.toHexString(offset));
        return v.get();
    }

    private void write(int offset, int size, long value) {
        assertEquals(IoResult.OK, regs.barWrite(offset, size, value), "write 0x" + Integer.toHexString(offset));
    }

    @Test
    void identificationAndLivenessCheck() {
        assertEquals(0x010000EDL, read(EduRegisters.ID_REG, 4));
        write(EduRegisters.LIVENESS, 4, 0x12345678);
        assertEquals(0xEDCBA987L, read(EduRegisters.LIVENESS, 4));
        write(EduRegisters.ID_REG, 4, 0);
        assertEquals(0x010000EDL, read(EduRegisters.ID_REG, 4), "the id is read-only");
    }

    @Test
    void factorialIsComputedAndCanRaiseAnInterrupt() {
        write(EduRegisters.FACTORIAL, 4, 10);
        assertEquals(3628800L, read(EduRegisters.FACTORIAL, 4));
        assertEquals(0L, read(EduRegisters.STATUS, 4) & EduRegisters.STATUS_COMPUTING);
        assertEquals(List.of(), interrupts);
        write(EduRegisters.STATUS, 4, EduRegisters.STATUS_IRQ_FACTORIAL | EduRegisters.STATUS_COMPUTING);
        assertEquals(0x80L, read(EduRegisters.STATUS, 4), "the computing bit is read-only");
        write(EduRegisters.FACTORIAL, 4, 12);
        assertEquals(479001600L, read(EduRegisters.FACTORIAL, 4));
        assertEquals(List.of("raise 1"), interrupts);
        assertEquals(1L, read(EduRegisters.INT_STATUS, 4));
    }

    @Test
    void factorialWrapsModulo2To32() {
        assertEquals((int) 6227020800L, EduRegisters.factorialMod32(13));
        assertEquals(0, EduRegisters.factorialMod32(34));
        assertEquals(0, EduRegisters.factorialMod32(-1), "an unsigned 2^32-1 ends at once");
        assertEquals(1, EduRegisters.factorialMod32(0));
    }

    @Test
    void interruptsAreRaisedAndAcknowledgedBitwise() {
        write(EduRegisters.INT_RAISE, 4, 0x5);
        write(EduRegisters.INT_RAISE, 4, 0x30);
        assertEquals(0x35L, read(EduRegisters.INT_STATUS, 4));
        write(EduRegisters.INT_ACK, 4, 0x31);
        assertEquals(0x4L, read(EduRegisters.INT_STATUS, 4));
        write(EduRegisters.INT_ACK, 4, 0x4);
        assertEquals(List.of("raise 5", "raise 35", "ack 4", "ack 0"), interrupts);
    }

    @Test
    void dmaRoundTripThroughTheDeviceBuffer() {
        byte[] data = new byte[100];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7 + 1);
        }
        memory.write(0x8000, data, 0, data.length);
        dma(0x8000, EduDma.BUFFER_ADDRESS + 16, 100, EduRegisters.DMA_START);
        assertEquals(0L, read(EduRegisters.DMA_CMD, 8), "done, no error");
        dma(EduDma.BUFFER_ADDRESS + 16, 0x9000, 100,
                EduRegisters.DMA_START | EduRegisters.DMA_TO_RAM | EduRegisters.DMA_IRQ);
        byte[] back = new byte[100];
        memory.read(0x9000, back, 0, back.length);
        assertArrayEquals(data, back);
        assertEquals(EduRegisters.DMA_TO_RAM | EduRegisters.DMA_IRQ, read(EduRegisters.DMA_CMD, 8));
        assertEquals(List.of("raise 100"), interrupts);
    }

    @Test
    void dmaRegistersTakeHalvesAndWholes() {
        write(EduRegisters.DMA_SRC, 4, 0x89ABCDEFL);
        write(EduRegisters.DMA_SRC + 4, 4, 0x01234567L);
        assertEquals(0x0123456789ABCDEFL, read(EduRegisters.DMA_SRC, 8));
        assertEquals(0x01234567L, read(EduRegisters.DMA_SRC + 4, 4));
        assertEquals(IoResult.INVALID_ACCESS_SIZE, regs.barRead(EduRegisters.LIVENESS, 8, new IoValue()));
        assertEquals(IoResult.INVALID_ACCESS_SIZE, regs.barWrite(EduRegisters.DMA_SRC + 2, 2, 0));
        assertEquals(IoResult.INVALID_REGISTER, regs.barRead(0x40, 4, new IoValue()));
    }

    @Test
    void aBadDmaSetsTheErrorBitAndTouchesNothing() {
        byte[] before = new byte[64];
        memory.read(RAM - 64, before, 0, 64);
        long err = EduRegisters.DMA_ERROR;
        long toRam = EduRegisters.DMA_START | EduRegisters.DMA_TO_RAM;
        dma(EduDma.BUFFER_ADDRESS, RAM - 32, 64, toRam);
        assertEquals(EduRegisters.DMA_TO_RAM | err, read(EduRegisters.DMA_CMD, 8), "past the end of RAM");
        dma(EduDma.BUFFER_ADDRESS, 0xFFFF_FFFF_FFFF_FFF0L, 64, toRam);
        assertEquals(EduRegisters.DMA_TO_RAM | err, read(EduRegisters.DMA_CMD, 8), "an address that wraps");
        dma(0, EduDma.BUFFER_ADDRESS + 4000, 200, EduRegisters.DMA_START);
        assertEquals(err, read(EduRegisters.DMA_CMD, 8), "past the end of the buffer");
        dma(0, EduDma.BUFFER_ADDRESS, 5000, EduRegisters.DMA_START);
        assertEquals(err, read(EduRegisters.DMA_CMD, 8), "more than the buffer");
        dma(0, 0x1000, 16, EduRegisters.DMA_START);
        assertEquals(err, read(EduRegisters.DMA_CMD, 8), "a destination outside the buffer");
        byte[] after = new byte[64];
        memory.read(RAM - 64, after, 0, 64);
        assertArrayEquals(before, after);
        dma(0, EduDma.BUFFER_ADDRESS, 16, EduRegisters.DMA_START);
        assertEquals(0L, read(EduRegisters.DMA_CMD, 8), "a good transfer clears the error");
    }

    @Test
    void dmaNeedsBusMastering() {
        memory.write(0x100, new byte[] {9, 9, 9, 9}, 0, 4);
        busMaster = false;
        dma(0x100, EduDma.BUFFER_ADDRESS, 4, EduRegisters.DMA_START | EduRegisters.DMA_IRQ);
        assertEquals(EduRegisters.DMA_ERROR | EduRegisters.DMA_IRQ, read(EduRegisters.DMA_CMD, 8));
        assertEquals(List.of("raise 100"), interrupts, "the completion interrupt still comes");
    }

    @Test
    void resetClearsEverything() {
        write(EduRegisters.LIVENESS, 4, 1);
        write(EduRegisters.INT_RAISE, 4, 2);
        write(EduRegisters.DMA_COUNT, 8, 7);
        regs.reset();
        assertEquals(0L, read(EduRegisters.LIVENESS, 4));
        assertEquals(0L, read(EduRegisters.INT_STATUS, 4));
        assertEquals(0L, read(EduRegisters.DMA_COUNT, 8));
        assertEquals("ack 0", interrupts.getLast());
    }

    private void dma(long src, long dst, long count, long cmd) {
        write(EduRegisters.DMA_SRC, 8, src);
        write(EduRegisters.DMA_DST, 8, dst);
        write(EduRegisters.DMA_COUNT, 8, count);
        write(EduRegisters.DMA_CMD, 8, cmd);
    }
}
