package org.jvmm.loader.linux.impl.bzimage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.jvmm.loader.linux.impl.ImageException;
import org.jvmm.loader.linux.impl.e820.E820Entry;

/**
 * boot_params ("the zero page", 4 KiB): zero, then the image's setup header at 0x1F1 with the
 * loader's fields filled in (type_of_loader 0xFF, CAN_USE_HEAP, command line, initrd), the RSDP
 * address at 0x070 and the e820 table at 0x2D0 with its count at 0x1E8.
 */
public final class ZeroPage {
    public static final int SIZE = 4096;
    public static final int ACPI_RSDP_ADDR = 0x070, E820_ENTRIES = 0x1E8, E820_TABLE = 0x2D0, E820_MAX = 128;
    public static final int TYPE_OF_LOADER_UNDEFINED = 0xFF;
    /** heap_end_ptr as QEMU sets it (offset from the real-mode setup's base). */
    public static final int HEAP_END = 0xFE00;

    private ZeroPage() {
    }

    /**
     * @param cmdline     guest-physical address of the command line
     * @param initrdAddr  initrd address (0 without one)
     * @param initrdSize  initrd size (0 without one)
     * @param loadAddress where the protected-mode kernel was loaded
     */
    public static byte[] build(BzImage image, long loadAddress, long cmdline, long initrdAddr, long initrdSize,
            List<E820Entry> e820, long rsdp) throws ImageException {
        if (e820.size() > E820_MAX) {
            throw new ImageException("memory map of " + e820.size() + " entries exceeds boot_params' " + E820_MAX);
        }
        ByteBuffer zp = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        zp.put(SetupHeader.START, image.setupHeaderBytes());
        zp.put(SetupHeader.TYPE_OF_LOADER, (byte) TYPE_OF_LOADER_UNDEFINED);
        int flags = zp.get(SetupHeader.LOADFLAGS) & 0xFF;
        zp.put(SetupHeader.LOADFLAGS, (byte) (flags | SetupHeader.CAN_USE_HEAP));
        zp.putShort(SetupHeader.HEAP_END_PTR, (short) HEAP_END);
        zp.putInt(SetupHeader.CODE32_START, (int) loadAddress);
        zp.putInt(SetupHeader.CMD_LINE_PTR, (int) cmdline);
        zp.putInt(SetupHeader.RAMDISK_IMAGE, (int) initrdAddr);
        zp.putInt(SetupHeader.RAMDISK_SIZE, (int) initrdSize);
        zp.putLong(ACPI_RSDP_ADDR, rsdp);
        zp.put(E820_ENTRIES, (byte) e820.size());
        for (int i = 0; i < e820.size(); i++) {
            E820Entry e = e820.get(i);
            int at = E820_TABLE + 20 * i;
            zp.putLong(at, e.addr()).putLong(at + 8, e.size()).putInt(at + 16, e.type());
        }
        return zp.array();
    }
}
