package org.jvmm.examples.edu.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.ChipsetServices;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.LineInterrupt;
import org.jvmm.chipset.api.MmioIntercept;
import org.jvmm.chipset.api.MmioMapper;
import org.jvmm.chipset.api.MmioRange;
import org.jvmm.chipset.api.MsiSink;
import org.jvmm.chipset.api.PciAddress;
import org.jvmm.chipset.api.PciAttachment;
import org.jvmm.chipset.api.PortIoMapper;
import org.jvmm.examples.edu.resources.EduDeviceHandle;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.guestmem.GuestMemoryLayout;
import org.jvmm.pci.api.PciConfigSpace;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;

/** The device as a PCI function: ids, BAR sizing, INTx and MSI through a recording attachment; the resolver. */
class EduDeviceTest {
    private final GuestMemory memory = memory();
    private final EduDevice device = new EduDevice("edu", memory);
    private final PciConfigSpace pci = device.configSpace();
    private final List<String> events = new ArrayList<>();

    private static GuestMemory memory() {
        try {
            return GuestMemory.create(GuestMemoryLayout.flat(1 << 20));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void close() {
        memory.close();
    }

    /** A host side that records INTx levels and messages; BARs are never mapped (decoding stays off). */
    private final class Attachment implements PciAttachment, LineInterrupt, MsiSink, MmioMapper {
        @Override
        public PciAddress address() {
            return new PciAddress(1, 0, 0);
        }

        @Override
        public boolean integrated() {
            return false;
        }

        @Override
        public LineInterrupt intx(int pin) {
            events.add("pin " + pin);
            return this;
        }

        @Override
        public void setLevel(boolean high) {
            events.add("intx " + high);
        }

        @Override
        public MsiSink msi() {
            return this;
        }

        @Override
        public void signal(long address, int data) {
            events.add("msi " + Long.toHexString(address) + " " + Integer.toHexString(data));
        }

        @Override
        public MmioMapper mmio() {
            return this;
        }

        @Override
        public void map(MmioRange range, MmioIntercept target) {
            events.add("map " + range);
        }

        @Override
        public void unmap(MmioRange range) {
            events.add("unmap " + range);
        }

        @Override
        public PortIoMapper io() {
            throw new UnsupportedOperationException("no I/O BARs");
        }
    }

    private int config(int offset) {
        IoValue v = new IoValue();
        assertEquals(IoResult.OK, pci.pciConfigRead(offset, v));
        return (int) v.get();
    }

    private void raise(int bits) {
        assertEquals(IoResult.OK, device.registers().barWrite(EduRegisters.INT_RAISE, 4, bits));
    }

    private void ack(int bits) {
        assertEquals(IoResult.OK, device.registers().barWrite(EduRegisters.INT_ACK, 4, bits));
    }

    @Test
    void identityClassAndA1MiBMemoryBar() {
        assertEquals(0x11E8_1234, config(0));
        assertEquals(0x00FF00, config(8) >>> 8);
        assertEquals(1, config(0x3C) >>> 8 & 0xFF, "INTA");
        pci.pciConfigWrite(0x10, -1);
        assertEquals(0xFFF0_0000, config(0x10), "1 MiB, 32-bit, not prefetchable");
        assertTrue(pci.msi().isPresent());
    }

    @Test
    void intxFollowsTheInterruptStatusWhileMsiIsOff() {
        pci.pciAttached(new Attachment());
        events.clear();
        raise(0x4);
        raise(0x8);
        ack(0x4);
        assertFalse(events.contains("intx false"), events::toString);
        ack(0x8);
        assertEquals("intx false", events.getLast());
        assertTrue(events.contains("intx true"), events::toString);
        assertTrue(events.stream().noneMatch(e -> e.startsWith("msi")), events::toString);
    }

    @Test
    void msiWhenTheGuestEnabledItAndBusMastering() {
        pci.pciAttached(new Attachment());
        int cap = pci.capabilityOffset(pci.msi().orElseThrow());
        pci.pciConfigWrite(cap + 4, 0xFEE0_0000);
        pci.pciConfigWrite(cap + 12, 0x41);
        pci.pciConfigWrite(cap, 1 << 16);
        pci.pciConfigWrite(4, 0x4);
        events.clear();
        raise(0x1);
        assertEquals(List.of("msi fee00000 41"), events.stream().filter(e -> !e.startsWith("intx false")).toList());
        assertTrue(pci.busMasterEnabled());
    }

    @Test
    void dmaNeedsTheBusMasterBitOfTheCommandRegister() {
        memory.write(0x100, new byte[] {1, 2, 3, 4}, 0, 4);
        EduRegisters regs = device.registers();
        regs.barWrite(EduRegisters.DMA_SRC, 8, 0x100);
        regs.barWrite(EduRegisters.DMA_DST, 8, EduDma.BUFFER_ADDRESS);
        regs.barWrite(EduRegisters.DMA_COUNT, 8, 4);
        regs.barWrite(EduRegisters.DMA_CMD, 8, EduRegisters.DMA_START);
        IoValue v = new IoValue();
        regs.barRead(EduRegisters.DMA_CMD, 8, v);
        assertEquals(EduRegisters.DMA_ERROR, v.get(), "bus mastering is off after reset");
        pci.pciConfigWrite(4, 0x4);
        regs.barWrite(EduRegisters.DMA_CMD, 8, EduRegisters.DMA_START);
        regs.barRead(EduRegisters.DMA_CMD, 8, v);
        assertEquals(0L, v.get());
    }

    @Test
    void theResolverBuildsTheDeviceOnTheVmsMemory() throws ResolveException {
        ChipsetServices services = proxy(ChipsetServices.class, "memory", memory);
        ResolveContext ctx = proxy(ResolveContext.class, "input", Optional.of(services));
        ChipsetDevice built = new EduDeviceResolver().resolve(new EduDeviceHandle("edu2"), ctx);
        assertEquals("edu2", built.name());
        assertTrue(built.pciConfig().isPresent());
    }

    @Test
    void withoutChipsetServicesTheResolverSaysWhy() {
        ResolveContext ctx = proxy(ResolveContext.class, "input", Optional.empty());
        ResolveException e = assertThrows(ResolveException.class,
                () -> new EduDeviceResolver().resolve(new EduDeviceHandle(null), ctx));
        assertTrue(e.getMessage().contains("pci_device_handle:edu"), e.getMessage());
        assertTrue(e.getMessage().contains("ChipsetServices"), e.getMessage());
    }

    @Test
    void aBadNameIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EduDeviceHandle("a/b"));
        assertTrue(e.getMessage().startsWith("pci_device_handle:edu: name"), e.getMessage());
        assertEquals("edu", new EduDeviceHandle(null).deviceName());
    }

    /** An implementation of {@code type} whose method {@code method} returns {@code value}; "edu" for path(). */
    private static <T> T proxy(Class<T> type, String method, Object value) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> {
            if (m.getName().equals(method)) {
                return value;
            }
            if (m.getName().equals("path")) {
                return "devices[0]";
            }
            throw new UnsupportedOperationException(m.getName());
        }));
    }
}
