package org.jvmm.chipset.impl.serial.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RawTerminalTest {
    /** Records stty calls; {@code failOn} makes a set with that first argument fail. */
    static final class FakeStty implements Stty {
        final List<String> calls = new ArrayList<>();
        String failOn = "";

        @Override
        public String save() {
            calls.add("-g");
            return "saved:modes";
        }

        @Override
        public void set(String... args) throws IOException {
            calls.add(String.join(" ", args));
            if (args[0].equals(failOn)) {
                throw new IOException("no tty");
            }
        }
    }

    static final class FakeHooks implements RawTerminal.ShutdownHooks {
        final List<Thread> hooks = new ArrayList<>();
        boolean shuttingDown;

        @Override
        public void add(Thread hook) {
            hooks.add(hook);
        }

        @Override
        public void remove(Thread hook) {
            if (shuttingDown) {
                throw new IllegalStateException("Shutdown in progress");
            }
            hooks.remove(hook);
        }
    }

    private final FakeStty stty = new FakeStty();
    private final FakeHooks hooks = new FakeHooks();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true);

    @Test
    void entersRawModeAndRestoresOnceOnClose() throws Exception {
        RawTerminal t = RawTerminal.enter(stty, hooks, err);
        assertEquals(List.of("-g", "raw -echo opost"), stty.calls);
        assertEquals(1, hooks.hooks.size());
        t.restore();
        t.restore();
        assertEquals(List.of("-g", "raw -echo opost", "saved:modes"), stty.calls);
        assertTrue(hooks.hooks.isEmpty(), "shutdown hook removed");
    }

    @Test
    void theShutdownHookRestores() throws Exception {
        RawTerminal t = RawTerminal.enter(stty, hooks, err);
        hooks.shuttingDown = true;
        Thread hook = hooks.hooks.getFirst();
        hook.start();
        hook.join();
        assertTrue(t.isRestored());
        assertEquals("saved:modes", stty.calls.getLast());
        t.restore();
        assertEquals(3, stty.calls.size(), "not restored twice");
    }

    @Test
    void closeDuringShutdownDoesNotThrow() throws Exception {
        RawTerminal t = RawTerminal.enter(stty, hooks, err);
        hooks.shuttingDown = true;
        t.restore();
        assertEquals("saved:modes", stty.calls.getLast());
    }

    @Test
    void aFailedSwitchRestoresAndFails() {
        stty.failOn = "raw";
        assertThrows(IOException.class, () -> RawTerminal.enter(stty, hooks, err));
        assertEquals("saved:modes", stty.calls.getLast());
        assertTrue(hooks.hooks.isEmpty());
    }

    @Test
    void aFailedRestoreIsReported() throws Exception {
        RawTerminal t = RawTerminal.enter(stty, hooks, err);
        stty.failOn = "saved:modes";
        t.restore();
        assertTrue(errBytes.toString().contains("stty sane"), errBytes.toString());
    }
}
