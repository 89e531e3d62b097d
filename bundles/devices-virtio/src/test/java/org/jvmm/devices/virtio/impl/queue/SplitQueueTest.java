package org.jvmm.devices.virtio.impl.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.devices.virtio.driver.MockVirtqueue.F_INDIRECT;
import static org.jvmm.devices.virtio.driver.MockVirtqueue.F_NEXT;
import static org.jvmm.devices.virtio.driver.MockVirtqueue.F_WRITE;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.jvmm.devices.virtio.api.DescriptorChain;
import org.jvmm.devices.virtio.driver.MockVirtqueue;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Buf;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Used;
import org.jvmm.devices.virtio.driver.TestRam;
import org.jvmm.guestmem.GuestMemory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SplitQueueTest {
    static final long INDIRECT = 1L << 28;
    static final long EVENT_IDX = 1L << 29;

    GuestMemory mem = TestRam.flat(1 << 20);
    RecordingEvents events = new RecordingEvents();
    MockVirtqueue vq = MockVirtqueue.at(mem, 0x1000, 8);

    @AfterEach
    void close() {
        mem.close();
    }

    SplitQueue queue(long features) {
        return new SplitQueue(0, new QueueParams(8, vq.desc(), vq.avail(), vq.used()), 8, mem, features, events);
    }

    DescriptorChain take(SplitQueue q) {
        return q.next().orElseThrow(() -> new AssertionError("no chain; failures " + events.failures));
    }

    void assertFails(SplitQueue q, String reason) {
        assertTrue(q.next().isEmpty(), "malformed chain refused");
        assertEquals(1, events.failures.size(), "one failure reported");
        assertTrue(events.failures.getFirst().contains(reason), events.failures.getFirst());
        assertFalse(q.isOpen());
        vq.add(Buf.in(0x10000, 1));
        assertTrue(q.next().isEmpty(), "a failed queue delivers nothing more");
    }

    @Test
    void directChainGivesReadableThenWritableBytesAndCompletesIntoTheUsedRing() {
        mem.write(0x10000, new byte[] {1, 2, 3, 4}, 0, 4);
        int head = vq.add(Buf.in(0x10000, 4), Buf.out(0x11000, 8));
        SplitQueue q = queue(0);
        DescriptorChain c = take(q);
        assertEquals(head, c.head());
        assertEquals(4, c.readableLength());
        assertEquals(8, c.writableLength());
        assertEquals(2, c.descriptorCount());
        byte[] got = new byte[4];
        assertTrue(c.reader().readFully(got));
        assertArrayEquals(new byte[] {1, 2, 3, 4}, got);
        var w = c.writer();
        assertEquals(3, w.write(new byte[] {9, 8, 7}, 0, 3));
        assertEquals(5, w.fill((byte) 5, 100), "fill stops at the end of the writable bytes");
        assertEquals(0, w.remaining());
        assertEquals(9, mem.read8(0x11000));
        assertEquals(5, mem.read8(0x11007));
        assertEquals(0, mem.read8(0x11008), "nothing written past the buffer");
        assertTrue(q.complete(c, 8));
        assertEquals(List.of(new Used(head, 8)), vq.takeUsed());
        assertEquals(List.of(0), events.interrupts);
        assertTrue(q.next().isEmpty());
    }

    @Test
    void usedLengthIsClampedToTheWritableBytes() {
        int head = vq.add(Buf.in(0x10000, 4), Buf.out(0x11000, 8));
        SplitQueue q = queue(0);
        q.complete(take(q), 1 << 30);
        assertEquals(List.of(new Used(head, 8)), vq.takeUsed());
    }

    /** Completing a chain reports its device-writable buffers (not the readable ones) as DMA-written. */
    @Test
    void completionReportsTheWritableBuffersToGuestMemory() {
        List<String> written = new java.util.ArrayList<>();
        int head = vq.add(Buf.in(0x10000, 4), Buf.out(0x11000, 8), Buf.out(0x13000, 3));
        SplitQueue q = queue(0);
        DescriptorChain c = take(q);
        mem.observeWrites((offset, length) -> written.add(Long.toHexString(offset) + "+" + length));
        q.complete(c, 2);
        assertTrue(written.containsAll(List.of("11000+8", "13000+3")), written::toString);
        assertTrue(written.stream().noneMatch(w -> w.startsWith("10000+")), written::toString);
        assertEquals(List.of(new Used(head, 2)), vq.takeUsed());
    }

    @Test
    void indirectTableIsFollowed() {
        int head = vq.addIndirect(0x20000, Buf.in(0x10000, 16), Buf.out(0x11000, 100), Buf.out(0x12000, 1));
        SplitQueue q = queue(INDIRECT);
        DescriptorChain c = take(q);
        assertEquals(head, c.head());
        assertEquals(16, c.readableLength());
        assertEquals(101, c.writableLength());
        assertEquals(3, c.descriptorCount());
        List<MemorySegment> s = c.writableSlices(99, 2);
        assertEquals(2, s.size(), "a range across two buffers is two slices");
        s.get(1).set(ValueLayout.JAVA_BYTE, 0, (byte) 0x5A);
        assertEquals(0x5A, mem.read8(0x12000));
    }

    @Test
    void directDescriptorsMayEndInAnIndirectOne() {
        vq.writeDesc(0, 0x10000, 16, F_NEXT, 1);
        vq.writeDesc(1, 0x20000, 32, F_INDIRECT, 0);
        mem.write64(0x20000, 0x11000);
        mem.write32(0x20008, 10);
        mem.write16(0x2000C, (short) F_NEXT);
        mem.write16(0x2000E, (short) 1);
        mem.write64(0x20010, 0x12000);
        mem.write32(0x20018, 20);
        mem.write16(0x2001C, (short) F_WRITE);
        vq.publish(0);
        DescriptorChain c = take(queue(INDIRECT));
        assertEquals(26, c.readableLength());
        assertEquals(20, c.writableLength());
    }

    @Test
    void indirectWithoutTheFeatureFailsTheQueue() {
        vq.addIndirect(0x20000, Buf.in(0x10000, 16));
        assertFails(queue(0), "INDIRECT_DESC");
    }

    @Test
    void descriptorLoopFailsTheQueue() {
        vq.writeDesc(0, 0x10000, 4, F_NEXT, 1);
        vq.writeDesc(1, 0x10000, 4, F_NEXT, 0);
        vq.publish(0);
        assertFails(queue(0), "loops");
    }

    @Test
    void selfLoopInAnIndirectTableFailsTheQueue() {
        vq.writeDesc(0, 0x20000, 32, F_INDIRECT, 0);
        mem.write64(0x20000, 0x10000);
        mem.write32(0x20008, 4);
        mem.write16(0x2000C, (short) F_NEXT);
        mem.write16(0x2000E, (short) 0);
        vq.publish(0);
        assertFails(queue(INDIRECT), "loops");
    }

    @Test
    void headOutsideTheQueueFails() {
        vq.publish(8);
        assertFails(queue(0), "head descriptor 8");
    }

    @Test
    void nextOutsideTheQueueFails() {
        vq.writeDesc(0, 0x10000, 4, F_NEXT, 200);
        vq.publish(0);
        assertFails(queue(0), "next descriptor 200");
    }

    @Test
    void bufferOutsideGuestRamFails() {
        vq.add(Buf.in((1 << 20) - 8, 16));
        assertFails(queue(0), "not in guest RAM");
    }

    @Test
    void bufferAddressOverflowFails() {
        vq.add(Buf.in(-16, 32));
        assertFails(queue(0), "overflows");
    }

    @Test
    void readableAfterWritableFails() {
        vq.add(Buf.out(0x11000, 0), Buf.in(0x10000, 4));
        assertFails(queue(0), "readable descriptor after");
    }

    @Test
    void nestedIndirectFails() {
        vq.writeDesc(0, 0x20000, 16, F_INDIRECT, 0);
        mem.write64(0x20000, 0x21000);
        mem.write32(0x20008, 16);
        mem.write16(0x2000C, (short) F_INDIRECT);
        vq.publish(0);
        assertFails(queue(INDIRECT), "inside an indirect table");
    }

    @Test
    void indirectWithNextFails() {
        vq.writeDesc(0, 0x20000, 16, F_INDIRECT | F_NEXT, 1);
        vq.publish(0);
        assertFails(queue(INDIRECT), "NEXT");
    }

    @Test
    void indirectTableOfBadLengthFails() {
        vq.writeDesc(0, 0x20000, 17, F_INDIRECT, 0);
        vq.publish(0);
        assertFails(queue(INDIRECT), "indirect table length");
    }

    @Test
    void indirectTableLongerThanTheQueueFails() {
        vq.writeDesc(0, 0x20000, 16 * 9, F_INDIRECT, 0);
        vq.publish(0);
        assertFails(queue(INDIRECT), "indirect table length");
    }

    @Test
    void indirectTableOutsideRamFails() {
        vq.writeDesc(0, (1 << 20) - 16, 32, F_INDIRECT, 0);
        vq.publish(0);
        assertFails(queue(INDIRECT), "not in guest RAM");
    }

    @Test
    void chainOfMoreBuffersThanTheQueueSizeFails() {
        for (int i = 0; i < 7; i++) {
            vq.writeDesc(i, 0x10000, 1, F_NEXT, i + 1);
        }
        vq.writeDesc(7, 0x20000, 16 * 8, F_INDIRECT, 0);
        for (int i = 0; i < 8; i++) {
            mem.write64(0x20000 + 16L * i, 0x10000);
            mem.write32(0x20008 + 16L * i, 1);
            mem.write16(0x2000C + 16L * i, (short) (i < 7 ? F_NEXT : 0));
            mem.write16(0x2000E + 16L * i, (short) (i + 1));
        }
        vq.publish(0);
        assertFails(queue(INDIRECT), "longer than the queue size");
    }

    @Test
    void chainLongerThan4GiBFails() {
        int size = 8192;
        try (GuestMemory two = TestRam.flat(2 << 20)) {
            MockVirtqueue v = MockVirtqueue.at(two, 0x1000, size);
            for (int i = 0; i < 4100; i++) {
                v.writeDesc(i, 1 << 20, 1 << 20, F_NEXT, i + 1);
            }
            v.publish(0);
            SplitQueue q = new SplitQueue(0, new QueueParams(size, v.desc(), v.avail(), v.used()), size, two, 0, events);
            assertTrue(q.next().isEmpty());
            assertEquals(1, events.failures.size());
            assertTrue(events.failures.getFirst().contains("longer than 4 GiB"), events.failures.getFirst());
        }
    }

    @Test
    void availableIndexMovingTooFarFails() {
        vq.setAvailIdx(9);
        assertFails(queue(0), "more than the queue size");
    }

    @Test
    void zeroLengthBuffersAreAccepted() {
        vq.add(Buf.in(0x10000, 0), Buf.out(0x11000, 0));
        DescriptorChain c = take(queue(0));
        assertEquals(0, c.readableLength());
        assertEquals(0, c.writableLength());
        assertTrue(c.readableSlices(0, 0).isEmpty());
    }

    @Test
    void withEventIdxTheDevicePublishesAvailEventAndHonoursUsedEvent() {
        SplitQueue q = queue(EVENT_IDX);
        vq.add(Buf.out(0x11000, 4));
        vq.add(Buf.out(0x11000, 4));
        vq.setUsedEvent(1);
        DescriptorChain a = take(q);
        assertEquals(1, vq.availEvent(), "notify me when the driver passes index 1");
        DescriptorChain b = take(q);
        assertTrue(q.next().isEmpty());
        assertEquals(2, vq.availEvent());
        q.complete(a, 0);
        assertTrue(events.interrupts.isEmpty(), "used idx 1 does not pass used_event 1");
        q.complete(b, 0);
        assertEquals(List.of(0), events.interrupts, "used idx 2 passes used_event 1");
    }

    @Test
    void withoutEventIdxNoInterruptFlagSuppressesInterrupts() {
        SplitQueue q = queue(0);
        vq.add(Buf.out(0x11000, 4));
        vq.add(Buf.out(0x11000, 4));
        vq.setNoInterrupt(true);
        q.complete(take(q), 0);
        assertTrue(events.interrupts.isEmpty());
        vq.setNoInterrupt(false);
        q.complete(take(q), 0);
        assertEquals(1, events.interrupts.size());
        assertEquals(2, vq.usedIdx());
    }

    @Test
    void closedQueueGivesNothingAndPublishesNothing() {
        SplitQueue q = queue(0);
        vq.add(Buf.out(0x11000, 4));
        vq.add(Buf.out(0x11000, 4));
        DescriptorChain c = take(q);
        q.close();
        assertFalse(q.complete(c, 4));
        assertTrue(q.next().isEmpty());
        assertEquals(0, vq.usedIdx());
        assertTrue(events.failures.isEmpty(), "closing is no failure");
    }

    @Test
    void chainsFromAnotherQueueAreRefused() {
        vq.add(Buf.out(0x11000, 4));
        DescriptorChain c = take(queue(0));
        assertThrows(IllegalArgumentException.class, () -> queue(0).complete(c, 0));
    }

    @Test
    void indicesWrapAroundAt65536() {
        SplitQueue q = queue(EVENT_IDX);
        for (int i = 0; i < 70_000; i++) {
            vq.add(Buf.out(0x11000, 4));
            q.complete(take(q), 4);
            assertEquals(1, vq.takeUsed().size());
        }
        assertEquals(70_000 & 0xFFFF, vq.usedIdx());
        assertTrue(events.failures.isEmpty());
    }

    @Test
    void bufferAcrossAdjacentRamRangesIsSplitWhereTheSegmentIsNotContiguous() {
        try (GuestMemory split = TestRam.adjacentSwapped(0x10000)) {
            MockVirtqueue v = MockVirtqueue.at(split, 0x1000, 8);
            split.write(0xFFFC, new byte[] {1, 2, 3, 4}, 0, 4);
            split.write(0x10000, new byte[] {5, 6, 7, 8}, 0, 4);
            v.add(Buf.in(0xFFFC, 8));
            SplitQueue q = new SplitQueue(0, new QueueParams(8, v.desc(), v.avail(), v.used()), 8, split, 0, events);
            DescriptorChain c = q.next().orElseThrow();
            byte[] got = new byte[8];
            assertTrue(c.reader().readFully(got));
            assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, got);
            assertEquals(2, c.readableSlices(0, 8).size());
        }
    }

    @Test
    void queueParamsAreChecked() {
        assertTrue(new QueueParams(8, 0x1000, 0x2000, 0x3000).problem(8, mem).isEmpty());
        assertTrue(new QueueParams(6, 0x1000, 0x2000, 0x3000).problem(8, mem).orElseThrow().contains("power of two"));
        assertTrue(new QueueParams(16, 0x1000, 0x2000, 0x3000).problem(8, mem).isPresent());
        assertTrue(new QueueParams(0, 0x1000, 0x2000, 0x3000).problem(8, mem).isPresent());
        assertTrue(new QueueParams(8, 0x1008, 0x2000, 0x3000).problem(8, mem).orElseThrow().contains("aligned"));
        assertTrue(new QueueParams(8, 0x1000, 0x2001, 0x3000).problem(8, mem).isPresent());
        assertTrue(new QueueParams(8, 0x1000, 0x2000, 0x3002).problem(8, mem).isPresent());
        assertTrue(new QueueParams(8, 0x1000, 0x2000, (1 << 20) - 8).problem(8, mem).orElseThrow().contains("RAM"));
        assertThrows(IllegalArgumentException.class,
                () -> new SplitQueue(0, new QueueParams(6, 0x1000, 0x2000, 0x3000), 8, mem, 0, events));
    }
}
