package org.jvmm.chipset.api;

import java.util.List;
import java.util.Optional;

/**
 * What firmware tables must say about a PCI host bridge (PCI segment 0). The loader writes:
 * <ul>
 * <li><b>MCFG</b>: one allocation: base address {@link #ecamBase()} (the address of bus 0, as the
 * MCFG wants it, even when {@link #startBus()} is not 0), segment {@link #segment()}, start bus
 * {@link #startBus()}, end bus {@link #endBus()}.</li>
 * <li><b>E820</b>: {@link #ecamRange()} as reserved (type 2). Linux uses ECAM only when the MCFG
 * area is reserved in E820 or by a {@code PNP0C02} device's {@code _CRS}; without ECAM it has no
 * extended config space and then does not ask for native PCIe hot-plug in {@code _OSC}.</li>
 * <li><b>DSDT</b>, under {@code \_SB}: {@code Device(PCI0)} with {@code _HID EisaId("PNP0A08")},
 * {@code _CID EisaId("PNP0A03")}, {@code _SEG} {@link #segment()}, {@code _BBN}
 * {@link #startBus()}, {@code _UID 0}, {@code _ADR 0}, {@code _CRS} (below), {@code _PRT}
 * ({@link #intxRoutes()}), and an {@code _OSC} that grants what the OS asks
 * ({@code Method(_OSC, 4) { Return (Arg3) }}), without which Linux keeps pciehp off.</li>
 * <li><b>{@code _CRS} of PCI0</b>, in this order: {@code WordBusNumber} (producer,
 * MinFixed, MaxFixed, PosDecode) {@link #startBus()}..{@link #endBus()};
 * {@code IO(Decode16, 0xCF8, 0xCF8, 1, 8)} for {@link #configPorts()}; {@code WordIO} (producer,
 * window) {@code 0x0000-0x0CF7} for the legacy ports behind the host bridge (Linux allocates no
 * PCI I/O below 0x1000) and {@code WordIO} {@link #ioWindow()}, the only ports I/O BARs decode
 * in (declare no other port window: BARs the guest put there would not decode);
 * {@code DWordMemory} (producer, non-cacheable, read-write)
 * {@link #lowMmio()}; when present a {@code QWordMemory} (producer, cacheable/prefetchable,
 * read-write) {@link #highMmio()}.</li>
 * <li><b>PNP0C02</b> ("motherboard resources") {@code Device(MRES)} whose {@code _CRS} is a
 * {@code Memory32Fixed} over {@link #ecamRange()}, as a second way to reserve the ECAM.</li>
 * </ul>
 * The ECAM and the windows are inside the PC MMIO hole and never overlap each other, the
 * IOAPIC/LAPIC or the virtio-mmio windows.
 *
 * @param name         the host's name (its chipset device name), e.g. {@code rc0}
 * @param segment      PCI segment group, always 0
 * @param startBus     root bus number
 * @param endBus       last bus number decoded
 * @param ecamBase     MCFG base address: the ECAM address of bus 0
 * @param configPorts  the config mechanism #1 ports 0xCF8..0xCFF (0xCF9, the reset register, is
 *                     a chipset device of its own)
 * @param lowMmio      the 32-bit memory window for BARs and bridge windows
 * @param highMmio     the 64-bit (above 4 GiB) window for 64-bit prefetchable BARs, if any
 * @param ioWindow     the I/O port window for I/O BARs and bridge I/O windows
 * @param intxRoutes   the root bus's {@code _PRT}: every device 0..31 and pin INTA..INTD
 * @param intxGsis     the distinct GSIs the routes use (IOAPIC inputs, level-triggered, shared)
 * @param nativeHotPlug whether any port has PCIe native hot-plug (the {@code _OSC} grant is what
 *                     lets the guest use it)
 */
public record PciHostInfo(String name, int segment, int startBus, int endBus, long ecamBase, PortRange configPorts,
        MmioRange lowMmio, Optional<MmioRange> highMmio, PortRange ioWindow, List<PciIntxRoute> intxRoutes,
        List<Integer> intxGsis, boolean nativeHotPlug) {

    /** Bytes of ECAM per bus (32 devices x 8 functions x 4 KiB). */
    public static final long ECAM_BYTES_PER_BUS = 1L << 20;

    public PciHostInfo {
        if (startBus < 0 || endBus > 255 || endBus < startBus) {
            throw new IllegalArgumentException("pci host " + name + ": bus range must be within 0..255");
        }
        intxRoutes = List.copyOf(intxRoutes);
        intxGsis = List.copyOf(intxGsis);
    }

    /** The MMIO range the ECAM claims: buses {@link #startBus()}..{@link #endBus()}. */
    public MmioRange ecamRange() {
        return new MmioRange(name + "-ecam", ecamBase + startBus * ECAM_BYTES_PER_BUS,
                (endBus - startBus + 1) * ECAM_BYTES_PER_BUS);
    }
}
