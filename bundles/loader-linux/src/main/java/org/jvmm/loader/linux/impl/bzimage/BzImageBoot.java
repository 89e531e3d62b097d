package org.jvmm.loader.linux.impl.bzimage;

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
import org.jvmm.loader.linux.impl.cpu.PageTables;

/**
 * Boots a bzImage through its 64-bit entry, as OpenVMM does: the protected-mode kernel at its
 * preferred address (0x100000 without one; aligned up to kernel_alignment when relocatable), the
 * initrd as high as it may go and clear of the kernel's {@code init_size} (the decompressor's
 * working area), boot_params at {@link BootAddresses#ZERO_PAGE}, the command line at
 * {@link BootAddresses#CMDLINE}, long mode with identity-mapped page tables, RIP = load address +
 * 0x200, RSI = boot_params.
 */
public final class BzImageBoot {
    private BzImageBoot() {
    }

    public static LoadedKernel load(BzImage image, BootInputs in) throws ImageException {
        SetupHeader h = image.header();
        GuestMemory memory = in.memory();
        long load = loadAddress(h);
        long end = load + Math.max(h.initSize(), image.kernelSize());
        if (!in.e820().isRam(load, end - load)) {
            throw new ImageException("the kernel needs RAM at 0x%x-0x%x (init_size 0x%x); give the VM more memory"
                    .formatted(load, end, h.initSize()));
        }
        memory.write(load, image.image(), (int) h.kernelOffset(), image.kernelSize());
        LoadedKernel.Region initrd = LoadedKernel.Region.NONE;
        if (in.initrd().isPresent()) {
            FileImage file = in.initrd().get();
            long at = Placement.high(in.e820(), file.size(), h.initrdAddrMax() + 1, end);
            memory.write(at, file.bytes(), 0, file.size());
            initrd = new LoadedKernel.Region(at, file.size());
        }
        long cmdlineMax = Math.min(h.cmdlineSize() + 1, BootAddresses.CMDLINE_MAX);
        KernelCommandLine.write(memory, BootAddresses.CMDLINE, in.cmdline(), cmdlineMax);
        byte[] zeroPage = ZeroPage.build(image, load, BootAddresses.CMDLINE, initrd.address(), initrd.size(),
                in.e820().entries(), in.rsdp());
        memory.write(BootAddresses.ZERO_PAGE, zeroPage, 0, zeroPage.length);
        Gdt.write(memory, BootAddresses.GDT);
        long cr3 = PageTables.write(memory, BootAddresses.PAGE_TABLES);
        CpuEntry entry = new CpuEntry.LongMode(load + SetupHeader.ENTRY_64_OFFSET, BootAddresses.ZERO_PAGE, cr3);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("protocol", h.versionString());
        return new LoadedKernel("bzImage", entry, load, end, initrd, "zero_page", BootAddresses.ZERO_PAGE,
                BootAddresses.CMDLINE, in.cmdline(), details);
    }

    /** pref_address, aligned up to kernel_alignment for a relocatable kernel; 0x100000 without one. */
    static long loadAddress(SetupHeader h) {
        long load = h.prefAddress() != 0 ? h.prefAddress() : BootAddresses.HIGH_MEMORY;
        if (h.relocatable() && h.kernelAlignment() > 0 && Long.bitCount(h.kernelAlignment()) == 1) {
            load = BootAddresses.alignUp(load, h.kernelAlignment());
        }
        return load;
    }
}
