package org.jvmm.pci.resources;

/**
 * A root port on the root complex's root bus, as OpenVMM's
 * {@code --pcie-root-port <rc>:<name>[,addr=<dev>[.<fn>]][,hotplug]}.
 *
 * @param name    unique among ports and switches; devices are placed behind it by this name
 * @param addr    {@code dev} or {@code dev.fn} on the root bus (dev 1..31, fn 0..7; device 0 is
 *                the host bridge), or null for the lowest free device, function 0
 * @param hotplug PCIe native hot-plug on its slot
 */
public record PcieRootPortConfig(String name, String addr, boolean hotplug) {
    public PcieRootPortConfig {
        Names.check("root port", name);
        if (addr != null) {
            parse(name, addr);
        }
    }

    /** The requested device number, or -1 for automatic placement. */
    public int device() {
        return addr == null ? -1 : parse(name, addr)[0];
    }

    /** The requested function number (0 with automatic placement). */
    public int function() {
        return addr == null ? 0 : parse(name, addr)[1];
    }

    private static int[] parse(String name, String addr) {
        String[] parts = addr.split("\\.", -1);
        try {
            if (parts.length > 2) {
                throw new NumberFormatException();
            }
            int dev = Integer.decode(parts[0]);
            int fn = parts.length == 2 ? Integer.decode(parts[1]) : 0;
            if (dev < 1 || dev > 31 || fn < 0 || fn > 7) {
                throw new NumberFormatException();
            }
            return new int[] {dev, fn};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(Names.KEY + ": root port " + name + ": addr must be <dev>[.<fn>] with"
                    + " dev 1..31 and fn 0..7, got " + addr);
        }
    }
}
