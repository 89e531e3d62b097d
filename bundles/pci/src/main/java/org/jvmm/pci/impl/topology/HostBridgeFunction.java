package org.jvmm.pci.impl.topology;

import org.jvmm.inspect.InspectNode;
import org.jvmm.pci.api.PciRegisters;

/** The host bridge at 00:00.0: a type-0 header with ids and class only; the command register holds its bits. */
public final class HostBridgeFunction implements ConfigFunction {
    private static final int COMMAND_WRITABLE = PciRegisters.COMMAND_IO | PciRegisters.COMMAND_MEMORY
            | PciRegisters.COMMAND_BUS_MASTER;
    private int command;

    @Override
    public int read(int offset) {
        return switch (offset) {
            case 0x00 -> PciIds.HOST_BRIDGE_VENDOR | PciIds.HOST_BRIDGE_DEVICE << 16;
            case 0x04 -> command;
            case 0x08 -> PciIds.CLASS_HOST_BRIDGE << 8;
            case 0x2C -> PciIds.PORT_VENDOR | PciIds.SUBSYSTEM_ID << 16;
            default -> 0;
        };
    }

    @Override
    public void write(int offset, int value, int byteEnables) {
        if (offset == PciRegisters.COMMAND) {
            command = PciRegisters.write(command, value, byteEnables & 0x3, COMMAND_WRITABLE, 0);
        }
    }

    /** The command register: all the host bridge holds. */
    public int command() {
        return command;
    }

    public void restoreCommand(int value) {
        command = value & COMMAND_WRITABLE;
    }

    @Override
    public void reset() {
        command = 0;
    }

    @Override
    public void hotReset() {
        reset();
    }

    @Override
    public String describe() {
        return "host-bridge";
    }

    @Override
    public void inspect(InspectNode node) {
        node.field("kind", "host-bridge").field("ids", String.format("%04x:%04x", PciIds.HOST_BRIDGE_VENDOR,
                PciIds.HOST_BRIDGE_DEVICE));
    }
}
