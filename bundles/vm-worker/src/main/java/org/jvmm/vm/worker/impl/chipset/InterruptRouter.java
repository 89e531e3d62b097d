package org.jvmm.vm.worker.impl.chipset;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.IntConsumer;
import org.jvmm.chipset.api.CpuInterrupts;
import org.jvmm.chipset.api.InterruptController;
import org.jvmm.chipset.api.LineInterrupt;
import org.jvmm.chipset.api.MsiSink;
import org.jvmm.hv.api.InterruptRequest;
import org.jvmm.hv.api.Partition;
import org.jvmm.inspect.InspectNode;

/**
 * Interrupt wiring. A global system interrupt (GSI) goes to PIC pin {@code gsi} when it is below
 * 16, and to the IOAPIC pin {@code gsi} (IOAPICs numbered on from GSI 0 in the order they were
 * added), except ISA IRQ 0, which the usual interrupt source override sends to IOAPIC pin 2.
 * Lines are bound late: a device may take its line before the controllers exist. Controllers
 * reach the processors through the partition; processor N is addressed as APIC id N.
 */
public final class InterruptRouter implements CpuInterrupts, MsiSink {
    private static final int ISA_IRQS = 16;

    private record IoApic(String name, InterruptController controller, int base) {
    }

    private final Partition partition;
    private final ConcurrentMap<Integer, Line> lines = new ConcurrentHashMap<>();
    private volatile InterruptController pic;
    private volatile String picName;
    private volatile IoApic[] ioapics = new IoApic[0];
    private volatile IntConsumer afterNmi = vp -> { };

    public InterruptRouter(Partition partition) {
        this.partition = partition;
    }

    /** Called after every NMI (the VM wakes a processor that halted with interrupts off). */
    public void onNmi(IntConsumer hook) {
        afterNmi = hook;
    }

    /** Wires a PIC (at most one) or an IOAPIC. */
    public synchronized void add(String device, InterruptController controller) throws DeviceConflictException {
        switch (controller.kind()) {
            case PIC -> {
                if (pic != null) {
                    throw new DeviceConflictException("interrupt controller: " + device
                            + " is a second PIC (the PIC is " + picName + ")");
                }
                picName = device;
                pic = controller;
            }
            case IOAPIC -> {
                IoApic[] old = ioapics;
                int base = old.length == 0 ? 0 : old[old.length - 1].base() + old[old.length - 1].controller().pins();
                IoApic[] copy = Arrays.copyOf(old, old.length + 1);
                copy[old.length] = new IoApic(device, controller, base);
                ioapics = copy;
            }
        }
    }

    /** The line for {@code gsi}; the same object for the same number. */
    public LineInterrupt line(int gsi) {
        if (gsi < 0) {
            throw new IllegalArgumentException("interrupt line: GSI must not be negative, got " + gsi);
        }
        return lines.computeIfAbsent(gsi, Line::new);
    }

    void route(int gsi, boolean high) {
        InterruptController p = pic;
        if (p != null && gsi < ISA_IRQS && gsi < p.pins()) {
            p.setInput(gsi, high);
        }
        int target = gsi == 0 ? 2 : gsi;
        for (IoApic a : ioapics) {
            int pin = target - a.base();
            if (pin >= 0 && pin < a.controller().pins()) {
                a.controller().setInput(pin, high);
                return;
            }
        }
    }

    /** The PIC's vector for an ExtINT acknowledge, or -1 (no PIC, nothing pending). */
    public int acknowledge() {
        InterruptController p = pic;
        return p == null ? -1 : p.acknowledge();
    }

    /** A local APIC EOI, broadcast to every IOAPIC. */
    public void endOfInterrupt(int vector) {
        for (IoApic a : ioapics) {
            a.controller().endOfInterrupt(vector);
        }
    }

    @Override
    public void setPicOutput(boolean asserted) {
        partition.setPicOutput(asserted);
    }

    @Override
    public void signalMsi(long address, int data) {
        partition.requestInterrupt(new InterruptRequest.Msi(address, data));
    }

    @Override
    public void signal(long address, int data) {
        signalMsi(address, data);
    }

    @Override
    public void nmi(int vp) {
        partition.requestInterrupt(new InterruptRequest.Nmi(vp, false));
        afterNmi.accept(vp);
    }

    public void inspect(InspectNode node) {
        node.field("pic", picName == null ? "none" : picName);
        InspectNode io = node.child("ioapics");
        for (IoApic a : ioapics) {
            io.field(a.name(), "GSI " + a.base() + ".." + (a.base() + a.controller().pins() - 1));
        }
        InspectNode l = node.child("lines");
        lines.values().stream().sorted(java.util.Comparator.comparingInt(Line::gsi))
                .forEach(line -> l.field(Integer.toString(line.gsi()), line.level ? "high" : "low"));
    }

    /** One GSI; remembers its level for inspection. */
    private final class Line implements LineInterrupt {
        private final int gsi;
        private volatile boolean level;

        Line(int gsi) {
            this.gsi = gsi;
        }

        int gsi() {
            return gsi;
        }

        @Override
        public void setLevel(boolean high) {
            level = high;
            route(gsi, high);
        }
    }
}
