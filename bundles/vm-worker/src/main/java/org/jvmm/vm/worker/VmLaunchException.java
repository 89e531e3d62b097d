package org.jvmm.vm.worker;

/**
 * A VM could not be built. The message is one line and starts with the part that failed
 * ({@code hypervisor: no usable backend — tried kvm (...), emu (...)},
 * {@code no resolver for disk_handle:file at disks[0] — install or start bundle storage-disk}).
 */
public class VmLaunchException extends Exception {
    private static final long serialVersionUID = 1L;

    public VmLaunchException(String message) {
        super(message);
    }

    public VmLaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
