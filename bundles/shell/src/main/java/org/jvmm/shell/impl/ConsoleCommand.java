package org.jvmm.shell.impl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.utils.NonBlockingReader;
import org.jvmm.chipset.serial.ConsoleInput;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code vm:console}: OpenVMM's switch from the REPL to the serial console. The shell's terminal
 * goes into raw mode and every key goes to the guest's {@code console} serial port, Ctrl-C
 * included, until Ctrl-Q, which gives the terminal back to the shell. It also ends when the VM
 * stops.
 */
@Component(service = ConsoleCommand.class, property = {"osgi.command.scope=vm", "osgi.command.function=console"})
public class ConsoleCommand {
    static final int CTRL_Q = 0x11;
    /** The session variable gogo.jline keeps the terminal in ({@code Shell.VAR_TERMINAL}). */
    static final String VAR_TERMINAL = ".terminal";
    static final String NO_CONSOLE = "no console serial port takes input (start the VM with a port on the console, e.g. --com1 console)";
    static final String DETACHED = "[jvmm] back in the shell; vm:console returns to the guest console";
    static final String VM_GONE = "[jvmm] the console port closed (the VM stopped)";
    private static final long POLL_MILLIS = 200;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ConsoleInput input;

    @Descriptor("connect the terminal to the guest's serial console; Ctrl-Q returns to the shell")
    public Object console(CommandSession session) throws IOException, InterruptedException {
        ConsoleInput in = input;
        if (in == null || !in.available()) {
            return NO_CONSOLE;
        }
        if (session.get(VAR_TERMINAL) instanceof Terminal terminal) {
            return onTerminal(terminal, in);
        }
        return fromStream(session.getKeyboard(), in);
    }

    /** Raw mode for the duration, restored whatever happens. */
    static String onTerminal(Terminal terminal, ConsoleInput in) throws IOException, InterruptedException {
        Attributes saved = terminal.getAttributes();
        terminal.setAttributes(raw(saved));
        terminal.writer().println("[jvmm] guest console: Ctrl-Q returns to the shell\r");
        terminal.flush();
        try {
            return pump(terminal.reader(), in);
        } finally {
            terminal.setAttributes(saved);
            terminal.flush();
        }
    }

    /** Like a serial line: no echo, no line editing, no signals from Ctrl-C/Ctrl-Z, no flow control. */
    static Attributes raw(Attributes saved) {
        Attributes raw = new Attributes(saved);
        raw.setLocalFlags(EnumSet.of(Attributes.LocalFlag.ICANON, Attributes.LocalFlag.ECHO,
                Attributes.LocalFlag.ISIG, Attributes.LocalFlag.IEXTEN), false);
        raw.setInputFlags(EnumSet.of(Attributes.InputFlag.IXON, Attributes.InputFlag.ICRNL,
                Attributes.InputFlag.INLCR, Attributes.InputFlag.IGNCR), false);
        raw.setControlChar(Attributes.ControlChar.VMIN, 1);
        raw.setControlChar(Attributes.ControlChar.VTIME, 0);
        return raw;
    }

    static String pump(NonBlockingReader reader, ConsoleInput in) throws IOException, InterruptedException {
        while (true) {
            int c = reader.read(POLL_MILLIS);
            if (c == NonBlockingReader.READ_EXPIRED) {
                if (!in.available()) {
                    return VM_GONE;
                }
                continue;
            }
            if (c < 0 || c == CTRL_Q) {
                return DETACHED;
            }
            String typed = String.valueOf((char) c);
            if (Character.isHighSurrogate((char) c)) {
                int low = reader.read(POLL_MILLIS);
                typed = low >= 0 ? typed + (char) low : typed;
            }
            byte[] bytes = typed.getBytes(StandardCharsets.UTF_8);
            if (!in.type(bytes, 0, bytes.length)) {
                return VM_GONE;
            }
        }
    }

    /** Without a terminal (a piped session): bytes as they come, until Ctrl-Q or the end. */
    static String fromStream(InputStream keyboard, ConsoleInput in) throws IOException, InterruptedException {
        byte[] one = new byte[1];
        int b;
        while ((b = keyboard.read()) >= 0 && b != CTRL_Q) {
            one[0] = (byte) b;
            if (!in.type(one, 0, 1)) {
                return VM_GONE;
            }
        }
        return DETACHED;
    }
}
