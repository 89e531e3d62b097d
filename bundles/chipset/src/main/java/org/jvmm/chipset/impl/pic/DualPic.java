package org.jvmm.chipset.impl.pic;

import org.jvmm.chipset.api.CpuInterrupts;
import org.jvmm.inspect.InspectNode;

/**
 * The PC's cascaded pair: the slave's INT drives the master's input 2 (edge-triggered, re-armed by
 * each INTA through the cascade, as the slave's INT drops during INTA); the master's INT is the
 * processors' INTR. The INTA cycle ({@link #acknowledge}) answers spurious IRQ 7 (master) or 15
 * (slave) when the request that raised INTR went away before it. Not thread-safe.
 */
final class DualPic {
    static final int CASCADE_PIN = 2;

    private final Pic8259 master = new Pic8259(true);
    private final Pic8259 slave = new Pic8259(false);
    private final CpuInterrupts cpu;
    private boolean output;
    /** INTR was raised since the last acknowledge: an INTA now is owed a vector, if only a spurious one. */
    private boolean intrRaised;
    private long spurious;

    DualPic(CpuInterrupts cpu) {
        this.cpu = cpu;
    }

    void reset() {
        master.reset();
        slave.reset();
        intrRaised = false;
        update();
    }

    void save(java.io.DataOutputStream out) throws java.io.IOException {
        master.save(out);
        slave.save(out);
        out.writeBoolean(intrRaised);
    }

    /** Restores both chips and drives INTR from the restored state. */
    void restore(java.io.DataInputStream in) throws java.io.IOException {
        master.restore(in);
        slave.restore(in);
        intrRaised = in.readBoolean();
        update();
    }

    Pic8259 master() {
        return master;
    }

    Pic8259 slave() {
        return slave;
    }

    /** ISA IRQ 0..15; IRQ 2 is the cascade and not an input. */
    void setInput(int irq, boolean high) {
        if (irq < 8) {
            if (irq != CASCADE_PIN) {
                master.setInput(irq, high);
            }
        } else {
            slave.setInput(irq - 8, high);
        }
        update();
    }

    /** The vector for the processor's INTA, or -1 when INTR was not raised. */
    int acknowledge() {
        int irq = master.pendingIrq();
        int vector;
        if (irq < 0) {
            if (!intrRaised) {
                return -1;
            }
            spurious++;
            vector = master.vectorBase() + 7;
        } else {
            master.acknowledge(irq);
            if (irq == CASCADE_PIN && !master.singleMode()) {
                vector = acknowledgeSlave();
                master.setInput(CASCADE_PIN, false);
            } else {
                vector = master.vectorBase() + irq;
            }
        }
        intrRaised = false;
        update();
        return vector;
    }

    private int acknowledgeSlave() {
        int irq = slave.pendingIrq();
        if (irq < 0) {
            spurious++;
            return slave.vectorBase() + 7;
        }
        slave.acknowledge(irq);
        return slave.vectorBase() + irq;
    }

    boolean output() {
        return output;
    }

    /** Recomputes the cascade and INTR after any change; tells the processors when INTR changes. */
    void update() {
        master.setInput(CASCADE_PIN, !master.singleMode() && slave.pendingIrq() >= 0);
        boolean out = master.pendingIrq() >= 0;
        if (out) {
            intrRaised = true;
        }
        if (out != output) {
            output = out;
            cpu.setPicOutput(out);
        }
    }

    void inspect(InspectNode node) {
        node.field("intr", output).field("spurious", spurious);
        master.inspect(node.child("master"));
        slave.inspect(node.child("slave"));
    }
}
