package org.jvmm.pci.impl.topology;

/**
 * How a function's INTx reaches the root bus: the root-bus device it is routed by and the
 * swizzle rotation (the sum of the device numbers of the function and of each bridge below the
 * root bus on its path), as guests compute it from {@code _PRT} and the bridge swizzle.
 */
public record IntxPath(int rootDevice, int rotation) {
    /** The path of the function at {@code devfn} on {@code bus}. */
    public static IntxPath of(PciBus bus, int devfn) {
        int device = devfn >>> 3;
        int rotation = 0;
        PciBus b = bus;
        while (b.upstream() != null) {
            rotation += device;
            BridgeFunction up = b.upstream();
            device = up.devfn() >>> 3;
            b = up.parentBus();
        }
        return new IntxPath(device, rotation);
    }
}
