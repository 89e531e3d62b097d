package org.jvmm.chipset.impl.serial.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;

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
    void withoutStdinTheConsoleTakesWhatTheShellTypes() throws Exception {
        System.setProperty(ConsoleSerialResolver.STDIN_PROPERTY, "false");
        ConsoleSerialResolver resolver = new ConsoleSerialResolver();
        assertFalse(resolver.available());
        assertFalse(resolver.type(new byte[] {'x'}, 0, 1), "no port to type to");
        SerialBackend backend = resolver.resolve(new ConsoleSerialHandle(), new FakeResolveContext());
        assertInstanceOf(ShellConsoleBackend.class, backend, "no reader thread on stdin");
        assertEquals(-1, backend.read());
        Semaphore woken = new Semaphore(0);
        backend.setWakeListener(woken::release);
        assertTrue(resolver.available());
        assertTrue(resolver.type("lsx".getBytes(StandardCharsets.US_ASCII), 0, 2));
        assertTrue(woken.tryAcquire(), "typing wakes the port");
        assertEquals('l', backend.read());
        assertEquals('s', backend.read());
        assertEquals(-1, backend.read());
        backend.close();
        assertFalse(resolver.available());
        assertFalse(resolver.type(new byte[] {'x'}, 0, 1), "the VM stopped");
        assertThrows(IndexOutOfBoundsException.class, () -> resolver.type(new byte[1], 0, 2));
    }
}
