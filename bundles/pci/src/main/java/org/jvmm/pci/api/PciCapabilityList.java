package org.jvmm.pci.api;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.List;
import org.jvmm.chipset.api.StateCodec;
import org.jvmm.inspect.InspectNode;

/**
 * A capability list laid out from 0x40 on dword boundaries and linked in the given order, for
 * configuration spaces of any header type. Its structure is fixed, so it is safe for concurrent
 * use as far as its capabilities are.
 */
public final class PciCapabilityList {
    /** More than any capability saves (the largest, a 2048-vector MSI-X table, takes about 33 KiB). */
    private static final int MAX_SAVED_BYTES = 1 << 20;
    private final PciCapability[] caps;
    private final int[] offsets;

    /** @throws IllegalArgumentException if a capability is malformed or they do not fit below 0x100 */
    public PciCapabilityList(List<PciCapability> list) {
        caps = list.toArray(PciCapability[]::new);
        offsets = new int[caps.length];
        int at = PciRegisters.CAPABILITIES_START;
        for (int i = 0; i < caps.length; i++) {
            int len = caps[i].length();
            if (len < 2 || len > PciRegisters.STANDARD_SPACE_SIZE - PciRegisters.CAPABILITIES_START) {
                throw new IllegalArgumentException("pci capability " + caps[i].name() + ": length must be 2..192, got "
                        + len);
            }
            if (caps[i].id() < 1 || caps[i].id() > 0xFF) {
                throw new IllegalArgumentException("pci capability " + caps[i].name() + ": id must be 1..255");
            }
            offsets[i] = at;
            at += (len + 3) & ~3;
            if (at > PciRegisters.STANDARD_SPACE_SIZE) {
                throw new IllegalArgumentException("pci capabilities do not fit below 0x100 (at "
                        + caps[i].name() + ")");
            }
        }
    }

    /** The capability pointer: offset of the first capability, or 0. */
    public int pointer() {
        return caps.length == 0 ? 0 : offsets[0];
    }

    /** True when there are no capabilities (the status register's capability bit is then clear). */
    public boolean isEmpty() {
        return caps.length == 0;
    }

    /** The offset of {@code cap}, or -1. */
    public int offsetOf(PciCapability cap) {
        for (int i = 0; i < caps.length; i++) {
            if (caps[i] == cap) {
                return offsets[i];
            }
        }
        return -1;
    }

    /** The dword at {@code offset} (0x40..0xFC, aligned): a capability's bytes or 0. */
    public int read(int offset) {
        int i = find(offset);
        if (i < 0) {
            return 0;
        }
        int rel = offset - offsets[i];
        int value = caps[i].read(rel) & validMask(i, rel);
        if (rel == 0) {
            int next = i + 1 < caps.length ? offsets[i + 1] : 0;
            value = value & 0xFFFF_0000 | next << 8 | caps[i].id();
        }
        return value;
    }

    /** A write with byte enables at {@code offset} (0x40..0xFC, aligned); outside capabilities it is dropped. */
    public void write(int offset, int value, int byteEnables) {
        int i = find(offset);
        if (i < 0) {
            return;
        }
        int rel = offset - offsets[i];
        int be = byteEnables & enablesBelowLength(i, rel);
        if (rel == 0) {
            be &= ~0x3;
        }
        if (be != 0) {
            caps[i].write(rel, value, be);
        }
    }

    /** Resets every capability. */
    public void reset() {
        for (PciCapability c : caps) {
            c.reset();
        }
    }

    /**
     * Writes every capability's state (since 1.1): the count, then per capability its id and its
     * {@link PciCapability#saveState} bytes with their length.
     */
    public void saveState(DataOutputStream out) throws IOException {
        out.writeShort(caps.length);
        for (PciCapability c : caps) {
            byte[] bytes = StateCodec.write(c::saveState);
            out.writeByte(c.id());
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    /**
     * Restores what {@link #saveState} wrote (since 1.1). The list's shape (count and ids) is checked
     * before any capability changes; each capability must use exactly its own bytes.
     *
     * @throws IOException when the saved list does not match this one or the bytes are malformed
     */
    public void restoreState(DataInputStream in) throws IOException {
        int count = in.readUnsignedShort();
        if (count != caps.length) {
            throw new IOException("the saved capability list has " + count + " entries, this function has "
                    + caps.length);
        }
        byte[][] saved = new byte[count][];
        for (int i = 0; i < count; i++) {
            int id = in.readUnsignedByte();
            int length = in.readInt();
            if (id != caps[i].id()) {
                throw new IOException(String.format("saved capability %d has id 0x%02x, this function's %s has 0x%02x",
                        i, id, caps[i].name(), caps[i].id()));
            }
            if (length < 0 || length > MAX_SAVED_BYTES) {
                throw new IOException("capability " + caps[i].name() + ": " + length + " saved bytes announced");
            }
            saved[i] = in.readNBytes(length);
            if (saved[i].length != length) {
                throw new EOFException("capability " + caps[i].name() + ": the saved state ends early");
            }
        }
        for (int i = 0; i < count; i++) {
            try (DataInputStream d = new DataInputStream(new ByteArrayInputStream(saved[i]))) {
                caps[i].restoreState(d);
                if (d.available() > 0) {
                    throw new IOException("capability " + caps[i].name() + ": " + d.available()
                            + " saved bytes left over");
                }
            }
        }
    }

    /** One child per capability, named by offset and name. */
    public void inspect(InspectNode node) {
        for (int i = 0; i < caps.length; i++) {
            String key = String.format("0x%02x %s", offsets[i], caps[i].name());
            node.child(key, caps[i]::inspect);
        }
    }

    private int find(int offset) {
        for (int i = 0; i < caps.length; i++) {
            if (offset >= offsets[i] && offset < offsets[i] + caps[i].length()) {
                return i;
            }
        }
        return -1;
    }

    private int enablesBelowLength(int i, int rel) {
        int bytes = Math.min(4, caps[i].length() - rel);
        return (1 << bytes) - 1;
    }

    private int validMask(int i, int rel) {
        return PciRegisters.byteMask(enablesBelowLength(i, rel));
    }
}
