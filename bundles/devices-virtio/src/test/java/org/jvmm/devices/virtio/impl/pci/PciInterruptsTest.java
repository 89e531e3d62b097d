package org.jvmm.devices.virtio.impl.pci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.devices.virtio.driver.MmioGuest.VERSION_1;
import static org.jvmm.devices.virtio.impl.pci.PciDriver.*;

import java.util.List;
import org.jvmm.devices.virtio.driver.EchoDevice;
import org.jvmm.devices.virtio.driver.MockVirtqueue;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Buf;
import org.jvmm.devices.virtio.impl.pci.FakePciAttachment.Msi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** MSI-X vectors, masking and the INTx/ISR fallback. */
class PciInterruptsTest {
    static final Msi VECTOR_0 = new Msi(0xFEE0_0000L, 0x40);
    static final Msi VECTOR_1 = new Msi(0xFEE0_0000L, 0x41);

    EchoDevice echo = new EchoDevice(0, 1, 16);
    PciBench b = new PciBench(echo);
    MockVirtqueue vq = b.queue(0, 16);

    @AfterEach
    void close() {
        b.close();
    }

    void echoRequest() {
        long src = b.buffer(2, (byte) 7, (byte) 8);
        vq.add(Buf.in(src, 2), Buf.out(b.buffer(2), 2));
        b.driver.notify(0);
        assertEquals(1, vq.takeUsed().size());
    }

    @Test
    void vectorsTheTableDoesNotHaveReadBackAsNoVector() {
        b.driver.negotiate(VERSION_1);
        b.driver.common(CONFIG_MSIX_VECTOR, 2, 2);
        assertEquals(NO_VECTOR, b.driver.common(CONFIG_MSIX_VECTOR, 2), "the table has vectors 0 and 1");
        b.driver.common(CONFIG_MSIX_VECTOR, 2, 1);
        assertEquals(1, b.driver.common(CONFIG_MSIX_VECTOR, 2));
        b.driver.common(QUEUE_MSIX_VECTOR, 2, 0x8000);
        assertEquals(NO_VECTOR, b.driver.common(QUEUE_MSIX_VECTOR, 2));
        b.driver.common(QUEUE_MSIX_VECTOR, 2, 0);
        assertEquals(0, b.driver.common(QUEUE_MSIX_VECTOR, 2));
        b.driver.common(QUEUE_SELECT, 2, 7);
        b.driver.common(QUEUE_MSIX_VECTOR, 2, 1);
        assertEquals(NO_VECTOR, b.driver.common(QUEUE_MSIX_VECTOR, 2), "queue 7 does not exist");
        assertEquals(0, b.driver.common(QUEUE_SIZE, 2), "size 0: unavailable");
    }

    @Test
    void aQueueWithoutAVectorRaisesNothingUnderMsix() {
        b.pci.msixControl(true, false);
        b.pci.msixEntry(0, false);
        b.pci.msixEntry(1, false);
        b.driver.init(VERSION_1, vq);
        echoRequest();
        assertEquals(List.of(), b.host.takeMsis());
        assertFalse(b.host.line(1).level());
        assertEquals(0, b.driver.isr());
    }

    @Test
    void maskedVectorsArePendingUntilUnmasked() {
        b.driver.initMsix(VERSION_1, vq);
        b.pci.msixEntry(1, true);
        echoRequest();
        assertEquals(List.of(), b.host.takeMsis());
        assertTrue(b.pci.msixPending(1));
        b.pci.msixEntry(1, false);
        assertEquals(List.of(VECTOR_1), b.host.takeMsis(), "delivered on unmask");
        assertFalse(b.pci.msixPending(1));

        b.pci.msixControl(true, true);
        echoRequest();
        assertEquals(List.of(), b.host.takeMsis(), "function mask");
        assertTrue(b.pci.msixPending(1));
        b.pci.msixControl(true, false);
        assertEquals(List.of(VECTOR_1), b.host.takeMsis());
    }

    @Test
    void configChangesUseTheConfigVectorOrIsrBit1() {
        b.driver.initMsix(VERSION_1, vq);
        int generation = (int) b.driver.common(CONFIG_GENERATION, 1);
        b.pci.write(b.pci.at(DEVICE, 0), 1, 0x99);
        assertEquals(List.of(VECTOR_0), b.host.takeMsis());
        assertEquals(generation + 1, b.driver.common(CONFIG_GENERATION, 1));
        assertEquals(0x99, b.driver.config(0, 1));

        b.pci.msixControl(false, false);
        b.pci.write(b.pci.at(DEVICE, 1), 1, 0x98);
        assertEquals(List.of(), b.host.takeMsis());
        assertTrue(b.host.line(1).level());
        assertEquals(2, b.driver.isr(), "configuration change bit");
        assertFalse(b.host.line(1).level());
    }

    @Test
    void disablingMsixFallsBackToIntx() {
        b.driver.initMsix(VERSION_1, vq);
        b.pci.msixControl(false, false);
        echoRequest();
        assertEquals(List.of(), b.host.takeMsis());
        assertTrue(b.host.line(1).level());
        assertEquals(1, b.driver.isr());
    }

    @Test
    void intxDisableKeepsTheLineLowButTheIsrSet() {
        b.driver.init(VERSION_1, vq);
        b.pci.setCommand(PciGuest.COMMAND_MEMORY | PciGuest.COMMAND_BUS_MASTER | PciGuest.COMMAND_INTX_DISABLE);
        echoRequest();
        assertFalse(b.host.line(1).level());
        assertTrue((b.pci.cfgWord(0x06) & 0x08) != 0, "status: interrupt pending");
        assertEquals(1, b.driver.isr());
        assertEquals(0, b.pci.cfgWord(0x06) & 0x08);
    }

    @Test
    void withoutBusMasterNoMessageLeavesTheFunction() {
        b.driver.initMsix(VERSION_1, vq);
        b.pci.setCommand(PciGuest.COMMAND_MEMORY);
        echoRequest();
        assertEquals(List.of(), b.host.takeMsis());
        assertFalse(b.host.line(1).level());
    }
}
