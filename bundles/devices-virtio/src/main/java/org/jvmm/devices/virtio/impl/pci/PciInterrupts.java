package org.jvmm.devices.virtio.impl.pci;

import static org.jvmm.devices.virtio.impl.pci.PciLayout.ISR_CONFIG;
import static org.jvmm.devices.virtio.impl.pci.PciLayout.ISR_QUEUE;
import static org.jvmm.devices.virtio.impl.pci.PciLayout.NO_VECTOR;

import java.util.Arrays;
import org.jvmm.devices.virtio.impl.transport.TransportInterrupts;
import org.jvmm.inspect.InspectNode;
import org.jvmm.pci.api.MsixCapability;
import org.jvmm.pci.api.PciConfigSpace;

/**
 * Interrupt delivery of a virtio-pci function (virtio 1.x 4.1.4.5, 4.1.5.3, 4.1.5.4). With MSI-X
 * enabled, a queue or configuration event sends the vector the driver assigned to it
 * (config_msix_vector, queue_msix_vector), or nothing when that is NO_VECTOR. With MSI-X disabled it
 * sets its bit in the ISR status and asserts INTx until the driver reads the ISR (read-to-clear).
 * Vectors the MSI-X table does not have are refused: the register reads back NO_VECTOR. A device
 * reset withdraws the ISR bits and forgets the vectors. Thread-safe, non-blocking; lock order: core,
 * then this, then the config space and its MSI-X capability.
 */
final class PciInterrupts implements TransportInterrupts {
    private final Object lock = new Object();
    private final int[] queueVectors;
    private final int tableSize;
    private PciConfigSpace space;
    private MsixCapability msix;
    private int configVector = NO_VECTOR;
    private int isr;
    private long messages;
    private long suppressed;

    /** {@code queues}: the device's queue count (the transport core refuses counts outside 1..64). */
    PciInterrupts(int queues) {
        int n = Math.clamp(queues, 0, 64);
        this.queueVectors = new int[n];
        this.tableSize = n + 1;
        Arrays.fill(queueVectors, NO_VECTOR);
    }

    /** MSI-X table entries: the config vector and one per queue. */
    int tableSize() {
        return tableSize;
    }

    /** Connects the function once its config space is built; events before this are dropped. */
    void connect(PciConfigSpace configSpace) {
        synchronized (lock) {
            space = configSpace;
            msix = configSpace.msix().orElseThrow();
        }
    }

    int configVector() {
        synchronized (lock) {
            return configVector;
        }
    }

    void setConfigVector(int vector) {
        synchronized (lock) {
            configVector = checked(vector);
        }
    }

    /** The vector of queue {@code q}; NO_VECTOR for a queue that does not exist. */
    int queueVector(int q) {
        synchronized (lock) {
            return q >= 0 && q < queueVectors.length ? queueVectors[q] : NO_VECTOR;
        }
    }

    void setQueueVector(int q, int vector) {
        synchronized (lock) {
            if (q >= 0 && q < queueVectors.length) {
                queueVectors[q] = checked(vector);
            }
        }
    }

    /** The driver reads the ISR status: returns it, clears it and deasserts INTx. */
    int readIsr() {
        synchronized (lock) {
            int v = isr;
            isr = 0;
            if (space != null) {
                space.setIntx(false);
            }
            return v;
        }
    }

    @Override
    public void queueInterrupt(int queue) {
        synchronized (lock) {
            raise(queueVector(queue), ISR_QUEUE);
        }
    }

    @Override
    public void configInterrupt() {
        synchronized (lock) {
            raise(configVector, ISR_CONFIG);
        }
    }

    @Override
    public void clear() {
        synchronized (lock) {
            isr = 0;
            configVector = NO_VECTOR;
            Arrays.fill(queueVectors, NO_VECTOR);
            if (space != null) {
                space.setIntx(false);
            }
        }
    }

    /** What a snapshot keeps: the driver's vectors and the ISR status. */
    record Saved(int configVector, int[] queueVectors, int isr) {
    }

    Saved saved() {
        synchronized (lock) {
            return new Saved(configVector, queueVectors.clone(), isr);
        }
    }

    /** Sets the vectors (checked as the driver's writes are) and the ISR, and drives INTx to match it. */
    void restore(Saved s) {
        synchronized (lock) {
            configVector = checked(s.configVector());
            for (int q = 0; q < queueVectors.length; q++) {
                queueVectors[q] = q < s.queueVectors().length ? checked(s.queueVectors()[q]) : NO_VECTOR;
            }
            isr = s.isr() & (ISR_QUEUE | ISR_CONFIG);
            if (space != null) {
                space.setIntx(isr != 0);
            }
        }
    }

    void inspect(InspectNode node) {
        synchronized (lock) {
            node.hex("isr", isr).field("config_vector", vectorName(configVector))
                    .field("messages", messages).field("suppressed", suppressed);
            InspectNode qs = node.child("queue_vectors");
            for (int q = 0; q < queueVectors.length; q++) {
                qs.field(Integer.toString(q), vectorName(queueVectors[q]));
            }
        }
    }

    private void raise(int vector, int isrBit) {
        if (space == null) {
            return;
        }
        if (msix.enabled()) {
            if (vector == NO_VECTOR) {
                suppressed++;
                return;
            }
            if (msix.signal(vector)) {
                messages++;
                return;
            }
            // MSI-X was disabled in between: INTx it is
        }
        isr |= isrBit;
        space.setIntx(true);
    }

    private int checked(int vector) {
        int v = vector & 0xFFFF;
        return v < tableSize ? v : NO_VECTOR;
    }

    private static String vectorName(int v) {
        return v == NO_VECTOR ? "none" : Integer.toString(v);
    }
}
