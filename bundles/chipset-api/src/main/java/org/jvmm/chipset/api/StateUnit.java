package org.jvmm.chipset.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A device's saved state (OpenVMM's {@code SaveRestore}): a stable unit name, a format version and
 * the state as bytes. Snapshots and live device update call {@link #save()} and {@link #restore}
 * only while the VM's processors and poll loop are paused, on a device freshly built from the same
 * handle. A version the device cannot read is refused with a {@link StateUnitException}; the device
 * is then left as it was.
 */
@ConsumerType
public interface StateUnit {
    /** A stable name for the format, e.g. {@code chipset.uart16550}; never the device's instance name. */
    String unitName();

    /** The version {@link #save()} writes; bump it when the format changes. */
    int version();

    /**
     * The device's whole guest-visible state.
     *
     * @throws SaveRefusedException when the device cannot be saved now, saying why
     */
    byte[] save();

    /**
     * Restores what {@link #save()} wrote under {@code version}.
     *
     * @throws StateUnitException naming the unit when the version is unknown or the bytes are malformed
     */
    void restore(int version, byte[] state) throws StateUnitException;

    /**
     * The unit of a device with no guest-visible state beyond its configuration (a debug port, a
     * port sink): version 1, no bytes.
     */
    static StateUnit stateless(String unitName) {
        return new StateUnit() {
            @Override
            public String unitName() {
                return unitName;
            }

            @Override
            public int version() {
                return 1;
            }

            @Override
            public byte[] save() {
                return new byte[0];
            }

            @Override
            public void restore(int version, byte[] state) throws StateUnitException {
                StateCodec.read(this, version, state, in -> { });
            }
        };
    }
}
