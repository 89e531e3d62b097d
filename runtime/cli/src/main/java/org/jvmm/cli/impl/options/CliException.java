package org.jvmm.cli.impl.options;

/**
 * A command-line or config error: printed as the single line {@code jvmm: <option>: <reason>}
 * and exit status {@value #EXIT_STATUS}.
 */
public final class CliException extends Exception {
    private static final long serialVersionUID = 1L;
    /** The exit status for every CLI and config error. */
    public static final int EXIT_STATUS = 2;

    private final String option;
    private final String reason;

    public CliException(String option, String reason) {
        super(option + ": " + reason);
        this.option = option;
        this.reason = reason;
    }

    /** The option (or {@code --config} path element) at fault: {@code --memory}. */
    public String option() {
        return option;
    }

    public String reason() {
        return reason;
    }

    /** {@code jvmm: --memory: invalid memory size '5X'}, one line. */
    public String line() {
        return ("jvmm: " + option + ": " + reason).replace('\n', ' ').replace('\r', ' ');
    }
}
