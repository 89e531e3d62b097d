package org.jvmm.vmtest;

import java.time.Duration;
import java.util.List;

/**
 * How a jvmm run ended.
 *
 * @param exitStatus jvmm's exit status, or -1 when it was killed at the timeout
 * @param timedOut   true when the run hit its time limit and was killed
 * @param serial     the COM1 output, one entry per line, carriage returns removed
 * @param stderr     jvmm's standard error (and standard output, which headless runs hardly use)
 * @param took       wall-clock time of the run
 */
record VmResult(int exitStatus, boolean timedOut, List<String> serial, String stderr, Duration took) {
    VmResult {
        serial = List.copyOf(serial);
    }

    /** Everything about the run, for assertion messages. */
    String describe() {
        return (timedOut ? "jvmm killed after " : "jvmm exited with status " + exitStatus + " after ")
                + took.toMillis() + " ms\n--- COM1 ---\n" + String.join("\n", serial)
                + "\n--- jvmm stderr/stdout ---\n" + stderr + "\n---";
    }
}
