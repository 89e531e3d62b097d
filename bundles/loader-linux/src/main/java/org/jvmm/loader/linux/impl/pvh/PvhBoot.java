package org.jvmm.loader.linux.impl.pvh;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.loader.linux.impl.BootAddresses;
import org.jvmm.loader.linux.impl.BootInputs;
import org.jvmm.loader.linux.impl.FileImage;
import org.jvmm.loader.linux.impl.ImageException;
import org.jvmm.loader.linux.impl.LoadedKernel;
import org.jvmm.loader.linux.impl.Placement;
import org.jvmm.loader.linux.impl.cmdline.KernelCommandLine;
import org.jvmm.loader.linux.impl.cpu.CpuEntry;
import org.jvmm.loader.linux.impl.cpu.Gdt;
import org.jvmm.loader.linux.impl.elf.ElfImage;
import org.jvmm.loader.linux.impl.elf.SegmentLoader;

/**
 * Boots an ELF kernel through its PVH entry (the x86/HVM direct boot ABI): PT_LOAD segments at
 * their physical addresses, the initrd as the one module as high as it goes below the top of low
 * RAM, {@code hvm_start_info} at {@link BootAddresses#INFO_BLOCK}, flat 32-bit protected mode
 * with paging off, EBX = start_info.
 */
public final class PvhBoot {
    private PvhBoot() {
    }

    public static LoadedKernel load(ElfImage elf, long entry, BootInputs in, Map<String, String> extra)
            throws ImageException {
        GuestMemory memory = in.memory();
        SegmentLoader.Extent extent = SegmentLoader.load(elf, memory);
        if (entry < extent.low() || entry >= extent.high()) {
            throw new ImageException("PVH entry 0x%x lies outside the loaded segments 0x%x-0x%x"
                    .formatted(entry, extent.low(), extent.high()));
        }
        LoadedKernel.Region initrd = LoadedKernel.Region.NONE;
        if (in.initrd().isPresent()) {
            FileImage file = in.initrd().get();
            long at = Placement.high(in.e820(), file.size(), Long.MAX_VALUE, extent.high());
            memory.write(at, file.bytes(), 0, file.size());
            initrd = new LoadedKernel.Region(at, file.size());
        }
        KernelCommandLine.write(memory, BootAddresses.CMDLINE, in.cmdline(), BootAddresses.CMDLINE_MAX);
        int blockSize = (int) (BootAddresses.INFO_BLOCK_END - BootAddresses.INFO_BLOCK);
        byte[] info = StartInfo.build(BootAddresses.INFO_BLOCK, BootAddresses.CMDLINE, in.rsdp(),
                in.initrd().isEmpty() ? null : new long[] {initrd.address(), initrd.size()},
                in.e820().entries(), blockSize);
        memory.write(BootAddresses.INFO_BLOCK, info, 0, info.length);
        Gdt.write(memory, BootAddresses.GDT);
        Map<String, String> details = new LinkedHashMap<>(extra);
        details.put("elf", elf.elf64() ? "ELF64" : "ELF32");
        return new LoadedKernel("pvh", new CpuEntry.Protected32(entry, 0, BootAddresses.INFO_BLOCK), extent.low(),
                extent.high(), initrd, "start_info", BootAddresses.INFO_BLOCK, BootAddresses.CMDLINE, in.cmdline(),
                details);
    }
}
