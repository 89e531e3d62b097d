package org.jvmm.loader.linux.impl.acpi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jvmm.chipset.api.PciHostInfo;
import org.jvmm.loader.linux.impl.ByteWriter;
import org.jvmm.loader.linux.impl.platform.Platform;

/**
 * Lays out the ACPI tables of a {@link Platform} as one block for a given guest address: RSDP
 * first (so a scan of 0xE0000-0xFFFFF finds it), then FACS (64-byte aligned, only with an ACPI
 * PM block), DSDT, FADT, MADT, XSDT and RSDT, each 16-byte aligned.
 */
public final class AcpiTables {
    private AcpiTables() {
    }

    /**
     * The tables as laid out at {@code base}.
     *
     * @param base    guest-physical address of the block, 16-byte aligned, below 4 GiB
     * @param devices the devices the DSDT describes under {@code \_SB}
     */
    public static AcpiImage build(Platform platform, long base, List<? extends AcpiDevice> devices) {
        return build(platform, base, devices, Optional.empty());
    }

    /** As {@link #build(Platform, long, List)}, with an MCFG for {@code pci}'s ECAM when there is one. */
    public static AcpiImage build(Platform platform, long base, List<? extends AcpiDevice> devices,
            Optional<PciHostInfo> pci) {
        boolean full = platform.acpiPmBase().isPresent();
        ByteWriter w = new ByteWriter(4096);
        w.zeros(Rsdp.LENGTH).align(64);
        Map<String, Long> at = new LinkedHashMap<>();
        at.put("RSDP", base);
        long facs = 0;
        if (full) {
            facs = place(w, base, Facs.build(), 64, at, "FACS");
        }
        long dsdt = place(w, base, Dsdt.build(devices, full), 16, at, "DSDT");
        List<Long> listed = new ArrayList<>();
        listed.add(place(w, base, Fadt.build(platform.acpiPmBase(), platform.i8042(), facs, dsdt), 16, at, "FACP"));
        listed.add(place(w, base, Madt.build(platform), 16, at, "APIC"));
        if (pci.isPresent()) {
            listed.add(place(w, base, Mcfg.build(pci.get()), 16, at, "MCFG"));
        }
        long xsdt = place(w, base, RootTables.xsdt(listed), 16, at, "XSDT");
        long rsdt = place(w, base, RootTables.rsdt(listed), 16, at, "RSDT");
        byte[] bytes = w.toByteArray();
        System.arraycopy(Rsdp.build(rsdt, xsdt), 0, bytes, 0, Rsdp.LENGTH);
        return new AcpiImage(base, bytes, at);
    }

    private static long place(ByteWriter w, long base, byte[] table, int alignment, Map<String, Long> at,
            String name) {
        w.align(alignment);
        long address = base + w.size();
        w.bytes(table);
        at.put(name, address);
        return address;
    }

    /**
     * The laid-out block.
     *
     * @param base   its guest-physical address; the RSDP is at {@code base}
     * @param bytes  the block
     * @param tables table signature to guest-physical address, in block order
     */
    public record AcpiImage(long base, byte[] bytes, Map<String, Long> tables) {
        public AcpiImage {
            tables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        }

        public long rsdp() {
            return base;
        }

        public long end() {
            return base + bytes.length;
        }
    }
}
