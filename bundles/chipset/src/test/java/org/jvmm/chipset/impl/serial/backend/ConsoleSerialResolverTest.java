package org.jvmm.chipset.impl.serial.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jvmm.chipset.impl.FakeResolveContext;
import org.jvmm.chipset.serial.SerialBackend;
import org.jvmm.vm.config.ConsoleSerialHandle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConsoleSerialResolverTest {
    @AfterEach
    void clear() {
        System.clearProperty(ConsoleSerialResolver.STDIN_PROPERTY);
    }

    @Test
    void readsStdinUnlessToldNotTo() {
        assertTrue(ConsoleSerialResolver.readsStdin());
        System.setProperty(ConsoleSerialResolver.STDIN_PROPERTY, "true");
        assertTrue(ConsoleSerialResolver.readsStdin());
        System.setProperty(ConsoleSerialResolver.STDIN_PROPERTY, "false");
        assertFalse(ConsoleSerialResolver.readsStdin());
    }

    @Test
    void withoutStdinTheConsoleOnlyWrites() throws Exception {
        System.setProperty(ConsoleSerialResolver.STDIN_PROPERTY, "false");
        SerialBackend backend = new ConsoleSerialResolver()
                .resolve(new ConsoleSerialHandle(), new FakeResolveContext());
        assertInstanceOf(OutputOnlyBackend.class, backend, "no reader thread on stdin");
        assertEquals(-1, backend.read());
        backend.close();
    }
}
