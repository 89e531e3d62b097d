package org.jvmm.hv.emu.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.guestmem.GuestMemoryLayout;
import org.jvmm.hv.api.CpuModel;
import org.jvmm.hv.api.Hypervisor;
import org.jvmm.hv.api.HypervisorException;
import org.jvmm.hv.api.Partition;
import org.jvmm.hv.api.PartitionConfig;
import org.jvmm.hv.api.Probe;
import org.jvmm.hv.emu.resources.EmuHypervisorHandle;
import org.jvmm.vmm.resource.HandleJson;
import org.jvmm.vmm.resource.HandleTypes;
import org.jvmm.vmm.resource.ResourceHandle;
import org.junit.jupiter.api.Test;

/** The resolver, the backend's identity and partition creation. */
class EmuHypervisorTest {
    @Test
    void theResolverGivesTheEmuBackendForItsHandle() throws Exception {
        EmuHypervisorResolver resolver = new EmuHypervisorResolver();
        assertEquals(EmuHypervisorHandle.class, resolver.handleType());
        assertEquals(Hypervisor.class, resolver.outputType());
        assertEquals("hypervisor:emu", ResourceHandle.keyOf(EmuHypervisorHandle.class));

        Hypervisor hv = resolver.resolve(new EmuHypervisorHandle(), null);
        assertEquals("emu", hv.name());
        assertEquals(new Probe(true, true, "pure-Java x86-64 emulator"), hv.probe());
        assertSame(hv, resolver.resolve(new EmuHypervisorHandle(), null));
    }

    @Test
    void theHandleIsTheJsonTheWorkerBuilds() throws Exception {
        ObjectMapper mapper = HandleJson.mapper();
        ResourceHandle read = HandleJson.reader(mapper, HandleTypes.of(EmuHypervisorHandle.class))
                .forType(ResourceHandle.class).readValue("{\"resource\": \"hypervisor:emu\"}");
        assertEquals(new EmuHypervisorHandle(), read);
        assertEquals("{\"resource\":\"hypervisor:emu\"}", mapper.writerFor(ResourceHandle.class)
                .writeValueAsString(new EmuHypervisorHandle()));
    }

    @Test
    void aPartitionHasOneProcessorPerConfiguredCpu() throws Exception {
        try (GuestMemory memory = GuestMemory.create(GuestMemoryLayout.pc(4 << 20));
                Partition p = new EmuHypervisor().createPartition(
                        new PartitionConfig(4, memory, CpuModel.QEMU64, false))) {
            assertEquals(4, p.processorCount());
            assertSame(memory, p.memory());
            for (int i = 0; i < 4; i++) {
                assertEquals(i, p.processor(i).index());
            }
            assertThrows(IndexOutOfBoundsException.class, () -> p.processor(4));
        }
    }

    @Test
    void anotherCpuModelIsRefusedWithAClearMessage() throws Exception {
        try (GuestMemory memory = GuestMemory.create(GuestMemoryLayout.pc(4 << 20))) {
            HypervisorException e = assertThrows(HypervisorException.class, () -> new EmuHypervisor()
                    .createPartition(new PartitionConfig(1, memory, new CpuModel("host", 1_000_000_000L, false),
                            false)));
            assertTrue(e.getMessage().startsWith("cpu model host: "), e.getMessage());
        }
    }
}
