package org.jvmm.vm.worker.impl.chipset;

/** A chipset device cannot be added: its name, ports, MMIO or controller role is taken. */
public class DeviceConflictException extends Exception {
    private static final long serialVersionUID = 1L;

    public DeviceConflictException(String message) {
        super(message);
    }
}
