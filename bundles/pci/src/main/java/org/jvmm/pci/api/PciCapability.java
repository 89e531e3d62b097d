package org.jvmm.pci.api;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.jvmm.inspect.InspectNode;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One entry of a function's capability list. The list places capabilities on dword boundaries
 * from 0x40 on and owns bytes 0 and 1 of each (the id and the next pointer); a capability sees
 * only dword-aligned offsets below its length, with byte enables. Implementations synchronise:
 * reads and writes come from VP threads.
 */
@ConsumerType
public interface PciCapability {
    /** The capability id, byte 0 (e.g. {@link PciRegisters#CAP_VENDOR}). */
    int id();

    /** Bytes including the id and next pointer: 2..192. */
    int length();

    /**
     * The dword at {@code offset} (4-byte aligned, below {@link #length()}); bytes 0 and 1 of the
     * capability and bytes at or past its length are ignored.
     */
    int read(int offset);

    /**
     * A guest write of the bytes of {@code value} selected by {@code byteEnables} at
     * {@code offset} (4-byte aligned, below {@link #length()}); the enables of bytes 0 and 1 of
     * the capability and of bytes past its length are already cleared.
     */
    void write(int offset, int value, int byteEnables);

    /** Back to the power-on state. */
    default void reset() {
    }

    /**
     * Writes the capability's guest-visible registers for a snapshot (since 1.1). The default, for
     * a capability without guest-writable state, writes nothing.
     *
     * @throws IOException only from {@code out}
     */
    default void saveState(DataOutputStream out) throws IOException {
    }

    /**
     * Restores what {@link #saveState} wrote, on a capability of the same layout (since 1.1). Sends
     * no messages and calls nothing in the device: the snapshot holds what was delivered already.
     *
     * @throws IOException when the bytes are malformed
     */
    default void restoreState(DataInputStream in) throws IOException {
    }

    /** A short name for inspection. */
    default String name() {
        return "cap-" + Integer.toHexString(id());
    }

    default void inspect(InspectNode node) {
    }
}
