package org.jvmm.pci.api;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.jvmm.inspect.InspectNode;

/**
 * The PCI Express capability (id 0x10, version 2) of an endpoint: a 2.5 GT/s x1 link, 128-byte
 * payloads, optional function-level reset. Behind a port the function is an Endpoint (type 0);
 * attached to the root bus it is a Root Complex Integrated Endpoint (type 9) without link
 * registers. The status registers hold no errors (nothing here produces any).
 */
public final class PcieCapability implements PciCapability {
    static final int TYPE_ENDPOINT = 0;
    static final int TYPE_INTEGRATED = 9;
    private static final int DEVCAP_RBER = 1 << 15;
    private static final int DEVCAP_FLR = 1 << 28;
    private static final int DEVCTL_WRITABLE = 0x7FFF;
    private static final int DEVCTL_FLR = 1 << 15;
    private static final int DEVCTL_DEFAULT = 0x2810;
    private static final int LINK_X1_2_5GT = 0x11;
    private static final int LNKCTL_WRITABLE = 0x0FCB;
    private static final int LNKSTA_SLOT_CLOCK = 1 << 12;
    private static final int DEVCTL2_WRITABLE = 0x001F;
    private static final int LNKCTL2_WRITABLE = 0x000F;

    private final Runnable functionLevelReset;
    private boolean integrated;
    private int deviceControl = DEVCTL_DEFAULT;
    private int linkControl;
    private int deviceControl2;
    private int linkControl2 = 1;

    /**
     * @param functionLevelReset run when the guest starts a function-level reset (Device
     *                           Control bit 15), or null when the function has none
     */
    public PcieCapability(Runnable functionLevelReset) {
        this.functionLevelReset = functionLevelReset;
    }

    @Override
    public int id() {
        return PciRegisters.CAP_PCIE;
    }

    @Override
    public int length() {
        return 0x3C;
    }

    @Override
    public String name() {
        return "pcie";
    }

    /** Set when attached: whether the function sits on the root bus without a link. */
    public synchronized void setIntegrated(boolean value) {
        integrated = value;
    }

    public synchronized boolean integrated() {
        return integrated;
    }

    @Override
    public synchronized int read(int offset) {
        return switch (offset) {
            case 0x00 -> (2 | (integrated ? TYPE_INTEGRATED : TYPE_ENDPOINT) << 4) << 16;
            case 0x04 -> DEVCAP_RBER | (functionLevelReset != null ? DEVCAP_FLR : 0);
            case 0x08 -> deviceControl;
            case 0x0C -> integrated ? 0 : LINK_X1_2_5GT;
            case 0x10 -> integrated ? 0 : linkControl | (LINK_X1_2_5GT | LNKSTA_SLOT_CLOCK) << 16;
            case 0x28 -> deviceControl2;
            case 0x2C -> integrated ? 0 : 1 << 1;
            case 0x30 -> integrated ? 0 : linkControl2;
            default -> 0;
        };
    }

    @Override
    public void write(int offset, int value, int byteEnables) {
        boolean flr = false;
        synchronized (this) {
            switch (offset) {
                case 0x08 -> {
                    int v = PciRegisters.merge(deviceControl, value, byteEnables & 0x3);
                    deviceControl = v & DEVCTL_WRITABLE;
                    flr = (v & DEVCTL_FLR) != 0 && functionLevelReset != null;
                }
                case 0x10 -> {
                    if (!integrated) {
                        linkControl = PciRegisters.merge(linkControl, value, byteEnables & 0x3) & LNKCTL_WRITABLE;
                    }
                }
                case 0x28 -> deviceControl2 = PciRegisters.merge(deviceControl2, value, byteEnables & 0x3)
                        & DEVCTL2_WRITABLE;
                case 0x30 -> {
                    if (!integrated) {
                        linkControl2 = PciRegisters.merge(linkControl2, value, byteEnables & 0x3)
                                & LNKCTL2_WRITABLE;
                    }
                }
                default -> {
                    // capabilities and status registers are read-only or write-one-to-clear of nothing
                }
            }
        }
        if (flr) {
            functionLevelReset.run();
        }
    }

    @Override
    public synchronized void reset() {
        deviceControl = DEVCTL_DEFAULT;
        linkControl = 0;
        deviceControl2 = 0;
        linkControl2 = 1;
    }

    /** The control registers; whether the function is integrated comes from its attachment, not from here. */
    @Override
    public synchronized void saveState(DataOutputStream out) throws IOException {
        out.writeShort(deviceControl);
        out.writeShort(linkControl);
        out.writeShort(deviceControl2);
        out.writeShort(linkControl2);
    }

    @Override
    public synchronized void restoreState(DataInputStream in) throws IOException {
        int dc = in.readUnsignedShort();
        int lc = in.readUnsignedShort();
        int dc2 = in.readUnsignedShort();
        int lc2 = in.readUnsignedShort();
        deviceControl = dc & DEVCTL_WRITABLE;
        linkControl = lc & LNKCTL_WRITABLE;
        deviceControl2 = dc2 & DEVCTL2_WRITABLE;
        linkControl2 = lc2 & LNKCTL2_WRITABLE;
    }

    @Override
    public synchronized void inspect(InspectNode node) {
        node.field("type", integrated ? "root-complex integrated endpoint" : "endpoint")
                .hex("deviceControl", deviceControl).field("flr", functionLevelReset != null);
    }
}
