package org.jvmm.pci.impl.topology;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.jvmm.inspect.InspectNode;
import org.jvmm.pci.api.PciCapability;
import org.jvmm.pci.api.PciRegisters;

/**
 * The PCI Express capability (version 2) of a port: a 2.5 GT/s x1 link whose data-link-layer
 * state follows the presence of a device, and on downstream-facing ports a slot. With hot-plug
 * the slot reports Hot-Plug Capable and Surprise, an attention button, a power controller and
 * power and attention indicators (no MRL sensor or interlock), presence detect and DLL state
 * changes, and command completed on every Slot Control write; an interrupt is due when an
 * enabled event bit rises while Hot-Plug Interrupt Enable is set (PCIe base spec 6.7.3.4).
 *
 * <p>Slot power is the guest's side of an orderly removal: the host presses the attention button
 * and removes the device once the guest has turned the power off. The link does not depend on
 * it (a device is reachable as soon as it is present, so guests that enable only DLL state
 * change events, as Linux does when there is a button, see hot adds at once). At power-on an
 * occupied slot is powered with its power indicator on, an empty one is off. Guarded by the root
 * complex's lock.
 */
final class PortExpressCapability implements PciCapability {
    static final int SLOT_ABP = 1;
    static final int SLOT_PFD = 1 << 1;
    static final int SLOT_MRLSC = 1 << 2;
    static final int SLOT_PDC = 1 << 3;
    static final int SLOT_CC = 1 << 4;
    static final int SLOT_PDS = 1 << 6;
    static final int SLOT_DLLSC = 1 << 8;
    static final int CTL_HPIE = 1 << 5;
    static final int CTL_AIC_SHIFT = 6;
    static final int CTL_PIC_SHIFT = 8;
    static final int CTL_PCC = 1 << 10;
    static final int CTL_DLLSCE = 1 << 12;
    static final int INDICATOR_ON = 1;
    static final int INDICATOR_BLINK = 2;
    static final int INDICATOR_OFF = 3;
    static final int LNKSTA_DLLLA = 1 << 13;
    private static final int POWER_BITS = CTL_PCC | 3 << CTL_PIC_SHIFT | 3 << CTL_AIC_SHIFT;
    private static final int EVENTS = SLOT_ABP | SLOT_PFD | SLOT_MRLSC | SLOT_PDC | SLOT_CC | SLOT_DLLSC;
    private static final int SLOTCAP_ABP = 1;
    private static final int SLOTCAP_PCP = 1 << 1;
    private static final int SLOTCAP_AIP = 1 << 3;
    private static final int SLOTCAP_PIP = 1 << 4;
    private static final int SLOTCAP_HPS = 1 << 5;
    private static final int SLOTCAP_HPC = 1 << 6;
    private static final int SLOTCAP_HOT_PLUG = SLOTCAP_ABP | SLOTCAP_PCP | SLOTCAP_AIP | SLOTCAP_PIP | SLOTCAP_HPS
            | SLOTCAP_HPC;
    private static final int LNKCAP_DLLLARC = 1 << 20;
    private static final int LINK_X1_2_5GT = 0x11;
    private static final int LNKSTA_SLOT_CLOCK = 1 << 12;
    private static final int DEVCAP_RBER = 1 << 15;
    private static final int DEVCTL_DEFAULT = 0x2810;

    private final PortType type;
    private final boolean hotPlug;
    private final int slotNumber;
    private final int portNumber;
    private final SlotEvents events;
    private boolean present;
    private int deviceControl = DEVCTL_DEFAULT;
    private int linkControl;
    private int slotControl;
    private int slotStatus;
    private int rootControl;
    private int deviceControl2;
    private int linkControl2 = 1;
    private int lastEnabled;

    PortExpressCapability(PortType type, boolean hotPlug, int slotNumber, int portNumber, SlotEvents events) {
        this.type = type;
        this.hotPlug = hotPlug && type.downstreamFacing();
        this.slotNumber = slotNumber;
        this.portNumber = portNumber;
        this.events = events;
        this.slotControl = powerOnSlotControl();
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

    boolean hotPlug() {
        return hotPlug;
    }

    boolean present() {
        return present;
    }

    int slotStatus() {
        return slotStatus | (present ? SLOT_PDS : 0);
    }

    int slotControl() {
        return slotControl;
    }

    /** Whether the slot has power (slots without a power controller always do). */
    boolean slotPowered() {
        return (slotControl & CTL_PCC) == 0;
    }

    /** Presses the attention button: Attention Button Pressed is set and the interrupt evaluated. */
    void pressAttentionButton() {
        if (hotPlug) {
            slotStatus |= SLOT_ABP;
            evaluate();
        }
    }

    @Override
    public int read(int offset) {
        boolean slot = type.downstreamFacing();
        return switch (offset) {
            case 0x00 -> (2 | type.pcieType() << 4 | (slot ? 1 << 8 : 0)) << 16;
            case 0x04 -> DEVCAP_RBER;
            case 0x08 -> deviceControl;
            case 0x0C -> LINK_X1_2_5GT | (slot ? LNKCAP_DLLLARC : 0) | portNumber << 24;
            case 0x10 -> linkControl | (LINK_X1_2_5GT | LNKSTA_SLOT_CLOCK | (linkUp() ? LNKSTA_DLLLA : 0)) << 16;
            case 0x14 -> slot ? slotCapabilities() : 0;
            case 0x18 -> slot ? slotControl | slotStatus() << 16 : 0;
            case 0x1C -> type == PortType.ROOT_PORT ? rootControl : 0;
            case 0x28 -> deviceControl2;
            case 0x2C -> 1 << 1;
            case 0x30 -> linkControl2;
            default -> 0;
        };
    }

    @Override
    public void write(int offset, int value, int byteEnables) {
        int low = byteEnables & 0x3;
        switch (offset) {
            case 0x08 -> deviceControl = PciRegisters.merge(deviceControl, value, low) & 0x7FFF;
            case 0x10 -> linkControl = PciRegisters.merge(linkControl, value, low) & 0x0FDB;
            case 0x18 -> writeSlot(value, byteEnables);
            case 0x1C -> rootControl = type == PortType.ROOT_PORT
                    ? PciRegisters.merge(rootControl, value, low) & 0x1F : 0;
            case 0x28 -> deviceControl2 = PciRegisters.merge(deviceControl2, value, low) & 0x041F;
            case 0x30 -> linkControl2 = PciRegisters.merge(linkControl2, value, low) & 0xF;
            default -> {
                // capabilities and the status registers hold nothing writable
            }
        }
    }

    /**
     * A device arrived or left behind the port. With {@code notify} on a hot-plug slot, presence
     * detect changed and DLL state changed are set and the interrupt condition is evaluated;
     * without (firmware time), the slot's power and indicators take their power-on values.
     */
    void setPresent(boolean value, boolean notify) {
        if (present == value) {
            return;
        }
        present = value;
        if (!notify) {
            slotControl = slotControl & ~POWER_BITS | powerOnSlotControl();
        } else if (hotPlug) {
            slotStatus |= SLOT_PDC | SLOT_DLLSC;
            evaluate();
        }
    }

    /** Whether an enabled hot-plug event is pending (the INTx level). */
    boolean interruptPending() {
        return lastEnabled != 0;
    }

    @Override
    public void reset() {
        deviceControl = DEVCTL_DEFAULT;
        linkControl = 0;
        slotControl = powerOnSlotControl();
        slotStatus = 0;
        rootControl = 0;
        deviceControl2 = 0;
        linkControl2 = 1;
        lastEnabled = 0;
    }

    /**
     * The control registers and the slot's events. Presence is not saved: it follows what is attached
     * behind the port; the interrupt condition is recomputed on restore.
     */
    @Override
    public void saveState(DataOutputStream out) throws IOException {
        for (int r : new int[] {deviceControl, linkControl, slotControl, slotStatus, rootControl, deviceControl2,
                linkControl2}) {
            out.writeShort(r);
        }
    }

    /** Restores without raising an interrupt: an event pending at save time is pending again, already signalled. */
    @Override
    public void restoreState(DataInputStream in) throws IOException {
        int[] r = new int[7];
        for (int i = 0; i < r.length; i++) {
            r[i] = in.readUnsignedShort();
        }
        deviceControl = r[0] & 0x7FFF;
        linkControl = r[1] & 0x0FDB;
        slotControl = hotPlug ? r[2] & 0x1FFF : 0;
        slotStatus = hotPlug ? r[3] & EVENTS : 0;
        rootControl = type == PortType.ROOT_PORT ? r[4] & 0x1F : 0;
        deviceControl2 = r[5] & 0x041F;
        linkControl2 = r[6] & 0xF;
        lastEnabled = enabledEvents();
    }

    @Override
    public void inspect(InspectNode node) {
        node.field("type", type.label()).field("hotPlug", hotPlug).field("present", present)
                .field("linkUp", linkUp());
        if (type.downstreamFacing()) {
            node.field("slot", slotNumber).hex("slotControl", slotControl).hex("slotStatus", slotStatus());
        }
        if (hotPlug) {
            node.field("power", slotPowered() ? "on" : "off")
                    .field("powerIndicator", indicator(slotControl >>> CTL_PIC_SHIFT))
                    .field("attentionIndicator", indicator(slotControl >>> CTL_AIC_SHIFT));
        }
    }

    private boolean linkUp() {
        return present || type == PortType.SWITCH_UPSTREAM;
    }

    private int slotCapabilities() {
        return (hotPlug ? SLOTCAP_HOT_PLUG : 0) | slotNumber << 19;
    }

    /** Power on with the power indicator on when occupied, else off; attention indicator off. */
    private int powerOnSlotControl() {
        if (!hotPlug) {
            return 0;
        }
        int power = present ? INDICATOR_ON << CTL_PIC_SHIFT : CTL_PCC | INDICATOR_OFF << CTL_PIC_SHIFT;
        return power | INDICATOR_OFF << CTL_AIC_SHIFT;
    }

    private static String indicator(int bits) {
        return switch (bits & 3) {
            case INDICATOR_ON -> "on";
            case INDICATOR_BLINK -> "blink";
            case INDICATOR_OFF -> "off";
            default -> "reserved";
        };
    }

    private void writeSlot(int value, int byteEnables) {
        if (!hotPlug) {
            return;
        }
        if ((byteEnables & 0x3) != 0) {
            slotControl = PciRegisters.merge(slotControl, value, byteEnables & 0x3) & 0x1FFF;
            slotStatus |= SLOT_CC;
        }
        int cleared = value >>> 16 & PciRegisters.byteMask(byteEnables >>> 2) & EVENTS;
        slotStatus &= ~cleared;
        evaluate();
    }

    private int enabledEvents() {
        int enables = slotControl & 0x1F | (slotControl & CTL_DLLSCE) >>> 4;
        return (slotControl & CTL_HPIE) != 0 ? slotStatus & enables : 0;
    }

    private void evaluate() {
        int enabled = enabledEvents();
        int rising = enabled & ~lastEnabled;
        lastEnabled = enabled;
        events.slotInterrupt(rising != 0, enabled != 0);
    }
}
