package org.jvmm.pci.api;

/**
 * Who a function says it is: its read-only identification registers.
 *
 * @param vendorId          16-bit vendor id (not 0xFFFF, which means "no device")
 * @param deviceId          16-bit device id
 * @param revisionId        8-bit revision
 * @param classCode         24-bit class code: base class, subclass, programming interface
 *                          ({@code 0x010802} is an NVMe controller)
 * @param subsystemVendorId 16-bit subsystem vendor id
 * @param subsystemId       16-bit subsystem id
 */
public record PciIdentity(int vendorId, int deviceId, int revisionId, int classCode, int subsystemVendorId,
        int subsystemId) {
    public PciIdentity {
        check("vendorId", vendorId, 0xFFFE);
        check("deviceId", deviceId, 0xFFFF);
        check("revisionId", revisionId, 0xFF);
        check("classCode", classCode, 0xFF_FFFF);
        check("subsystemVendorId", subsystemVendorId, 0xFFFF);
        check("subsystemId", subsystemId, 0xFFFF);
    }

    /** Ids with the subsystem equal to the vendor and device. */
    public static PciIdentity of(int vendorId, int deviceId, int revisionId, int classCode) {
        return new PciIdentity(vendorId, deviceId, revisionId, classCode, vendorId, deviceId);
    }

    /** The 24-bit class code from its three bytes. */
    public static int classCode(int baseClass, int subClass, int progIf) {
        return (baseClass & 0xFF) << 16 | (subClass & 0xFF) << 8 | progIf & 0xFF;
    }

    private static void check(String field, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException("pci identity: " + field + " must be 0.." + Integer.toHexString(max)
                    + " (hex), got 0x" + Integer.toHexString(value));
        }
    }
}
