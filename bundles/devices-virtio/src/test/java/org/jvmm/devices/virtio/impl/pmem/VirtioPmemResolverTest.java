package org.jvmm.devices.virtio.impl.pmem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.MmioRange;
import org.jvmm.devices.virtio.api.VirtioDevice;
import org.jvmm.devices.virtio.driver.FakeResolveContext;
import org.jvmm.devices.virtio.driver.TestRam;
import org.jvmm.devices.virtio.resources.VirtioPmemHandle;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.vm.config.VirtioMmioHandle;
import org.jvmm.vmm.resource.HandleJson;
import org.jvmm.vmm.resource.HandleTypes;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceHandle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VirtioPmemResolverTest {
    static final long GIB = 1L << 30;

    @TempDir
    Path dir;
    GuestMemory mem = TestRam.flat(1 << 20);
    MapperServices services = new MapperServices(mem);

    @AfterEach
    void close() {
        mem.close();
    }

    VirtioDevice resolve(String path, boolean readOnly) throws ResolveException {
        return new VirtioPmemResolver().resolve(new VirtioPmemHandle(path, readOnly),
                new FakeResolveContext(services).child("device"));
    }

    Path file(String name, int bytes) throws Exception {
        return Files.write(dir.resolve(name), new byte[bytes]);
    }

    @Test
    void regionsAreMappedAboveRamInTheFirstFreeSlotsAndUnmappedOnClose() throws Exception {
        services.block(new MmioRange("in the way", 64 * GIB + 4096, 4096));
        VirtioDevice a = resolve(file("a.img", 4096).toString(), false);
        VirtioDevice b = resolve(file("b.img", 3 * (int) (1L << 20)).toString(), true);
        assertEquals(65 * GIB, a.readConfig(0, 8), "the 64 GiB slot is taken");
        assertEquals(2L << 20, a.readConfig(8, 8));
        assertEquals(66 * GIB, b.readConfig(0, 8));
        assertEquals(4L << 20, b.readConfig(8, 8));
        assertEquals(List.of(new MmioRange("virtio-pmem a.img", 65 * GIB, 2L << 20),
                new MmioRange("virtio-pmem b.img", 66 * GIB, 4L << 20)), services.mapped.subList(1, 3));
        IoValue v = new IoValue();
        assertEquals(IoResult.OK, services.targets.get(1).mmioRead(65 * GIB + 8, 8, v));
        a.close();
        b.close();
        assertEquals(1, services.mapped.size());
    }

    @Test
    void slotsStartAboveLargeRam() {
        var layout = new org.jvmm.guestmem.GuestMemoryLayout(List.of(new org.jvmm.guestmem.RamRange(0, 4096, 0),
                new org.jvmm.guestmem.RamRange(100 * GIB + 4096, 4096, 4096)), 0, 0);
        assertEquals(101 * GIB, PmemPlacement.firstSlot(layout));
        assertEquals(64 * GIB, PmemPlacement.firstSlot(mem.layout()));
    }

    @Test
    void configurationErrorsNameTheDeviceAndTheFile() throws Exception {
        ResolveException missing = assertThrows(ResolveException.class, () -> resolve(dir + "/nope.img", false));
        assertEquals("virtio:virtio-pmem at virtio[0].device failed: cannot map " + dir + "/nope.img: no such file",
                missing.getMessage());
        Path empty = file("empty.img", 0);
        ResolveException e = assertThrows(ResolveException.class, () -> resolve(empty.toString(), false));
        assertTrue(e.getMessage().endsWith(empty + " is empty"), e.getMessage());
        ResolveException noServices = assertThrows(ResolveException.class, () -> new VirtioPmemResolver()
                .resolve(new VirtioPmemHandle(empty.toString(), false), new FakeResolveContext()));
        assertTrue(noServices.getMessage().contains("no ChipsetServices input"), noServices.getMessage());
        assertTrue(services.mapped.isEmpty());
    }

    @Test
    void noFreeSlotIsAConfigurationError() throws Exception {
        services.block(new MmioRange("everything", 0, 1L << 39));
        ResolveException e = assertThrows(ResolveException.class, () -> resolve(file("x.img", 4096).toString(), false));
        assertTrue(e.getMessage().contains("no free guest-physical slot for 2097152 bytes"), e.getMessage());
    }

    @Test
    void handleChecksItsPathAndRoundTripsThroughJson() throws Exception {
        assertEquals("virtio:virtio-pmem", new VirtioPmemHandle("/x", false).key());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new VirtioPmemHandle("", true));
        assertEquals("virtio:virtio-pmem: path is required", e.getMessage());
        ObjectMapper mapper = HandleJson.mapper();
        ResourceHandle h = new VirtioMmioHandle(new VirtioPmemHandle("/images/root.img", true), 0xFEB0_0200L, 17);
        String json = mapper.writeValueAsString(h);
        assertTrue(json.contains("\"resource\":\"virtio:virtio-pmem\""), json);
        HandleTypes types = HandleTypes.of(VirtioPmemHandle.class, VirtioMmioHandle.class);
        assertEquals(h, HandleJson.reader(mapper, types).forType(ResourceHandle.class).readValue(json));
    }

}
