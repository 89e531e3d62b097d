package org.jvmm.guestmem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Writes that bypass the processors reach the observer as segment offsets; reads do not. */
class GuestMemoryWriteObserverTest {

    private static final long SIZE = 64 * 1024;

    private final List<String> seen = new ArrayList<>();
    private GuestMemory mem;

    @BeforeEach
    void create() throws IOException {
        mem = GuestMemory.create(GuestMemoryLayout.flat(SIZE));
        mem.observeWrites((offset, length) -> seen.add(offset + "+" + length));
    }

    @AfterEach
    void close() {
        mem.close();
    }

    @Test
    void everyWriteMethodReportsItsBytes() {
        mem.write8(1, (byte) 1);
        mem.write16(2, (short) 2);
        mem.write32(4, 3);
        mem.write64(8, 4);
        mem.write(0x100, new byte[] {1, 2, 3}, 0, 3);
        mem.write(0x200, MemorySegment.ofArray(new byte[5]));
        mem.fill(0x300, 7, (byte) 9);
        mem.tryWrite(0x400, new byte[2], 0, 2);
        mem.compareExchange32(0x500, 0, 1);
        mem.compareExchange64(0x508, 5, 6);
        mem.getAndAdd32(0x510, 1);
        mem.getAndAdd64(0x518, 1);
        assertEquals(List.of("1+1", "2+2", "4+4", "8+8", "256+3", "512+5", "768+7", "1024+2", "1280+4",
                "1296+4", "1304+8"), seen, "a failed compare-exchange writes nothing");
    }

    @Test
    void readsAndRefusedWritesReportNothing() {
        mem.read64(0);
        mem.read(0, new byte[4], 0, 4);
        mem.tryWrite(SIZE - 1, new byte[2], 0, 2);
        mem.written(SIZE, 16);
        assertEquals(List.of(), seen);
    }

    @Test
    void sliceWritersReportThroughWritten() {
        MemorySegment dma = mem.slice(0x1000, 0x200);
        dma.fill((byte) 1);
        mem.written(0x1000, 0x200);
        mem.observeWrites(WriteObserver.NONE);
        mem.write8(0, (byte) 1);
        assertEquals(List.of("4096+512"), seen);
    }
}
