package org.jvmm.loader.linux.impl.acpi;

import java.util.ArrayList;
import java.util.List;
import org.jvmm.chipset.api.MmioRange;
import org.jvmm.chipset.api.PciHostInfo;
import org.jvmm.chipset.api.PciIntxRoute;
import org.jvmm.loader.linux.impl.aml.Aml;
import org.jvmm.loader.linux.impl.aml.ResourceTemplate;

/**
 * The PCI Express host bridge as {@code Device(PCI0)} ({@code PNP0A08}, compatible with
 * {@code PNP0A03}) with its bus range, config ports and windows in {@code _CRS}, the root bus's
 * interrupt routing in {@code _PRT} (straight to IOAPIC GSIs, no link devices) and an {@code _OSC}
 * that grants the OS what it asks for (native PCIe hot-plug, AER, PME), as {@link PciHostInfo}
 * documents.
 */
public record PciHostBridge(PciHostInfo info) implements AcpiDevice {
    @Override
    public byte[] aml() {
        return Aml.device("PCI0", Aml.name("_HID", Aml.eisaId("PNP0A08")), Aml.name("_CID", Aml.eisaId("PNP0A03")),
                Aml.name("_ADR", Aml.integer(0)), Aml.name("_UID", Aml.integer(0)),
                Aml.name("_SEG", Aml.integer(info.segment())), Aml.name("_BBN", Aml.integer(info.startBus())),
                Aml.name("_CRS", crs().toAml()), Aml.name("_PRT", prt()), Aml.method("_OSC", 4, Aml.returnArg(3)));
    }

    private ResourceTemplate crs() {
        ResourceTemplate t = new ResourceTemplate().wordBusNumber(info.startBus(), info.endBus())
                .io(info.configPorts().start(), info.configPorts().start(), 1, info.configPorts().length())
                .wordIo(0, info.configPorts().start() - 1)
                .wordIo(info.ioWindow().start(), info.ioWindow().start() + info.ioWindow().length() - 1);
        MmioRange low = info.lowMmio();
        t.dwordMemory(low.start(), low.start() + low.length() - 1);
        info.highMmio().ifPresent(h -> t.qwordMemory(h.start(), h.start() + h.length() - 1));
        return t;
    }

    private byte[] prt() {
        List<byte[]> entries = new ArrayList<>();
        for (PciIntxRoute r : info.intxRoutes()) {
            entries.add(Aml.pkg(Aml.integer(r.prtAddress()), Aml.integer(r.pin() - 1), Aml.integer(0),
                    Aml.integer(r.gsi())));
        }
        return Aml.pkg(entries.toArray(byte[][]::new));
    }
}
