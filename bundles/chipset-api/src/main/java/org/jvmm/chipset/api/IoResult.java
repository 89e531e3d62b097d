package org.jvmm.chipset.api;

/**
 * The outcome of a guest access to a device. Never an exception: a failed read gives the guest all
 * ones, a failed write is dropped, and the chipset records the failure (rate-limited).
 */
public enum IoResult {
    OK,
    /** No register at that offset. */
    INVALID_REGISTER,
    /** The register exists but not at that width or alignment. */
    INVALID_ACCESS_SIZE,
    /** The access is valid but the device cannot serve it in its current state. */
    UNSUPPORTED
}
