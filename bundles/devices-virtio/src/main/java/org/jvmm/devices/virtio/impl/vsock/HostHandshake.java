package org.jvmm.devices.virtio.impl.vsock;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * A host socket accepted on the listener, until its first line {@code CONNECT <port>\n} (an
 * optional CR before the LF) has arrived. Bytes after the line are the start of the stream.
 */
final class HostHandshake {
    /** "CONNECT 4294967295\r\n" is 20 bytes; a longer line is refused. */
    static final int MAX_LINE = 32;
    private static final byte[] PREFIX = "CONNECT ".getBytes(StandardCharsets.US_ASCII);

    /** What the socket has sent so far. */
    sealed interface Outcome {
    }

    /** No full line yet. */
    record Incomplete() implements Outcome {
    }

    /** A valid request for guest {@code port}; {@code rest} came after the line. */
    record Connect(int port, byte[] rest) implements Outcome {
    }

    /** Not a valid request (or the socket closed first). */
    record Invalid(String reason) implements Outcome {
    }

    final SocketChannel channel;
    final long deadline;
    private final ByteBuffer buf = ByteBuffer.allocate(MAX_LINE);

    HostHandshake(SocketChannel channel, long deadline) {
        this.channel = channel;
        this.deadline = deadline;
    }

    /** Reads what the socket has and judges it. */
    Outcome read() throws IOException {
        int n = channel.read(buf);
        for (int i = 0; i < buf.position(); i++) {
            if (buf.get(i) == '\n') {
                return parse(i);
            }
        }
        if (n < 0) {
            return new Invalid("closed before a CONNECT line");
        }
        return buf.hasRemaining() ? new Incomplete() : new Invalid("no CONNECT line in " + MAX_LINE + " bytes");
    }

    private Outcome parse(int newline) {
        byte[] all = Arrays.copyOf(buf.array(), buf.position());
        byte[] rest = Arrays.copyOfRange(all, newline + 1, all.length);
        int end = newline > 0 && all[newline - 1] == '\r' ? newline - 1 : newline;
        return parsePort(all, end).map(p -> (Outcome) new Connect(p, rest))
                .orElseGet(() -> new Invalid("bad request line"));
    }

    /** The port of {@code CONNECT <decimal u32>} in {@code line[0, end)}. */
    static Optional<Integer> parsePort(byte[] line, int end) {
        if (end <= PREFIX.length || end - PREFIX.length > 10
                || !Arrays.equals(line, 0, PREFIX.length, PREFIX, 0, PREFIX.length)) {
            return Optional.empty();
        }
        long port = 0;
        for (int i = PREFIX.length; i < end; i++) {
            if (line[i] < '0' || line[i] > '9') {
                return Optional.empty();
            }
            port = port * 10 + (line[i] - '0');
        }
        return port > 0xFFFF_FFFFL ? Optional.empty() : Optional.of((int) port);
    }
}
