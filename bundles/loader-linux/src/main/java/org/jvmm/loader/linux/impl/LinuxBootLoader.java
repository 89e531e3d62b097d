package org.jvmm.loader.linux.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jvmm.chipset.api.AcpiDeviceInfo;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.PciHost;
import org.jvmm.chipset.api.PciHostInfo;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.loader.linux.impl.acpi.AcpiDevice;
import org.jvmm.loader.linux.impl.acpi.AcpiTables;
import org.jvmm.loader.linux.impl.acpi.ComPortDevice;
import org.jvmm.loader.linux.impl.acpi.DescribedDevice;
import org.jvmm.loader.linux.impl.acpi.MotherboardResources;
import org.jvmm.loader.linux.impl.acpi.PciHostBridge;
import org.jvmm.loader.linux.impl.bzimage.BzImageBoot;
import org.jvmm.loader.linux.impl.cmdline.KernelCommandLine;
import org.jvmm.loader.linux.impl.e820.E820Entry;
import org.jvmm.loader.linux.impl.e820.E820Map;
import org.jvmm.loader.linux.impl.fwcfg.AcpiTableLoader;
import org.jvmm.loader.linux.impl.fwcfg.FwCfgContent;
import org.jvmm.loader.linux.impl.multiboot.MultibootBoot;
import org.jvmm.loader.linux.impl.platform.Platform;
import org.jvmm.loader.linux.impl.platform.PlatformReader;
import org.jvmm.loader.linux.impl.pvh.PvhBoot;
import org.jvmm.vm.config.LoadMode;
import org.jvmm.vm.worker.spi.BootContext;
import org.jvmm.vm.worker.spi.BootException;
import org.jvmm.vm.worker.spi.BootLoader;

/**
 * {@code load_mode:linux}: reads and recognises the kernel (and initrd) once, keeping them in
 * memory for later resets, and on every load writes the ACPI tables, the kernel, the initrd and
 * the boot information, and sets up the bootstrap processor. Errors name the file.
 */
public final class LinuxBootLoader implements BootLoader {
    private final LoadMode.LinuxDirect mode;
    private Prepared prepared;

    public LinuxBootLoader(LoadMode.LinuxDirect mode) {
        this.mode = mode;
    }

    @Override
    public void load(BootContext ctx) throws BootException {
        Prepared p = prepare();
        GuestMemory memory = ctx.memory();
        Platform platform = PlatformReader.read(ctx.config(), ctx.processorCount());
        Optional<PciHostInfo> pci = pciHost(ctx.chipsetDevices());
        AcpiTables.AcpiImage acpi = AcpiTables.build(platform, BootAddresses.ACPI,
                acpiDevices(platform, ctx.chipsetDevices(), pci), pci);
        if (acpi.end() > BootAddresses.ACPI_END) {
            throw new BootException("ACPI tables of " + acpi.bytes().length + " bytes exceed their 64 KiB area");
        }
        E820Map e820 = E820Map.pc(memory.layout());
        if (e820.lowRamTop() == 0) {
            throw new BootException(mode.kernel() + ": the VM needs more than 1 MiB of RAM");
        }
        e820.mark(BootAddresses.ACPI, BootAddresses.ACPI_END, E820Entry.ACPI);
        pci.ifPresent(host -> e820.mark(host.ecamRange().start(), host.ecamRange().start() + host.ecamRange().length(),
                E820Entry.RESERVED));
        memory.write(acpi.base(), acpi.bytes(), 0, acpi.bytes().length);
        boolean linux = !(p.kernel() instanceof KernelImage.Multiboot);
        String cmdline = linux ? KernelCommandLine.linux(platform.hasCom1(), mode.cmdline()) : mode.cmdline();
        BootInputs in = new BootInputs(memory, e820, acpi.rsdp(), cmdline, p.initrd());
        LoadedKernel loaded;
        try {
            loaded = switch (p.kernel()) {
                case KernelImage.Bz bz -> BzImageBoot.load(bz.image(), in);
                case KernelImage.Pvh pvh -> PvhBoot.load(pvh.elf(), pvh.entry(), in, pvh.details());
                case KernelImage.Multiboot mb -> MultibootBoot.load(p.file(), mb.header(), in);
            };
        } catch (ImageException e) {
            throw new BootException(mode.kernel() + ": " + e.getMessage(), e);
        }
        loaded.entry().apply(ctx.partition().processor(0));
        FwCfgContent.fill(ctx.fwCfg(), memory.layout().ramSize(), ctx.processorCount(), e820.entries(),
                p.file().bytes(), p.initrd().map(FileImage::bytes), cmdline);
        AcpiTableLoader.fill(ctx.fwCfg(), AcpiTables.build(platform, 0, acpiDevices(platform, ctx.chipsetDevices(), pci),
                pci));
        ctx.publish("linux", new BootReport(mode, loaded, e820.entries(), acpi));
    }

    /**
     * The UARTs as COM devices, named after the configured device ({@code com1} becomes {@code COM1}),
     * then every chipset device that describes itself for ACPI (virtio-mmio transports as {@code VRnn}).
     */
    static List<AcpiDevice> acpiDevices(Platform platform, List<ChipsetDevice> chipset, Optional<PciHostInfo> pci) {
        List<AcpiDevice> devices = new ArrayList<>();
        int uid = 1;
        for (Platform.ComPort com : platform.comPorts()) {
            String name = com.name().toUpperCase(java.util.Locale.ROOT);
            if (!name.matches("[A-Z_][A-Z0-9_]{0,3}")) {
                name = "UAR" + uid;
            }
            devices.add(new ComPortDevice(name, uid++, com.port(), com.irq()));
        }
        pci.ifPresent(p -> {
            devices.add(new PciHostBridge(p));
            devices.add(new MotherboardResources(p.ecamRange()));
        });
        int described = 0;
        for (ChipsetDevice device : chipset) {
            Optional<AcpiDeviceInfo> info = device.acpi();
            if (info.isPresent()) {
                String prefix = info.get().hid().equals("LNRO0005") ? "VR" : "D";
                devices.add(new DescribedDevice(prefix + String.format(prefix.length() == 2 ? "%02X" : "%03X", described++),
                        info.get()));
            }
        }
        return devices;
    }

    /** The PCI host bridge's description, when the chipset has one (the first, segment 0). */
    static Optional<PciHostInfo> pciHost(List<ChipsetDevice> chipset) {
        return chipset.stream().flatMap(d -> d.pciHost().stream()).map(PciHost::info).findFirst();
    }

    private synchronized Prepared prepare() throws BootException {
        if (prepared == null) {
            FileImage kernel = read(mode.kernel());
            Optional<FileImage> initrd = mode.initrd() == null ? Optional.empty() : Optional.of(read(mode.initrd()));
            try {
                prepared = new Prepared(kernel, KernelImage.detect(kernel.bytes(), mode.pvh()), initrd);
            } catch (ImageException e) {
                throw new BootException(mode.kernel() + ": " + e.getMessage(), e);
            }
        }
        return prepared;
    }

    private static FileImage read(String path) throws BootException {
        try {
            return new FileImage(path, Files.readAllBytes(Path.of(path)));
        } catch (NoSuchFileException e) {
            throw new BootException(path + ": No such file or directory", e);
        } catch (IOException | OutOfMemoryError e) {
            throw new BootException(path + ": cannot read: " + e.getMessage(), e);
        }
    }

    private record Prepared(FileImage file, KernelImage kernel, Optional<FileImage> initrd) {
    }
}
