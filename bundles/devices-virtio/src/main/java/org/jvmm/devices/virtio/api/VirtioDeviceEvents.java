package org.jvmm.devices.virtio.api;

import org.osgi.annotation.versioning.ProviderType;

/** Device-to-driver events, offered by the transport. Thread-safe and non-blocking. */
@ProviderType
public interface VirtioDeviceEvents {
    /** The device changed its config space: bump the config generation and raise a config interrupt. */
    void configChanged();

    /**
     * The device cannot go on (malformed request it cannot answer): set DEVICE_NEEDS_RESET, raise a
     * config interrupt and stop delivering notifications until the driver resets the device.
     */
    void needsReset(String reason);
}
