package org.jvmm.pci.impl.topology;

/** The PCIe port kinds the root complex builds, with their PCIe Capabilities device/port type. */
public enum PortType {
    ROOT_PORT(4, "root-port", PciIds.ROOT_PORT_DEVICE),
    SWITCH_UPSTREAM(5, "switch-upstream-port", PciIds.UPSTREAM_PORT_DEVICE),
    SWITCH_DOWNSTREAM(6, "switch-downstream-port", PciIds.DOWNSTREAM_PORT_DEVICE);

    private final int pcieType;
    private final String label;
    private final int deviceId;

    PortType(int pcieType, String label, int deviceId) {
        this.pcieType = pcieType;
        this.label = label;
        this.deviceId = deviceId;
    }

    public int pcieType() {
        return pcieType;
    }

    public String label() {
        return label;
    }

    public int deviceId() {
        return deviceId;
    }

    /** Root and downstream ports lead to a link with one device and carry a slot. */
    public boolean downstreamFacing() {
        return this != SWITCH_UPSTREAM;
    }
}
