package org.jvmm.loader.linux.impl.bzimage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.jvmm.loader.linux.impl.ImageException;
import org.jvmm.loader.linux.impl.TestData;
import org.junit.jupiter.api.Test;

class Lz4LegacyTest {
    @Test
    void decompressesSeveralBlocksAndRepeatedMagicsAndStopsAtTheSizeTrailer() throws Exception {
        byte[] data = TestData.pattern((8 << 20) * 2 + 12345, 11);
        byte[] framed = TestData.lz4Legacy(data, 1);
        assertEquals("lz4", PayloadExtractor.compression(framed));
        assertArrayEquals(data, Lz4Legacy.decompress(framed, data.length));
        assertArrayEquals(data, Lz4Legacy.decompress(framed, 10), "a short size hint only costs copies");
        assertArrayEquals(data, Lz4Legacy.decompress(framed, data.length + 100), "a long one is trimmed");
        assertArrayEquals(data, PayloadExtractor.extract(framed));
    }

    @Test
    void truncatedAndCorruptBlocksAreErrors() {
        byte[] framed = TestData.lz4Legacy(TestData.pattern(100_000, 1), 0);
        byte[] cut = Arrays.copyOf(framed, framed.length - 40);
        ImageException e = assertThrows(ImageException.class, () -> Lz4Legacy.decompress(cut, 0));
        assertTrue(e.getMessage().startsWith("LZ4 block of "), e.getMessage());
        assertTrue(e.getMessage().endsWith("runs past the end of the payload"), e.getMessage());
        byte[] bad = framed.clone();
        for (int i = 8; i < 40; i++) {
            bad[i] = (byte) 0xFF;
        }
        e = assertThrows(ImageException.class, () -> Lz4Legacy.decompress(bad, 0));
        assertTrue(e.getMessage().startsWith("LZ4 block at offset 4 is corrupt"), e.getMessage());
    }

    @Test
    void compressionIsRecognisedByMagic() {
        assertEquals("gzip", PayloadExtractor.compression(new byte[] {0x1F, (byte) 0x8B, 8, 0}));
        assertEquals("xz", PayloadExtractor.compression(new byte[] {(byte) 0xFD, '7', 'z', 'X', 'Z', 0}));
        assertEquals("bzip2", PayloadExtractor.compression("BZh9".getBytes()));
        assertEquals("lzma", PayloadExtractor.compression(new byte[] {0x5D, 0, 0, (byte) 0x80}));
        assertEquals("lzo", PayloadExtractor.compression(new byte[] {(byte) 0x89, 'L', 'Z', 'O'}));
        assertEquals("unknown", PayloadExtractor.compression(new byte[] {1, 2, 3, 4}));
        ImageException e = assertThrows(ImageException.class, () -> PayloadExtractor.extract(new byte[] {1, 2, 3, 4}));
        assertEquals("payload compression not recognised (first bytes 01020304)", e.getMessage());
    }
}
