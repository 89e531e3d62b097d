package org.jvmm.chipset.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.jvmm.vm.config.TcpSerialHandle;
import org.jvmm.vmm.resource.HandleJson;
import org.jvmm.vmm.resource.HandleTypes;
import org.jvmm.vmm.resource.ResourceHandle;
import org.junit.jupiter.api.Test;

class HandlesTest {
    @Test
    void comPortsHaveTheirStandardPortsAndIrqs() {
        TcpSerialHandle tcp = new TcpSerialHandle("127.0.0.1:4444");
        assertEquals(new Serial16550Handle("com1", 0x3F8, 4, tcp), Serial16550Handle.com(1, tcp));
        assertEquals(new Serial16550Handle("com4", 0x2E8, 3, tcp), Serial16550Handle.com(4, tcp));
        assertThrows(IllegalArgumentException.class, () -> Serial16550Handle.com(5, tcp));
    }

    @Test
    void invalidValuesNameTheResourceAndField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Serial16550Handle("com1", 0xFFFC, 4, new TcpSerialHandle("h:1")));
        assertTrue(e.getMessage().startsWith("chipset_device_handle:serial_16550: port"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new IoApicHandle(0xFEC0_0010L, 0));
        assertTrue(e.getMessage().contains("ioapic: baseAddress"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RtcHandle("yesterday"));
        assertTrue(e.getMessage().contains("rtc: startTime"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new AcpiPmHandle(0xCF0));
        assertTrue(e.getMessage().contains("reset port"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DebugExitHandle(0x501, 3));
        assertThrows(IllegalArgumentException.class, () -> new PortSinkHandle("Post", 0x80, 1));
    }

    @Test
    void handlesRoundTripThroughJson() throws Exception {
        ObjectMapper mapper = HandleJson.mapper();
        HandleTypes types = HandleTypes.of(Serial16550Handle.class, TcpSerialHandle.class, PicHandle.class,
                PitHandle.class, RtcHandle.class, IoApicHandle.class, I8042Handle.class, AcpiPmHandle.class,
                DebugconHandle.class, DebugExitHandle.class, PortSinkHandle.class, FwCfgHandle.class);
        List<ResourceHandle> handles = List.of(Serial16550Handle.com(1, new TcpSerialHandle("localhost:5555")),
                new PicHandle(), new PitHandle(), RtcHandle.hostTime(), new RtcHandle("2024-01-01T00:00:00Z"),
                IoApicHandle.standard(0), new I8042Handle(), AcpiPmHandle.standard(),
                new DebugconHandle(0xE9, new TcpSerialHandle("localhost:5556")), DebugExitHandle.at(0x501),
                PortSinkHandle.ioDelay(), new FwCfgHandle());
        for (ResourceHandle h : handles) {
            String json = mapper.writeValueAsString(h);
            assertTrue(json.contains("\"resource\":\"chipset_device_handle:" + h.id() + "\""), json);
            assertEquals(h, HandleJson.reader(mapper, types).forType(ResourceHandle.class).readValue(json));
        }
    }
}
