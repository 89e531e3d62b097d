package org.jvmm.chipset.api;

import org.osgi.annotation.versioning.ProviderType;

/** Asks the chipset to poll a device soon. Thread-safe; cheap when already pending. */
@ProviderType
public interface Waker {
    void wake();
}
