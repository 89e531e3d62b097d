package org.jvmm.loader.linux.impl.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.jvmm.chipset.resources.AcpiPmHandle;
import org.jvmm.chipset.resources.I8042Handle;
import org.jvmm.chipset.resources.IoApicHandle;
import org.jvmm.chipset.resources.PicHandle;
import org.jvmm.chipset.resources.Serial16550Handle;
import org.jvmm.vm.config.SerialPortConfig;
import org.jvmm.vm.config.VmConfig;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * Reads the {@link Platform} from a configuration: the {@code serial} ports (COM1-COM4 at their
 * standard ports and IRQs, as the worker creates them) and the {@code chipsetDevices} handles of
 * the UARTs, I/O APICs, the ACPI PM block, the PIC and the i8042. I/O APICs get GSI bases in order, 24 each,
 * as the worker's interrupt router numbers them.
 */
public final class PlatformReader {
    private PlatformReader() {
    }

    public static Platform read(VmConfig config, int processors) {
        List<Platform.ComPort> com = new ArrayList<>();
        for (SerialPortConfig port : config.serial()) {
            Serial16550Handle h = Serial16550Handle.com(port.index() + 1, port.backend());
            com.add(new Platform.ComPort(h.name(), h.port(), h.irq()));
        }
        List<Platform.IoApic> ioApics = new ArrayList<>();
        OptionalInt pm = OptionalInt.empty();
        boolean pic = false;
        boolean i8042 = false;
        for (ResourceHandle device : config.chipsetDevices()) {
            switch (device) {
                case Serial16550Handle h -> com.add(new Platform.ComPort(h.name(), h.port(), h.irq()));
                case IoApicHandle h -> ioApics.add(new Platform.IoApic(h.apicId(), h.baseAddress(),
                        ioApics.size() * IoApicHandle.PINS));
                case AcpiPmHandle h -> pm = OptionalInt.of(h.portBase());
                case PicHandle h -> pic = true;
                case I8042Handle h -> i8042 = true;
                default -> {
                }
            }
        }
        return new Platform(processors, com, ioApics, pm, pic, i8042);
    }
}
