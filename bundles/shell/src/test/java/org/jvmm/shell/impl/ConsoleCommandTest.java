package org.jvmm.shell.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.jvmm.chipset.serial.ConsoleInput;
import org.junit.jupiter.api.Test;

class ConsoleCommandTest {
    /** Collects what the shell types; {@code open} false once the "VM" stops. */
    static final class Port implements ConsoleInput {
        final ByteArrayOutputStream typed = new ByteArrayOutputStream();
        volatile boolean open = true;
        int closeAfter = Integer.MAX_VALUE;

        @Override
        public boolean available() {
            return open;
        }

        @Override
        public boolean type(byte[] bytes, int offset, int length) {
            if (!open) {
                return false;
            }
            typed.write(bytes, offset, length);
            if (typed.size() >= closeAfter) {
                open = false;
            }
            return true;
        }

        String text() {
            return typed.toString(StandardCharsets.UTF_8);
        }
    }

    private static Terminal terminal(String keys) throws Exception {
        return new DumbTerminal("test", "dumb", new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(), StandardCharsets.UTF_8);
    }

    @Test
    void keysGoToTheGuestUntilCtrlQAndTheTerminalModesComeBack() throws Exception {
        Port port = new Port();
        try (Terminal t = terminal("ls\u0003\u00e9\uD83D\uDE00\rx\u0011after")) {
            Attributes before = new Attributes(t.getAttributes());
            assertEquals(ConsoleCommand.DETACHED, ConsoleCommand.onTerminal(t, port));
            assertEquals("ls\u0003\u00e9\uD83D\uDE00\rx", port.text(), "Ctrl-C, CR and non-ASCII reach the guest");
            assertEquals(before.getLocalFlags(), t.getAttributes().getLocalFlags(), "modes restored");
        }
    }

    @Test
    void rawModeTurnsOffEchoLineEditingAndSignals() {
        Attributes cooked = new Attributes();
        cooked.setLocalFlags(java.util.EnumSet.of(Attributes.LocalFlag.ICANON, Attributes.LocalFlag.ECHO,
                Attributes.LocalFlag.ISIG), true);
        cooked.setInputFlag(Attributes.InputFlag.ICRNL, true);
        Attributes raw = ConsoleCommand.raw(cooked);
        assertFalse(raw.getLocalFlag(Attributes.LocalFlag.ICANON));
        assertFalse(raw.getLocalFlag(Attributes.LocalFlag.ECHO));
        assertFalse(raw.getLocalFlag(Attributes.LocalFlag.ISIG));
        assertFalse(raw.getInputFlag(Attributes.InputFlag.ICRNL));
        assertTrue(cooked.getLocalFlag(Attributes.LocalFlag.ECHO), "the saved modes are untouched");
    }

    @Test
    void endsWhenTheVmStops() throws Exception {
        Port port = new Port();
        port.closeAfter = 2;
        try (Terminal t = terminal("abcdef")) {
            assertEquals(ConsoleCommand.VM_GONE, ConsoleCommand.onTerminal(t, port));
            assertEquals("ab", port.text());
        }
    }

    @Test
    void withoutATerminalBytesPassUntilCtrlQOrTheEnd() throws Exception {
        Port port = new Port();
        assertEquals(ConsoleCommand.DETACHED, ConsoleCommand.fromStream(
                new ByteArrayInputStream("echo hi\n\u0011ignored".getBytes(StandardCharsets.US_ASCII)), port));
        assertEquals("echo hi\n", port.text());
    }

    @Test
    void withoutAConsolePortItSaysWhy() throws Exception {
        ConsoleCommand command = new ConsoleCommand();
        assertEquals(ConsoleCommand.NO_CONSOLE, command.console(null));
        Port port = new Port();
        port.open = false;
        command.input = port;
        assertEquals(ConsoleCommand.NO_CONSOLE, command.console(null));
    }
}
