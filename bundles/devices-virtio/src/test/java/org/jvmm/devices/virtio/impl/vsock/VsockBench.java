package org.jvmm.devices.virtio.impl.vsock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A vsock device on a base path in a temp directory, with its guest driver and test limits. */
final class VsockBench implements AutoCloseable {
    static final VsockLimits LIMITS = new VsockLimits(16 * 1024, 8 * 1024, 8, 4, 16, 2_000);

    final Path base;
    final VirtioVsock device;
    final VsockGuest guest;

    VsockBench(Path dir) {
        this(dir, LIMITS);
    }

    VsockBench(Path dir, VsockLimits limits) {
        this(dir, limits, 16);
    }

    /** A bench whose guest has posted {@code rxBuffers} receive buffers. */
    VsockBench(Path dir, VsockLimits limits, int rxBuffers) {
        this.base = dir.resolve("vsock");
        try {
            this.device = VirtioVsock.open(VsockGuest.CID, base, limits);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.guest = new VsockGuest(device).fillRx(rxBuffers);
    }

    /** The Unix socket a guest connection to host port {@code port} goes to. */
    Path portPath(int port) {
        return Path.of(base + "_" + port);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        guest.close();
    }
}
