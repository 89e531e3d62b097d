package org.jvmm.loader.linux.impl.bzimage;

import static org.jvmm.loader.linux.impl.ByteReader.u16;
import static org.jvmm.loader.linux.impl.ByteReader.u32;
import static org.jvmm.loader.linux.impl.ByteReader.u64;
import static org.jvmm.loader.linux.impl.ByteReader.u8;

/**
 * The fields of a bzImage's setup header (Documentation/arch/x86/boot.rst) that the loader uses.
 * Offsets are from the start of the image, which are also the offsets in boot_params.
 */
public record SetupHeader(int setupSects, int version, int loadFlags, int xloadFlags, long cmdlineSize,
        long initrdAddrMax, long kernelAlignment, boolean relocatable, long payloadOffset, long payloadLength,
        long prefAddress, long initSize, int end) {
    public static final int START = 0x1F1;
    public static final int SETUP_SECTS = 0x1F1, BOOT_FLAG = 0x1FE, JUMP = 0x200, MAGIC = 0x202, VERSION = 0x206,
            CODE32_START = 0x214, TYPE_OF_LOADER = 0x210, LOADFLAGS = 0x211, RAMDISK_IMAGE = 0x218,
            RAMDISK_SIZE = 0x21C, HEAP_END_PTR = 0x224, CMD_LINE_PTR = 0x228, INITRD_ADDR_MAX = 0x22C,
            KERNEL_ALIGNMENT = 0x230, RELOCATABLE = 0x234, XLOADFLAGS = 0x236, CMDLINE_SIZE = 0x238,
            PAYLOAD_OFFSET = 0x248, PAYLOAD_LENGTH = 0x24C, PREF_ADDRESS = 0x258, INIT_SIZE = 0x260;
    /** "HdrS". */
    public static final long HDRS = 0x5372_6448L;
    public static final int LOADED_HIGH = 0x01, CAN_USE_HEAP = 0x80;
    public static final int XLF_KERNEL_64 = 0x01;
    /** The 64-bit entry is this far into the protected-mode kernel. */
    public static final int ENTRY_64_OFFSET = 0x200;

    /** Whether the image has a setup header ("HdrS" at 0x202). */
    public static boolean present(byte[] image) {
        return image.length >= 0x264 && u32(image, MAGIC) == HDRS;
    }

    /** Reads the header of an image for which {@link #present} holds. */
    public static SetupHeader read(byte[] image) {
        int version = u16(image, VERSION);
        int sects = u8(image, SETUP_SECTS);
        boolean v210 = version >= 0x20A;
        boolean v212 = version >= 0x20C;
        return new SetupHeader(sects == 0 ? 4 : sects, version, u8(image, LOADFLAGS),
                v212 ? u16(image, XLOADFLAGS) : 0,
                version >= 0x206 ? u32(image, CMDLINE_SIZE) : 255,
                version >= 0x203 ? u32(image, INITRD_ADDR_MAX) : 0x37FF_FFFFL,
                version >= 0x205 ? u32(image, KERNEL_ALIGNMENT) : 0,
                version >= 0x205 && u8(image, RELOCATABLE) != 0,
                v210 ? u32(image, PAYLOAD_OFFSET) : 0, v210 ? u32(image, PAYLOAD_LENGTH) : 0,
                v210 ? u64(image, PREF_ADDRESS) : 0, v210 ? u32(image, INIT_SIZE) : 0,
                MAGIC + u8(image, JUMP + 1));
    }

    public boolean has64BitEntry() {
        return version >= 0x20C && (xloadFlags & XLF_KERNEL_64) != 0;
    }

    /** Offset of the protected-mode kernel in the image. */
    public long kernelOffset() {
        return (setupSects + 1L) * 512;
    }

    public String versionString() {
        return (version >> 8) + "." + String.format("%02d", version & 0xFF);
    }
}
