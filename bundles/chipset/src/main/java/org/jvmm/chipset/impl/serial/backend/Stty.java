package org.jvmm.chipset.impl.serial.backend;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The terminal on this process's stdin, read and changed by the {@code stty} command run with
 * stdin inherited. {@code stty} changes only the flags it names (the line speed stays as it is),
 * and {@code stty -g} gives the whole state in a form {@code stty} takes back.
 */
interface Stty {
    /** The current settings, as {@code stty -g} prints them. */
    String save() throws IOException;

    /** Applies {@code stty} arguments (flags, or a string from {@link #save}). */
    void set(String... args) throws IOException;

    /** {@code stty} on this process's stdin. */
    static Stty stdin() {
        return new Stty() {
            @Override
            public String save() throws IOException {
                return run("-g").strip();
            }

            @Override
            public void set(String... args) throws IOException {
                run(args);
            }
        };
    }

    private static String run(String... args) throws IOException {
        String[] command = new String[args.length + 1];
        command[0] = "stty";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.PIPE)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            int status = p.waitFor();
            if (status != 0) {
                throw new IOException("stty " + String.join(" ", args) + ": " + (err.isEmpty() ? "status " + status : err));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroy();
            throw new IOException("stty " + String.join(" ", args) + ": interrupted", e);
        }
        return out;
    }
}
