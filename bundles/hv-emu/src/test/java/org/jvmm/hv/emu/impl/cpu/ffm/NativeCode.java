package org.jvmm.hv.emu.impl.cpu.ffm;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Runs machine code on the host CPU for the differential tests: one read-write-execute mapping at a
 * fixed low address (so guest and host can use the same addresses for memory operands), and a
 * downcall into code placed there.
 */
@SuppressWarnings("restricted")
public final class NativeCode implements AutoCloseable {

    private static final int PROT_RWX = 7, MAP_PRIVATE = 2, MAP_ANONYMOUS = 0x20, MAP_FIXED_NOREPLACE = 0x100000;

    private final MemorySegment region;
    private final MethodHandle munmap;

    private NativeCode(MemorySegment region, MethodHandle munmap) {
        this.region = region;
        this.munmap = munmap;
    }

    /** Maps {@code size} bytes at {@code address}; null when this host cannot (not Linux x86-64, or taken). */
    public static NativeCode map(long address, long size) {
        if (!"amd64".equals(System.getProperty("os.arch")) || !System.getProperty("os.name").startsWith("Linux")) {
            return null;
        }
        Linker linker = Linker.nativeLinker();
        SymbolLookup libc = linker.defaultLookup();
        MethodHandle mmap = linker.downcallHandle(libc.find("mmap").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
        MethodHandle munmap = linker.downcallHandle(libc.find("munmap").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
        try {
            MemorySegment p = (MemorySegment) mmap.invokeExact(address, size, PROT_RWX,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0L);
            if (p.address() != address) {
                if (p.address() != -1L) {
                    int ignored = (int) munmap.invokeExact(p.address(), size);
                }
                return null;
            }
            return new NativeCode(p.reinterpret(size), munmap);
        } catch (Throwable t) {
            throw new IllegalStateException("mmap failed", t);
        }
    }

    public MemorySegment memory() {
        return region;
    }

    /** Calls the code at {@code address} (inside the mapping) as {@code void f(void)}. */
    public void call(long address) {
        MethodHandle f = Linker.nativeLinker().downcallHandle(MemorySegment.ofAddress(address), FunctionDescriptor.ofVoid());
        try {
            f.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("native call failed", t);
        }
    }

    @Override
    public void close() {
        try {
            int ignored = (int) munmap.invokeExact(region.address(), region.byteSize());
        } catch (Throwable t) {
            throw new IllegalStateException("munmap failed", t);
        }
    }
}
