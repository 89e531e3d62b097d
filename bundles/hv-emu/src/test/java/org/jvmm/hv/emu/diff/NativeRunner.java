package org.jvmm.hv.emu.diff;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Runs snippets on the host CPU (Linux x86-64) through the FFM API: one read-write-execute mapping
 * made with {@code mmap(MAP_FIXED_NOREPLACE)} at a low address (so the emulator can use the same
 * linear addresses, RIP-relative and absolute operands included), holding the {@link Trampoline}
 * around the snippet and the scratch data; a context block with the input and output registers;
 * one downcall handle into the trampoline. Use from one thread (the FS base is that thread's).
 */
final class NativeRunner implements AutoCloseable {

    private static final int PROT_RWX = 7, MAP_PRIVATE = 2, MAP_ANONYMOUS = 0x20, MAP_FIXED_NOREPLACE = 0x10_0000;
    private static final int SYS_ARCH_PRCTL = 158, ARCH_GET_FS = 0x1003, ARCH_GET_GS = 0x1004;
    private static final long[] CANDIDATES = {0x1000_0000L, 0x1800_0000L, 0x2800_0000L, 0x3800_0000L, 0x5800_0000L};

    private final Arena arena = Arena.ofConfined();
    private final MethodHandle munmap;
    private final MemorySegment region;
    private final MemorySegment ctx;
    private final MethodHandle entry;
    private final Layout layout;
    private final byte[] epilogue;

    private NativeRunner(MethodHandle munmap, MemorySegment region, long fsBase, long gsBase) {
        this.munmap = munmap;
        this.region = region;
        this.ctx = arena.allocate(Trampoline.CONTEXT_SIZE, 64);
        byte[] prologue = Trampoline.prologue(ctx.address());
        MemorySegment.copy(prologue, 0, region, JAVA_BYTE, 0, prologue.length);
        this.layout = new Layout(region.address(), region.address() + prologue.length, fsBase, gsBase);
        this.epilogue = Trampoline.epilogue(ctx.address());
        this.entry = Linker.nativeLinker().downcallHandle(region, FunctionDescriptor.ofVoid(), Linker.Option.critical(false));
    }

    /** True on the hosts this runner supports. */
    static boolean supported() {
        return "amd64".equals(System.getProperty("os.arch")) && System.getProperty("os.name").startsWith("Linux");
    }

    /** Maps the region at the first free candidate address; fails with the last errno. */
    static NativeRunner open() {
        Linker linker = Linker.nativeLinker();
        SymbolLookup libc = linker.defaultLookup();
        StructLayout state = Linker.Option.captureStateLayout();
        VarHandle errno = state.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        MethodHandle mmap = linker.downcallHandle(libc.find("mmap").orElseThrow(),
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG),
                Linker.Option.captureCallState("errno"));
        MethodHandle munmap = linker.downcallHandle(libc.find("munmap").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG));
        try (Arena tmp = Arena.ofConfined()) {
            MemorySegment st = tmp.allocate(state);
            int lastErrno = 0;
            for (long want : CANDIDATES) {
                long got = (long) mmap.invokeExact(st, want, (long) Layout.SIZE, PROT_RWX,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0L);
                if (got == want) {
                    MemorySegment region = MemorySegment.ofAddress(got).reinterpret(Layout.SIZE);
                    return new NativeRunner(munmap, region, segmentBase(ARCH_GET_FS), segmentBase(ARCH_GET_GS));
                }
                if (got != -1L) {
                    int ignored = (int) munmap.invokeExact(got, (long) Layout.SIZE);
                } else {
                    lastErrno = (int) errno.get(st, 0L);
                }
            }
            throw new IllegalStateException("mmap of an executable page at a low address failed, errno " + lastErrno);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("mmap downcall failed", t);
        }
    }

    /** The calling thread's FS or GS base, through arch_prctl. */
    private static long segmentBase(int code) throws Throwable {
        Linker linker = Linker.nativeLinker();
        MethodHandle syscall = linker.downcallHandle(linker.defaultLookup().find("syscall").orElseThrow(),
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG), Linker.Option.firstVariadicArg(1));
        try (Arena tmp = Arena.ofConfined()) {
            MemorySegment out = tmp.allocate(JAVA_LONG);
            long rc = (long) syscall.invokeExact((long) SYS_ARCH_PRCTL, (long) code, out.address());
            if (rc != 0) {
                throw new IllegalStateException("arch_prctl(" + Integer.toHexString(code) + ") failed");
            }
            return out.get(JAVA_LONG, 0);
        }
    }

    Layout layout() {
        return layout;
    }

    /** Runs the case's native code from its input state and scratch image; returns the output state. */
    State run(Case c) {
        int at = (int) (layout.snippet() - layout.region());
        MemorySegment.copy(c.nativeCode(), 0, region, JAVA_BYTE, at, c.nativeCode().length);
        MemorySegment.copy(epilogue, 0, region, JAVA_BYTE, at + c.nativeCode().length, epilogue.length);
        MemorySegment.copy(c.image(), 0, region, JAVA_BYTE, Layout.SCRATCH_OFFSET, Layout.SCRATCH_SIZE);
        State in = c.in();
        for (int i = 0; i < 16; i++) {
            ctx.set(JAVA_LONG, Trampoline.IN + 8L * i, in.gpr[i]);
        }
        ctx.set(JAVA_LONG, Trampoline.IN + Trampoline.FLAGS, in.flags);
        ctx.set(JAVA_INT, Trampoline.IN + Trampoline.MXCSR, in.mxcsr);
        for (int i = 0; i < 32; i++) {
            ctx.set(JAVA_LONG, Trampoline.IN + Trampoline.XMM + 8L * i, in.xmm[i]);
        }
        try {
            entry.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("native call failed", t);
        }
        State out = new State();
        for (int i = 0; i < 16; i++) {
            out.gpr[i] = ctx.get(JAVA_LONG, Trampoline.OUT + 8L * i);
        }
        out.flags = ctx.get(JAVA_LONG, Trampoline.OUT + Trampoline.FLAGS);
        out.mxcsr = ctx.get(JAVA_INT, Trampoline.OUT + Trampoline.MXCSR);
        for (int i = 0; i < 32; i++) {
            out.xmm[i] = ctx.get(JAVA_LONG, Trampoline.OUT + Trampoline.XMM + 8L * i);
        }
        return out;
    }

    /** The scratch area as the last native run left it. */
    MemorySegment scratch() {
        return region.asSlice(Layout.SCRATCH_OFFSET, Layout.SCRATCH_SIZE);
    }

    @Override
    public void close() {
        try {
            int rc = (int) munmap.invokeExact(region.address(), (long) Layout.SIZE);
            if (rc != 0) {
                throw new IllegalStateException("munmap failed");
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("munmap downcall failed", t);
        } finally {
            arena.close();
        }
    }
}
