package org.jvmm.vm.config;

import java.util.Set;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * A network adapter.
 *
 * @param endpoint  a {@code net_endpoint_handle} (consomme, tap, null)
 * @param mac       {@code 00:15:5d:12:34:56} style address, or null to generate one
 * @param transport {@code virtio} (virtio-net) for now
 * @param pciePort  the PCIe root port to attach to, or null for the default
 */
public record NicConfig(ResourceHandle endpoint, String mac, String transport, String pciePort) {
    public static final Set<String> TRANSPORTS = Set.of("virtio");
    private static final String MAC = "([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}";

    public NicConfig {
        Check.required(endpoint, "endpoint");
        if (mac != null && !mac.matches(MAC)) {
            throw new IllegalArgumentException("mac: must be six hex bytes like 00:15:5d:12:34:56, got " + mac);
        }
        Check.oneOf(transport, TRANSPORTS, "transport");
        Check.optionalNotBlank(pciePort, "pciePort");
    }
}
