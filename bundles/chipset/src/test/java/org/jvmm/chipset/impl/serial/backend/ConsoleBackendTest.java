package org.jvmm.chipset.impl.serial.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jvmm.chipset.serial.SerialBackend;
import org.junit.jupiter.api.Test;

class ConsoleBackendTest {
    private static final byte[] TYPED = {'l', 's', 0x03, 0x11, '\r'};

    private final RawTerminalTest.FakeStty stty = new RawTerminalTest.FakeStty();
    private final RawTerminalTest.FakeHooks hooks = new RawTerminalTest.FakeHooks();
    private final PrintStream err = new PrintStream(new ByteArrayOutputStream(), true);

    @Test
    void withoutTerminalInputIsPassedOnUnchanged() throws Exception {
        List<String> escapes = new ArrayList<>();
        ConsoleBackend b = new ConsoleBackend(new ByteArrayOutputStream(), new ByteArrayInputStream(TYPED),
                Optional.empty(), () -> Optional.of(() -> escapes.add("escape"))).start();
        assertEquals(List.of(0x6C, 0x73, 0x03, 0x11, 0x0D), readAll(b, TYPED.length));
        assertTrue(escapes.isEmpty());
        b.close();
    }

    @Test
    void onTerminalCtrlQRestoresThenRunsTheHandler() throws Exception {
        RawTerminal raw = RawTerminal.enter(stty, hooks, err);
        List<String> seen = new ArrayList<>();
        ConsoleBackend b = new ConsoleBackend(new ByteArrayOutputStream(), new ByteArrayInputStream(TYPED),
                Optional.of(raw), () -> Optional.of(() -> seen.add("handler, restored=" + raw.isRestored()))).start();
        assertEquals(List.of(0x6C, 0x73, 0x03, 0x0D), readAll(b, TYPED.length - 1), "Ctrl-C goes to the guest");
        assertEquals(List.of("handler, restored=true"), seen);
        b.close();
        assertEquals(3, stty.calls.size(), "restored once");
    }

    @Test
    void onTerminalWithoutHandlerCtrlQGoesToTheGuest() throws Exception {
        RawTerminal raw = RawTerminal.enter(stty, hooks, err);
        ConsoleBackend b = new ConsoleBackend(new ByteArrayOutputStream(), new ByteArrayInputStream(TYPED),
                Optional.of(raw), Optional::empty).start();
        assertEquals(List.of(0x6C, 0x73, 0x03, 0x11, 0x0D), readAll(b, TYPED.length));
        assertFalse(raw.isRestored());
        b.close();
        assertTrue(raw.isRestored(), "close restores the terminal");
        assertTrue(hooks.hooks.isEmpty());
    }

    /** Waits for {@code count} bytes from the backend's reader thread. */
    private static List<Integer> readAll(SerialBackend b, int count) throws InterruptedException {
        List<Integer> got = new ArrayList<>();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (got.size() < count && System.nanoTime() < deadline) {
            int v = b.read();
            if (v < 0) {
                Thread.sleep(1);
            } else {
                got.add(v);
            }
        }
        return got;
    }
}
