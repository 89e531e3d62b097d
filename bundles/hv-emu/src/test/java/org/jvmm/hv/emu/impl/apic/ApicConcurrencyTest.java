package org.jvmm.hv.emu.impl.apic;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jvmm.hv.emu.impl.cpu.GuestClock;
import org.junit.jupiter.api.Test;

/** Deliveries from other threads race the owner's polls; none may be lost. */
class ApicConcurrencyTest {
    private static final int SENDERS = 3, PER_SENDER = 2_000;

    @Test
    void noDeliveryIsLostWhileTheOwnerPolls() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            Thread owner = Thread.currentThread();
            AtomicInteger kicks = new AtomicInteger();
            ApicBus bus = new ApicBus(GuestClock.host(1_000_000_000L), () -> -1, v -> { });
            LocalApic apic = bus.addApic(0, true, () -> {
                kicks.incrementAndGet();
                LockSupport.unpark(owner);
            });
            apic.mmioWrite(ApicRegs.SVR, 4, 0x1FF);
            Semaphore[] taken = new Semaphore[SENDERS];
            CountDownLatch done = new CountDownLatch(SENDERS);
            for (int s = 0; s < SENDERS; s++) {
                taken[s] = new Semaphore(0);
                int vector = 0x40 + 0x10 * s;
                Semaphore mine = taken[s];
                Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < PER_SENDER; i++) {
                        bus.deliver(new org.jvmm.hv.api.InterruptRequest.Fixed(0, false, vector, false));
                        mine.acquireUninterruptibly();
                    }
                    done.countDown();
                });
            }
            int received = 0;
            while (received < SENDERS * PER_SENDER) {
                int v = apic.pendingVector();
                if (v < 0) {
                    LockSupport.parkNanos(1_000_000);
                    continue;
                }
                apic.acknowledge(v);
                apic.mmioWrite(ApicRegs.EOI, 4, 0);
                received++;
                taken[(v - 0x40) >> 4].release();
            }
            assertTrue(done.await(5, TimeUnit.SECONDS));
            assertEquals(-1, apic.pendingVector());
            assertTrue(kicks.get() >= SENDERS * PER_SENDER);
        });
    }
}
