package org.jvmm.vm.worker.impl.fake;

import org.jvmm.chipset.api.ChipsetServices;
import org.jvmm.chipset.api.IoResult;

/** A one-port device: writing 1 powers the VM off, 2 resets it, 3 exits with status 33; every write is recorded. */
public final class PowerDevice extends FakeDevice {
    private final ChipsetServices services;

    public PowerDevice(String name, int port, ChipsetServices services) {
        super(name);
        port(port, 1);
        this.services = services;
    }

    @Override
    public IoResult ioWrite(int port, int size, long value) {
        IoResult r = super.ioWrite(port, size, value);
        if (value == 1) {
            services.power().powerOff();
        } else if (value == 2) {
            services.power().reset();
        } else if (value == 3) {
            services.power().exit(33);
        }
        return r;
    }
}
