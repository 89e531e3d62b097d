package org.jvmm.vm.config;

import org.jvmm.vmm.resource.ResourceHandle;

/**
 * One 16550 serial port, OpenVMM's {@code --com1..--com4}.
 *
 * @param index   0..3 for COM1..COM4
 * @param backend a {@code serial_handle} (console, stderr, file, tcp, none)
 */
public record SerialPortConfig(int index, ResourceHandle backend) {
    public static final int COUNT = 4;

    public SerialPortConfig {
        if (index < 0 || index >= COUNT) {
            throw new IllegalArgumentException("serial.index: must be 0..3 (COM1..COM4), got " + index);
        }
        Check.required(backend, "serial.backend");
    }

    /** {@code COM1}..{@code COM4}. */
    public String name() {
        return "COM" + (index + 1);
    }
}
