package org.jvmm.hv.emu.impl.apic;

import static org.jvmm.hv.emu.impl.apic.ApicRegs.*;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;
import org.jvmm.hv.api.InterruptRequest;
import org.jvmm.hv.emu.impl.cpu.GuestClock;
import org.jvmm.inspect.InspectNode;
import org.jvmm.inspect.Inspectable;

/**
 * The partition's APIC bus: the local APICs by APIC ID, IPI routing from their ICRs, and interrupt
 * messages from the chipset (PIC INTR on every LINT0, IOAPIC and MSI messages, NMI).
 *
 * <p>Destinations: physical (the APIC ID; 0xFF, or 0xFFFFFFFF from an x2APIC ICR, is everybody),
 * logical against each APIC's LDR (xAPIC flat or cluster per its DFR; x2APIC cluster
 * {@code id>>4 << 16 | 1 << (id&15)}), and the ICR shorthands self, all, all-but-self. Lowest
 * priority goes to the matching enabled APIC with the lowest processor priority (PPR); ties rotate
 * round-robin from the APIC after the previous winner.
 *
 * <p>Thread-safe: messages come from any thread and never hold more than one APIC's lock.
 */
public final class ApicBus implements Inspectable {
    private final TimeBase time;
    private final ApicFeatures features;
    private final IntSupplier picAcknowledge;
    private final IntConsumer eoiBroadcast;
    private final AtomicInteger lowestCursor = new AtomicInteger();
    private volatile LocalApic[] apics = new LocalApic[0];

    /**
     * @param clock          the guest clock (APIC timer and TSC-deadline time base)
     * @param picAcknowledge the PIC's INTA: its vector, or -1 (CpuIo::acknowledgePicInterrupt)
     * @param eoiBroadcast   EOI of a level-triggered vector, to the IOAPIC (CpuIo::handleEoi)
     */
    public ApicBus(GuestClock clock, ApicFeatures features, IntSupplier picAcknowledge, IntConsumer eoiBroadcast) {
        this.time = new TimeBase(clock);
        this.features = features;
        this.picAcknowledge = picAcknowledge;
        this.eoiBroadcast = eoiBroadcast;
    }

    public ApicBus(GuestClock clock, IntSupplier picAcknowledge, IntConsumer eoiBroadcast) {
        this(clock, ApicFeatures.DEFAULT, picAcknowledge, eoiBroadcast);
    }

    /**
     * Adds the local APIC of one VP. {@code kick} wakes that VP (its thread polls the APIC next);
     * it is called from any thread, including the VP's own.
     */
    public synchronized LocalApic addApic(int apicId, boolean bsp, Runnable kick) {
        if (apicId < 0 || apic(apicId) != null) {
            throw new IllegalArgumentException("apic id: must be unique and non-negative, got " + apicId);
        }
        LocalApic apic = new LocalApic(this, apicId, bsp, time, features, kick);
        LocalApic[] next = java.util.Arrays.copyOf(apics, apics.length + 1);
        next[next.length - 1] = apic;
        apics = next;
        return apic;
    }

    /** The APIC with this ID, or null. */
    public LocalApic apic(int apicId) {
        for (LocalApic a : apics) {
            if (a.id() == apicId) {
                return a;
            }
        }
        return null;
    }

    public List<LocalApic> apics() {
        return List.of(apics);
    }

    /** Where the next lowest-priority arbitration starts looking (its round-robin position), for snapshots. */
    public int lowestPriorityCursor() {
        return lowestCursor.get();
    }

    public void restoreLowestPriorityCursor(int cursor) {
        lowestCursor.set(cursor);
    }

    /** An interrupt message from the chipset (IOAPIC, MSI, a backend's injection). */
    public void deliver(InterruptRequest request) {
        switch (request) {
            case InterruptRequest.Fixed f -> route(f.destination(), f.logical(), DM_FIXED, f.vector(), f.level());
            case InterruptRequest.LowestPriority l ->
                    route(l.destination(), l.logical(), DM_LOWEST, l.vector(), l.level());
            case InterruptRequest.Nmi n -> route(n.destination(), n.logical(), DM_NMI, 0, false);
            case InterruptRequest.ExtInt e -> route(e.destination(), e.logical(), DM_EXTINT, 0, false);
            case InterruptRequest.Init i -> route(i.destination(), i.logical(), DM_INIT, 0, false);
            case InterruptRequest.StartupIpi s -> route(s.destination(), s.logical(), DM_STARTUP, s.vectorPage(), false);
            case InterruptRequest.Msi m -> signalMsi(m.address(), m.data());
        }
    }

    /** An MSI write (the chipset's CpuInterrupts.signalMsi); SMI and reserved delivery modes are dropped. */
    public void signalMsi(long address, int data) {
        MsiMessage m = MsiMessage.decode(address, data);
        if (m != null) {
            route(m.destination(), m.logical(), m.deliveryMode(), m.vector(), m.level());
        }
    }

    /** The PIC's INTR output, wired to LINT0 of every APIC (the chipset's CpuInterrupts.setPicOutput). */
    public void setPicOutput(boolean asserted) {
        for (LocalApic a : apics) {
            a.setLint0(asserted);
        }
    }

    /** The NMI input of one processor (the chipset's CpuInterrupts.nmi); ignored for an unknown ID. */
    public void nmi(int apicId) {
        LocalApic a = apic(apicId);
        if (a != null) {
            a.injectNmi();
        }
    }

    private void route(int dest, boolean logical, int mode, int vector, boolean level) {
        route(null, SH_NONE, dest, logical, false, mode, vector, level);
    }

    /** Delivers a message from {@code source} (null for the chipset) to every APIC it addresses. */
    void route(LocalApic source, int shorthand, int dest, boolean logical, boolean x2Format, int mode, int vector,
            boolean level) {
        LocalApic[] all = apics;
        if (mode == DM_LOWEST) {
            LocalApic target = lowestPriority(all, source, shorthand, dest, logical, x2Format);
            if (target != null) {
                target.deliverFixed(vector, level);
            }
            return;
        }
        for (LocalApic a : all) {
            if (addressed(a, source, shorthand, dest, logical, x2Format)) {
                a.accept(mode, vector, level);
            }
        }
    }

    private LocalApic lowestPriority(LocalApic[] all, LocalApic source, int shorthand, int dest, boolean logical,
            boolean x2Format) {
        int n = all.length;
        int start = n == 0 ? 0 : Math.floorMod(lowestCursor.get(), n);
        LocalApic best = null;
        int bestIndex = -1;
        for (int k = 0; k < n; k++) {
            int i = (start + k) % n;
            LocalApic a = all[i];
            if (addressed(a, source, shorthand, dest, logical, x2Format) && a.acceptsFixed()
                    && (best == null || (a.ppr() & 0xF0) < (best.ppr() & 0xF0))) {
                best = a;
                bestIndex = i;
            }
        }
        if (best != null) {
            lowestCursor.set(bestIndex + 1);
        }
        return best;
    }

    private static boolean addressed(LocalApic a, LocalApic source, int shorthand, int dest, boolean logical,
            boolean x2Format) {
        return switch (shorthand) {
            case SH_SELF -> a == source;
            case SH_ALL -> true;
            case SH_OTHERS -> a != source;
            default -> a.matches(dest, logical, x2Format);
        };
    }

    int acknowledgePic() {
        return picAcknowledge.getAsInt();
    }

    void broadcastEoi(int vector) {
        eoiBroadcast.accept(vector);
    }

    @Override
    public void inspect(InspectNode node) {
        for (LocalApic a : apics) {
            node.child(Integer.toString(a.id()), a);
        }
    }
}
