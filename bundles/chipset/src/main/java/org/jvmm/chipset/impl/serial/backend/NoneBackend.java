package org.jvmm.chipset.impl.serial.backend;

import org.jvmm.chipset.serial.SerialBackend;

/** Connected to nothing: output is dropped, there is never input, and no carrier. */
final class NoneBackend implements SerialBackend {
    @Override
    public void write(int b) {
        // dropped: the port is connected to nothing
    }

    @Override
    public int read() {
        return -1;
    }

    @Override
    public boolean connected() {
        return false;
    }

    @Override
    public void setWakeListener(Runnable wake) {
        // nothing ever arrives
    }

    @Override
    public void close() {
        // nothing held
    }
}
