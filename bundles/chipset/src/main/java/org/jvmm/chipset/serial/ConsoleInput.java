package org.jvmm.chipset.serial;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Keyboard input for a {@code console} serial port while an interactive shell owns the terminal:
 * the shell's {@code vm:console} command reads the terminal and passes the bytes here, until the
 * user types Ctrl-Q. Registered as an OSGi service by the chipset bundle.
 */
@ProviderType
public interface ConsoleInput {
    /** Whether a running VM has a {@code console} port that takes input from here. */
    boolean available();

    /**
     * Passes typed bytes to the guest's port, waiting while its input buffer is full.
     *
     * @return false when no port takes input any more (the VM stopped)
     */
    boolean type(byte[] bytes, int offset, int length) throws InterruptedException;
}
