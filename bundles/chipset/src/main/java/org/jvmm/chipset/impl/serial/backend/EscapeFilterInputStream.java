package org.jvmm.chipset.impl.serial.backend;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.BooleanSupplier;

/**
 * Host input with the console's escape byte, Ctrl-Q ({@value #CTRL_Q}), taken out: each one is
 * offered to a handler, and dropped from the stream when the handler takes it (returns true);
 * a byte the handler declines goes on to the guest like any other.
 */
final class EscapeFilterInputStream extends FilterInputStream {
    /** Ctrl-Q (DC1), OpenVMM's and jvmm's console escape. */
    static final int CTRL_Q = 0x11;

    private final BooleanSupplier onEscape;

    EscapeFilterInputStream(InputStream in, BooleanSupplier onEscape) {
        super(in);
        this.onEscape = onEscape;
    }

    @Override
    public int read() throws IOException {
        for (int b; (b = in.read()) >= 0; ) {
            if (b != CTRL_Q || !onEscape.getAsBoolean()) {
                return b;
            }
        }
        return -1;
    }

    /** Reads like the wrapped stream, less taken escapes; may return 0 when only escapes came. */
    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        int kept = off;
        for (int i = off; i < off + n; i++) {
            if (b[i] != CTRL_Q || !onEscape.getAsBoolean()) {
                b[kept++] = b[i];
            }
        }
        return n < 0 ? n : kept - off;
    }
}
