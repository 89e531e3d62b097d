package org.jvmm.hv.kvm.impl.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.jvmm.hv.kvm.impl.ffm.CTypes.bytes;
import static org.jvmm.hv.kvm.impl.ffm.CTypes.handle;
import static org.jvmm.hv.kvm.impl.ffm.CTypes.pointer;
import static org.jvmm.hv.kvm.impl.ffm.CTypes.u32;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Kicks a thread out of KVM_RUN: a real-time signal ({@code SIGRTMIN}) whose handler does nothing.
 * KVM_RUN returns EINTR when a signal is pending; the handler must not be SIG_IGN (the kernel would
 * drop the signal) and must not call into Java (it runs asynchronously), so it is libc's
 * {@code getpid}, which ignores its argument and is async-signal-safe. SA_RESTART keeps other system
 * calls of the thread from seeing EINTR.
 */
public final class SignalKick {
    /** glibc's x86-64 {@code struct sigaction}. */
    public static final StructLayout SIGACTION = MemoryLayout.structLayout(
            pointer("sa_handler"), bytes("sa_mask", 128), u32("sa_flags"), MemoryLayout.paddingLayout(4),
            pointer("sa_restorer")).withName("sigaction");
    /** The value of SA_RESTART on Linux. */
    public static final int SA_RESTART = 0x10000000;

    private static final VarHandle SA_HANDLER = handle(SIGACTION, "sa_handler");
    private static final VarHandle SA_FLAGS = handle(SIGACTION, "sa_flags");
    private static final MethodHandle SIGACTION_CALL = Libc.downcall("sigaction",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle PTHREAD_SELF = Libc.plain("pthread_self", FunctionDescriptor.of(JAVA_LONG));
    private static final MethodHandle PTHREAD_KILL = Libc.plain("pthread_kill",
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT));
    private static final MethodHandle SIGRTMIN = Libc.plain("__libc_current_sigrtmin", FunctionDescriptor.of(JAVA_INT));

    private static volatile int installed;

    private SignalKick() {
    }

    /**
     * Installs the no-op handler for the kick signal once per process and returns the signal number.
     *
     * @throws NativeCallException if sigaction fails or someone else already handles that signal
     */
    public static synchronized int install() {
        if (installed != 0) {
            return installed;
        }
        int signal = invokeInt(SIGRTMIN);
        long handler = Libc.symbol("getpid").address();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment old = arena.allocate(SIGACTION);
            sigaction(arena, signal, MemorySegment.NULL, old);
            long current = (long) SA_HANDLER.get(old, 0L);
            if (current != 0 && current != handler) {
                throw new NativeCallException("sigaction(" + signal + ")",
                        "signal already has a handler (0x" + Long.toHexString(current) + "); cannot kick vCPUs");
            }
            MemorySegment action = arena.allocate(SIGACTION);
            SA_HANDLER.set(action, 0L, handler);
            SA_FLAGS.set(action, 0L, SA_RESTART);
            sigaction(arena, signal, action, MemorySegment.NULL);
        }
        installed = signal;
        return signal;
    }

    /** The calling thread's pthread_t. */
    public static long currentThread() {
        try {
            return (long) PTHREAD_SELF.invokeExact();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("pthread_self downcall", t);
        }
    }

    /** Sends the kick signal to a live thread (pthread_kill returns the error number itself). */
    public static void kick(long thread, int signal) {
        int rc;
        try {
            rc = (int) PTHREAD_KILL.invokeExact(thread, signal);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("pthread_kill downcall", t);
        }
        if (rc != 0) {
            throw new NativeCallException("pthread_kill(" + signal + ")", rc);
        }
    }

    private static void sigaction(Arena arena, int signal, MemorySegment action, MemorySegment old) {
        MemorySegment state = Libc.newErrnoState(arena);
        int rc;
        try {
            rc = (int) SIGACTION_CALL.invokeExact(state, signal, action, old);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("sigaction downcall", t);
        }
        if (rc != 0) {
            throw new NativeCallException("sigaction(" + signal + ")", Libc.errno(state));
        }
    }

    private static int invokeInt(MethodHandle h) {
        try {
            return (int) h.invokeExact();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("downcall", t);
        }
    }
}
