package org.jvmm.pci.api;

import java.lang.System.Logger.Level;
import java.util.List;
import org.jvmm.chipset.api.MmioRange;
import org.jvmm.chipset.api.PciAttachment;
import org.jvmm.chipset.api.PortRange;
import org.jvmm.inspect.InspectNode;

/**
 * The six BAR registers of a type-0 header: sizing (all-ones writes read back the size mask),
 * 32/64-bit addresses, and mapping through the attachment's mappers while the command register
 * enables decoding. A BAR that cannot be mapped (outside the host's windows, overlapping another
 * range) stays unmapped and its error is kept for inspection and logged. Not synchronised.
 */
final class BarBank {
    private static final System.Logger LOG = System.getLogger(BarBank.class.getName());
    private static final int BARS = 6;

    private final BarSpec[] specs = new BarSpec[BARS];
    private final boolean[] upperHalf = new boolean[BARS];
    private final long[] address = new long[BARS];
    private final Object[] mapped = new Object[BARS];
    private final String[] errors = new String[BARS];
    private final MsixCapability msix;

    BarBank(List<BarSpec> list, MsixCapability msix) {
        this.msix = msix;
        for (BarSpec s : list) {
            claim(s.index(), s);
            if (s.type() == BarType.MEMORY64) {
                claim(s.index() + 1, s);
                upperHalf[s.index() + 1] = true;
            }
            specs[s.index()] = s;
        }
        if (msix != null) {
            checkMsixRegion("table", msix.tableBar(), msix.tableOffset(), msix.tableSize());
            checkMsixRegion("pba", msix.pbaBar(), msix.pbaOffset(), msix.pbaSize());
            if (msix.tableBar() == msix.pbaBar() && msix.tableOffset() < msix.pbaOffset() + msix.pbaSize()
                    && msix.pbaOffset() < msix.tableOffset() + msix.tableSize()) {
                throw new IllegalArgumentException("msi-x: table and pba overlap");
            }
        }
        for (BarSpec s : specs) {
            if (s != null && s.handler() == null && !holdsMsix(s.index())) {
                throw new IllegalArgumentException("pci bar " + s.index() + ": needs a handler (it holds no MSI-X"
                        + " structure)");
            }
        }
    }

    /** The register at BAR index {@code reg} (0..5) as the guest reads it. */
    int read(int reg) {
        if (upperHalf[reg]) {
            BarSpec s = specs[reg - 1];
            return (int) ((address[reg - 1] & ~(s.size() - 1)) >>> 32);
        }
        BarSpec s = specs[reg];
        if (s == null) {
            return 0;
        }
        long mask = s.type() == BarType.IO ? 0xFFFCL : 0xFFFF_FFF0L;
        return (int) (address[reg] & ~(s.size() - 1) & mask) | s.typeBits();
    }

    /** A guest write with byte enables to BAR register {@code reg}. */
    void write(int reg, int value, int byteEnables) {
        if (upperHalf[reg]) {
            int i = reg - 1;
            int high = PciRegisters.merge(read(reg), value, byteEnables);
            address[i] = ((long) high << 32 | address[i] & 0xFFFF_FFFFL) & ~(specs[i].size() - 1);
        } else if (specs[reg] != null) {
            BarSpec s = specs[reg];
            long low = PciRegisters.merge(read(reg), value, byteEnables) & 0xFFFF_FFFFL;
            long mask = s.type() == BarType.IO ? 0xFFFCL : 0xFFFF_FFF0L;
            address[reg] = (address[reg] & 0xFFFF_FFFF_0000_0000L | low & mask) & ~(s.size() - 1);
        }
    }

    /** Maps and unmaps so that exactly the decodable BARs are mapped at their addresses. */
    void remap(int command, PciAttachment attachment) {
        for (BarSpec s : specs) {
            if (s != null) {
                remapOne(s, command, attachment);
            }
        }
    }

    /** Unmaps everything through {@code attachment} (if any). */
    void unmapAll(PciAttachment attachment) {
        remap(0, attachment);
    }

    /** Forgets the mappings without unmapping (their attachment is dead and they are gone). */
    void forgetMappings() {
        java.util.Arrays.fill(mapped, null);
        java.util.Arrays.fill(errors, null);
    }

    /** Addresses back to 0; call after unmapping. */
    void reset() {
        java.util.Arrays.fill(address, 0);
        java.util.Arrays.fill(errors, null);
    }

    /** The address programmed into BAR {@code index}, or -1 when no BAR starts there. */
    long address(int index) {
        return index >= 0 && index < BARS && specs[index] != null ? address[index] : -1;
    }

    /** Every BAR register's programmed address (0 where no BAR starts), for a snapshot. */
    long[] addresses() {
        long[] out = new long[BARS];
        for (int i = 0; i < BARS; i++) {
            out[i] = specs[i] != null ? address[i] : 0;
        }
        return out;
    }

    /**
     * Sets the addresses {@link #addresses} returned, aligned to each BAR's size as a guest write
     * would leave them; call with everything unmapped, then {@link #remap}.
     */
    void restoreAddresses(long[] saved) {
        for (int i = 0; i < BARS; i++) {
            BarSpec s = specs[i];
            if (s == null) {
                address[i] = 0;
                continue;
            }
            long mask = switch (s.type()) {
                case IO -> 0xFFFCL;
                case MEMORY32 -> 0xFFFF_FFF0L;
                case MEMORY64 -> 0xFFFF_FFFF_FFFF_FFF0L;
            };
            address[i] = saved[i] & mask & ~(s.size() - 1);
        }
        java.util.Arrays.fill(errors, null);
    }

    boolean isMapped(int index) {
        return index >= 0 && index < BARS && mapped[index] != null;
    }

    void inspect(InspectNode node) {
        for (BarSpec s : specs) {
            if (s == null) {
                continue;
            }
            InspectNode n = node.child(Integer.toString(s.index()));
            n.field("type", s.type() + (s.prefetchable() ? " prefetchable" : "")).hex("size", s.size())
                    .hex("address", address[s.index()]).field("mapped", mapped[s.index()] != null);
            if (errors[s.index()] != null) {
                n.field("error", errors[s.index()]);
            }
        }
    }

    private void remapOne(BarSpec s, int command, PciAttachment attachment) {
        int i = s.index();
        long addr = address[i];
        int enable = s.type() == BarType.IO ? PciRegisters.COMMAND_IO : PciRegisters.COMMAND_MEMORY;
        boolean want = attachment != null && (command & enable) != 0 && addr != 0 && fits(s, addr);
        Object current = mapped[i];
        if (current != null && (!want || start(current) != addr)) {
            mapped[i] = null;
            unmap(attachment, current, i);
        }
        if (want && mapped[i] == null) {
            map(attachment, s, addr);
        }
    }

    private void map(PciAttachment attachment, BarSpec s, long addr) {
        int i = s.index();
        String name = attachment.address() + " BAR" + i;
        try {
            if (s.type() == BarType.IO) {
                MappedIoBar bar = new MappedIoBar(new PortRange(name, (int) addr, (int) s.size()), s.handler());
                attachment.io().map(bar.range(), bar);
                mapped[i] = bar;
            } else {
                MappedMemoryBar bar = new MappedMemoryBar(i, new MmioRange(name, addr, s.size()), s.handler(),
                        holdsMsix(i) ? msix : null);
                attachment.mmio().map(bar.range(), bar);
                mapped[i] = bar;
            }
            errors[i] = null;
        } catch (RuntimeException e) {
            fail(i, String.format("not mapped at 0x%x: %s", addr, e.getMessage()));
        }
    }

    private void unmap(PciAttachment attachment, Object current, int i) {
        try {
            if (current instanceof MappedIoBar io) {
                attachment.io().unmap(io.range());
            } else if (current instanceof MappedMemoryBar mem) {
                attachment.mmio().unmap(mem.range());
            }
        } catch (RuntimeException e) {
            fail(i, "unmap failed: " + e.getMessage());
        }
    }

    private void fail(int i, String message) {
        if (!message.equals(errors[i])) {
            LOG.log(Level.WARNING, "pci BAR" + i + " " + message);
        }
        errors[i] = message;
    }

    private static long start(Object m) {
        return m instanceof MappedIoBar io ? io.range().start() : ((MappedMemoryBar) m).range().start();
    }

    private static boolean fits(BarSpec s, long addr) {
        if (s.type() == BarType.IO) {
            return addr + s.size() <= 0x10000;
        }
        return addr > 0 && addr + s.size() > addr;
    }

    private boolean holdsMsix(int index) {
        return msix != null && (msix.tableBar() == index || msix.pbaBar() == index);
    }

    private void claim(int reg, BarSpec s) {
        if (specs[reg] != null || upperHalf[reg]) {
            throw new IllegalArgumentException("pci bar " + s.index() + ": register " + reg + " is already taken");
        }
    }

    private void checkMsixRegion(String what, int bar, long offset, long size) {
        BarSpec s = bar < BARS ? specs[bar] : null;
        if (s == null || s.type() == BarType.IO) {
            throw new IllegalArgumentException("msi-x: the " + what + " must be in a memory BAR; BAR" + bar
                    + " is " + (s == null ? "absent" : "I/O"));
        }
        if (offset + size > s.size()) {
            throw new IllegalArgumentException("msi-x: the " + what + " (0x" + Long.toHexString(offset) + "+0x"
                    + Long.toHexString(size) + ") does not fit BAR" + bar);
        }
    }
}
