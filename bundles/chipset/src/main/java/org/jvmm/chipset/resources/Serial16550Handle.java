package org.jvmm.chipset.resources;

import java.util.Objects;
import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * A 16550A UART on port I/O (OpenVMM {@code serial_16550}).
 *
 * @param name    device name, e.g. {@code com1}
 * @param port    first of its 8 I/O ports
 * @param irq     ISA IRQ (global system interrupt) it raises, level-triggered
 * @param backend a {@code serial_handle} (console, stderr, file, tcp, none)
 */
@HandleType(kind = "chipset_device_handle", id = "serial_16550")
public record Serial16550Handle(String name, int port, int irq, ResourceHandle backend) implements ResourceHandle {
    private static final String KEY = "chipset_device_handle:serial_16550";
    private static final int[] COM_PORTS = {0x3F8, 0x2F8, 0x3E8, 0x2E8};
    private static final int[] COM_IRQS = {4, 3, 4, 3};

    public Serial16550Handle {
        HandleChecks.name(KEY, name);
        HandleChecks.port(KEY, "port", port, 8);
        HandleChecks.range(KEY, "irq", irq, 0, 255);
        Objects.requireNonNull(backend, KEY + ": backend is required");
    }

    /** COM{@code n} (1..4) at its standard port and IRQ: 0x3F8/4, 0x2F8/3, 0x3E8/4, 0x2E8/3. */
    public static Serial16550Handle com(int n, ResourceHandle backend) {
        HandleChecks.range(KEY, "COM number", n, 1, 4);
        return new Serial16550Handle("com" + n, COM_PORTS[n - 1], COM_IRQS[n - 1], backend);
    }
}
