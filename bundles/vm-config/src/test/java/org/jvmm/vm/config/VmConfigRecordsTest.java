package org.jvmm.vm.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.jvmm.vmm.resource.ResourceHandle;

class VmConfigRecordsTest {

    private static String fails(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void listsAreImmutableCopies() {
        List<ResourceHandle> devices = new ArrayList<>(List.of(new TestHandles.Pic()));
        VmConfig c = new VmConfig(new LoadMode.None(), MemoryConfig.ofBytes(1 << 20), new ProcessorConfig(1), null,
                null, devices, null, null, null, null, false, false, null);
        assertEquals(GuestActions.DEFAULT, c.guestActions());
        devices.clear();
        assertEquals(1, c.chipsetDevices().size());
        assertEquals(List.of(), c.disks());
        assertEquals(HypervisorChoice.AUTO, c.hypervisor());
        assertThrows(UnsupportedOperationException.class, () -> c.chipsetDevices().clear());
    }

    @Test
    void invariantsNameTheField() {
        assertEquals("processors: must be 1..256, got 257", fails(() -> new ProcessorConfig(257)));
        assertEquals("serial.index: must be 0..3 (COM1..COM4), got 4",
                fails(() -> new SerialPortConfig(4, new NoneSerialHandle())));
        assertEquals("mac: must be six hex bytes like 00:15:5d:12:34:56, got 00:11",
                fails(() -> new NicConfig(new TestHandles.Consomme("x"), "00:11", "virtio", null)));
        assertEquals("pciePort: not allowed on the mmio bus",
                fails(() -> new VirtioDeviceConfig(new TestHandles.VirtioRng(), "mmio", "rp0")));
        assertEquals("hypervisor.force: needs a hypervisor name", fails(() -> new HypervisorChoice(null, true)));
        assertEquals("serial.backend.address: must be host:port, got localhost",
                fails(() -> new TcpSerialHandle("localhost")));
        assertEquals("chipsetDevices[0]: must not be null", fails(() -> new VmConfig(new LoadMode.None(),
                MemoryConfig.ofBytes(4096), new ProcessorConfig(1), null, null, java.util.Arrays.asList(
                        (ResourceHandle) null), null, null, null, null, false, false, null)));
    }

    @Test
    void guestActionsParseAndPrintTheirCliSpelling() {
        assertEquals(GuestAction.RESET, GuestAction.parse("reset"));
        assertEquals(GuestAction.HALT, GuestAction.parse("halt"));
        assertEquals(new GuestAction(GuestAction.Kind.EXIT, 3), GuestAction.parse("exit:3"));
        assertEquals("exit:3", GuestAction.parse("exit:3").toString());
        assertEquals("exit", GuestAction.EXIT.toString());
        assertEquals("guest action: expected reset, halt, exit or exit:<0-255>, got 'exit:256'",
                fails(() -> GuestAction.parse("exit:256")));
        assertEquals("guest action: expected reset, halt, exit or exit:<0-255>, got 'reboot'",
                fails(() -> GuestAction.parse("reboot")));
        assertEquals("guest action: an exit code 0..255 goes only with exit, got halt 1",
                fails(() -> new GuestAction(GuestAction.Kind.HALT, 1)));
    }

    @Test
    void builderReplacesSerialPortsByIndexAndRoundTripsThroughToBuilder() {
        VmConfig c = VmConfig.builder()
                .serial(new SerialPortConfig(1, new StderrSerialHandle()))
                .serial(new SerialPortConfig(0, new ConsoleSerialHandle()))
                .serial(new SerialPortConfig(1, new NoneSerialHandle()))
                .build();
        assertEquals(List.of("COM1", "COM2"), c.serial().stream().map(SerialPortConfig::name).toList());
        assertTrue(c.serial().get(1).backend() instanceof NoneSerialHandle);
        assertEquals(c, c.toBuilder().build());
        assertEquals(8, c.toBuilder().processors(8).build().processors().count());
    }

    @Test
    void serialHandlesCarryTheirKeys() {
        assertEquals("serial_handle:console", new ConsoleSerialHandle().key());
        assertEquals("serial_handle:tcp", new TcpSerialHandle("[::1]:23").key());
    }
}
