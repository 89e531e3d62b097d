package org.jvmm.vm.worker.impl.fake;

import java.nio.ByteBuffer;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.chipset.api.StateUnitException;

/** A state unit of one int, read from and written to a fake device's field. */
record IntUnit(String unitName, IntSupplier get, IntConsumer set) implements StateUnit {
    @Override
    public int version() {
        return 1;
    }

    @Override
    public byte[] save() {
        return ByteBuffer.allocate(4).putInt(get.getAsInt()).array();
    }

    @Override
    public void restore(int version, byte[] state) throws StateUnitException {
        if (state.length != 4) {
            throw new StateUnitException(unitName + ": " + state.length + " bytes, not 4");
        }
        try {
            set.accept(ByteBuffer.wrap(state).getInt());
        } catch (IllegalStateException e) {
            throw new StateUnitException(unitName + ": " + e.getMessage());
        }
    }
}
