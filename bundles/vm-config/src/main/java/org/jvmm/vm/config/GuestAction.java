package org.jvmm.vm.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What the VM does when the guest resets, powers off or crashes (triple fault): written
 * {@code reset}, {@code halt} or {@code exit[:CODE]} in configs and on the command line.
 *
 * @param kind     the action
 * @param exitCode for {@link Kind#EXIT}: the process exit status 0..255, or -1 for the usual one
 */
public record GuestAction(Kind kind, int exitCode) {
    public static final GuestAction RESET = new GuestAction(Kind.RESET, -1);
    public static final GuestAction HALT = new GuestAction(Kind.HALT, -1);
    public static final GuestAction EXIT = new GuestAction(Kind.EXIT, -1);

    /** Reset the VM and boot again; halt (pause) it for inspection; stop it and leave jvmm. */
    public enum Kind { RESET, HALT, EXIT }

    public GuestAction {
        Check.required(kind, "kind");
        if (exitCode < -1 || exitCode > 255 || exitCode >= 0 && kind != Kind.EXIT) {
            throw new IllegalArgumentException("guest action: an exit code 0..255 goes only with exit, got "
                    + kind.name().toLowerCase(java.util.Locale.ROOT) + " " + exitCode);
        }
    }

    /** Parses {@code reset}, {@code halt}, {@code exit} or {@code exit:CODE}. */
    @JsonCreator
    public static GuestAction parse(String text) {
        switch (text) {
            case "reset":
                return RESET;
            case "halt":
                return HALT;
            case "exit":
                return EXIT;
            default:
                break;
        }
        if (text.startsWith("exit:") && text.substring(5).matches("[0-9]{1,3}")
                && Integer.parseInt(text.substring(5)) <= 255) {
            return new GuestAction(Kind.EXIT, Integer.parseInt(text.substring(5)));
        }
        throw new IllegalArgumentException("guest action: expected reset, halt, exit or exit:<0-255>, got '" + text + "'");
    }

    @JsonValue
    @Override
    public String toString() {
        String name = kind.name().toLowerCase(java.util.Locale.ROOT);
        return exitCode < 0 ? name : name + ":" + exitCode;
    }
}
