package org.jvmm.chipset.impl.debugcon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.impl.FakeChipset;
import org.jvmm.chipset.impl.PortBus;
import org.jvmm.chipset.impl.debugexit.DebugExitDevice;
import org.jvmm.chipset.impl.portsink.PortSinkDevice;
import org.jvmm.chipset.serial.MemorySerialBackend;
import org.jvmm.inspect.InspectNode;
import org.junit.jupiter.api.Test;

class SmallPortDevicesTest {
    @Test
    void debugconWritesBytesAndReadsItsSignature() {
        MemorySerialBackend backend = new MemorySerialBackend();
        DebugconDevice debugcon = new DebugconDevice(0xE9, backend);
        PortBus bus = new PortBus(debugcon);
        bus.out8(0xE9, 'o');
        bus.out(0xE9, 2, 'k' | '\n' << 8);
        assertEquals("ok\n", backend.outputText());
        assertEquals(0xE9, bus.in8(0xE9));
        assertEquals(IoResult.INVALID_REGISTER, debugcon.ioWrite(0xEA, 1, 0));
        debugcon.close();
        assertTrue(backend.isClosed());
    }

    @Test
    void debugExitPowersOffWithStatusVShiftedOrOne() {
        FakeChipset chipset = new FakeChipset();
        DebugExitDevice exit = new DebugExitDevice(0x501, 2, chipset.power);
        assertEquals(OptionalInt.empty(), exit.exitStatus());
        new PortBus(exit).out(0x501, 4, 0x10);
        assertEquals(java.util.List.of(0x21), chipset.power.exits);
        assertEquals(0, chipset.power.powerOffs);
        assertEquals(OptionalInt.of(0x21), exit.exitStatus());
        InspectNode node = new InspectNode();
        exit.inspect(node);
        assertEquals(0x21, node.at("exit_status").orElseThrow());
        new PortBus(exit).out8(0x502, 0xFF);
        assertEquals(OptionalInt.of(0x1FF), exit.exitStatus(), "a byte write uses the byte");
        assertEquals(IoResult.INVALID_REGISTER, exit.ioWrite(0x503, 1, 0));
    }

    @Test
    void portSinkSwallowsWritesAndReadsAllOnes() {
        PortSinkDevice post = new PortSinkDevice("post", 0x80, 1);
        PortBus bus = new PortBus(post);
        bus.out8(0x80, 0x42);
        assertEquals(0xFF, bus.in8(0x80));
        assertEquals(0xFFFF, bus.in(0x80, 2));
        InspectNode node = new InspectNode();
        post.inspect(node);
        assertEquals("0x42", node.toMap().get("last_value"));
        IoValue v = new IoValue();
        assertEquals(IoResult.INVALID_ACCESS_SIZE, post.ioRead(0x80, 8, v));
        assertEquals(IoResult.INVALID_REGISTER, post.ioRead(0x81, 1, v));
    }
}
