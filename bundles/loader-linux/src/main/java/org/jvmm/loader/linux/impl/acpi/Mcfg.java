package org.jvmm.loader.linux.impl.acpi;

import org.jvmm.chipset.api.PciHostInfo;
import org.jvmm.loader.linux.impl.ByteWriter;

/**
 * The PCI Express memory-mapped configuration table: 8 reserved bytes, then one allocation
 * (base address of bus 0's ECAM, segment, start and end bus, 4 reserved bytes).
 */
public final class Mcfg {
    private Mcfg() {
    }

    public static byte[] build(PciHostInfo info) {
        ByteWriter w = new ByteWriter().u64(0).u64(info.ecamBase()).u16(info.segment()).u8(info.startBus())
                .u8(info.endBus()).u32(0);
        return Sdt.table("MCFG", 1, w.toByteArray());
    }
}
