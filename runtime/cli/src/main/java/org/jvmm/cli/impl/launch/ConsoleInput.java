package org.jvmm.cli.impl.launch;

/**
 * Whether the {@code console} serial backend reads stdin: the system property {@value #PROPERTY},
 * which the chipset bundle's console resolver reads when the VM's serial ports are built. The
 * launcher sets it before each launch: {@code false} when the interactive shell owns the terminal,
 * {@code true} otherwise.
 */
final class ConsoleInput {
    /** The property the console serial resolver reads ({@code ConsoleSerialResolver.STDIN_PROPERTY}). */
    static final String PROPERTY = "jvmm.console.stdin";

    private ConsoleInput() {
    }

    static void readStdin(boolean read) {
        System.setProperty(PROPERTY, Boolean.toString(read));
    }
}
