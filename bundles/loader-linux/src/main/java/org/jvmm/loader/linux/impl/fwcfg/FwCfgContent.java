package org.jvmm.loader.linux.impl.fwcfg;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.jvmm.chipset.api.FwCfgItems;
import org.jvmm.loader.linux.impl.e820.E820Entry;

/**
 * What QEMU's fw_cfg tells firmware and test kernels about a directly booted VM, as QEMU fills it
 * for {@code -kernel}: RAM size, processor counts, the memory map ({@code etc/e820}: packed
 * little-endian {@code u64 address, u64 length, u32 type}), and the kernel, initrd and command
 * line (KERNEL/INITRD/CMDLINE size and data items; the command line NUL-terminated).
 */
public final class FwCfgContent {
    static final int E820_ENTRY = 20;

    private FwCfgContent() {
    }

    public static void fill(FwCfgItems items, long ramBytes, int processors, List<E820Entry> e820, byte[] kernel,
            Optional<byte[]> initrd, String cmdline) {
        items.putInt64(FwCfgItems.RAM_SIZE, ramBytes);
        items.putInt16(FwCfgItems.NB_CPUS, processors);
        items.putInt16(FwCfgItems.MAX_CPUS, processors);
        items.putFile("etc/e820", e820(e820));
        items.putInt32(FwCfgItems.KERNEL_SIZE, kernel.length);
        items.put(FwCfgItems.KERNEL_DATA, kernel);
        byte[] rd = initrd.orElse(new byte[0]);
        items.putInt32(FwCfgItems.INITRD_SIZE, rd.length);
        items.put(FwCfgItems.INITRD_DATA, rd);
        byte[] line = (cmdline + "\0").getBytes(StandardCharsets.US_ASCII);
        items.putInt32(FwCfgItems.CMDLINE_SIZE, line.length);
        items.put(FwCfgItems.CMDLINE_DATA, line);
    }

    static byte[] e820(List<E820Entry> entries) {
        ByteBuffer b = ByteBuffer.allocate(entries.size() * E820_ENTRY).order(ByteOrder.LITTLE_ENDIAN);
        for (E820Entry e : entries) {
            b.putLong(e.addr()).putLong(e.size()).putInt(e.type());
        }
        return b.array();
    }
}
