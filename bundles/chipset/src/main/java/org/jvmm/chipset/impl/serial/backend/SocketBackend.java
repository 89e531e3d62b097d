package org.jvmm.chipset.impl.serial.backend;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jvmm.chipset.serial.SerialBackend;

/**
 * A listening TCP or Unix-domain socket with at most one client at a time (further clients wait in the backlog until
 * it leaves). Output written while no client is attached is kept, up to {@link #PENDING_LIMIT}
 * bytes (the oldest dropped first), and sent when a client connects, so a test that connects late
 * still sees the boot messages. Writes to a client block while its socket buffer is full.
 */
final class SocketBackend implements SerialBackend {
    static final int PENDING_LIMIT = 64 * 1024;

    private final ServerSocketChannel server;
    private final InputBuffer input = new InputBuffer(4096);
    private final byte[] pending = new byte[PENDING_LIMIT];
    private final ByteBuffer one = ByteBuffer.allocate(1);
    private int pendingHead;
    private int pendingCount;
    private volatile SocketChannel client;
    private long dropped;
    private volatile boolean closed;
    private final Path socketFile;

    private SocketBackend(ServerSocketChannel server, Path socketFile) {
        this.server = server;
        this.socketFile = socketFile;
    }

    /**
     * Binds {@code address} (an {@link java.net.InetSocketAddress} or a {@link UnixDomainSocketAddress},
     * whose file must not exist yet and is removed on close) and accepts clients on a daemon thread.
     */
    static SocketBackend listen(SocketAddress address) throws IOException {
        boolean unix = address instanceof UnixDomainSocketAddress;
        ServerSocketChannel server = unix ? ServerSocketChannel.open(StandardProtocolFamily.UNIX) : ServerSocketChannel.open();
        try {
            server.bind(address, 1);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        SocketBackend backend = new SocketBackend(server, unix ? ((UnixDomainSocketAddress) address).getPath() : null);
        Thread.ofPlatform().daemon().name("jvmm-serial-socket " + address).start(backend::serve);
        return backend;
    }

    SocketAddress localAddress() throws IOException {
        return server.getLocalAddress();
    }

    @Override
    public synchronized void write(int b) {
        if (client != null) {
            one.clear();
            one.put((byte) b).flip();
            try {
                while (one.hasRemaining()) {
                    client.write(one);
                }
                return;
            } catch (IOException e) {
                dropClient();
            }
        }
        keep(b);
    }

    @Override
    public int read() {
        return input.take();
    }

    /** Not synchronized: the port asks while a blocked write may hold the lock. */
    @Override
    public boolean connected() {
        return client != null;
    }

    @Override
    public void setWakeListener(Runnable wake) {
        input.setWakeListener(wake);
    }

    @Override
    public void close() {
        closed = true;
        input.close();
        try {
            server.close();
            if (socketFile != null) {
                Files.deleteIfExists(socketFile);
            }
        } catch (IOException e) {
            System.getLogger(SocketBackend.class.getName()).log(System.Logger.Level.WARNING,
                    "closing serial socket listener failed: " + e);
        }
        synchronized (this) {
            dropClient();
        }
    }

    synchronized long droppedBytes() {
        return dropped;
    }

    private void serve() {
        while (!closed) {
            SocketChannel c;
            try {
                c = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (!attach(c)) {
                return;
            }
            input.wake();
            StreamReaderThread.copy(Channels.newInputStream(c), input);
            synchronized (this) {
                if (client == c) {
                    dropClient();
                }
            }
            input.wake();
        }
    }

    private synchronized boolean attach(SocketChannel c) {
        if (closed) {
            closeQuietly(c);
            return false;
        }
        client = c;
        ByteBuffer buf = ByteBuffer.allocate(pendingCount);
        for (int i = 0; i < pendingCount; i++) {
            buf.put(pending[(pendingHead + i) % PENDING_LIMIT]);
        }
        buf.flip();
        pendingHead = 0;
        pendingCount = 0;
        try {
            while (buf.hasRemaining()) {
                c.write(buf);
            }
        } catch (IOException e) {
            dropClient();
        }
        return true;
    }

    private void keep(int b) {
        if (pendingCount == PENDING_LIMIT) {
            pendingHead = (pendingHead + 1) % PENDING_LIMIT;
            pendingCount--;
            dropped++;
        }
        pending[(pendingHead + pendingCount) % PENDING_LIMIT] = (byte) b;
        pendingCount++;
    }

    private void dropClient() {
        if (client != null) {
            closeQuietly(client);
            client = null;
        }
    }

    private static void closeQuietly(SocketChannel c) {
        try {
            c.close();
        } catch (IOException e) {
            System.getLogger(SocketBackend.class.getName()).log(System.Logger.Level.DEBUG,
                    "closing serial socket client: " + e);
        }
    }
}
