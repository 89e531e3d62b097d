package org.jvmm.hv.emu.impl.cpu;

/** Why {@link Cpu#run} returned. */
public final class Outcome {

    /** The CPU executed HLT (or is halted) and no interrupt can wake it: sleep until {@link Cpu#kick()}. */
    public static final int HALT = 1;
    /** Triple fault or another shutdown condition; see {@link Cpu#shutdownReason()}. */
    public static final int SHUTDOWN = 2;
    /** The instruction budget given to {@link Cpu#run} is used up. */
    public static final int BUDGET_EXHAUSTED = 3;
    /** {@link Cpu#requestStop()} was called. */
    public static final int STOP_REQUESTED = 4;

    private Outcome() {
    }

    public static String name(int outcome) {
        return switch (outcome) {
            case HALT -> "HALT";
            case SHUTDOWN -> "SHUTDOWN";
            case BUDGET_EXHAUSTED -> "BUDGET_EXHAUSTED";
            case STOP_REQUESTED -> "STOP_REQUESTED";
            default -> "outcome" + outcome;
        };
    }
}
