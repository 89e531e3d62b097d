package org.jvmm.pci.impl.topology;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.jvmm.chipset.api.LineInterrupt;
import org.jvmm.chipset.api.MsiSink;
import org.jvmm.inspect.InspectNode;
import org.jvmm.pci.api.MsiCapability;
import org.jvmm.pci.api.PciCapabilityList;
import org.jvmm.pci.api.PciRegisters;

/**
 * A PCIe port as a type-1 (PCI-to-PCI bridge) function: bus numbers, I/O, memory and 64-bit
 * prefetchable windows, bridge control (with secondary bus reset), and the capability list: the
 * PCIe capability with its slot, then MSI (one vector) for hot-plug interrupts; INTA is used
 * while MSI is off. Config cycles for buses in secondary..subordinate are forwarded to the
 * secondary bus. BAR0/1 and the expansion ROM are not implemented. Guarded by the root
 * complex's lock.
 */
public final class BridgeFunction implements ConfigFunction {
    private static final int COMMAND_WRITABLE = PciRegisters.COMMAND_IO | PciRegisters.COMMAND_MEMORY
            | PciRegisters.COMMAND_BUS_MASTER | PciRegisters.COMMAND_PARITY | PciRegisters.COMMAND_SERR
            | PciRegisters.COMMAND_INTX_DISABLE;
    private static final int BRIDGE_CONTROL_WRITABLE = 0x7F;
    private static final int SECONDARY_BUS_RESET = 1 << 6;

    private final PortType type;
    private final String name;
    private final PciBus parentBus;
    private final int devfn;
    private final PciBus secondaryBus;
    private final PortExpressCapability express;
    private final MsiCapability msi;
    private final PciCapabilityList capabilities;
    private boolean multiFunction;
    private LineInterrupt intx = level -> { };
    private MsiSink messages = (address, data) -> { };
    private boolean intxDriven;
    private boolean slotPending;
    private int command;
    private int cacheLineSize;
    private int busNumbers;
    private int ioBaseLimit;
    private int memoryBaseLimit;
    private int prefetchBaseLimit;
    private int prefetchBaseUpper;
    private int prefetchLimitUpper;
    private int interruptLine;
    private int bridgeControl;

    /**
     * A port at {@code devfn} of {@code parentBus} (not yet put there) with a fresh secondary bus;
     * {@code slotNumber} is the physical slot number (downstream-facing ports), {@code portNumber}
     * the link's port number.
     */
    public BridgeFunction(PortType type, String name, PciBus parentBus, int devfn, boolean hotPlug, int slotNumber,
            int portNumber) {
        this.type = type;
        this.name = name;
        this.parentBus = parentBus;
        this.devfn = devfn;
        this.secondaryBus = new PciBus(this, type.downstreamFacing());
        this.express = new PortExpressCapability(type, hotPlug, slotNumber, portNumber, this::slotInterrupt);
        this.msi = new MsiCapability(1, false, this::sendMessage);
        this.capabilities = new PciCapabilityList(List.of(express, msi));
        resetRegisters();
    }

    /** Where its INTA goes and where its MSIs go. */
    public void wireInterrupts(LineInterrupt intxLine, MsiSink sink) {
        this.intx = intxLine;
        this.messages = sink;
    }

    public PortType type() {
        return type;
    }

    public String name() {
        return name;
    }

    public PciBus parentBus() {
        return parentBus;
    }

    public int devfn() {
        return devfn;
    }

    public PciBus secondaryBus() {
        return secondaryBus;
    }

    public boolean hotPlug() {
        return express.hotPlug();
    }

    public void setMultiFunction(boolean value) {
        multiFunction = value;
    }

    public int secondary() {
        return busNumbers >>> 8 & 0xFF;
    }

    public int subordinate() {
        return busNumbers >>> 16 & 0xFF;
    }

    /** Whether a cycle for {@code bus} goes below this bridge. */
    public boolean forwards(int bus) {
        int sec = secondary();
        return sec != 0 && bus >= sec && bus <= subordinate();
    }

    /** Routes a cycle for {@code bus} (which it {@link #forwards}): the target function or null. */
    public ConfigFunction route(int bus, int devfn) {
        return bus == secondary() ? secondaryBus.decode(devfn) : secondaryBus.route(bus, devfn);
    }

    /** A device was plugged in or pulled out behind this port; {@code notify} raises hot-plug events. */
    public void setPresent(boolean present, boolean notify) {
        express.setPresent(present, notify);
    }

    public boolean present() {
        return express.present();
    }

    /** Whether the slot has power: the guest turns it off to finish an orderly removal. */
    public boolean slotPowered() {
        return express.slotPowered();
    }

    /** Presses the slot's attention button (a hot-plug event; nothing on ports without hot-plug). */
    public void pressAttentionButton() {
        express.pressAttentionButton();
    }

    public MsiCapability msi() {
        return msi;
    }

    @Override
    public int read(int offset) {
        return switch (offset) {
            case 0x00 -> PciIds.PORT_VENDOR | type.deviceId() << 16;
            case 0x04 -> command | status() << 16;
            case 0x08 -> PciIds.CLASS_PCI_BRIDGE << 8;
            case 0x0C -> cacheLineSize | (1 | (multiFunction ? PciRegisters.HEADER_MULTI_FUNCTION : 0)) << 16;
            case 0x18 -> busNumbers;
            case 0x1C -> ioBaseLimit;
            case 0x20 -> memoryBaseLimit;
            case 0x24 -> prefetchBaseLimit | 0x0001_0001;
            case 0x28 -> prefetchBaseUpper;
            case 0x2C -> prefetchLimitUpper;
            case 0x34 -> capabilities.pointer();
            case 0x3C -> interruptLine | 1 << 8 | bridgeControl << 16;
            default -> offset >= PciRegisters.CAPABILITIES_START && offset < PciRegisters.STANDARD_SPACE_SIZE
                    ? capabilities.read(offset) : 0;
        };
    }

    @Override
    public void write(int offset, int value, int byteEnables) {
        switch (offset) {
            case 0x04 -> {
                command = PciRegisters.write(command, value, byteEnables & 0x3, COMMAND_WRITABLE, 0);
                updateIntx();
            }
            case 0x0C -> cacheLineSize = PciRegisters.merge(cacheLineSize, value, byteEnables & 0x1);
            case 0x18 -> busNumbers = PciRegisters.merge(busNumbers, value, byteEnables & 0x7) & 0xFF_FFFF;
            case 0x1C -> ioBaseLimit = PciRegisters.merge(ioBaseLimit, value, byteEnables & 0x3) & 0xF0F0;
            case 0x20 -> memoryBaseLimit = PciRegisters.merge(memoryBaseLimit, value, byteEnables) & 0xFFF0_FFF0;
            case 0x24 -> prefetchBaseLimit = PciRegisters.merge(prefetchBaseLimit, value, byteEnables) & 0xFFF0_FFF0;
            case 0x28 -> prefetchBaseUpper = PciRegisters.merge(prefetchBaseUpper, value, byteEnables);
            case 0x2C -> prefetchLimitUpper = PciRegisters.merge(prefetchLimitUpper, value, byteEnables);
            case 0x3C -> writeInterruptAndControl(value, byteEnables);
            default -> {
                if (offset >= PciRegisters.CAPABILITIES_START && offset < PciRegisters.STANDARD_SPACE_SIZE) {
                    capabilities.write(offset, value, byteEnables);
                    updateIntx();
                }
            }
        }
    }

    @Override
    public void reset() {
        resetRegisters();
        capabilities.reset();
        slotPending = false;
        updateIntx();
    }

    @Override
    public void hotReset() {
        reset();
        resetBelow();
    }

    /**
     * The type-1 header (command, bus numbers, the I/O, memory and prefetchable windows, interrupt
     * line, bridge control) and the capabilities (PCIe with the slot, MSI). Guarded by the root
     * complex's lock.
     */
    public void saveState(DataOutputStream out) throws IOException {
        out.writeShort(command);
        out.writeByte(cacheLineSize);
        out.writeInt(busNumbers);
        out.writeShort(ioBaseLimit);
        out.writeInt(memoryBaseLimit);
        out.writeInt(prefetchBaseLimit);
        out.writeInt(prefetchBaseUpper);
        out.writeInt(prefetchLimitUpper);
        out.writeByte(interruptLine);
        out.writeShort(bridgeControl);
        capabilities.saveState(out);
    }

    /**
     * Restores what {@link #saveState} wrote. Windows only steer config cycles and hold no mappings
     * here (BARs are checked against the host's windows), so restoring the registers is all they
     * need; a secondary bus reset bit comes back set without resetting anything below. The hot-plug
     * interrupt level is recomputed; no message is sent.
     */
    public void restoreState(DataInputStream in) throws IOException {
        int cmd = in.readUnsignedShort();
        int cls = in.readUnsignedByte();
        int buses = in.readInt();
        int io = in.readUnsignedShort();
        int mem = in.readInt();
        int pref = in.readInt();
        int prefBase = in.readInt();
        int prefLimit = in.readInt();
        int line = in.readUnsignedByte();
        int control = in.readUnsignedShort();
        capabilities.restoreState(in);
        command = cmd & COMMAND_WRITABLE;
        cacheLineSize = cls;
        busNumbers = buses & 0xFF_FFFF;
        ioBaseLimit = io & 0xF0F0;
        memoryBaseLimit = mem & 0xFFF0_FFF0;
        prefetchBaseLimit = pref & 0xFFF0_FFF0;
        prefetchBaseUpper = prefBase;
        prefetchLimitUpper = prefLimit;
        interruptLine = line;
        bridgeControl = control & BRIDGE_CONTROL_WRITABLE;
        slotPending = express.interruptPending();
        updateIntx();
    }

    @Override
    public String describe() {
        return type.label() + " " + name;
    }

    @Override
    public void inspect(InspectNode node) {
        node.field("kind", type.label()).field("name", name)
                .field("buses", String.format("primary %d, secondary %d, subordinate %d", busNumbers & 0xFF,
                        secondary(), subordinate()))
                .hex("command", command).field("windows", windows());
        node.child("capabilities", capabilities::inspect);
    }

    private String windows() {
        int io = ioBaseLimit;
        long memBase = (memoryBaseLimit & 0xFFF0L) << 16;
        long memLimit = (memoryBaseLimit >>> 16 & 0xFFF0L) << 16 | 0xFFFFF;
        long prefBase = (long) prefetchBaseUpper << 32 | (prefetchBaseLimit & 0xFFF0L) << 16;
        long prefLimit = (long) prefetchLimitUpper << 32 | (prefetchBaseLimit >>> 16 & 0xFFF0L) << 16 | 0xFFFFF;
        return String.format("io %s, mem %s, prefetchable %s",
                window((io & 0xF0L) << 8, (io >>> 8 & 0xF0L) << 8 | 0xFFF),
                window(memBase, memLimit), window(prefBase, prefLimit));
    }

    private static String window(long base, long limit) {
        return base > limit ? "off" : String.format("0x%x-0x%x", base, limit);
    }

    private void writeInterruptAndControl(int value, int byteEnables) {
        interruptLine = PciRegisters.merge(interruptLine, value, byteEnables & 0x1);
        int old = bridgeControl;
        bridgeControl = PciRegisters.merge(bridgeControl << 16, value, byteEnables & 0xC) >>> 16
                & BRIDGE_CONTROL_WRITABLE;
        if ((bridgeControl & ~old & SECONDARY_BUS_RESET) != 0) {
            resetBelow();
        }
    }

    private void resetBelow() {
        for (int f : secondaryBus.occupied()) {
            secondaryBus.at(f).hotReset();
        }
    }

    private int status() {
        return PciRegisters.STATUS_CAPABILITIES | (slotPending ? PciRegisters.STATUS_INTERRUPT : 0);
    }

    private void slotInterrupt(boolean newEvent, boolean pending) {
        slotPending = pending;
        if (newEvent && msi.enabled()) {
            msi.signal(0);
        }
        updateIntx();
    }

    private void updateIntx() {
        boolean drive = slotPending && !msi.enabled() && (command & PciRegisters.COMMAND_INTX_DISABLE) == 0;
        if (drive != intxDriven) {
            intxDriven = drive;
            intx.setLevel(drive);
        }
    }

    private void sendMessage(long address, int data) {
        if ((command & PciRegisters.COMMAND_BUS_MASTER) != 0) {
            messages.signal(address, data);
        }
    }

    private void resetRegisters() {
        command = 0;
        cacheLineSize = 0;
        busNumbers = 0;
        ioBaseLimit = 0;
        memoryBaseLimit = 0;
        prefetchBaseLimit = 0;
        prefetchBaseUpper = 0;
        prefetchLimitUpper = 0;
        interruptLine = 0;
        bridgeControl = 0;
    }
}
