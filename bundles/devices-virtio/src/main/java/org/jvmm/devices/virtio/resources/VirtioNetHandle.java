package org.jvmm.devices.virtio.resources;

import java.util.Objects;
import org.jvmm.net.backend.api.MacAddress;
import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * A virtio network adapter (the guest's {@code eth0}).
 *
 * @param endpoint a {@code net_endpoint_handle} (null, loopback, consomme, tap)
 * @param mac      the NIC's address such as {@code 00:15:5d:12:34:56}, or null to generate a
 *                 {@code 00:15:5d:xx:xx:xx} one when the device is created
 */
@HandleType(kind = "virtio", id = "virtio-net")
public record VirtioNetHandle(ResourceHandle endpoint, String mac) implements ResourceHandle {
    public VirtioNetHandle {
        Objects.requireNonNull(endpoint, "virtio:virtio-net: endpoint is required");
        if (!"net_endpoint_handle".equals(endpoint.kind())) {
            throw new IllegalArgumentException("virtio:virtio-net: endpoint must be a net_endpoint_handle, got "
                    + endpoint.key());
        }
        if (mac != null) {
            try {
                MacAddress address = MacAddress.parse(mac);
                if (address.isMulticast()) {
                    throw new IllegalArgumentException("a NIC address must be unicast, got " + mac);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("virtio:virtio-net: mac: " + e.getMessage(), e);
            }
        }
    }

    /** With a generated address. */
    public static VirtioNetHandle of(ResourceHandle endpoint) {
        return new VirtioNetHandle(endpoint, null);
    }
}
