package org.jvmm.hv.whp.impl.ffm;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * One virtual processor: its exit-context buffer and register buffers live as long as it does, so a
 * run or a register access does not allocate native memory.
 */
final class NativeVp implements VpCalls {
    /** Most registers one get/set call carries (the FPU state is the largest set: 26). */
    private static final int MAX_REGISTERS = 64;

    private final NativePartition partition;
    private final WinHvPlatform dll;
    private final int index;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment exitContext;
    private final MemorySegment names;
    private final MemorySegment values;
    private final MemorySegment translateResult;
    private final MemorySegment translatedGpa;
    /** Guards the register and translation buffers (the exit buffer belongs to the running thread). */
    private final Object buffers = new Object();

    NativeVp(NativePartition partition, int index) {
        this.partition = partition;
        this.dll = partition.dll();
        this.index = index;
        exitContext = arena.allocate(WhpLayouts.EXIT_CONTEXT);
        names = arena.allocate(JAVA_INT, MAX_REGISTERS);
        values = arena.allocate(WhpLayouts.REGISTER_VALUE.byteSize() * MAX_REGISTERS,
                WhpLayouts.REGISTER_VALUE.byteAlignment());
        translateResult = arena.allocate(WhpLayouts.TRANSLATE_GVA_RESULT);
        translatedGpa = arena.allocate(JAVA_LONG);
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public WhpExit run() throws WhpException {
        MemorySegment p = partition.handle();
        int size = (int) exitContext.byteSize();
        int hr = Native.call(() -> (int) dll.runVirtualProcessor.invokeExact(p, index, exitContext, size));
        if (Hresult.failed(hr)) {
            throw new WhpException("WHvRunVirtualProcessor", hr, "processor " + index);
        }
        return ExitDecoder.decode(exitContext);
    }

    @Override
    public void cancelRun() throws WhpException {
        MemorySegment p = partition.handle();
        int hr = Native.call(() -> (int) dll.cancelRunVirtualProcessor.invokeExact(p, index, 0));
        if (Hresult.failed(hr)) {
            throw new WhpException("WHvCancelRunVirtualProcessor", hr, "processor " + index);
        }
    }

    @Override
    public void getRegisters(int[] registerNames, long[] out) throws WhpException {
        int count = checkCount(registerNames, out);
        synchronized (buffers) {
            MemorySegment.copy(registerNames, 0, names, JAVA_INT, 0, count);
            MemorySegment p = partition.handle();
            int hr = Native.call(() -> (int) dll.getVirtualProcessorRegisters.invokeExact(p, index, names, count, values));
            if (Hresult.failed(hr)) {
                throw new WhpException("WHvGetVirtualProcessorRegisters", hr, describe(registerNames));
            }
            MemorySegment.copy(values, JAVA_LONG, 0, out, 0, 2 * count);
        }
    }

    @Override
    public void setRegisters(int[] registerNames, long[] in) throws WhpException {
        int count = checkCount(registerNames, in);
        synchronized (buffers) {
            MemorySegment.copy(registerNames, 0, names, JAVA_INT, 0, count);
            MemorySegment.copy(in, 0, values, JAVA_LONG, 0, 2 * count);
            MemorySegment p = partition.handle();
            int hr = Native.call(() -> (int) dll.setVirtualProcessorRegisters.invokeExact(p, index, names, count, values));
            if (Hresult.failed(hr)) {
                throw new WhpException("WHvSetVirtualProcessorRegisters", hr, describe(registerNames));
            }
        }
    }

    @Override
    public Translation translateGva(long gva, int flags) throws WhpException {
        synchronized (buffers) {
            MemorySegment p = partition.handle();
            int hr = Native.call(() -> (int) dll.translateGva.invokeExact(p, index, gva, flags, translateResult,
                    translatedGpa));
            if (Hresult.failed(hr)) {
                throw new WhpException("WHvTranslateGva", hr, "processor %d gva 0x%x".formatted(index, gva));
            }
            return new Translation(translateResult.get(JAVA_INT, 0), translatedGpa.get(JAVA_LONG, 0));
        }
    }

    @Override
    public void delete() throws WhpException {
        MemorySegment p = partition.handle();
        int hr = Native.call(() -> (int) dll.deleteVirtualProcessor.invokeExact(p, index));
        arena.close();
        if (Hresult.failed(hr)) {
            throw new WhpException("WHvDeleteVirtualProcessor", hr, "processor " + index);
        }
    }

    private static int checkCount(int[] registerNames, long[] valuesArray) {
        int count = registerNames.length;
        if (count > MAX_REGISTERS || valuesArray.length < 2 * count) {
            throw new IllegalArgumentException(count + " registers: at most " + MAX_REGISTERS
                    + " with two longs each");
        }
        return count;
    }

    private String describe(int[] registerNames) {
        StringBuilder sb = new StringBuilder("processor ").append(index).append(", registers");
        for (int name : registerNames) {
            sb.append(" 0x").append(Integer.toHexString(name));
        }
        return sb.toString();
    }
}
