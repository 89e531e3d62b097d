package org.jvmm.vm.worker.impl.chipset;

import java.util.concurrent.atomic.LongAdder;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.inspect.InspectNode;

/** One device on the bus: its name and its access and error counters. */
public final class DeviceSlot {
    private final String name;
    private final LongAdder reads = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private final IoErrorLog errors;

    DeviceSlot(String name) {
        this.name = name;
        this.errors = new IoErrorLog(name);
    }

    public String name() {
        return name;
    }

    void read() {
        reads.increment();
    }

    void write() {
        writes.increment();
    }

    void failed(String access, long address, int size, IoResult result) {
        errors.record(access + " 0x" + Long.toHexString(address) + " size " + size + ": " + result);
    }

    void threw(String access, long address, int size, RuntimeException e) {
        errors.record(access + " 0x" + Long.toHexString(address) + " size " + size + " threw " + e);
    }

    public long errorCount() {
        return errors.count();
    }

    void inspect(InspectNode node) {
        node.field("reads", reads.sum());
        node.field("writes", writes.sum());
        node.field("errors", errors.count());
    }
}
