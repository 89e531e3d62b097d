package org.jvmm.vm.worker.impl.fake;

/** A PCI function made by a test's virtio_pci resolver; records whether it was closed. */
public final class FakeFunction extends FakeDevice implements AutoCloseable {
    public final Object backend;
    public volatile boolean closed;
    /** What its state unit saves and restores (restart tests). */
    public volatile int value;

    private final boolean stateful;

    /** Without a state unit. */
    public FakeFunction(String name, Object backend) {
        this(name, backend, false);
    }

    /** With a state unit holding {@link #value} when {@code stateful}. */
    public FakeFunction(String name, Object backend, boolean stateful) {
        super(name);
        this.backend = backend;
        this.stateful = stateful;
    }

    @Override
    public java.util.Optional<org.jvmm.chipset.api.StateUnit> state() {
        return stateful ? java.util.Optional.of(new IntUnit("test.function", () -> value, v -> value = v))
                : java.util.Optional.empty();
    }

    @Override
    public void close() {
        closed = true;
    }
}
