package org.jvmm.pci.impl.topology;

/**
 * Identification of the functions the root complex itself provides. Ports use OpenVMM's ids
 * (Microsoft's vendor id 0x1414, root port 0xC030, switch upstream 0xC031, downstream 0xC032);
 * the host bridge uses the id of QEMU's generic PCIe host bridge (Red Hat 0x1B36:0x0008), which
 * guests treat as a plain host bridge.
 */
public final class PciIds {
    public static final int HOST_BRIDGE_VENDOR = 0x1B36;
    public static final int HOST_BRIDGE_DEVICE = 0x0008;
    public static final int PORT_VENDOR = 0x1414;
    public static final int ROOT_PORT_DEVICE = 0xC030;
    public static final int UPSTREAM_PORT_DEVICE = 0xC031;
    public static final int DOWNSTREAM_PORT_DEVICE = 0xC032;
    /** OpenVMM's subsystem id for its emulated devices. */
    public static final int SUBSYSTEM_ID = 0x2000;
    /** Host bridge: base class 6, subclass 0. */
    public static final int CLASS_HOST_BRIDGE = 0x06_00_00;
    /** PCI-to-PCI bridge: base class 6, subclass 4. */
    public static final int CLASS_PCI_BRIDGE = 0x06_04_00;

    private PciIds() {
    }
}
