package org.jvmm.devices.virtio.impl.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.devices.virtio.driver.MmioGuest.CONFIG;
import static org.jvmm.devices.virtio.driver.MmioGuest.DEVICE_ID;
import static org.jvmm.devices.virtio.driver.MmioGuest.VERSION_1;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.serial.MemorySerialBackend;
import org.jvmm.devices.virtio.api.VirtioDevice;
import org.jvmm.devices.virtio.driver.FakeResolveContext;
import org.jvmm.devices.virtio.driver.MmioBench;
import org.jvmm.devices.virtio.driver.MockVirtqueue;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Buf;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Used;
import org.jvmm.devices.virtio.resources.VirtioConsoleHandle;
import org.jvmm.vm.config.StderrSerialHandle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VirtioConsoleTest {
    static final long EMERG_WRITE = 1L << 2;

    MemorySerialBackend backend = new MemorySerialBackend();
    VirtioConsole console = new VirtioConsole(backend);
    MmioBench bench = new MmioBench(console);
    MockVirtqueue rx = bench.queue(0, 16);
    MockVirtqueue tx = bench.queue(1, 16);

    @AfterEach
    void close() {
        bench.close();
    }

    String text(long gpa, int len) {
        return new String(bench.read(gpa, len), StandardCharsets.ISO_8859_1);
    }

    @Test
    void isAConsoleWithEmergencyWriteAndAConfigSpace() {
        assertEquals(3, bench.guest.read(DEVICE_ID));
        assertEquals(EMERG_WRITE, bench.guest.deviceFeatures() & 0xFF_FFFF);
        assertEquals(0, bench.guest.config(0, 2), "cols");
        assertEquals(0, bench.guest.config(4, 4), "max_nr_ports");
        assertEquals(IoResult.INVALID_REGISTER, bench.guest.access(false, CONFIG + 12, 4, 0));
    }

    @Test
    void transmitQueueGoesToTheBackend() {
        bench.guest.init(VERSION_1, rx, tx);
        long a = bench.buffer(6, "hello ".getBytes(StandardCharsets.US_ASCII));
        long b = bench.buffer(6, "world\n".getBytes(StandardCharsets.US_ASCII));
        int head = tx.add(Buf.in(a, 6), Buf.in(b, 6));
        bench.guest.notify(1);
        assertEquals("hello world\n", backend.outputText());
        assertEquals(List.of(new Used(head, 0)), tx.takeUsed());
        assertEquals(1, bench.guest.handleInterrupt());
    }

    @Test
    void inputWaitingBeforeTheDriverIsReadyArrivesWithTheFirstReceiveBuffer() {
        backend.feed("abc");
        bench.guest.init(VERSION_1, rx, tx);
        long buf = bench.buffer(64);
        int head = rx.add(Buf.out(buf, 64));
        bench.guest.notify(0);
        assertEquals(List.of(new Used(head, 3)), rx.takeUsed());
        assertEquals("abc", text(buf, 3));
    }

    @Test
    void inputArrivingLaterIsDeliveredByTheBackendWakeAndInterrupts() throws Exception {
        FakeResolveContext ctx = new FakeResolveContext().answer(new StderrSerialHandle(), backend);
        VirtioDevice device = new VirtioConsoleResolver().resolve(new VirtioConsoleHandle(new StderrSerialHandle()), ctx);
        assertEquals("virtio[0].backend", ctx.askedAt(new StderrSerialHandle()));
        try (MmioBench b = new MmioBench(device)) {
            MockVirtqueue r = b.queue(0, 8);
            b.guest.init(VERSION_1, r, b.queue(1, 8));
            long buf = b.buffer(16);
            int head = r.add(Buf.out(buf, 16));
            b.guest.notify(0);
            assertTrue(r.takeUsed().isEmpty(), "no input yet: the buffer waits");
            backend.feed("xy");
            assertEquals(List.of(new Used(head, 2)), r.takeUsed());
            assertTrue(b.line.level());
            device.close();
            assertTrue(backend.isClosed());
        }
    }

    @Test
    void inputIsSplitOverSmallBuffersAndTheRestWaits() {
        bench.guest.init(VERSION_1, rx, tx);
        long a = bench.buffer(2);
        long b = bench.buffer(2);
        rx.add(Buf.out(a, 2));
        rx.add(Buf.out(b, 2));
        bench.guest.notify(0);
        backend.feed("hello");
        console.pumpInput();
        assertEquals(List.of(2, 2), rx.takeUsed().stream().map(Used::len).toList());
        assertEquals("he", text(a, 2));
        assertEquals("ll", text(b, 2));
        long c = bench.buffer(8);
        rx.add(Buf.out(c, 8));
        bench.guest.notify(0);
        assertEquals(1, rx.takeUsed().getFirst().len());
        assertEquals("o", text(c, 1));
        assertEquals(0, backend.pendingInput());
    }

    @Test
    void emergencyWriteSendsOneByte() {
        bench.guest.init(VERSION_1 | EMERG_WRITE, rx, tx);
        assertEquals(IoResult.OK, bench.guest.access(true, CONFIG + 8, 4, 'Z'));
        assertEquals("Z", backend.outputText());
    }

    @Test
    void resetStopsDeliveryUntilTheNextActivation() {
        bench.guest.init(VERSION_1, rx, tx);
        bench.guest.write(org.jvmm.devices.virtio.driver.MmioGuest.STATUS, 0);
        backend.feed("q");
        console.pumpInput();
        assertEquals(1, backend.pendingInput(), "input stays with the backend while the device is reset");
    }
}
