package org.jvmm.devices.virtio.api;

/** Virtio device ids (virtio 1.x section 5). */
public final class VirtioDeviceIds {
    public static final int NET = 1;
    public static final int BLOCK = 2;
    public static final int CONSOLE = 3;
    public static final int ENTROPY = 4;
    public static final int NINE_P = 9;
    public static final int VSOCK = 19;
    public static final int FS = 26;
    public static final int PMEM = 27;

    private VirtioDeviceIds() {
    }
}
