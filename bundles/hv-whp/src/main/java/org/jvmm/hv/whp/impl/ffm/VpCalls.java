package org.jvmm.hv.whp.impl.ffm;

/**
 * One virtual processor's calls. {@link #run()} and the register calls happen on the VP's thread (or
 * while it does not run); {@link #cancelRun()} may come from any thread.
 */
public interface VpCalls {
    int index();

    /** {@code WHvRunVirtualProcessor}: runs until an exit and decodes it. */
    WhpExit run() throws WhpException;

    /** {@code WHvCancelRunVirtualProcessor}: makes a current or the next {@link #run} return Canceled. */
    void cancelRun() throws WhpException;

    /**
     * {@code WHvGetVirtualProcessorRegisters}: {@code values[2i]} and {@code values[2i+1]} receive the
     * low and high 64 bits of the {@code WHV_REGISTER_VALUE} of {@code names[i]}.
     */
    void getRegisters(int[] names, long[] values) throws WhpException;

    /** {@code WHvSetVirtualProcessorRegisters}, values laid out as for {@link #getRegisters}. */
    void setRegisters(int[] names, long[] values) throws WhpException;

    /** {@code WHvTranslateGva}: the guest-physical address of {@code gva}, or a failed result code. */
    Translation translateGva(long gva, int flags) throws WhpException;

    /** {@code WHvDeleteVirtualProcessor}. */
    void delete() throws WhpException;

    /** A translation: {@code result} is a {@code WHV_TRANSLATE_GVA_RESULT_CODE}, 0 for success. */
    record Translation(int result, long gpa) {
        public boolean ok() {
            return result == WhpCodes.WHvTranslateGvaResultSuccess;
        }
    }
}
