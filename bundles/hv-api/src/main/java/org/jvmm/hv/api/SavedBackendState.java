package org.jvmm.hv.api;

import java.util.Objects;

/**
 * A processor's or partition's state as its backend saves it for a snapshot: everything beyond the
 * architectural register records that the backend needs to resume exactly where it stopped (pending
 * events, interrupt shadow, halted, the local APIC, guest time). {@code backend} names the format's
 * owner ({@code emu}); {@code version} is that format's version.
 */
public record SavedBackendState(String backend, int version, byte[] data) {
    public SavedBackendState {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(data, "data");
    }
}
