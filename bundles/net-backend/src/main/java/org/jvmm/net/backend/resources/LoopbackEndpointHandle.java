package org.jvmm.net.backend.resources;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * A test endpoint that reflects every transmitted frame back to the same NIC as a received frame.
 *
 * @param backlog how many reflected frames may wait for the guest's receive buffers before more are
 *                dropped; 0 means {@value #DEFAULT_BACKLOG}
 */
@HandleType(kind = "net_endpoint_handle", id = "loopback")
public record LoopbackEndpointHandle(int backlog) implements ResourceHandle {
    public static final int DEFAULT_BACKLOG = 256;
    public static final int MAX_BACKLOG = 65_536;

    public LoopbackEndpointHandle {
        if (backlog < 0 || backlog > MAX_BACKLOG) {
            throw new IllegalArgumentException("net_endpoint_handle:loopback: backlog must be 0.." + MAX_BACKLOG
                    + " frames, got " + backlog);
        }
    }

    /** With the default backlog. */
    public LoopbackEndpointHandle() {
        this(0);
    }

    /** The backlog in frames, the default applied. */
    public int effectiveBacklog() {
        return backlog == 0 ? DEFAULT_BACKLOG : backlog;
    }
}
