package org.jvmm.hv.whp.impl.ffm;

import java.lang.foreign.MemorySegment;

/** One WHP partition ({@code WHV_PARTITION_HANDLE}). {@link #close()} deletes it. */
public interface PartitionCalls extends AutoCloseable {
    /** {@code WHvSetPartitionProperty} with a scalar property (written at the start of the union). */
    void setProperty(int code, long value) throws WhpException;

    /** {@code WHvSetPartitionProperty} with a list of 32-bit values (the CPUID exit list). */
    void setPropertyList(int code, int[] values) throws WhpException;

    void setup() throws WhpException;

    /** {@code WHvMapGpaRange}: guest {@code [gpa, gpa + host.byteSize())} onto {@code host}. */
    void mapGpaRange(MemorySegment host, long gpa, int flags) throws WhpException;

    void unmapGpaRange(long gpa, long size) throws WhpException;

    /** {@code WHvCreateVirtualProcessor}. */
    VpCalls createVirtualProcessor(int index) throws WhpException;

    /** {@code WHvRequestInterrupt} with a {@code WHV_INTERRUPT_CONTROL}; {@code typeModes} is its first word. */
    void requestInterrupt(long typeModes, int destination, int vector) throws WhpException;

    /** {@code WHvDeletePartition}. Idempotent. */
    @Override
    void close() throws WhpException;
}
