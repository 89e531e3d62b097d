package org.jvmm.vm.worker.impl.fake;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.chipset.api.StateUnitException;

/** A one-port device with a counter in a state unit; a revision that refuses every state can be built. */
public class CounterDevice extends FakeDevice implements AutoCloseable {
    public volatile int value;
    public volatile boolean closed;
    private final boolean refuses;

    public CounterDevice(String name, int port, boolean refuses) {
        super(name);
        port(port, 1);
        this.refuses = refuses;
    }

    @Override
    public Optional<StateUnit> state() {
        return Optional.of(new StateUnit() {
            @Override
            public String unitName() {
                return "test.counter";
            }

            @Override
            public int version() {
                return 1;
            }

            @Override
            public byte[] save() {
                return ByteBuffer.allocate(4).putInt(value).array();
            }

            @Override
            public void restore(int version, byte[] state) throws StateUnitException {
                if (refuses) {
                    throw new StateUnitException("test.counter: this revision reads no saved state");
                }
                value = ByteBuffer.wrap(state).getInt();
            }
        });
    }

    @Override
    public void close() {
        closed = true;
    }
}
