package org.jvmm.chipset.resources;

import java.util.Objects;
import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * Bochs/QEMU debug console: bytes the guest writes to {@code port} go to {@code backend}; reading the
 * port returns 0xE9, which guests use to detect it.
 *
 * @param port    its I/O port, 0xE9 by default
 * @param backend a {@code serial_handle} (stderr, file, ...)
 */
@HandleType(kind = "chipset_device_handle", id = "debugcon")
public record DebugconHandle(int port, ResourceHandle backend) implements ResourceHandle {
    public static final int DEFAULT_PORT = 0xE9;

    public DebugconHandle {
        HandleChecks.port("chipset_device_handle:debugcon", "port", port, 1);
        Objects.requireNonNull(backend, "chipset_device_handle:debugcon: backend is required");
    }
}
