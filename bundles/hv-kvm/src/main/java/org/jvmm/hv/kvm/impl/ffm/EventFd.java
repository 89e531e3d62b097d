package org.jvmm.hv.kvm.impl.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.atomic.AtomicBoolean;

/** A non-blocking eventfd(2): the counter KVM's irqfd reads and ioeventfd writes. */
public final class EventFd implements AutoCloseable {
    private static final int EFD_CLOEXEC = 0x80000;
    private static final int EFD_NONBLOCK = 0x800;
    private static final MethodHandle EVENTFD = Libc.downcall("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle READ = Libc.downcall("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle WRITE = Libc.downcall("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));

    private final int fd;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EventFd(int fd) {
        this.fd = fd;
    }

    public static EventFd create() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.newErrnoState(arena);
            int fd = (int) EVENTFD.invokeExact(state, 0, EFD_CLOEXEC | EFD_NONBLOCK);
            if (fd < 0) {
                throw new NativeCallException("eventfd", Libc.errno(state));
            }
            return new EventFd(fd);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("eventfd downcall", t);
        }
    }

    public int fd() {
        return fd;
    }

    /** Adds 1 to the counter. */
    public void signal() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.newErrnoState(arena);
            long n = (long) WRITE.invokeExact(state, fd, arena.allocateFrom(JAVA_LONG, 1L), 8L);
            if (n != 8) {
                throw new NativeCallException("write(eventfd " + fd + ")", Libc.errno(state));
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("write downcall", t);
        }
    }

    /** Reads and resets the counter; 0 if it was 0. */
    public long drain() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.newErrnoState(arena);
            MemorySegment value = arena.allocate(JAVA_LONG);
            long n = (long) READ.invokeExact(state, fd, value, 8L);
            if (n == 8) {
                return value.get(JAVA_LONG, 0);
            }
            int errno = Libc.errno(state);
            if (n < 0 && errno == Libc.EAGAIN) {
                return 0;
            }
            throw new NativeCallException("read(eventfd " + fd + ")", errno);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("read downcall", t);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            Libc.close(fd);
        }
    }
}
