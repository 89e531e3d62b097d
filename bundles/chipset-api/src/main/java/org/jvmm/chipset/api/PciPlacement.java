package org.jvmm.chipset.api;

/**
 * Where a {@link PciHost} attaches a function.
 *
 * @param port     the name of a root port or switch downstream port (the function becomes device
 *                 0 function 0 on its secondary bus), or null for the root bus
 * @param device   on the root bus: the device number 1..31, or -1 for the function's preferred
 *                 address or else the lowest free device; must be -1 with a port
 * @param function on the root bus with a given device: the function number 0..7 (function 0
 *                 of that device must be occupied first for functions 1..7); 0 otherwise
 */
public record PciPlacement(String port, int device, int function) {
    public PciPlacement {
        if (port != null && (port.isBlank() || device != -1 || function != 0)) {
            throw new IllegalArgumentException("pci placement: a port placement takes a non-blank port name and no"
                    + " device/function");
        }
        if (device != -1 && (device < 1 || device > 31)) {
            throw new IllegalArgumentException("pci placement: device must be 1..31 (0 is the host bridge), got "
                    + device);
        }
        if (function < 0 || function > 7 || function != 0 && device == -1) {
            throw new IllegalArgumentException("pci placement: function must be 0..7 with an explicit device, got "
                    + function);
        }
    }

    /** The root bus, at the function's preferred address or the lowest free device. */
    public static PciPlacement rootBus() {
        return new PciPlacement(null, -1, 0);
    }

    /** The root bus at {@code device}, function 0. */
    public static PciPlacement rootBus(int device) {
        return new PciPlacement(null, device, 0);
    }

    /** Behind the root port or switch downstream port named {@code name}. */
    public static PciPlacement port(String name) {
        return new PciPlacement(name, -1, 0);
    }

    @Override
    public String toString() {
        return port != null ? "port " + port : device < 0 ? "root bus" : "root bus device " + device + "." + function;
    }
}
