package org.jvmm.loader.linux.impl.multiboot;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
import org.jvmm.loader.linux.impl.e820.E820Entry;
import org.jvmm.loader.linux.impl.elf.ElfImage;
import org.jvmm.loader.linux.impl.elf.SegmentLoader;

/**
 * Boots a Multiboot v1 kernel as QEMU's {@code -kernel} does: the a.out-kludge addresses when the
 * header has them, else the segments of a 32-bit ELF; the initrd as a module on the next page
 * after the kernel; the command line "{@code kernel-path cmdline}"; the info block at
 * {@link BootAddresses#INFO_BLOCK}; flat 32-bit protected mode, EAX = 0x2BADB002, EBX = info.
 */
public final class MultibootBoot {
    public static final String LOADER_NAME = "jvmm";

    private MultibootBoot() {
    }

    public static LoadedKernel load(FileImage kernel, MultibootHeader header, BootInputs in) throws ImageException {
        header.checkSupported();
        GuestMemory memory = in.memory();
        Placed loaded = header.aoutKludge() ? AoutKludge.load(kernel.bytes(), header, memory)
                : loadElf(kernel.bytes(), memory);
        long entry = loaded.entry();
        List<MultibootInfo.Module> modules = new ArrayList<>();
        StringArea strings = new StringArea(memory);
        LoadedKernel.Region initrd = LoadedKernel.Region.NONE;
        if (in.initrd().isPresent()) {
            FileImage file = in.initrd().get();
            long at = Placement.after(in.e820(), file.size(), loaded.end());
            memory.write(at, file.bytes(), 0, file.size());
            initrd = new LoadedKernel.Region(at, file.size());
            modules.add(new MultibootInfo.Module(at, at + file.size(), strings.put(file.path())));
        }
        String cmdline = in.cmdline().isEmpty() ? kernel.path() : kernel.path() + " " + in.cmdline();
        KernelCommandLine.write(memory, BootAddresses.CMDLINE, cmdline, BootAddresses.CMDLINE_MAX);
        List<E820Entry> map = in.e820().entries();
        byte[] info = MultibootInfo.build(BootAddresses.INFO_BLOCK, memLowerKb(map), memUpperKb(map),
                BootAddresses.CMDLINE, modules, map, strings.put(LOADER_NAME),
                (int) (BootAddresses.INFO_BLOCK_END - BootAddresses.INFO_BLOCK));
        memory.write(BootAddresses.INFO_BLOCK, info, 0, info.length);
        Gdt.write(memory, BootAddresses.GDT);
        CpuEntry cpu = new CpuEntry.Protected32(entry, MultibootInfo.BOOTLOADER_MAGIC & 0xFFFF_FFFFL,
                BootAddresses.INFO_BLOCK);
        return new LoadedKernel("multiboot", cpu, loaded.start(), loaded.end(), initrd, "multiboot_info",
                BootAddresses.INFO_BLOCK, BootAddresses.CMDLINE, cmdline,
                Map.of("layout", header.aoutKludge() ? "a.out kludge" : "ELF32"));
    }

    /** An ELF32 kernel's segments; the entry is translated to physical if it is virtual. */
    private static Placed loadElf(byte[] image, GuestMemory memory) throws ImageException {
        ElfImage elf = ElfImage.parse(image);
        if (elf.elf64()) {
            throw new ImageException("a Multiboot kernel must be a 32-bit ELF (or use the a.out kludge)");
        }
        SegmentLoader.Extent extent = SegmentLoader.load(elf, memory);
        long entry = elf.entry();
        for (var ph : elf.loads()) {
            if (entry >= ph.vaddr() && entry < ph.vaddr() + ph.memSize()) {
                entry = entry - ph.vaddr() + ph.paddr();
                break;
            }
        }
        return new Placed(extent.low(), extent.high(), entry);
    }

    private static long memLowerKb(List<E820Entry> map) {
        return map.stream().filter(e -> e.type() == E820Entry.RAM && e.addr() == 0).mapToLong(E820Entry::end)
                .findFirst().orElse(0) / 1024;
    }

    private static long memUpperKb(List<E820Entry> map) {
        return map.stream().filter(e -> e.type() == E820Entry.RAM && e.addr() == BootAddresses.HIGH_MEMORY)
                .mapToLong(E820Entry::size).findFirst().orElse(0) / 1024;
    }

    /** NUL-terminated strings from {@link BootAddresses#STRINGS}. */
    private static final class StringArea {
        private final GuestMemory memory;
        private long next = BootAddresses.STRINGS;

        StringArea(GuestMemory memory) {
            this.memory = memory;
        }

        long put(String s) throws ImageException {
            byte[] b = (s + "\0").getBytes(StandardCharsets.UTF_8);
            if (next + b.length > BootAddresses.STRINGS_END) {
                throw new ImageException("Multiboot strings exceed " + (BootAddresses.STRINGS_END
                        - BootAddresses.STRINGS) + " bytes");
            }
            long at = next;
            memory.write(at, b, 0, b.length);
            next += b.length;
            return at;
        }
    }
}
