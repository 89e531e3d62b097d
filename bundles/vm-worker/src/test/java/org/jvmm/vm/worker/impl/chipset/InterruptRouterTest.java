package org.jvmm.vm.worker.impl.chipset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.jvmm.chipset.api.InterruptController.Kind;
import org.jvmm.chipset.api.LineInterrupt;
import org.jvmm.hv.api.InterruptRequest;
import org.jvmm.inspect.InspectNode;
import org.jvmm.vm.worker.impl.fake.FakeController;
import org.jvmm.vm.worker.impl.fake.FakePartition;

class InterruptRouterTest {
    private final FakePartition partition = ChipsetBusTest.partition();
    private final InterruptRouter router = new InterruptRouter(partition);
    private final FakeController pic = new FakeController(Kind.PIC, 16);
    private final FakeController ioapic = new FakeController(Kind.IOAPIC, 24);

    @Test
    void isaIrqsGoToThePicAndTheIoApicWithIrq0OnPin2() throws Exception {
        LineInterrupt timer = router.line(0);
        router.add("pic", pic);
        router.add("ioapic", ioapic);
        timer.setLevel(true);
        router.line(4).pulse();
        assertEquals(List.of("0=1", "4=1", "4=0"), pic.inputs);
        assertEquals(List.of("2=1", "4=1", "4=0"), ioapic.inputs);
        assertSame(timer, router.line(0));
    }

    @Test
    void gsisAbove15OnlyReachIoApicsNumberedInOrder() throws Exception {
        FakeController second = new FakeController(Kind.IOAPIC, 8);
        router.add("pic", pic);
        router.add("ioapic0", ioapic);
        router.add("ioapic1", second);
        router.line(20).setLevel(true);
        router.line(26).setLevel(true);
        router.line(40).setLevel(true);
        assertEquals(List.of(), pic.inputs);
        assertEquals(List.of("20=1"), ioapic.inputs);
        assertEquals(List.of("2=1"), second.inputs);
        InspectNode n = new InspectNode();
        router.inspect(n);
        assertEquals("GSI 24..31", n.at("ioapics/ioapic1").orElseThrow());
        assertEquals("high", n.at("lines/40").orElseThrow());
    }

    @Test
    void negativeGsiIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> router.line(-1));
    }

    @Test
    void controllersReachTheProcessorsThroughThePartition() {
        List<Integer> woken = new CopyOnWriteArrayList<>();
        router.onNmi(woken::add);
        router.setPicOutput(true);
        assertTrue(partition.picOutput);
        router.signalMsi(0xFEE0_1000L, 0x4031);
        router.signal(0xFEE0_0000L, 0x41);
        router.nmi(0);
        assertEquals(List.of(new InterruptRequest.Msi(0xFEE0_1000L, 0x4031), new InterruptRequest.Msi(0xFEE0_0000L, 0x41),
                new InterruptRequest.Nmi(0, false)), partition.requests);
        assertEquals(List.of(0), woken);
    }
}
