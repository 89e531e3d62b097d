package org.jvmm.devices.virtio.impl.vsock;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** The listener socket at the base path: a stale socket file is replaced, a live one or any other file is not. */
final class SocketPaths {
    private SocketPaths() {
    }

    /** Binds a Unix listener at {@code path}; one-line messages name the path. */
    static ServerSocketChannel listen(Path path) throws IOException {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isOther()) {
                throw new IOException(path + " exists and is not a socket");
            }
            if (accepting(path)) {
                throw new IOException(path + " is in use: another program listens on it");
            }
            Files.delete(path);
        }
        ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            listener.bind(UnixDomainSocketAddress.of(path));
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw new IOException("cannot listen on " + path + ": " + e.getMessage(), e);
        }
        return listener;
    }

    /** Closes the listener and removes its socket file. */
    static void close(ServerSocketChannel listener, Path path) throws IOException {
        try {
            listener.close();
        } finally {
            Files.deleteIfExists(path);
        }
    }

    /** Whether something accepts connections at {@code path}; a refused connect is the answer "no". */
    private static boolean accepting(Path path) {
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            return probe.isConnected();
        } catch (IOException e) {
            return false;
        }
    }
}
