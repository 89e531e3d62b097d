package org.jvmm.chipset.impl.serial.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocketBackendTest {
    @Test
    void keepsOutputUntilAClientConnectsThenExchangesBytes() throws Exception {
        Semaphore wakes = new Semaphore(0);
        try (SocketBackend backend = SocketBackend.listen(new InetSocketAddress("127.0.0.1", 0))) {
            backend.setWakeListener(wakes::release);
            assertFalse(backend.connected());
            for (byte b : "boot\n".getBytes(StandardCharsets.US_ASCII)) {
                backend.write(b);
            }
            try (Socket client = new Socket()) {
                client.connect(backend.localAddress(), 5000);
                client.setSoTimeout(5000);
                InputStream in = client.getInputStream();
                assertEquals("boot\n", new String(in.readNBytes(5), StandardCharsets.US_ASCII), "kept output");
                assertTrue(wakes.tryAcquire(5, TimeUnit.SECONDS), "connecting wakes the port");
                assertTrue(backend.connected());

                backend.write('!');
                assertEquals('!', in.read());

                OutputStream out = client.getOutputStream();
                out.write("ls\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                StringBuilder got = new StringBuilder();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (got.length() < 3 && System.nanoTime() < deadline) {
                    int b = backend.read();
                    if (b < 0) {
                        wakes.tryAcquire(100, TimeUnit.MILLISECONDS);
                    } else {
                        got.append((char) b);
                    }
                }
                assertEquals("ls\n", got.toString());
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (backend.connected() && System.nanoTime() < deadline) {
                wakes.tryAcquire(100, TimeUnit.MILLISECONDS);
            }
            assertFalse(backend.connected(), "the client left");
        }
    }

    @Test
    void unixSocketKeepsOutputForItsClientAndRemovesItsFileOnClose(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("com1.sock");
        SocketBackend backend = SocketBackend.listen(UnixDomainSocketAddress.of(path));
        try (backend) {
            assertTrue(Files.exists(path));
            for (byte b : "boot\n".getBytes(StandardCharsets.US_ASCII)) {
                backend.write(b);
            }
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
                ByteBuffer got = ByteBuffer.allocate(5);
                while (got.hasRemaining() && client.read(got) >= 0) {
                    // until five bytes
                }
                assertEquals("boot\n", new String(got.array(), StandardCharsets.US_ASCII));
            }
        }
        assertFalse(Files.exists(path), "the socket file is removed");
    }

    @Test
    void pendingOutputDropsTheOldestBeyondTheLimit() throws Exception {
        try (SocketBackend backend = SocketBackend.listen(new InetSocketAddress("127.0.0.1", 0))) {
            for (int i = 0; i < SocketBackend.PENDING_LIMIT + 10; i++) {
                backend.write(i);
            }
            assertEquals(10, backend.droppedBytes());
            try (Socket client = new Socket()) {
                client.connect(backend.localAddress(), 5000);
                client.setSoTimeout(5000);
                byte[] got = client.getInputStream().readNBytes(SocketBackend.PENDING_LIMIT);
                assertEquals(10, got[0] & 0xFF, "the first ten bytes were dropped");
                assertEquals((SocketBackend.PENDING_LIMIT + 9) & 0xFF, got[got.length - 1] & 0xFF);
            }
        }
    }
}
