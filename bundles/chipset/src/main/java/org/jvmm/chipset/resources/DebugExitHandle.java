package org.jvmm.chipset.resources;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * QEMU's {@code isa-debug-exit}: a guest write of V to {@code port} powers the VM off and asks for
 * the process exit status {@code (V << 1) | 1}, so test kernels can report pass or fail.
 *
 * @param port   first I/O port, 0x501 by default
 * @param length ports claimed (1, 2 or 4; QEMU's default is 2)
 */
@HandleType(kind = "chipset_device_handle", id = "debug_exit")
public record DebugExitHandle(int port, int length) implements ResourceHandle {
    public static final int DEFAULT_PORT = 0x501;

    public DebugExitHandle {
        String key = "chipset_device_handle:debug_exit";
        if (length != 1 && length != 2 && length != 4) {
            throw new IllegalArgumentException(key + ": length must be 1, 2 or 4, got " + length);
        }
        HandleChecks.port(key, "port", port, length);
    }

    /** At {@code port}, two ports wide, as QEMU's {@code -device isa-debug-exit,iobase=PORT}. */
    public static DebugExitHandle at(int port) {
        return new DebugExitHandle(port, 2);
    }
}
