package org.jvmm.loader.linux.impl.bzimage;

import org.jvmm.loader.linux.impl.ImageException;
import java.util.Arrays;
import org.jvmm.loader.linux.impl.ByteReader;

/**
 * A bzImage: the real-mode setup ({@code setup_sects + 1} sectors with the setup header) followed
 * by the protected-mode kernel, whose 64-bit entry is 0x200 into it.
 *
 * @param image  the whole file
 * @param header its setup header
 */
public record BzImage(byte[] image, SetupHeader header) {
    /** The oldest protocol with the 64-bit entry flag (xloadflags). */
    public static final int MIN_VERSION = 0x20C;

    public static boolean matches(byte[] image) {
        return SetupHeader.present(image);
    }

    /**
     * Parses and checks a bzImage for the 64-bit entry.
     *
     * @throws ImageException if the protocol is older than 2.12 or there is no 64-bit entry
     */
    public static BzImage parse(byte[] image) throws ImageException {
        SetupHeader h = SetupHeader.read(image);
        if (h.version() < MIN_VERSION) {
            throw new ImageException("boot protocol " + h.versionString()
                    + " is older than 2.12, which the 64-bit entry needs");
        }
        if (!h.has64BitEntry()) {
            throw new ImageException("not a 64-bit kernel (xloadflags bit 0 clear)");
        }
        if (h.kernelOffset() >= image.length || h.end() > h.kernelOffset()) {
            throw new ImageException("setup of " + h.setupSects() + " sectors does not fit the file");
        }
        return new BzImage(image, h);
    }

    /** Size of the protected-mode kernel. */
    public int kernelSize() {
        return image.length - (int) header.kernelOffset();
    }

    /** The compressed vmlinux inside the protected-mode kernel. */
    public byte[] payload() throws ImageException {
        long at = header.kernelOffset() + header.payloadOffset();
        if (header.payloadLength() == 0 || !ByteReader.within(image, at, header.payloadLength())) {
            throw new ImageException("no payload inside the image (payload_offset 0x%x, payload_length 0x%x)"
                    .formatted(header.payloadOffset(), header.payloadLength()));
        }
        return Arrays.copyOfRange(image, (int) at, (int) (at + header.payloadLength()));
    }

    /** The setup header bytes, from 0x1F1 to the end the jump at 0x200 gives. */
    public byte[] setupHeaderBytes() {
        return Arrays.copyOfRange(image, SetupHeader.START, header.end());
    }
}
