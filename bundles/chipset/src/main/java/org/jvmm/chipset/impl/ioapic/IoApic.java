package org.jvmm.chipset.impl.ioapic;

import org.jvmm.chipset.api.CpuInterrupts;
import org.jvmm.inspect.InspectNode;

/**
 * The I/O APIC's indirect registers (id, version, arbitration, redirection table) and its pins.
 * An edge input delivers on its rising edge; a level input delivers while asserted, then waits
 * with remote IRR set for the local APIC's EOI of its vector. Delivery is an x86 MSI to the
 * processors. Input polarity is not applied: lines report "asserted". Not thread-safe.
 */
final class IoApic {
    static final int REG_ID = 0x00, REG_VERSION = 0x01, REG_ARBITRATION = 0x02, REG_TABLE = 0x10;

    private final int pins;
    private final int version;
    private final int resetId;
    private final CpuInterrupts cpu;
    private final long[] table;
    private final long[] delivered;
    private int inputs;
    private int id;
    private int select;

    IoApic(int pins, int version, int id, CpuInterrupts cpu) {
        this.pins = pins;
        this.version = version;
        this.resetId = id;
        this.cpu = cpu;
        this.table = new long[pins];
        this.delivered = new long[pins];
        reset();
    }

    void reset() {
        java.util.Arrays.fill(table, RedirectionEntry.RESET);
        id = resetId;
        select = 0;
        // input levels are wires from devices: they survive a reset of the controller
    }

    IoApicState state() {
        return new IoApicState(id, select, inputs, table.clone());
    }

    /** Takes a saved state; delivers nothing (interrupts in flight are in the processors' state). */
    void restore(IoApicState s) {
        id = s.id();
        select = s.select();
        inputs = s.inputs();
        System.arraycopy(s.table(), 0, table, 0, pins);
    }

    int select() {
        return select;
    }

    void setSelect(int v) {
        select = v & 0xFF;
    }

    int readWindow() {
        return switch (select) {
            case REG_ID, REG_ARBITRATION -> id << 24;
            case REG_VERSION -> version | (pins - 1) << 16;
            default -> {
                int entry = (select - REG_TABLE) >> 1;
                if (select < REG_TABLE || entry >= pins) {
                    yield 0;
                }
                yield (select & 1) == 0 ? (int) table[entry] : (int) (table[entry] >>> 32);
            }
        };
    }

    void writeWindow(int v) {
        if (select == REG_ID) {
            id = (v >>> 24) & 0x0F;
            return;
        }
        int entry = (select - REG_TABLE) >> 1;
        if (select < REG_TABLE || entry >= pins) {
            return;
        }
        long old = table[entry];
        if ((select & 1) == 0) {
            long low = (v & 0xFFFF_FFFFL & ~RedirectionEntry.READ_ONLY) | (old & RedirectionEntry.READ_ONLY);
            long e = (old & 0xFFFF_FFFF_0000_0000L) | low;
            if (!RedirectionEntry.level(e)) {
                e &= ~RedirectionEntry.REMOTE_IRR;
            }
            table[entry] = e;
            serviceLevel(entry);
        } else {
            table[entry] = (old & 0xFFFF_FFFFL) | ((long) v << 32);
        }
    }

    void setInput(int pin, boolean high) {
        if (pin < 0 || pin >= pins) {
            return;
        }
        int mask = 1 << pin;
        boolean wasHigh = (inputs & mask) != 0;
        inputs = high ? inputs | mask : inputs & ~mask;
        long e = table[pin];
        if (RedirectionEntry.level(e)) {
            serviceLevel(pin);
        } else if (high && !wasHigh && !RedirectionEntry.masked(e)) {
            deliver(pin);
        }
    }

    /** A local APIC EOI: re-arms level entries of {@code vector} and redelivers those still asserted. */
    void endOfInterrupt(int vector) {
        for (int pin = 0; pin < pins; pin++) {
            long e = table[pin];
            if (RedirectionEntry.vector(e) == (vector & 0xFF) && (e & RedirectionEntry.REMOTE_IRR) != 0) {
                table[pin] = e & ~RedirectionEntry.REMOTE_IRR;
                serviceLevel(pin);
            }
        }
    }

    long entry(int pin) {
        return table[pin];
    }

    private void serviceLevel(int pin) {
        long e = table[pin];
        if (RedirectionEntry.level(e) && (inputs & (1 << pin)) != 0 && !RedirectionEntry.masked(e)
                && (e & RedirectionEntry.REMOTE_IRR) == 0) {
            table[pin] = e | RedirectionEntry.REMOTE_IRR;
            deliver(pin);
        }
    }

    private void deliver(int pin) {
        long e = table[pin];
        delivered[pin]++;
        cpu.signalMsi(RedirectionEntry.msiAddress(e), RedirectionEntry.msiData(e));
    }

    void inspect(InspectNode node) {
        node.field("id", id).hex("version", version).hex("select", select).hex("inputs", inputs);
        InspectNode pinsNode = node.child("pins");
        for (int pin = 0; pin < pins; pin++) {
            long e = table[pin];
            InspectNode p = pinsNode.child(Integer.toString(pin));
            p.hex("entry", e).field("vector", RedirectionEntry.vector(e)).field("masked", RedirectionEntry.masked(e))
                    .field("trigger", RedirectionEntry.level(e) ? "level" : "edge")
                    .field("remote_irr", (e & RedirectionEntry.REMOTE_IRR) != 0)
                    .field("destination", RedirectionEntry.destination(e)).field("delivered", delivered[pin]);
        }
    }
}
