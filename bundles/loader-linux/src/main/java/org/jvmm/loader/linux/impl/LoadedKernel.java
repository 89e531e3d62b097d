package org.jvmm.loader.linux.impl;

import java.util.Map;
import org.jvmm.inspect.InspectNode;
import org.jvmm.inspect.Inspectable;
import org.jvmm.loader.linux.impl.cpu.CpuEntry;

/**
 * What a boot path loaded, for the processor setup and the inspect tree.
 *
 * @param format      {@code bzImage}, {@code pvh} or {@code multiboot}
 * @param entry       the bootstrap processor's state at the kernel's entry
 * @param kernelStart first byte the kernel occupies
 * @param kernelEnd   first byte after what the kernel occupies (its init_size or bss included)
 * @param initrd      where the initrd went ({@link Region#NONE} without one)
 * @param infoName    {@code zero_page}, {@code start_info} or {@code multiboot_info}
 * @param infoAddress guest-physical address of that block
 * @param cmdline     address and text of the command line
 * @param details     format-specific facts (protocol version, payload compression, ...)
 */
public record LoadedKernel(String format, CpuEntry entry, long kernelStart, long kernelEnd, Region initrd,
        String infoName, long infoAddress, long cmdlineAddress, String cmdline, Map<String, String> details)
        implements Inspectable {
    public LoadedKernel {
        details = Map.copyOf(details);
    }

    @Override
    public void inspect(InspectNode node) {
        node.field("format", format).hex("entry", entry.entry())
                .field("mode", entry instanceof CpuEntry.LongMode ? "long mode" : "32-bit protected mode");
        node.child("kernel").hex("start", kernelStart).hex("end", kernelEnd);
        if (initrd.size() > 0) {
            node.child("initrd").hex("start", initrd.address()).hex("size", initrd.size());
        }
        node.hex(infoName, infoAddress);
        node.child("cmdline").hex("address", cmdlineAddress).field("text", cmdline);
        details.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> node.field(e.getKey(), e.getValue()));
    }

    /** A guest-physical range. */
    public record Region(long address, long size) {
        public static final Region NONE = new Region(0, 0);
    }
}
