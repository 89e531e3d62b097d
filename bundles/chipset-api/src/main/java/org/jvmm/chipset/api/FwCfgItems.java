package org.jvmm.chipset.api;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The items QEMU's fw_cfg serves, by selector key: fixed items ({@link #RAM_SIZE}, {@link #NB_CPUS},
 * the kernel, initrd and command line, x86 arch-local items from 0x8000) and named files from
 * {@link #FILE_FIRST} listed in the {@link #FILE_DIR} directory. The signature, the feature bitmap
 * and the directory are generated. Integers are little-endian, as QEMU stores them. Thread-safe;
 * the guest sees an item as it is when it selects it.
 */
public final class FwCfgItems {
    public static final int SIGNATURE = 0x00, ID = 0x01, UUID = 0x02, RAM_SIZE = 0x03, NOGRAPHIC = 0x04,
            NB_CPUS = 0x05, MACHINE_ID = 0x06, KERNEL_ADDR = 0x07, KERNEL_SIZE = 0x08, KERNEL_CMDLINE = 0x09,
            INITRD_ADDR = 0x0A, INITRD_SIZE = 0x0B, BOOT_DEVICE = 0x0C, NUMA = 0x0D, BOOT_MENU = 0x0E,
            MAX_CPUS = 0x0F, KERNEL_ENTRY = 0x10, KERNEL_DATA = 0x11, INITRD_DATA = 0x12, CMDLINE_ADDR = 0x13,
            CMDLINE_SIZE = 0x14, CMDLINE_DATA = 0x15, SETUP_ADDR = 0x16, SETUP_SIZE = 0x17, SETUP_DATA = 0x18,
            FILE_DIR = 0x19, FILE_FIRST = 0x20;
    /** x86 arch-local items (bit 15 of the key). */
    public static final int ACPI_TABLES = 0x8000, SMBIOS_ENTRIES = 0x8001, IRQ0_OVERRIDE = 0x8002,
            E820_TABLE = 0x8003, HPET = 0x8004;
    /** FW_CFG_ID bits: the traditional interface and the DMA interface. */
    public static final int FEATURE_TRADITIONAL = 1, FEATURE_DMA = 2;
    /** Longest file name, without its terminating NUL. */
    public static final int MAX_NAME = 55;
    /** Most files (QEMU's default). */
    public static final int MAX_FILES = 0x20;

    private final Map<Integer, byte[]> fixed = new LinkedHashMap<>();
    private final List<String> fileNames = new ArrayList<>();
    private final List<byte[]> fileData = new ArrayList<>();

    /** Sets a fixed item; the generated keys (signature, id, directory) and file keys are refused. */
    public synchronized void put(int key, byte[] data) {
        if (key == SIGNATURE || key == ID || key == FILE_DIR || (key >= FILE_FIRST && key < 0x8000) || key < 0
                || key > 0xBFFF) {
            throw new IllegalArgumentException("fw_cfg: key 0x" + Integer.toHexString(key) + " cannot be set");
        }
        fixed.put(key, data.clone());
    }

    public void putInt16(int key, int value) {
        put(key, le(2).putShort((short) value).array());
    }

    public void putInt32(int key, int value) {
        put(key, le(4).putInt(value).array());
    }

    public void putInt64(int key, long value) {
        put(key, le(8).putLong(value).array());
    }

    /**
     * Adds or replaces the file {@code name} (e.g. {@code etc/acpi/tables}).
     *
     * @return its selector key
     */
    public synchronized int putFile(String name, byte[] data) {
        Objects.requireNonNull(data, "data");
        byte[] utf8 = Objects.requireNonNull(name, "name").getBytes(StandardCharsets.UTF_8);
        if (name.isEmpty() || utf8.length > MAX_NAME || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("fw_cfg: file name must be 1.." + MAX_NAME + " bytes: " + name);
        }
        int index = fileNames.indexOf(name);
        if (index >= 0) {
            fileData.set(index, data.clone());
            return FILE_FIRST + index;
        }
        if (fileNames.size() == MAX_FILES) {
            throw new IllegalArgumentException("fw_cfg: more than " + MAX_FILES + " files: " + name);
        }
        fileNames.add(name);
        fileData.add(data.clone());
        return FILE_FIRST + fileNames.size() - 1;
    }

    /** The bytes of item {@code key} (including the generated ones), if it exists. */
    public synchronized Optional<byte[]> get(int key) {
        return Optional.ofNullable(switch (key) {
            case SIGNATURE -> "QEMU".getBytes(StandardCharsets.US_ASCII);
            case ID -> le(4).putInt(FEATURE_TRADITIONAL | FEATURE_DMA).array();
            case FILE_DIR -> directory();
            default -> {
                int index = key - FILE_FIRST;
                if (key >= FILE_FIRST && index < fileNames.size()) {
                    yield fileData.get(index).clone();
                }
                byte[] v = fixed.get(key);
                yield v == null ? null : v.clone();
            }
        });
    }

    /** The file names in selector order. */
    public synchronized List<String> fileNames() {
        return List.copyOf(fileNames);
    }

    /** Big-endian count, then per file: size, selector, reserved, 56-byte NUL-padded name. */
    private byte[] directory() {
        ByteBuffer dir = ByteBuffer.allocate(4 + 64 * fileNames.size()).order(ByteOrder.BIG_ENDIAN);
        dir.putInt(fileNames.size());
        for (int i = 0; i < fileNames.size(); i++) {
            dir.putInt(fileData.get(i).length).putShort((short) (FILE_FIRST + i)).putShort((short) 0);
            byte[] name = new byte[56];
            byte[] utf8 = fileNames.get(i).getBytes(StandardCharsets.UTF_8);
            System.arraycopy(utf8, 0, name, 0, utf8.length);
            dir.put(name);
        }
        return dir.array();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
