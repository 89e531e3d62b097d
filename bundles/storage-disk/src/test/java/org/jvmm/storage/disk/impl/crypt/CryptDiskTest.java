package org.jvmm.storage.disk.impl.crypt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.storage.disk.impl.Io.pattern;
import static org.jvmm.storage.disk.impl.Io.readOk;
import static org.jvmm.storage.disk.impl.Io.readStatus;
import static org.jvmm.storage.disk.impl.Io.writeOk;
import static org.jvmm.storage.disk.impl.Io.writeStatus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.jvmm.storage.disk.api.Disk;
import org.jvmm.storage.disk.api.DiskStatus;
import org.jvmm.storage.disk.impl.TestResolver;
import org.jvmm.storage.disk.resources.CryptDiskHandle;
import org.jvmm.storage.disk.resources.FileDiskHandle;
import org.jvmm.vmm.resource.ResolveException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CryptDiskTest {
    @TempDir
    Path dir;

    private Path keyFile() throws Exception {
        Path k = dir.resolve("key");
        Files.write(k, XtsAes256Test.key());
        return k;
    }

    @Test
    void roundTripStoresCiphertextAsDmCryptPlain64() throws Exception {
        Path img = dir.resolve("c.img");
        Files.write(img, new byte[512 * 512]);
        CryptDiskHandle h = new CryptDiskHandle(FileDiskHandle.of(img.toString(), false), "xts-aes-256", keyFile().toString());
        byte[] data = pattern(3 * 512, 4);
        try (Disk d = TestResolver.disk(h)) {
            assertEquals(512, d.sectorCount());
            writeOk(d, 0xfe, data);
            System.arraycopy(XtsAes256Test.plaintext(), 0, data, 512, 512);
            writeOk(d, 0xff, XtsAes256Test.plaintext());
            assertArrayEquals(data, readOk(d, 0xfe, 3 * 512));
        }
        byte[] stored = Files.readAllBytes(img);
        assertEquals("1c3b3a102f770386e4836c99e370cf9b",
                HexFormat.of().formatHex(Arrays.copyOfRange(stored, 0xff * 512, 0xff * 512 + 16)),
                "sector 0xff holds IEEE vector 10's ciphertext");
        assertFalse(Arrays.equals(Arrays.copyOfRange(stored, 0xfe * 512, 0xff * 512), Arrays.copyOfRange(data, 0, 512)));
    }

    @Test
    void readOnlyAndRangeComeFromTheInnerDisk() throws Exception {
        Path img = dir.resolve("r.img");
        Files.write(img, new byte[8 * 512]);
        try (Disk d = TestResolver.disk(new CryptDiskHandle(FileDiskHandle.of(img.toString(), true), "xts-aes-256",
                keyFile().toString()))) {
            assertTrue(d.readOnly());
            assertEquals(DiskStatus.READ_ONLY, writeStatus(d, 0, 512));
            assertEquals(DiskStatus.OUT_OF_RANGE, readStatus(d, 8, 512));
        }
    }

    @Test
    void keyFileMustHold64Bytes() throws Exception {
        Path k = dir.resolve("short");
        Files.write(k, new byte[32]);
        Path img = dir.resolve("k.img");
        Files.write(img, new byte[512]);
        ResolveException e = assertThrows(ResolveException.class, () -> TestResolver.disk(
                new CryptDiskHandle(FileDiskHandle.of(img.toString(), false), "xts-aes-256", k.toString())));
        assertTrue(e.getMessage().contains("must hold exactly 64 bytes"), e.getMessage());
        assertTrue(e.getMessage().startsWith("disk_handle:crypt at disks[0]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new CryptDiskHandle(FileDiskHandle.of("x", false), "aes-cbc", k.toString()));
    }
}
