package org.jvmm.hv.whp.impl.ffm;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicBoolean;

/** A partition handle from {@code WHvCreatePartition} and the calls on it. */
final class NativePartition implements PartitionCalls {
    private static final long INTERRUPT_DESTINATION = WhpLayouts.offset(WhpLayouts.INTERRUPT_CONTROL, "Destination");
    private static final long INTERRUPT_VECTOR = WhpLayouts.offset(WhpLayouts.INTERRUPT_CONTROL, "Vector");

    private final WinHvPlatform dll;
    private final MemorySegment handle;
    private final AtomicBoolean deleted = new AtomicBoolean();

    NativePartition(WinHvPlatform dll, MemorySegment handle) {
        this.dll = dll;
        this.handle = handle;
    }

    WinHvPlatform dll() {
        return dll;
    }

    MemorySegment handle() {
        return handle;
    }

    @Override
    public void setProperty(int code, long value) throws WhpException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment property = arena.allocate(WhpLayouts.PARTITION_PROPERTY);
            property.set(JAVA_LONG, 0, value);
            setProperty(code, property, (int) property.byteSize(), "value 0x" + Long.toHexString(value));
        }
    }

    @Override
    public void setPropertyList(int code, int[] values) throws WhpException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment list = arena.allocateFrom(JAVA_INT, values);
            setProperty(code, list, (int) list.byteSize(), values.length + " entries");
        }
    }

    private void setProperty(int code, MemorySegment buffer, int size, String detail) throws WhpException {
        int hr = Native.call(() -> (int) dll.setPartitionProperty.invokeExact(handle, code, buffer, size));
        if (Hresult.failed(hr)) {
            throw new WhpException("WHvSetPartitionProperty", hr, "property 0x" + Integer.toHexString(code)
                    + ", " + detail);
        }
    }

    @Override
    public void setup() throws WhpException {
        WhpException.check("WHvSetupPartition", Native.call(() -> (int) dll.setupPartition.invokeExact(handle)));
    }

    @Override
    public void mapGpaRange(MemorySegment host, long gpa, int flags) throws WhpException {
        long size = host.byteSize();
        int hr = Native.call(() -> (int) dll.mapGpaRange.invokeExact(handle, host, gpa, size, flags));
        if (Hresult.failed(hr)) {
            throw new WhpException("WHvMapGpaRange", hr, "gpa 0x%x size 0x%x".formatted(gpa, size));
        }
    }

    @Override
    public void unmapGpaRange(long gpa, long size) throws WhpException {
        int hr = Native.call(() -> (int) dll.unmapGpaRange.invokeExact(handle, gpa, size));
        if (Hresult.failed(hr)) {
            throw new WhpException("WHvUnmapGpaRange", hr, "gpa 0x%x size 0x%x".formatted(gpa, size));
        }
    }

    @Override
    public VpCalls createVirtualProcessor(int index) throws WhpException {
        int hr = Native.call(() -> (int) dll.createVirtualProcessor.invokeExact(handle, index, 0));
        if (Hresult.failed(hr)) {
            throw new WhpException("WHvCreateVirtualProcessor", hr, "processor " + index);
        }
        return new NativeVp(this, index);
    }

    @Override
    public void requestInterrupt(long typeModes, int destination, int vector) throws WhpException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment control = arena.allocate(WhpLayouts.INTERRUPT_CONTROL);
            control.set(JAVA_LONG, 0, typeModes);
            control.set(JAVA_INT, INTERRUPT_DESTINATION, destination);
            control.set(JAVA_INT, INTERRUPT_VECTOR, vector);
            int size = (int) control.byteSize();
            int hr = Native.call(() -> (int) dll.requestInterrupt.invokeExact(handle, control, size));
            if (Hresult.failed(hr)) {
                throw new WhpException("WHvRequestInterrupt", hr, "type/modes 0x%x destination %d vector %d"
                        .formatted(typeModes, destination, vector));
            }
        }
    }

    @Override
    public void close() throws WhpException {
        if (deleted.compareAndSet(false, true)) {
            WhpException.check("WHvDeletePartition", Native.call(() -> (int) dll.deletePartition.invokeExact(handle)));
        }
    }
}
