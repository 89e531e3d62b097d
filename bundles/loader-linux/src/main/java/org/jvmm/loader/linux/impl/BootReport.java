package org.jvmm.loader.linux.impl;

import java.util.List;
import org.jvmm.inspect.InspectNode;
import org.jvmm.inspect.Inspectable;
import org.jvmm.loader.linux.impl.acpi.AcpiTables;
import org.jvmm.loader.linux.impl.e820.E820Entry;
import org.jvmm.vm.config.LoadMode;

/** {@code boot/linux} in the inspect tree: the files, what was loaded where, the memory map and the ACPI tables. */
record BootReport(LoadMode.LinuxDirect mode, LoadedKernel loaded, List<E820Entry> e820, AcpiTables.AcpiImage acpi)
        implements Inspectable {
    @Override
    public void inspect(InspectNode node) {
        node.field("kernel_file", mode.kernel());
        if (mode.initrd() != null) {
            node.field("initrd_file", mode.initrd());
        }
        node.field("pvh", mode.pvh());
        loaded.inspect(node);
        InspectNode map = node.child("e820");
        for (int i = 0; i < e820.size(); i++) {
            map.field(Integer.toString(i), e820.get(i).toString());
        }
        InspectNode tables = node.child("acpi");
        acpi.tables().forEach((name, address) -> tables.hex(name, address));
    }
}
