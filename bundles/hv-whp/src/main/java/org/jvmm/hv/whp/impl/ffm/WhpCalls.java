package org.jvmm.hv.whp.impl.ffm;

/**
 * The WinHvPlatform functions this backend uses, with Java types. {@link WinHvPlatform} implements it
 * over the DLL; tests implement it with fakes, so that everything above runs on any host.
 */
public interface WhpCalls {
    /** The first 8 bytes of the {@code WHV_CAPABILITY} for {@code code} (a BOOL, bit set or frequency). */
    long capability(int code) throws WhpException;

    /** {@code WHvCreatePartition}: a new partition, not yet set up. */
    PartitionCalls createPartition() throws WhpException;
}
