package org.jvmm.vmm.resource;

/** Undoes a registration (listener, per-VM resolver). Idempotent. */
@FunctionalInterface
public interface Registration extends AutoCloseable {
    @Override
    void close();
}
