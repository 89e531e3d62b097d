package org.jvmm.net.backend.api;

import java.util.Objects;

/**
 * What a frontend tells the endpoint when it connects.
 *
 * @param mac      the NIC's MAC address (the guest's source address; a NAT endpoint addresses the guest with it)
 * @param listener where the endpoint reports received frames and link changes
 */
public record NetQueueConfig(MacAddress mac, NetQueueListener listener) {
    public NetQueueConfig {
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(listener, "listener");
    }
}
