package org.jvmm.chipset.serial;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The host side of a serial port. The guest's transmitted bytes go to {@link #write}; bytes from the
 * host are taken with {@link #read} when the port has room, and the backend calls the wake listener
 * whenever input arrives or {@link #connected} changes. Thread-safe. Host I/O failures are handled
 * (counted, the peer dropped) inside the backend: none of these methods throws.
 */
@ConsumerType
public interface SerialBackend extends AutoCloseable {
    /** Sends one byte (the low 8 bits of {@code b}) the guest transmitted; may block briefly. */
    void write(int b);

    /** The next byte from the host, 0..255, or -1 when none is waiting. Never blocks. */
    int read();

    /** Whether a peer is attached (shown to the guest as carrier detect, DSR and CTS). */
    default boolean connected() {
        return true;
    }

    /** Sets the callback run, on any thread, when input arrives or {@link #connected} changes. */
    void setWakeListener(Runnable wake);

    /** Stops threads and releases sockets and files. Idempotent. */
    @Override
    void close();
}
