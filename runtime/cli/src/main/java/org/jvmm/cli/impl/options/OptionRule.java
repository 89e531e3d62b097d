package org.jvmm.cli.impl.options;

import org.jvmm.cli.impl.spec.SpecException;

/**
 * What jvmm does with one command-line option: how its value is checked, and whether it is
 * implemented or only parsed (accepted by the parser, then rejected as not implemented yet).
 *
 * @param name        the option's longest name ({@code --memory})
 * @param needs       null when implemented; otherwise what is missing ({@code bundle storage-nvme})
 *                    or, for an unsupported option, why
 * @param unsupported true for OpenVMM options that make no sense in jvmm (never implemented)
 * @param check       the value syntax check; null for flags
 */
public record OptionRule(String name, String needs, boolean unsupported, ValueCheck check) {
    /** Why aarch64-only options are unsupported. */
    public static final String AARCH64 = "aarch64 guests only; jvmm runs x86-64 guests";

    /** Checks one value of an option; the exception's message is the reason. */
    @FunctionalInterface
    public interface ValueCheck {
        void check(String value) throws SpecException;
    }

    /** An implemented option whose values {@code check} validates. */
    public static OptionRule implemented(String name, ValueCheck check) {
        return new OptionRule(name, null, false, check);
    }

    /** An implemented flag. */
    public static OptionRule implementedFlag(String name) {
        return new OptionRule(name, null, false, null);
    }

    /** A parsed-only option: {@code check} validates the syntax, then it is rejected as needing {@code needs}. */
    public static OptionRule parsedOnly(String name, String needs, ValueCheck check) {
        return new OptionRule(name, needs, false, check);
    }

    /** A parsed-only flag. */
    public static OptionRule parsedOnlyFlag(String name, String needs) {
        return new OptionRule(name, needs, false, null);
    }

    /** An OpenVMM option jvmm accepts but will not implement; {@code why} says why. */
    public static OptionRule unsupported(String name, String why, ValueCheck check) {
        return new OptionRule(name, why, true, check);
    }

    public boolean isImplemented() {
        return needs == null;
    }

    /** {@code not implemented yet (needs bundle storage-nvme)}. */
    public String notImplementedReason() {
        return unsupported ? "not supported by jvmm (" + needs + ")" : "not implemented yet (needs " + needs + ")";
    }
}
