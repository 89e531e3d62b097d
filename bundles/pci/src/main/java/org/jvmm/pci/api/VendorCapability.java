package org.jvmm.pci.api;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.jvmm.inspect.InspectNode;

/**
 * A capability of arbitrary bytes (by default a vendor-specific one, id 0x09, as virtio-pci's
 * structures are), some of them guest-writable. The device can read and update the bytes, be
 * told of guest writes and supply the value of a dword at read time (virtio's PCI configuration
 * access window). Bytes 0 and 1 belong to the capability list; byte 2 is, by convention for
 * vendor capabilities, the length, which {@link #builder} fills in.
 */
public final class VendorCapability implements PciCapability {
    /** Told after a guest write has landed in the capability's bytes. */
    @FunctionalInterface
    public interface WriteListener {
        /** {@code offset}: the dword written (aligned); {@code byteEnables}: which of its bytes. */
        void written(VendorCapability cap, int offset, int byteEnables);
    }

    /** Supplies the value the guest reads at a dword. */
    @FunctionalInterface
    public interface ReadHook {
        /** {@code stored}: the dword as held by the capability. */
        int read(VendorCapability cap, int offset, int stored);
    }

    private final int id;
    private final String name;
    private final byte[] initial;
    private final byte[] bytes;
    private final byte[] writable;
    private final WriteListener listener;
    private final ReadHook readHook;

    private VendorCapability(Builder b) {
        this.id = b.id;
        this.name = b.name;
        this.initial = b.bytes.clone();
        this.bytes = b.bytes.clone();
        this.writable = b.writable.clone();
        this.listener = b.listener;
        this.readHook = b.readHook;
    }

    /** A vendor-specific capability of {@code length} bytes (3..192) with byte 2 = length. */
    public static Builder builder(int length) {
        return new Builder(PciRegisters.CAP_VENDOR, length).byteAt(2, length);
    }

    /** A capability with another id, all bytes from 2 on zero until set. */
    public static Builder builder(int id, int length) {
        return new Builder(id, length);
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public int length() {
        return bytes.length;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int read(int offset) {
        int stored;
        synchronized (this) {
            stored = dword(offset);
        }
        return readHook == null ? stored : readHook.read(this, offset, stored);
    }

    @Override
    public void write(int offset, int value, int byteEnables) {
        synchronized (this) {
            for (int i = 0; i < 4; i++) {
                int at = offset + i;
                if ((byteEnables & 1 << i) != 0 && at < bytes.length) {
                    int mask = writable[at] & 0xFF;
                    bytes[at] = (byte) (bytes[at] & ~mask | value >>> 8 * i & mask);
                }
            }
        }
        if (listener != null) {
            listener.written(this, offset, byteEnables);
        }
    }

    @Override
    public synchronized void reset() {
        System.arraycopy(initial, 0, bytes, 0, bytes.length);
    }

    /** Every byte (the guest's writes and the device's {@link #set} alike); no listener is told on restore. */
    @Override
    public synchronized void saveState(DataOutputStream out) throws IOException {
        out.writeShort(bytes.length);
        out.write(bytes);
    }

    @Override
    public synchronized void restoreState(DataInputStream in) throws IOException {
        int length = in.readUnsignedShort();
        if (length != bytes.length) {
            throw new IOException("capability " + name + ": saved with " + length + " bytes, this one has "
                    + bytes.length);
        }
        byte[] saved = new byte[length];
        in.readFully(saved);
        System.arraycopy(saved, 0, bytes, 0, length);
    }

    /** The byte at {@code offset} (0 past the end). */
    public synchronized int byteAt(int offset) {
        return offset >= 0 && offset < bytes.length ? bytes[offset] & 0xFF : 0;
    }

    /** The little-endian dword at {@code offset} (bytes past the end read 0). */
    public synchronized int dword(int offset) {
        int v = 0;
        for (int i = 3; i >= 0; i--) {
            v = v << 8 | byteAt(offset + i);
        }
        return v;
    }

    /** Sets {@code size} (1, 2 or 4) little-endian bytes at {@code offset}, writable or not. */
    public synchronized void set(int offset, int size, int value) {
        checkRange(offset, size, bytes.length);
        for (int i = 0; i < size; i++) {
            bytes[offset + i] = (byte) (value >>> 8 * i);
        }
    }

    @Override
    public synchronized void inspect(InspectNode node) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("%02x", b & 0xFF));
        }
        node.field("bytes", sb.toString());
    }

    private static void checkRange(int offset, int size, int length) {
        if (offset < 2 || size < 1 || offset + size > length) {
            throw new IllegalArgumentException("pci capability: bytes " + offset + ".." + (offset + size - 1)
                    + " are outside 2.." + (length - 1));
        }
    }

    /** Builds a {@link VendorCapability}; byte offsets count from the capability's id byte. */
    public static final class Builder {
        private final int id;
        private final byte[] bytes;
        private final byte[] writable;
        private String name;
        private WriteListener listener;
        private ReadHook readHook;

        private Builder(int id, int length) {
            if (id < 1 || id > 0xFF) {
                throw new IllegalArgumentException("pci capability: id must be 1..255, got " + id);
            }
            if (length < 3 || length > PciRegisters.STANDARD_SPACE_SIZE - PciRegisters.CAPABILITIES_START) {
                throw new IllegalArgumentException("pci capability: length must be 3..192, got " + length);
            }
            this.id = id;
            this.bytes = new byte[length];
            this.writable = new byte[length];
            this.name = id == PciRegisters.CAP_VENDOR ? "vendor" : "cap-" + Integer.toHexString(id);
        }

        public Builder name(String value) {
            name = value;
            return this;
        }

        public Builder byteAt(int offset, int value) {
            return le(offset, 1, value);
        }

        public Builder word(int offset, int value) {
            return le(offset, 2, value);
        }

        public Builder dword(int offset, int value) {
            return le(offset, 4, value);
        }

        public Builder bytes(int offset, byte[] data) {
            checkRange(offset, data.length, bytes.length);
            System.arraycopy(data, 0, bytes, offset, data.length);
            return this;
        }

        /** Makes bytes {@code offset .. offset + length - 1} guest-writable (all their bits). */
        public Builder writable(int offset, int length) {
            checkRange(offset, length, bytes.length);
            Arrays.fill(writable, offset, offset + length, (byte) 0xFF);
            return this;
        }

        /** Makes the bits {@code mask} of the byte at {@code offset} guest-writable. */
        public Builder writableBits(int offset, int mask) {
            checkRange(offset, 1, bytes.length);
            writable[offset] |= (byte) mask;
            return this;
        }

        public Builder onWrite(WriteListener value) {
            listener = value;
            return this;
        }

        public Builder onRead(ReadHook value) {
            readHook = value;
            return this;
        }

        public VendorCapability build() {
            return new VendorCapability(this);
        }

        private Builder le(int offset, int size, int value) {
            checkRange(offset, size, bytes.length);
            for (int i = 0; i < size; i++) {
                bytes[offset + i] = (byte) (value >>> 8 * i);
            }
            return this;
        }
    }
}
