package org.jvmm.pci.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.pci.testing.Config.read;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jvmm.chipset.api.PciAddress;
import org.jvmm.pci.testing.FakeAttachment;
import org.jvmm.pci.testing.RegisterBar;
import org.junit.jupiter.api.Test;

class CapabilityListTest {
    /** A virtio-pci style common-config capability: cfg_type, bar, offset, length all read-only. */
    private static VendorCapability virtioCap(int type, int bar, int offset, int length) {
        return VendorCapability.builder(16).byteAt(3, type).byteAt(4, bar).dword(8, offset).dword(12, length).build();
    }

    @Test
    void walkingTheListFindsEveryCapabilityInOrder() {
        RegisterBar bar = new RegisterBar(0x4000);
        PciConfigSpace cfg = PciConfigSpace.builder(PciIdentity.of(0x1AF4, 0x1041, 1, 0x020000))
                .bar(BarSpec.memory64(4, 0x4000, true, bar))
                .capability(virtioCap(1, 4, 0, 0x38))
                .capability(virtioCap(3, 4, 0x1000, 4))
                .msix(3, 4, 0x2000, 4, 0x3000)
                .pcieEndpoint()
                .build();
        assertTrue((read(cfg, 0x04) >>> 16 & PciRegisters.STATUS_CAPABILITIES) != 0);
        Map<Integer, Integer> found = new LinkedHashMap<>();
        int at = read(cfg, 0x34) & 0xFF;
        while (at != 0) {
            assertEquals(0, at & 3, "dword aligned");
            int header = read(cfg, at);
            found.put(at, header & 0xFF);
            at = header >>> 8 & 0xFF;
        }
        assertEquals(List.of(PciRegisters.CAP_VENDOR, PciRegisters.CAP_VENDOR, PciRegisters.CAP_MSIX,
                PciRegisters.CAP_PCIE), new ArrayList<>(found.values()));
        assertEquals(List.of(0x40, 0x50, 0x60, 0x6C), new ArrayList<>(found.keySet()));
        assertEquals(16, read(cfg, 0x50) >>> 16 & 0xFF, "cap_len");
        assertEquals(3, read(cfg, 0x50) >>> 24, "cfg_type");
        assertEquals(0x1000, read(cfg, 0x58));
        assertEquals(0x0002, read(cfg, 0x60) >>> 16, "MSI-X: table size 3-1, disabled, unmasked");
        assertEquals(0x2004, read(cfg, 0x64), "table at BAR4 + 0x2000");
        assertEquals(0x3004, read(cfg, 0x68), "PBA at BAR4 + 0x3000");
        assertEquals(0, read(cfg, 0xFC), "past the last capability");
        assertEquals(0x60, cfg.capabilityOffset(cfg.msix().orElseThrow()));
    }

    @Test
    void vendorCapabilityBytesAreReadOnlyUnlessMarkedWritable() {
        List<String> writes = new ArrayList<>();
        VendorCapability cap = VendorCapability.builder(20).byteAt(3, 5).writable(4, 1).writable(8, 8)
                .onWrite((c, off, be) -> writes.add(off + "/" + be)).build();
        PciConfigSpace cfg = PciConfigSpace.builder(PciIdentity.of(0x1AF4, 0x1041, 1, 0x020000))
                .capability(cap).build();
        cfg.pciConfigWrite(0x40, 0xFFFF_FFFF, 0xF);
        assertEquals(0x0514_0009, read(cfg, 0x40), "id, next, len and type unchanged");
        cfg.pciConfigWrite(0x44, 0x1234_5678, 0xF);
        assertEquals(0x78, read(cfg, 0x44), "only byte 4 is writable");
        cfg.pciConfigWrite(0x48, 0xAABB_CCDD, 0x6);
        assertEquals(0x00BB_CC00, read(cfg, 0x48), "byte enables");
        cfg.pciConfigWrite(0x50, 0x1, 0xF);
        assertEquals(0, read(cfg, 0x50), "byte 16 is read-only");
        assertEquals(0xCC, cap.byteAt(9));
        cap.set(16, 4, 0xCAFE_F00D);
        assertEquals(0xCAFE_F00D, read(cfg, 0x50), "the device updates read-only fields");
        assertEquals(List.of("0/12", "4/15", "8/6", "16/15"), writes, "bytes 0 and 1 belong to the list");
    }

    @Test
    void aReadHookSuppliesLiveValues() {
        int[] counter = {0};
        VendorCapability cap = VendorCapability.builder(20).writable(16, 4)
                .onRead((c, off, stored) -> off == 16 ? ++counter[0] : stored).build();
        PciConfigSpace cfg = PciConfigSpace.builder(PciIdentity.of(0x1AF4, 0x1041, 1, 0x020000))
                .capability(cap).build();
        cfg.pciAttached(new FakeAttachment(new PciAddress(0, 1, 0), true));
        assertEquals(1, read(cfg, 0x50));
        assertEquals(2, read(cfg, 0x50));
        assertEquals(0x0014_0009, read(cfg, 0x40));
    }

    @Test
    void pcieCapabilityTypeFollowsThePlacement() {
        int[] resets = {0};
        PciConfigSpace cfg = PciConfigSpace.builder(PciIdentity.of(0x1B36, 0x0010, 2, 0x010802))
                .pcieEndpoint(() -> resets[0]++).build();
        cfg.pciAttached(new FakeAttachment(new PciAddress(0, 2, 0), true));
        assertEquals(0x92, read(cfg, 0x40) >>> 16 & 0xFF, "version 2, root-complex integrated endpoint");
        assertEquals(0, read(cfg, 0x4C), "no link on the root bus");
        cfg.pciAttached(new FakeAttachment(new PciAddress(1, 0, 0), false));
        assertEquals(0x02, read(cfg, 0x40) >>> 16 & 0xFF, "endpoint behind a port");
        assertEquals(0x11, read(cfg, 0x4C) & 0x3FF, "2.5 GT/s x1");
        assertEquals(0x11, read(cfg, 0x50) >>> 16 & 0x3FF, "link status: 2.5 GT/s x1");
        assertTrue((read(cfg, 0x44) & 1 << 28) != 0, "FLR capable");
        cfg.pciConfigWrite(0x04, PciRegisters.COMMAND_MEMORY, 0x3);
        cfg.pciConfigWrite(0x48, 1 << 15, 0x3);
        assertEquals(1, resets[0]);
        assertEquals(0, read(cfg, 0x04) & 0xFFFF, "FLR resets the config space");
        assertEquals(0, read(cfg, 0x48) & 1 << 15, "the FLR bit reads 0");
    }
}
