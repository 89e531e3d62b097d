package org.jvmm.loader.linux.impl.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import org.jvmm.chipset.resources.AcpiPmHandle;
import org.jvmm.chipset.resources.I8042Handle;
import org.jvmm.chipset.resources.IoApicHandle;
import org.jvmm.chipset.resources.PicHandle;
import org.jvmm.chipset.resources.PitHandle;
import org.jvmm.chipset.resources.Serial16550Handle;
import org.jvmm.vm.config.LoadMode;
import org.jvmm.vm.config.NoneSerialHandle;
import org.jvmm.vm.config.SerialPortConfig;
import org.jvmm.vm.config.VmConfig;
import org.junit.jupiter.api.Test;

class PlatformReaderTest {
    @Test
    void readsSerialPortsInterruptControllersAndThePmBlock() {
        VmConfig config = VmConfig.builder().load(new LoadMode.None())
                .serial(new SerialPortConfig(1, new NoneSerialHandle()))
                .chipsetDevice(new PicHandle()).chipsetDevice(IoApicHandle.standard(0))
                .chipsetDevice(new IoApicHandle(0xFEC0_1000L, 1)).chipsetDevice(new PitHandle())
                .chipsetDevice(new AcpiPmHandle(0xB000)).chipsetDevice(new I8042Handle())
                .chipsetDevice(new Serial16550Handle("com3", 0x3E8, 4, new NoneSerialHandle())).build();
        Platform p = PlatformReader.read(config, 4);
        assertEquals(4, p.processors());
        assertEquals(List.of(new Platform.ComPort("com2", 0x2F8, 3), new Platform.ComPort("com3", 0x3E8, 4)),
                p.comPorts());
        assertEquals(List.of(new Platform.IoApic(0, 0xFEC0_0000L, 0), new Platform.IoApic(1, 0xFEC0_1000L, 24)),
                p.ioApics());
        assertEquals(OptionalInt.of(0xB000), p.acpiPmBase());
        assertTrue(p.pic());
        assertTrue(p.i8042());
        assertFalse(p.hasCom1());
    }

    @Test
    void anEmptyConfigHasNothing() {
        Platform p = PlatformReader.read(VmConfig.builder().build(), 1);
        assertEquals(List.of(), p.comPorts());
        assertEquals(OptionalInt.empty(), p.acpiPmBase());
        assertFalse(p.pic());
        assertFalse(p.i8042());
    }
}
