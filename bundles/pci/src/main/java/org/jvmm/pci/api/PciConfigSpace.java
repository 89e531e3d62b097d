package org.jvmm.pci.api;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.LineInterrupt;
import org.jvmm.chipset.api.PciAddress;
import org.jvmm.chipset.api.PciAttachment;
import org.jvmm.chipset.api.PciConfigMaskedWrite;
import org.jvmm.inspect.InspectNode;
import org.jvmm.inspect.Inspectable;

/**
 * A type-0 (endpoint) configuration space: what a PCI device returns from
 * {@code ChipsetDevice.pciConfig()}. It holds the identification registers, command and status,
 * the BARs (sized by writing all ones, mapped through the attachment while the command register
 * enables memory or I/O decoding), interrupt line and pin, and the capability list; the extended
 * space (0x100 and up) is empty. The device raises INTx with {@link #setIntx} and sends message
 * interrupts with {@link #signal}. Guest accesses never throw. Thread-safe.
 */
public final class PciConfigSpace implements PciConfigMaskedWrite, Inspectable {
    private static final int COMMAND_WRITABLE = PciRegisters.COMMAND_IO | PciRegisters.COMMAND_MEMORY
            | PciRegisters.COMMAND_BUS_MASTER | PciRegisters.COMMAND_PARITY | PciRegisters.COMMAND_SERR
            | PciRegisters.COMMAND_INTX_DISABLE;

    /** The layout {@link #saveState} writes. */
    private static final int STATE_FORMAT = 1;
    private static final int BARS = 6;

    private final PciIdentity identity;
    private final int interruptPin;
    private final boolean multiFunction;
    private final PciAddress preferredAddress;
    private final Runnable functionLevelReset;
    private final PciCapabilityList capabilities;
    private final MsiCapability msi;
    private final MsixCapability msix;
    private final PcieCapability pcie;
    private final BarBank bars;
    private volatile int command;
    private volatile PciAttachment attachment;
    private int cacheLineSize;
    private int interruptLine;
    private boolean intxRequested;
    private boolean intxDriven;
    private LineInterrupt intxLine;
    private long messagesDropped;

    PciConfigSpace(PciConfigSpaceBuilder b) {
        identity = b.identity;
        interruptPin = b.interruptPin;
        multiFunction = b.multiFunction;
        preferredAddress = b.preferredAddress;
        functionLevelReset = b.functionLevelReset;
        List<PciCapability> caps = new ArrayList<>();
        MsiCapability msiCap = null;
        MsixCapability msixCap = null;
        PcieCapability pcieCap = null;
        for (Function<PciConfigSpace, PciCapability> f : b.capabilities) {
            PciCapability cap = f.apply(this);
            caps.add(cap);
            switch (cap) {
                case MsiCapability m -> msiCap = m;
                case MsixCapability m -> msixCap = m;
                case PcieCapability p -> pcieCap = p;
                default -> {
                    // vendor and device-supplied capabilities need no wiring
                }
            }
        }
        msi = msiCap;
        msix = msixCap;
        pcie = pcieCap;
        capabilities = new PciCapabilityList(caps);
        bars = new BarBank(b.bars, msix);
    }

    /** A builder for a function with these identification registers. */
    public static PciConfigSpaceBuilder builder(PciIdentity identity) {
        return new PciConfigSpaceBuilder(identity);
    }

    @Override
    public PciAddress preferredAddress() {
        return preferredAddress;
    }

    @Override
    public IoResult pciConfigRead(int offset, IoValue out) {
        if (!PciRegisters.validDwordOffset(offset)) {
            return IoResult.INVALID_REGISTER;
        }
        // capabilities synchronise themselves and may call into the device: not under this lock
        int v = inCapabilities(offset) ? capabilities.read(offset) : readDword(offset);
        out.set(v & 0xFFFF_FFFFL);
        return IoResult.OK;
    }

    @Override
    public IoResult pciConfigWrite(int offset, int value) {
        return pciConfigWrite(offset, value, 0xF);
    }

    @Override
    public IoResult pciConfigWrite(int offset, int value, int byteEnables) {
        if (!PciRegisters.validDwordOffset(offset) || byteEnables < 0 || byteEnables > 0xF) {
            return IoResult.INVALID_REGISTER;
        }
        if (inCapabilities(offset)) {
            capabilities.write(offset, value, byteEnables);
            synchronized (this) {
                updateIntx();
            }
        } else {
            writeDword(offset, value, byteEnables);
        }
        return IoResult.OK;
    }

    /** Plugged in: power-on register state, BARs map through {@code a}, INTx goes to its line. */
    @Override
    public synchronized void pciAttached(PciAttachment a) {
        bars.forgetMappings();
        attachment = a;
        resetRegisters();
        intxDriven = false;
        intxLine = a != null && interruptPin != 0 ? a.intx(interruptPin) : null;
        if (pcie != null) {
            pcie.setIntegrated(a != null && a.integrated());
        }
        updateIntx();
    }

    /** Power-on state: BARs unmapped and zero, decoding off, capabilities reset, INTx deasserted. */
    public synchronized void reset() {
        bars.unmapAll(attachment);
        resetRegisters();
        intxRequested = false;
        updateIntx();
    }

    /** Asserts or deasserts the function's INTx (effective unless disabled or MSI/MSI-X is on). */
    public synchronized void setIntx(boolean asserted) {
        intxRequested = asserted;
        updateIntx();
    }

    /**
     * Sends message interrupt {@code vector} through MSI-X if enabled, else MSI if enabled.
     *
     * @return false when neither is enabled: the device should use INTx
     */
    public boolean signal(int vector) {
        if (msix != null && msix.signal(vector)) {
            return true;
        }
        return msi != null && msi.signal(vector);
    }

    public Optional<MsiCapability> msi() {
        return Optional.ofNullable(msi);
    }

    public Optional<MsixCapability> msix() {
        return Optional.ofNullable(msix);
    }

    public Optional<PcieCapability> pcie() {
        return Optional.ofNullable(pcie);
    }

    public PciIdentity identity() {
        return identity;
    }

    public int command() {
        return command;
    }

    public boolean busMasterEnabled() {
        return (command & PciRegisters.COMMAND_BUS_MASTER) != 0;
    }

    /** The address programmed into BAR {@code index}, or -1 when there is no BAR there. */
    public synchronized long barAddress(int index) {
        return bars.address(index);
    }

    /** Whether BAR {@code index} is mapped (decoding on, attached, a valid address). */
    public synchronized boolean barMapped(int index) {
        return bars.isMapped(index);
    }

    /**
     * Writes the function's configuration state for a snapshot (since 1.1): a format number and the
     * vendor and device ids (so that restoring into another kind of function is refused), command,
     * cache line size, interrupt line, whether the device asserts INTx, the six BAR registers'
     * addresses and every capability's registers. Where the function sits and what it is attached to
     * are not part of it.
     *
     * @throws IOException only from {@code out}
     */
    public synchronized void saveState(DataOutputStream out) throws IOException {
        out.writeInt(STATE_FORMAT);
        out.writeInt(ids());
        out.writeShort(command);
        out.writeByte(cacheLineSize);
        out.writeByte(interruptLine);
        out.writeBoolean(intxRequested);
        for (long a : bars.addresses()) {
            out.writeLong(a);
        }
        capabilities.saveState(out);
    }

    /**
     * Restores what {@link #saveState} wrote into this (attached) function, as the guest's own config
     * writes would leave it: the BARs are unmapped, then mapped again at the restored addresses through
     * the attachment where the restored command register enables decoding (a BAR that cannot be mapped
     * there stays unmapped, with the error in inspect, as after a guest write), and INTx is driven to the
     * restored level. No message is sent. Nothing changes when the format, the ids or the capability
     * list do not match.
     *
     * @throws IOException naming what does not match, or when the bytes are malformed
     */
    public void restoreState(DataInputStream in) throws IOException {
        int format = in.readInt();
        if (format != STATE_FORMAT) {
            throw new IOException("pci config space: saved format " + format + " is not readable (this library reads "
                    + STATE_FORMAT + ")");
        }
        int ids = in.readInt();
        if (ids != ids()) {
            throw new IOException(String.format("pci config space: saved for a %04x:%04x function, this one is"
                    + " %04x:%04x", ids & 0xFFFF, ids >>> 16, identity.vendorId(), identity.deviceId()));
        }
        int savedCommand = in.readUnsignedShort();
        int savedCacheLine = in.readUnsignedByte();
        int savedLine = in.readUnsignedByte();
        boolean savedIntx = in.readBoolean();
        long[] addresses = new long[BARS];
        for (int i = 0; i < BARS; i++) {
            addresses[i] = in.readLong();
        }
        synchronized (this) {
            capabilities.restoreState(in);
            bars.unmapAll(attachment);
            command = savedCommand & COMMAND_WRITABLE;
            cacheLineSize = savedCacheLine;
            interruptLine = savedLine;
            intxRequested = savedIntx;
            bars.restoreAddresses(addresses);
            bars.remap(command, attachment);
            updateIntx();
        }
    }

    /** The current attachment, or null before the function is attached. */
    public PciAttachment attachment() {
        return attachment;
    }

    /** The config-space offset of {@code cap}, or -1 when it is not in the list. */
    public int capabilityOffset(PciCapability cap) {
        return capabilities.offsetOf(cap);
    }

    @Override
    public synchronized void inspect(InspectNode node) {
        PciAttachment a = attachment;
        node.field("address", a == null ? "detached" : a.address().toString())
                .field("ids", String.format("%04x:%04x class %06x", identity.vendorId(), identity.deviceId(),
                        identity.classCode()))
                .hex("command", command).field("intx", intxRequested ? "asserted" : "idle");
        if (messagesDropped > 0) {
            node.field("messagesDropped", messagesDropped);
        }
        node.child("bars", bars::inspect);
        node.child("capabilities", capabilities::inspect);
    }

    private synchronized int readDword(int offset) {
        return switch (offset) {
            case 0x00 -> identity.vendorId() | identity.deviceId() << 16;
            case 0x04 -> command | status() << 16;
            case 0x08 -> identity.revisionId() | identity.classCode() << 8;
            case 0x0C -> cacheLineSize | (multiFunction ? PciRegisters.HEADER_MULTI_FUNCTION : 0) << 16;
            case 0x10, 0x14, 0x18, 0x1C, 0x20, 0x24 -> bars.read((offset - PciRegisters.BAR0) >>> 2);
            case 0x2C -> identity.subsystemVendorId() | identity.subsystemId() << 16;
            case 0x34 -> capabilities.pointer();
            case 0x3C -> interruptLine | interruptPin << 8;
            default -> 0;
        };
    }

    private synchronized void writeDword(int offset, int value, int byteEnables) {
        switch (offset) {
            case 0x04 -> {
                command = PciRegisters.write(command, value, byteEnables & 0x3, COMMAND_WRITABLE, 0);
                bars.remap(command, attachment);
                updateIntx();
            }
            case 0x0C -> cacheLineSize = PciRegisters.merge(cacheLineSize, value, byteEnables & 0x1);
            case 0x10, 0x14, 0x18, 0x1C, 0x20, 0x24 -> {
                bars.write((offset - PciRegisters.BAR0) >>> 2, value, byteEnables);
                bars.remap(command, attachment);
            }
            case 0x3C -> interruptLine = PciRegisters.merge(interruptLine, value, byteEnables & 0x1);
            default -> {
                // read-only or reserved: identification, header type, subsystem, capability pointer
            }
        }
    }

    private int ids() {
        return identity.vendorId() | identity.deviceId() << 16;
    }

    private static boolean inCapabilities(int offset) {
        return offset >= PciRegisters.CAPABILITIES_START && offset < PciRegisters.STANDARD_SPACE_SIZE;
    }

    private int status() {
        return (capabilities.isEmpty() ? 0 : PciRegisters.STATUS_CAPABILITIES)
                | (intxRequested ? PciRegisters.STATUS_INTERRUPT : 0);
    }

    private void resetRegisters() {
        command = 0;
        cacheLineSize = 0;
        interruptLine = 0;
        bars.reset();
        capabilities.reset();
    }

    private void updateIntx() {
        boolean messages = msi != null && msi.enabled() || msix != null && msix.enabled();
        boolean drive = intxRequested && !messages && (command & PciRegisters.COMMAND_INTX_DISABLE) == 0;
        if (drive != intxDriven) {
            intxDriven = drive;
            if (intxLine != null) {
                intxLine.setLevel(drive);
            }
        }
    }

    void functionLevelReset() {
        reset();
        if (functionLevelReset != null) {
            functionLevelReset.run();
        }
    }

    void sendMessage(long address, int data) {
        PciAttachment a = attachment;
        if (a != null && (command & PciRegisters.COMMAND_BUS_MASTER) != 0) {
            a.msi().signal(address, data);
        } else {
            synchronized (this) {
                messagesDropped++;
            }
        }
    }
}
