package org.jvmm.chipset.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.InterruptController;
import org.jvmm.chipset.api.MmioRange;
import org.jvmm.chipset.api.PortRange;
import org.jvmm.chipset.impl.acpipm.AcpiPmResolver;
import org.jvmm.chipset.impl.debugcon.DebugconResolver;
import org.jvmm.chipset.impl.debugexit.DebugExitResolver;
import org.jvmm.chipset.impl.fwcfg.FwCfgResolver;
import org.jvmm.chipset.impl.i8042.I8042Resolver;
import org.jvmm.chipset.impl.ioapic.IoApicResolver;
import org.jvmm.chipset.impl.pic.PicResolver;
import org.jvmm.chipset.impl.pit.PitResolver;
import org.jvmm.chipset.impl.portsink.PortSinkResolver;
import org.jvmm.chipset.impl.rtc.RtcResolver;
import org.jvmm.chipset.impl.serial.Serial16550Resolver;
import org.jvmm.chipset.resources.AcpiPmHandle;
import org.jvmm.chipset.resources.DebugExitHandle;
import org.jvmm.chipset.resources.DebugconHandle;
import org.jvmm.chipset.resources.FwCfgHandle;
import org.jvmm.chipset.resources.I8042Handle;
import org.jvmm.chipset.resources.IoApicHandle;
import org.jvmm.chipset.resources.PicHandle;
import org.jvmm.chipset.resources.PitHandle;
import org.jvmm.chipset.resources.PortSinkHandle;
import org.jvmm.chipset.resources.RtcHandle;
import org.jvmm.chipset.resources.Serial16550Handle;
import org.jvmm.chipset.api.FwCfgItems;
import org.jvmm.chipset.serial.MemorySerialBackend;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.guestmem.GuestMemoryLayout;
import org.jvmm.vm.config.StderrSerialHandle;
import org.jvmm.vmm.resource.ResolveException;
import org.junit.jupiter.api.Test;

class ResolversTest {
    FakeChipset chipset = new FakeChipset();
    FakeResolveContext ctx = new FakeResolveContext(chipset);

    static List<PortRange> ports(ChipsetDevice d) {
        return d.portIo().orElseThrow().portRanges();
    }

    @Test
    void serialResolvesItsBackendAndWiresTheWaker() throws Exception {
        MemorySerialBackend backend = new MemorySerialBackend();
        ctx.answer(new StderrSerialHandle(), backend);
        ChipsetDevice com2 = new Serial16550Resolver().resolve(Serial16550Handle.com(2, new StderrSerialHandle()), ctx);
        assertEquals("com2", com2.name());
        assertEquals(List.of(new PortRange("com2", 0x2F8, 8)), ports(com2));
        backend.feed("x");
        assertEquals(1, chipset.wakes(com2.poll().orElseThrow()), "backend input wakes the port's poll");
    }

    @Test
    void missingBackendResolverNamesTheBackendPath() {
        ResolveException e = assertThrows(ResolveException.class, () -> new Serial16550Resolver()
                .resolve(Serial16550Handle.com(1, new StderrSerialHandle()), ctx));
        assertTrue(e.getMessage().contains("serial_handle:stderr at chipset[0].backend"), e.getMessage());
    }

    @Test
    void withoutChipsetServicesTheErrorNamesKindAndId() {
        ResolveException e = assertThrows(ResolveException.class,
                () -> new PicResolver().resolve(new PicHandle(), new FakeResolveContext()));
        assertTrue(e.getMessage().startsWith("chipset_device_handle:pic at chipset[0] failed"), e.getMessage());
    }

    @Test
    void interruptControllers() throws Exception {
        ChipsetDevice pic = new PicResolver().resolve(new PicHandle(), ctx);
        assertEquals(InterruptController.Kind.PIC, pic.interruptController().orElseThrow().kind());
        assertEquals(3, ports(pic).size());
        ChipsetDevice ioapic = new IoApicResolver().resolve(IoApicHandle.standard(0), ctx);
        assertEquals(InterruptController.Kind.IOAPIC, ioapic.interruptController().orElseThrow().kind());
        assertEquals(List.of(new MmioRange("ioapic", 0xFEC0_0000L, 0x1000)), ioapic.mmio().orElseThrow().mmioRanges());
    }

    @Test
    void timersAndControllers() throws Exception {
        ChipsetDevice pit = new PitResolver().resolve(new PitHandle(), ctx);
        assertEquals(List.of(new PortRange("pit", 0x40, 4), new PortRange("pit-port-b", 0x61, 1)), ports(pit));
        assertTrue(pit.poll().isPresent());
        ChipsetDevice i8042 = new I8042Resolver().resolve(new I8042Handle(), ctx);
        assertEquals(2, ports(i8042).size());
        ChipsetDevice pm = new AcpiPmResolver().resolve(AcpiPmHandle.standard(), ctx);
        assertEquals(List.of(new PortRange("acpi-pm", 0x600, 0x28), new PortRange("reset-control", 0xCF9, 1)),
                ports(pm));
    }

    @Test
    void rtcReadsTheMemoryLayout() throws Exception {
        try (GuestMemory memory = GuestMemory.create(GuestMemoryLayout.pc(32L << 20))) {
            FakeChipset withMemory = new FakeChipset(memory);
            ChipsetDevice rtc = new RtcResolver().resolve(new RtcHandle("2030-01-02T03:04:05Z"),
                    new FakeResolveContext(withMemory));
            PortBus bus = new PortBus(rtc.portIo().orElseThrow());
            bus.out8(0x70, 0x35);
            assertEquals((32 - 16) * 16 >>> 8, bus.in8(0x71), "64 KiB blocks above 16 MiB, high byte");
            bus.out8(0x70, 0x09);
            assertEquals(0x30, bus.in8(0x71));
            assertTrue(rtc.poll().isPresent());
        }
    }

    @Test
    void fwCfgNeedsItsItemsInput() throws Exception {
        ResolveException e = assertThrows(ResolveException.class,
                () -> new FwCfgResolver().resolve(new FwCfgHandle(), ctx));
        assertTrue(e.getMessage().contains("chipset_device_handle:fw_cfg"), e.getMessage());
        try (GuestMemory memory = GuestMemory.create(GuestMemoryLayout.flat(1 << 20))) {
            FwCfgItems items = new FwCfgItems();
            items.putInt16(FwCfgItems.NB_CPUS, 4);
            ChipsetDevice fwCfg = new FwCfgResolver().resolve(new FwCfgHandle(),
                    new FakeResolveContext(new FakeChipset(memory), items));
            PortBus bus = new PortBus(fwCfg.portIo().orElseThrow());
            bus.out(0x510, 2, FwCfgItems.NB_CPUS);
            assertEquals(4, bus.in8(0x511));
        }
    }

    @Test
    void debugDevicesAndSinks() throws Exception {
        MemorySerialBackend backend = new MemorySerialBackend();
        ctx.answer(new StderrSerialHandle(), backend);
        ChipsetDevice debugcon = new DebugconResolver().resolve(
                new DebugconHandle(DebugconHandle.DEFAULT_PORT, new StderrSerialHandle()), ctx);
        new PortBus(debugcon.portIo().orElseThrow()).out8(0xE9, 'x');
        assertEquals("x", backend.outputText());
        ChipsetDevice exit = new DebugExitResolver().resolve(DebugExitHandle.at(0xF4), ctx);
        new PortBus(exit.portIo().orElseThrow()).out8(0xF4, 1);
        assertEquals(List.of(3), chipset.power.exits);
        ChipsetDevice post = new PortSinkResolver().resolve(PortSinkHandle.post(), ctx);
        assertInstanceOf(ChipsetDevice.class, post);
        assertEquals(List.of(new PortRange("post", 0x80, 1)), ports(post));
    }
}
