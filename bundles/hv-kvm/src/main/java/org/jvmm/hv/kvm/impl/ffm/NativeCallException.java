package org.jvmm.hv.kvm.impl.ffm;

/**
 * A failed native call: names the call (an ioctl such as {@code KVM_CREATE_VCPU(1)}, or a libc
 * function) and the errno with its text, e.g. {@code KVM_CREATE_VM failed: errno 12 (Cannot allocate memory)}.
 */
public final class NativeCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int errno;

    public NativeCallException(String call, int errno) {
        super(call + " failed: errno " + errno + " (" + Libc.strerror(errno) + ")");
        this.call = call;
        this.errno = errno;
    }

    /** A call that did not fail by errno but returned something unusable. */
    public NativeCallException(String call, String problem) {
        super(call + ": " + problem);
        this.call = call;
        this.errno = 0;
    }

    public String call() {
        return call;
    }

    /** The errno, or 0 when the call returned an unusable result instead. */
    public int errno() {
        return errno;
    }
}
