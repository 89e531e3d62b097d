package org.jvmm.cli.impl.spec;

/**
 * A malformed option value. The message is the one-line reason, without the option name
 * (the caller prefixes {@code jvmm: --option: }).
 */
public final class SpecException extends Exception {
    private static final long serialVersionUID = 1L;

    public SpecException(String reason) {
        super(reason);
    }

    /** The same reason with {@code context} in front: {@code "hostfwd: invalid port 'x'"}. */
    public SpecException within(String context) {
        return new SpecException(context + ": " + getMessage());
    }
}
