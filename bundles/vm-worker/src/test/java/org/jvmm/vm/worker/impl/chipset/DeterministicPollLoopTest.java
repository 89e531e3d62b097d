package org.jvmm.vm.worker.impl.chipset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.jvmm.chipset.api.PollDevice;
import org.jvmm.chipset.api.Waker;
import org.jvmm.hv.api.DeterministicTime;
import org.jvmm.hv.api.DeviceTimer;

/** {@link PollLoop#onProcessor}: processor 0 runs the polls through the device timer, in its time. */
class DeterministicPollLoopTest {
    /** A partition's deterministic time as a test drives it: set by hand, counting change notices. */
    private static final class ManualTime implements DeterministicTime {
        long now;
        DeviceTimer timer;
        int changes;

        @Override
        public long nanos() {
            return now;
        }

        @Override
        public void setDeviceTimer(DeviceTimer timer) {
            this.timer = timer;
        }

        @Override
        public void deviceTimerChanged() {
            changes++;
        }

        /** What processor 0 does at a slice boundary. */
        void boundary() {
            if (timer.nextDeadlineNanos() <= now) {
                timer.run(now);
            }
        }
    }

    private final ManualTime time = new ManualTime();
    private final List<String> polled = new ArrayList<>();
    private final PollLoop loop = PollLoop.onProcessor(time);

    private PollDevice every(String name, long period) {
        return t -> {
            polled.add(name + "@" + t);
            return t + period;
        };
    }

    @Test
    void deadlinesRunThroughTheTimerInOrderAtTheProcessorsTime() {
        loop.add("pit", every("pit", 300));
        loop.add("rtc", every("rtc", 500));
        assertNull(time.timer, "no timer before start");
        loop.start();
        assertEquals(Long.MAX_VALUE, time.timer.nextDeadlineNanos(), "nothing due while paused");
        loop.resume();
        assertEquals(0, time.timer.nextDeadlineNanos());
        time.boundary();
        assertEquals(300, time.timer.nextDeadlineNanos());
        time.now = 299;
        time.boundary();
        time.now = 300;
        time.boundary();
        time.now = 600;
        time.boundary();
        assertEquals(List.of("pit@0", "rtc@0", "pit@300", "pit@600", "rtc@600"), polled);
        assertEquals(900, time.timer.nextDeadlineNanos());
        assertEquals(600, loop.clock().nanos(), "the devices read the processor's time");
    }

    @Test
    void aWakeAsksTheProcessorToPollAtItsNextBoundary() {
        PollDevice serial = every("serial", Long.MAX_VALUE / 2);
        Waker waker = loop.waker(serial);
        loop.add("serial", serial);
        loop.start();
        loop.resume();
        time.boundary();
        polled.clear();
        time.now = 1_000;
        waker.wake();
        waker.wake();
        assertEquals(1, time.changes, "one notice per pending wake");
        assertEquals(Long.MIN_VALUE, time.timer.nextDeadlineNanos());
        time.boundary();
        assertEquals(List.of("serial@1000"), polled);
        assertEquals(1_000 + Long.MAX_VALUE / 2, time.timer.nextDeadlineNanos());
    }

    @Test
    void pauseAndStopHoldThePolls() {
        loop.add("pit", every("pit", 100));
        loop.start();
        loop.resume();
        assertEquals(true, loop.pause(Duration.ofSeconds(1)), "no thread to wait for");
        time.timer.run(0);
        assertEquals(List.of(), polled, "no polls while paused");
        loop.resume();
        time.boundary();
        assertEquals(List.of("pit@0"), polled);
        assertEquals(true, loop.stop(Duration.ofSeconds(1)));
        assertNull(time.timer, "stop removes the timer");
    }
}
