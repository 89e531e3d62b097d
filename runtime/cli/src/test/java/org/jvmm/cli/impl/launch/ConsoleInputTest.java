package org.jvmm.cli.impl.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jvmm.chipset.impl.serial.backend.ConsoleSerialResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConsoleInputTest {
    @AfterEach
    void clear() {
        System.clearProperty(ConsoleInput.PROPERTY);
    }

    @Test
    void setsThePropertyTheConsoleResolverReads() {
        assertEquals(ConsoleSerialResolver.STDIN_PROPERTY, ConsoleInput.PROPERTY);
        ConsoleInput.readStdin(false);
        assertEquals("false", System.getProperty(ConsoleSerialResolver.STDIN_PROPERTY));
        ConsoleInput.readStdin(true);
        assertEquals("true", System.getProperty(ConsoleSerialResolver.STDIN_PROPERTY));
    }
}
