package org.jvmm.vm.worker.impl.fake;

/** A PCI function made by a test's virtio_pci resolver; records whether it was closed. */
public final class FakeFunction extends FakeDevice implements AutoCloseable {
    public final Object backend;
    public volatile boolean closed;

    public FakeFunction(String name, Object backend) {
        super(name);
        this.backend = backend;
    }

    @Override
    public void close() {
        closed = true;
    }
}
