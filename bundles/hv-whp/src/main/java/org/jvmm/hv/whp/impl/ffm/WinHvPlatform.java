package org.jvmm.hv.whp.impl.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import org.jvmm.hv.api.HypervisorException;

/**
 * {@code WinHvPlatform.dll} through the FFM API. Nothing is looked up until {@link #load()}: the class
 * loads (and the bundle resolves) on every host, and only a Windows host gets past {@code load()}.
 */
@SuppressWarnings("restricted")
public final class WinHvPlatform implements WhpCalls {
    public static final String LIBRARY = "WinHvPlatform.dll";

    private static WinHvPlatform instance;

    final MethodHandle getCapability;
    final MethodHandle createPartition;
    final MethodHandle setupPartition;
    final MethodHandle deletePartition;
    final MethodHandle setPartitionProperty;
    final MethodHandle mapGpaRange;
    final MethodHandle unmapGpaRange;
    final MethodHandle createVirtualProcessor;
    final MethodHandle deleteVirtualProcessor;
    final MethodHandle runVirtualProcessor;
    final MethodHandle cancelRunVirtualProcessor;
    final MethodHandle getVirtualProcessorRegisters;
    final MethodHandle setVirtualProcessorRegisters;
    final MethodHandle requestInterrupt;
    final MethodHandle translateGva;

    private WinHvPlatform(SymbolLookup dll) throws HypervisorException {
        Linker linker = Linker.nativeLinker();
        Binder b = new Binder(linker, dll);
        getCapability = b.bind("WHvGetCapability", JAVA_INT, ADDRESS, JAVA_INT, ADDRESS);
        createPartition = b.bind("WHvCreatePartition", ADDRESS);
        setupPartition = b.bind("WHvSetupPartition", ADDRESS);
        deletePartition = b.bind("WHvDeletePartition", ADDRESS);
        setPartitionProperty = b.bind("WHvSetPartitionProperty", ADDRESS, JAVA_INT, ADDRESS, JAVA_INT);
        mapGpaRange = b.bind("WHvMapGpaRange", ADDRESS, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_INT);
        unmapGpaRange = b.bind("WHvUnmapGpaRange", ADDRESS, JAVA_LONG, JAVA_LONG);
        createVirtualProcessor = b.bind("WHvCreateVirtualProcessor", ADDRESS, JAVA_INT, JAVA_INT);
        deleteVirtualProcessor = b.bind("WHvDeleteVirtualProcessor", ADDRESS, JAVA_INT);
        runVirtualProcessor = b.bind("WHvRunVirtualProcessor", ADDRESS, JAVA_INT, ADDRESS, JAVA_INT);
        cancelRunVirtualProcessor = b.bind("WHvCancelRunVirtualProcessor", ADDRESS, JAVA_INT, JAVA_INT);
        getVirtualProcessorRegisters = b.bind("WHvGetVirtualProcessorRegisters",
                ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS);
        setVirtualProcessorRegisters = b.bind("WHvSetVirtualProcessorRegisters",
                ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS);
        requestInterrupt = b.bind("WHvRequestInterrupt", ADDRESS, ADDRESS, JAVA_INT);
        translateGva = b.bind("WHvTranslateGva", ADDRESS, JAVA_INT, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS);
    }

    /**
     * Loads the DLL and binds every function once per JVM.
     *
     * @throws HypervisorException if the DLL or one of its functions is missing (message says which)
     */
    public static synchronized WinHvPlatform load() throws HypervisorException {
        if (instance == null) {
            SymbolLookup dll;
            try {
                dll = SymbolLookup.libraryLookup(LIBRARY, Arena.global());
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                throw new HypervisorException(LIBRARY + " cannot be loaded (turn on the Windows feature "
                        + "\"Windows Hypervisor Platform\"): " + e.getMessage(), e);
            }
            instance = new WinHvPlatform(dll);
        }
        return instance;
    }

    @Override
    public long capability(int code) throws WhpException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(WhpLayouts.CAPABILITY);
            MemorySegment written = arena.allocate(JAVA_INT);
            int hr = Native.call(() -> (int) getCapability.invokeExact(code, buffer,
                    (int) WhpLayouts.CAPABILITY.byteSize(), written));
            if (Hresult.failed(hr)) {
                throw new WhpException("WHvGetCapability", hr, "capability 0x" + Integer.toHexString(code));
            }
            return buffer.get(JAVA_LONG, 0);
        }
    }

    @Override
    public PartitionCalls createPartition() throws WhpException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            WhpException.check("WHvCreatePartition", Native.call(() -> (int) createPartition.invokeExact(out)));
            return new NativePartition(this, out.get(ADDRESS, 0));
        }
    }

    /** Looks functions up in the DLL and makes downcall handles returning an HRESULT. */
    private record Binder(Linker linker, SymbolLookup dll) {
        MethodHandle bind(String function, java.lang.foreign.MemoryLayout... arguments) throws HypervisorException {
            MemorySegment symbol = dll.find(function).orElseThrow(() -> new HypervisorException(
                    LIBRARY + " has no " + function + " (this Windows is too old for jvmm's WHP backend)"));
            return linker.downcallHandle(symbol, FunctionDescriptor.of(JAVA_INT, arguments));
        }
    }
}
