package org.jvmm.hv.kvm.impl.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** Issues one ioctl and turns a failure into a {@link NativeCallException} naming it and errno. */
final class IoctlCall {
    private IoctlCall() {
    }

    /** With a struct argument; returns the (non-negative) result. */
    static int withStruct(int fd, Ioctl op, String detail, MemorySegment arg) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.newErrnoState(arena);
            int rc = Libc.ioctl(state, fd, op.request(), arg);
            if (rc < 0) {
                throw new NativeCallException(describe(op, detail), Libc.errno(state));
            }
            return rc;
        }
    }

    /** With an integer argument; returns the (non-negative) result. */
    static int withValue(int fd, Ioctl op, String detail, long arg) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.newErrnoState(arena);
            int rc = Libc.ioctl(state, fd, op.request(), arg);
            if (rc < 0) {
                throw new NativeCallException(describe(op, detail), Libc.errno(state));
            }
            return rc;
        }
    }

    /** Like {@link #withStruct} but returns {@code -errno} instead of throwing. */
    static int tryWithStruct(int fd, Ioctl op, MemorySegment arg) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.newErrnoState(arena);
            int rc = Libc.ioctl(state, fd, op.request(), arg);
            return rc < 0 ? -Libc.errno(state) : rc;
        }
    }

    static String describe(Ioctl op, String detail) {
        return detail == null || detail.isEmpty() ? op.cName() : op.cName() + "(" + detail + ")";
    }
}
