package org.jvmm.hv.emu.impl.vp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.util.Arrays;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.guestmem.GuestMemoryLayout;
import org.jvmm.hv.api.CpuModel;
import org.jvmm.hv.api.HypervisorException;
import org.jvmm.hv.api.Partition;
import org.jvmm.hv.api.PartitionConfig;
import org.jvmm.hv.api.SavedBackendState;
import org.jvmm.hv.api.VirtualProcessor;
import org.jvmm.hv.emu.impl.EmuHypervisor;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The VP snapshot versions: version 1 (CPU state only) is still read; damaged or foreign states are refused. */
class VpSnapshotTest {
    private GuestMemory memory;
    private Partition partition;
    private VirtualProcessor vp;

    @BeforeEach
    void setUp() throws Exception {
        memory = GuestMemory.create(GuestMemoryLayout.pc(2 << 20));
        partition = new EmuHypervisor().createPartition(new PartitionConfig(1, memory, CpuModel.QEMU64, true));
        vp = partition.processor(0);
    }

    @AfterEach
    void tearDown() {
        partition.close();
        memory.close();
    }

    @Test
    void aVersion1StateRestoresTheCpuAndLeavesTheApicAtPowerOn() throws Exception {
        CpuState s = new CpuState();
        s.r[1] = 0x77;
        s.rip = 0x1234;
        s.cr8 = 3;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            VpStateCodec.write(out, s);
        }
        vp.restoreState(new SavedBackendState(EmuHypervisor.NAME, 1, bytes.toByteArray()));
        assertEquals(0x77, vp.generalRegisters().rcx());
        assertEquals(0x1234, vp.generalRegisters().rip());
        assertEquals(3, vp.controlRegisters().cr8(), "CR8 went to the APIC's TPR");
        assertEquals(0xFEE0_0900L, vp.readMsr(0x1B), "the APIC keeps its power-on base");
    }

    @Test
    void damagedOrForeignStatesAreRefusedNamingWhy() throws Exception {
        vp.setGeneralRegisters(vp.generalRegisters().withRip(0x4321));
        SavedBackendState good = vp.saveState();
        assertEquals(VpSnapshot.VERSION, good.version());

        byte[] longer = Arrays.copyOf(good.data(), good.data().length + 1);
        HypervisorException e = assertThrows(HypervisorException.class,
                () -> vp.restoreState(new SavedBackendState(EmuHypervisor.NAME, 2, longer)));
        assertTrue(e.getMessage().contains("1 bytes left over"), e.getMessage());

        byte[] shorter = Arrays.copyOf(good.data(), good.data().length - 1);
        assertThrows(HypervisorException.class,
                () -> vp.restoreState(new SavedBackendState(EmuHypervisor.NAME, 2, shorter)));

        e = assertThrows(HypervisorException.class,
                () -> vp.restoreState(new SavedBackendState("whp", 2, good.data())));
        assertTrue(e.getMessage().contains("whp version 2"), e.getMessage());

        vp.restoreState(good);
        assertEquals(0x4321, vp.generalRegisters().rip());
    }
}
