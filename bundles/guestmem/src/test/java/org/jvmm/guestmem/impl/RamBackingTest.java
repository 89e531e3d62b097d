package org.jvmm.guestmem.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class RamBackingTest {

    @Test
    void sharedArenaFallbackIsZeroedAlignedAndClosable() throws IOException {
        RamBacking backing = RamBacking.sharedArena(3 * 4096);
        assertEquals(3 * 4096, backing.segment().byteSize());
        assertEquals(0, backing.segment().address() % 4096);
        assertEquals(-1, backing.segment().mismatch(java.lang.foreign.MemorySegment.ofArray(new byte[3 * 4096])));
        assertTrue(backing.fd().isEmpty());
        assertTrue(backing.file().isEmpty());
        backing.close();
        assertFalse(backing.segment().scope().isAlive());
        assertThrows(IllegalStateException.class, () -> backing.segment().get(ValueLayout.JAVA_BYTE, 0));
    }
}
