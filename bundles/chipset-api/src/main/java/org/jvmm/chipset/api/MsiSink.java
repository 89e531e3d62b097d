package org.jvmm.chipset.api;

import org.osgi.annotation.versioning.ProviderType;

/** Delivers a message-signalled interrupt (x86 address/data format) to the processors. */
@ProviderType
public interface MsiSink {
    void signal(long address, int data);
}
