package org.jvmm.cli.impl.spec;

import java.util.Optional;

/**
 * A serial backend as OpenVMM's {@code SerialConfigCli}: {@code console}, {@code stderr},
 * {@code listen=<path>}, {@code file=<path>}, {@code listen=tcp:<ip>:<port>},
 * {@code term[=<program>][,name=<title>]} or {@code none}.
 */
public sealed interface SerialSpec {
    /** Not connected. */
    record None() implements SerialSpec {
    }

    /** The VMM's terminal (stdin/stdout). */
    record Console() implements SerialSpec {
    }

    /** Output to stderr, no input. */
    record Stderr() implements SerialSpec {
    }

    /** A new terminal window running {@code program}, titled {@code title}. */
    record Term(Optional<String> program, Optional<String> title) implements SerialSpec {
    }

    /** A named pipe (Windows) or Unix socket (elsewhere) to listen on. */
    record Pipe(String path) implements SerialSpec {
    }

    /** A TCP listener. */
    record Tcp(SocketAddressParser.HostPort address) implements SerialSpec {
    }

    /** Output to a file (overwritten), no input. */
    record File(String path) implements SerialSpec {
    }

    /** {@code --com1}..{@code --com4}: a backend, optionally in WinDbg KD debugger mode. */
    record Com(boolean debuggerMode, SerialSpec backend) {
    }

    /** {@code --debugcon}: the debug console's I/O port and its backend. */
    record Debugcon(int port, SerialSpec backend) {
    }
}
