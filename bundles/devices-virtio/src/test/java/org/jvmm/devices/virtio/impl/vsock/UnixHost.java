package org.jvmm.devices.virtio.impl.vsock;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/** The host programs of the tests: Unix sockets, non-blocking, with timeouts. */
final class UnixHost {
    private UnixHost() {
    }

    static ServerSocketChannel listen(Path path) {
        try {
            ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            s.bind(UnixDomainSocketAddress.of(path));
            s.configureBlocking(false);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SocketChannel accept(ServerSocketChannel server) {
        long deadline = System.currentTimeMillis() + VsockGuest.TIMEOUT_MILLIS;
        try {
            while (true) {
                SocketChannel ch = server.accept();
                if (ch != null) {
                    ch.configureBlocking(false);
                    return ch;
                }
                if (System.currentTimeMillis() > deadline) {
                    fail("no connection on " + server.getLocalAddress());
                }
                VsockGuest.sleep(1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SocketChannel connect(Path path) {
        try {
            SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(path));
            ch.configureBlocking(false);
            return ch;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(SocketChannel ch, String text) {
        write(ch, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    static void write(SocketChannel ch, byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long deadline = System.currentTimeMillis() + VsockGuest.TIMEOUT_MILLIS;
        try {
            while (b.hasRemaining()) {
                if (ch.write(b) == 0) {
                    if (System.currentTimeMillis() > deadline) {
                        fail("host write stalled");
                    }
                    VsockGuest.sleep(1);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Exactly {@code n} bytes, within the timeout. */
    static byte[] read(SocketChannel ch, int n) {
        ByteBuffer b = ByteBuffer.allocate(n);
        long deadline = System.currentTimeMillis() + VsockGuest.TIMEOUT_MILLIS;
        try {
            while (b.hasRemaining()) {
                int r = ch.read(b);
                if (r < 0) {
                    fail("end of stream after " + b.position() + " of " + n + " bytes: "
                            + new String(Arrays.copyOf(b.array(), b.position()), StandardCharsets.ISO_8859_1));
                }
                if (r == 0) {
                    if (System.currentTimeMillis() > deadline) {
                        fail("read " + b.position() + " of " + n + " bytes before the timeout");
                    }
                    VsockGuest.sleep(1);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.array();
    }

    static String readText(SocketChannel ch, int n) {
        return new String(read(ch, n), StandardCharsets.ISO_8859_1);
    }

    /** Reads up to a newline (included). */
    static String readLine(SocketChannel ch) {
        StringBuilder sb = new StringBuilder();
        while (sb.isEmpty() || sb.charAt(sb.length() - 1) != '\n') {
            sb.append(readText(ch, 1));
        }
        return sb.toString();
    }

    /** Asserts the peer closed the stream (data before the end is discarded). */
    static void expectEnd(SocketChannel ch) {
        ByteBuffer b = ByteBuffer.allocate(64 * 1024);
        long deadline = System.currentTimeMillis() + VsockGuest.TIMEOUT_MILLIS;
        try {
            while (true) {
                b.clear();
                int r = ch.read(b);
                if (r < 0) {
                    return;
                }
                if (r == 0) {
                    if (System.currentTimeMillis() > deadline) {
                        fail("the stream did not end");
                    }
                    VsockGuest.sleep(1);
                }
            }
        } catch (IOException e) {
            assertTrue(String.valueOf(e.getMessage()).startsWith("Connection reset"), "a reset also ends the stream: " + e);
        }
    }
}
