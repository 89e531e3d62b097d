package org.jvmm.hv.kvm.impl.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The libc functions this backend needs, as downcalls that capture errno. Each call takes a
 * capture-state segment ({@link #newErrnoState}) so that a hot caller can reuse its own.
 */
@SuppressWarnings("restricted")
final class Libc {
    static final int O_RDWR = 2;
    static final int O_CLOEXEC = 0x80000;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int E2BIG = 7;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    private static final int STRERROR_BUFFER = 256;

    private static final MethodHandle OPEN = downcall("open",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle CLOSE = downcall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle IOCTL_PTR = downcall("ioctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle IOCTL_LONG = downcall("ioctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle MMAP = downcall("mmap",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle MUNMAP = downcall("munmap", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle STRERROR_R = plain("strerror_r",
            FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS, JAVA_LONG));

    private Libc() {
    }

    /** A capture-state segment for errno, owned by {@code arena}. */
    static MemorySegment newErrnoState(Arena arena) {
        return arena.allocate(CAPTURE);
    }

    static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    /** Opens {@code path} read-write, close-on-exec; returns the fd or throws naming the path. */
    static int openReadWrite(String path) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            int fd = (int) OPEN.invokeExact(state, arena.allocateFrom(path), O_RDWR | O_CLOEXEC, 0);
            if (fd < 0) {
                throw new NativeCallException("open(" + path + ")", errno(state));
            }
            return fd;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("open downcall", t);
        }
    }

    static void close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            if ((int) CLOSE.invokeExact(state, fd) != 0) {
                throw new NativeCallException("close(" + fd + ")", errno(state));
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("close downcall", t);
        }
    }

    /** {@code ioctl(fd, request, arg)}; returns the result, which is negative on failure (see errno). */
    static int ioctl(MemorySegment state, int fd, long request, MemorySegment arg) {
        try {
            return (int) IOCTL_PTR.invokeExact(state, fd, request, arg);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("ioctl downcall", t);
        }
    }

    /** {@code ioctl(fd, request, arg)} with an integer argument. */
    static int ioctl(MemorySegment state, int fd, long request, long arg) {
        try {
            return (int) IOCTL_LONG.invokeExact(state, fd, request, arg);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("ioctl downcall", t);
        }
    }

    /** Maps {@code size} bytes of {@code fd} shared, read-write; the segment has that size. */
    static MemorySegment mapShared(String what, int fd, long size) {
        final int protReadWrite = 3;
        final int mapShared = 1;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            MemorySegment p = (MemorySegment) MMAP.invokeExact(state, MemorySegment.NULL, size, protReadWrite,
                    mapShared, fd, 0L);
            if (p.address() == -1L) {
                throw new NativeCallException("mmap(" + what + ", " + size + " bytes)", errno(state));
            }
            return p.reinterpret(size);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("mmap downcall", t);
        }
    }

    static void unmap(String what, MemorySegment mapping) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newErrnoState(arena);
            if ((int) MUNMAP.invokeExact(state, mapping, mapping.byteSize()) != 0) {
                throw new NativeCallException("munmap(" + what + ")", errno(state));
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("munmap downcall", t);
        }
    }

    /** The text of {@code errno} (GNU {@code strerror_r}). */
    static String strerror(int errno) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(STRERROR_BUFFER);
            MemorySegment text = (MemorySegment) STRERROR_R.invokeExact(errno, buffer, (long) STRERROR_BUFFER);
            return text.equals(MemorySegment.NULL) ? "unknown error" : text.reinterpret(STRERROR_BUFFER).getString(0);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("strerror_r downcall", t);
        }
    }

    static MemorySegment symbol(String name) {
        return LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new IllegalStateException("libc has no " + name));
    }

    static MethodHandle downcall(String name, FunctionDescriptor descriptor, Linker.Option... extra) {
        Linker.Option[] options = new Linker.Option[extra.length + 1];
        options[0] = CAPTURE_ERRNO;
        System.arraycopy(extra, 0, options, 1, extra.length);
        return LINKER.downcallHandle(symbol(name), descriptor, options);
    }

    static MethodHandle plain(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(symbol(name), descriptor);
    }
}
