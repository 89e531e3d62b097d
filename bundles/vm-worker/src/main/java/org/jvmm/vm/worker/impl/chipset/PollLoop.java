package org.jvmm.vm.worker.impl.chipset;

import java.time.Duration;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.jvmm.chipset.api.PollDevice;
import org.jvmm.chipset.api.VmClock;
import org.jvmm.chipset.api.Waker;
import org.jvmm.hv.api.DeterministicTime;
import org.jvmm.hv.api.DeviceTimer;
import org.jvmm.inspect.InspectNode;

/**
 * The chipset's poll thread: polls each device when its deadline (VM time) passes or its waker
 * fires, then sleeps until the earliest deadline. It starts paused, and pauses with the VM so
 * that devices see no work while VM time stands still.
 *
 * <p>In deterministic mode ({@link #onProcessor}) there is no thread: processor 0 polls the due and
 * woken devices through a {@link DeviceTimer} between instructions, so timers fire at the same
 * instruction every run. A waker asks processor 0 to look; woken by a guest access (a PIT or RTC
 * reprogrammed) that is at a reproducible instruction, woken from a host thread (serial input) it is
 * not, as the input itself is not.
 */
public final class PollLoop {
    private static final long MAX_SLEEP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final VmClock clock;
    private final String threadName;
    /** Deterministic time whose processor 0 runs the polls, or null: the loop's own thread does. */
    private final DeterministicTime processorTime;
    private final Map<PollDevice, Entry> byDevice = new IdentityHashMap<>();
    private final Object monitor = new Object();
    private volatile Entry[] active = new Entry[0];
    private volatile Thread thread;
    private volatile boolean pauseRequested = true;
    private volatile boolean stopRequested;
    private boolean parked;

    public PollLoop(VmClock clock, String threadName) {
        this(clock, threadName, null);
    }

    private PollLoop(VmClock clock, String threadName, DeterministicTime processorTime) {
        this.clock = clock;
        this.threadName = threadName;
        this.processorTime = processorTime;
    }

    /** A loop whose polls run on processor 0 of {@code time}'s partition, in its time, from {@link #start()}. */
    public static PollLoop onProcessor(DeterministicTime time) {
        return new PollLoop(time::nanos, "none (processor 0)", time);
    }

    /** The waker of {@code device}; may be taken before the device is added. */
    public synchronized Waker waker(PollDevice device) {
        return entry(device);
    }

    /** Polls {@code device} from now on, first as soon as the loop runs. */
    public synchronized void add(String name, PollDevice device) {
        Entry e = entry(device);
        e.name = name;
        e.errors = new IoErrorLog(name + " poll");
        e.deadline = 0;
        Entry[] copy = Arrays.copyOf(active, active.length + 1);
        copy[active.length] = e;
        active = copy;
    }

    /** Stops polling {@code device} (a hot-removed device); its waker does nothing from then on. */
    public synchronized void remove(PollDevice device) {
        Entry e = byDevice.remove(device);
        if (e != null) {
            active = Arrays.stream(active).filter(x -> x != e).toArray(Entry[]::new);
        }
    }

    /** Polls every device again as soon as the loop runs (after a VM reset). */
    public void resetDeadlines() {
        for (Entry e : active) {
            e.deadline = 0;
        }
    }

    public synchronized void start() {
        if (processorTime != null) {
            processorTime.setDeviceTimer(new ProcessorTimer());
        } else if (thread == null) {
            thread = Thread.ofPlatform().name(threadName).daemon(true).start(this::run);
        }
    }

    /** The VM time the loop polls at. */
    public VmClock clock() {
        return clock;
    }

    /** Waits until the loop is parked; false if it did not park within {@code timeout}. */
    public boolean pause(Duration timeout) {
        pauseRequested = true;
        Thread t = thread;
        if (t == null) {
            return true;
        }
        LockSupport.unpark(t);
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (!parked && t.isAlive()) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !waitOn(left)) {
                    return false;
                }
            }
        }
        return true;
    }

    public void resume() {
        synchronized (monitor) {
            pauseRequested = false;
            monitor.notifyAll();
        }
    }

    /** Ends the thread; false if it did not end within {@code timeout}. */
    public boolean stop(Duration timeout) {
        synchronized (monitor) {
            stopRequested = true;
            monitor.notifyAll();
        }
        if (processorTime != null) {
            processorTime.setDeviceTimer(null);
        }
        Thread t = thread;
        if (t == null) {
            return true;
        }
        LockSupport.unpark(t);
        try {
            return t.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public void inspect(InspectNode node) {
        for (Entry e : active) {
            InspectNode n = node.child(e.name);
            n.field("polls", e.polls.sum());
            n.field("deadline", e.deadline == Long.MAX_VALUE ? "when woken" : e.deadline + " ns");
            n.field("errors", e.errors.count());
        }
    }

    private Entry entry(PollDevice device) {
        return byDevice.computeIfAbsent(device, Entry::new);
    }

    private void run() {
        while (!stopRequested) {
            if (pauseRequested) {
                parkWhilePaused();
                continue;
            }
            long next = pollDue(clock.nanos());
            if (anyWoken() || pauseRequested || stopRequested) {
                continue;
            }
            long wait = next == Long.MAX_VALUE ? MAX_SLEEP_NANOS : Math.min(next - clock.nanos(), MAX_SLEEP_NANOS);
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
            }
        }
    }

    /** Polls every device that is due or woken; returns the earliest next deadline. */
    long pollDue(long now) {
        long next = Long.MAX_VALUE;
        for (Entry e : active) {
            if (e.woken.getAndSet(false) || e.deadline <= now) {
                e.deadline = e.poll(now);
            }
            next = Math.min(next, e.deadline);
        }
        return next;
    }

    private long earliestDeadline() {
        long next = Long.MAX_VALUE;
        for (Entry e : active) {
            next = Math.min(next, e.deadline);
        }
        return next;
    }

    private boolean anyWoken() {
        for (Entry e : active) {
            if (e.woken.get()) {
                return true;
            }
        }
        return false;
    }

    private void parkWhilePaused() {
        synchronized (monitor) {
            parked = true;
            monitor.notifyAll();
            while (pauseRequested && !stopRequested) {
                if (!waitOn(MAX_SLEEP_NANOS)) {
                    stopRequested = true;
                }
            }
            parked = false;
        }
    }

    /** Waits on the monitor (held); false when interrupted (the flag is restored). */
    private boolean waitOn(long nanos) {
        try {
            monitor.wait(Math.max(1, nanos / 1_000_000));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The polls as processor 0 runs them in deterministic mode; nothing is due while paused or stopped. */
    private final class ProcessorTimer implements DeviceTimer {
        @Override
        public long nextDeadlineNanos() {
            if (pauseRequested || stopRequested) {
                return Long.MAX_VALUE;
            }
            return anyWoken() ? Long.MIN_VALUE : earliestDeadline();
        }

        @Override
        public void run(long nowNanos) {
            if (!pauseRequested && !stopRequested) {
                pollDue(nowNanos);
            }
        }
    }

    /** One polled device and its waker. */
    private final class Entry implements Waker {
        private final PollDevice device;
        private final AtomicBoolean woken = new AtomicBoolean();
        private final LongAdder polls = new LongAdder();
        private volatile String name = "unnamed";
        private volatile long deadline = Long.MAX_VALUE;
        private volatile IoErrorLog errors = new IoErrorLog("unnamed poll");

        Entry(PollDevice device) {
            this.device = device;
        }

        @Override
        public void wake() {
            if (!woken.getAndSet(true)) {
                if (processorTime != null) {
                    processorTime.deviceTimerChanged();
                    return;
                }
                Thread t = thread;
                if (t != null) {
                    LockSupport.unpark(t);
                }
            }
        }

        long poll(long now) {
            polls.increment();
            try {
                return device.poll(now);
            } catch (RuntimeException e) {
                errors.record("poll threw " + e);
                return Long.MAX_VALUE;
            }
        }
    }
}
