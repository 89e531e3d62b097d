package org.jvmm.guestmem.impl.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Optional;
import java.util.OptionalInt;

/** Anonymous shared memory files ({@code memfd_create(2)}) on Linux. */
@SuppressWarnings("restricted")
public final class MemFd {

    private static final int MFD_CLOEXEC = 0x0001;
    private static final int ENOSYS = 38;
    private static final int STRERROR_MAX = 1024;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private static final Optional<MethodHandle> MEMFD_CREATE =
            downcall("memfd_create", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final Optional<MethodHandle> CLOSE =
            downcall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final Optional<MethodHandle> STRERROR = LINKER.defaultLookup().find("strerror")
            .map(symbol -> LINKER.downcallHandle(symbol, FunctionDescriptor.of(ADDRESS, JAVA_INT)));

    private MemFd() {
    }

    /**
     * Creates an anonymous memory file (close-on-exec) of size 0.
     *
     * @return its file descriptor, or empty where {@code memfd_create} does not exist
     * @throws IOException if the call fails, naming the call and errno
     */
    public static OptionalInt create(String name) throws IOException {
        if (MEMFD_CREATE.isEmpty()) {
            return OptionalInt.empty();
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int fd = (int) MEMFD_CREATE.get().invokeExact(state, arena.allocateFrom(name), MFD_CLOEXEC);
            if (fd >= 0) {
                return OptionalInt.of(fd);
            }
            int errno = (int) ERRNO.get(state, 0L);
            if (errno == ENOSYS) {
                return OptionalInt.empty();
            }
            throw failure("memfd_create(\"" + name + "\")", errno);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("memfd_create downcall", t);
        }
    }

    /** Closes a file descriptor obtained from {@link #create}. */
    public static void close(int fd) throws IOException {
        MethodHandle close = CLOSE.orElseThrow(() -> new IOException("close(" + fd + "): no libc close"));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int rc = (int) close.invokeExact(state, fd);
            if (rc != 0) {
                throw failure("close(" + fd + ")", (int) ERRNO.get(state, 0L));
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("close downcall", t);
        }
    }

    private static IOException failure(String call, int errno) {
        return new IOException(call + " failed: errno " + errno + " (" + describe(errno) + ")");
    }

    private static String describe(int errno) {
        if (STRERROR.isEmpty()) {
            return "no strerror";
        }
        try {
            MemorySegment text = (MemorySegment) STRERROR.get().invokeExact(errno);
            return text.equals(MemorySegment.NULL) ? "unknown" : text.reinterpret(STRERROR_MAX).getString(0);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("strerror downcall", t);
        }
    }

    private static Optional<MethodHandle> downcall(String name, FunctionDescriptor descriptor) {
        SymbolLookup libc = LINKER.defaultLookup();
        return libc.find(name).map(symbol -> LINKER.downcallHandle(symbol, descriptor, CAPTURE_ERRNO));
    }
}
