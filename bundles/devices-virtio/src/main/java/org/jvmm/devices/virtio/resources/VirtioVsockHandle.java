package org.jvmm.devices.virtio.resources;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * A virtio socket device relayed to host Unix sockets (OpenVMM's and Firecracker's hybrid vsock).
 * A guest connection to host port {@code P} (CID 2) is relayed to the Unix socket
 * {@code <path>_<P>}; a host program that connects to the listener at {@code path} and writes
 * {@code CONNECT <port>\n} is connected to guest port {@code port} and gets {@code OK <hostport>\n}.
 *
 * @param guestCid the guest's context id, 3..0xFFFFFFFE
 * @param path     base path of the Unix sockets; the device listens on it
 */
@HandleType(kind = "virtio", id = "virtio-vsock")
public record VirtioVsockHandle(long guestCid, String path) implements ResourceHandle {
    /** The CID the guest gets unless told otherwise (the first one not reserved). */
    public static final long DEFAULT_GUEST_CID = 3;
    /** The largest CID: 0xFFFFFFFF is VMADDR_CID_ANY. */
    public static final long MAX_GUEST_CID = 0xFFFF_FFFEL;

    public VirtioVsockHandle {
        if (guestCid < DEFAULT_GUEST_CID || guestCid > MAX_GUEST_CID) {
            throw new IllegalArgumentException("virtio:virtio-vsock: guestCid must be 3..4294967294, got " + guestCid);
        }
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("virtio:virtio-vsock: path is required");
        }
    }

    /** A device for guest CID 3 on {@code path}. */
    public VirtioVsockHandle(String path) {
        this(DEFAULT_GUEST_CID, path);
    }
}
