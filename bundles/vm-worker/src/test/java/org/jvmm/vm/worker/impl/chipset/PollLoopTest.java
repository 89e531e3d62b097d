package org.jvmm.vm.worker.impl.chipset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.jvmm.chipset.api.PollDevice;
import org.jvmm.chipset.api.Waker;
import org.jvmm.inspect.InspectNode;

class PollLoopTest {
    @Test
    void pollsDueAndWokenDevicesAndReturnsTheEarliestDeadline() {
        AtomicLong now = new AtomicLong();
        PollLoop loop = new PollLoop(now::get, "test-poll");
        List<String> polled = new CopyOnWriteArrayList<>();
        PollDevice timer = t -> {
            polled.add("timer@" + t);
            return t + 100;
        };
        PollDevice serial = t -> {
            polled.add("serial@" + t);
            return Long.MAX_VALUE;
        };
        Waker serialWaker = loop.waker(serial);
        loop.add("timer", timer);
        loop.add("serial", serial);
        assertEquals(100, loop.pollDue(0));
        assertEquals(100, loop.pollDue(50), "nothing due at 50");
        serialWaker.wake();
        assertEquals(100, loop.pollDue(60));
        assertEquals(200, loop.pollDue(100));
        assertEquals(List.of("timer@0", "serial@0", "serial@60", "timer@100"), polled);
    }

    @Test
    void aThrowingDeviceIsCountedAndOnlyPolledWhenWoken() {
        PollLoop loop = new PollLoop(() -> 0, "test-poll");
        loop.add("broken", t -> {
            throw new IllegalStateException("bug");
        });
        assertEquals(Long.MAX_VALUE, loop.pollDue(0));
        assertEquals(Long.MAX_VALUE, loop.pollDue(1000));
        InspectNode n = new InspectNode();
        loop.inspect(n);
        assertEquals(1L, n.at("broken/errors").orElseThrow());
        assertEquals(1L, n.at("broken/polls").orElseThrow());
        assertEquals("when woken", n.at("broken/deadline").orElseThrow());
    }

    @Test
    void theThreadPollsWhenWokenAndStaysQuietWhilePaused() throws Exception {
        HostVmClock clock = new HostVmClock();
        clock.resume();
        PollLoop loop = new PollLoop(clock, "test-poll");
        CountDownLatch polled = new CountDownLatch(1);
        AtomicLong count = new AtomicLong();
        PollDevice dev = t -> {
            count.incrementAndGet();
            polled.countDown();
            return Long.MAX_VALUE;
        };
        loop.add("dev", dev);
        Waker waker = loop.waker(dev);
        loop.start();
        Thread.sleep(20);
        assertEquals(0, count.get(), "starts paused");
        loop.resume();
        waker.wake();
        assertTrue(polled.await(5, TimeUnit.SECONDS));
        assertTrue(loop.pause(Duration.ofSeconds(5)));
        long before = count.get();
        waker.wake();
        Thread.sleep(20);
        assertEquals(before, count.get(), "no polling while paused");
        loop.resume();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (count.get() == before && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(before + 1, count.get(), "the wake while paused is served on resume");
        assertTrue(loop.stop(Duration.ofSeconds(5)));
    }

    @Test
    void clockStandsStillWhilePaused() {
        AtomicLong host = new AtomicLong(1_000);
        HostVmClock clock = new HostVmClock(host::get);
        assertEquals(0, clock.nanos());
        clock.resume();
        host.addAndGet(500);
        assertEquals(500, clock.nanos());
        clock.pause();
        host.addAndGet(10_000);
        assertEquals(500, clock.nanos());
        clock.resume();
        host.addAndGet(25);
        assertEquals(525, clock.nanos());
    }

    @Test
    void errorLogIsRateLimited() {
        long logged = java.util.stream.LongStream.rangeClosed(1, 1000).filter(IoErrorLog::shouldLog).count();
        assertEquals(10 + 6, logged, "1..10, then 16, 32, 64, 128, 256, 512");
    }
}
