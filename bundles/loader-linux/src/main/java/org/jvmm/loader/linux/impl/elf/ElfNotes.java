package org.jvmm.loader.linux.impl.elf;

import static org.jvmm.loader.linux.impl.ByteReader.u32;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.jvmm.loader.linux.impl.ByteReader;

/** Walks the notes of a PT_NOTE segment: namesz, descsz, type, name and descriptor, each 4-byte aligned. */
final class ElfNotes {
    private ElfNotes() {
    }

    static Optional<byte[]> find(byte[] b, long start, long length, String name, int type) {
        byte[] want = (name + "\0").getBytes(StandardCharsets.US_ASCII);
        long at = start;
        long end = start + length;
        while (at + 12 <= end) {
            long namesz = u32(b, at);
            long descsz = u32(b, at + 4);
            long ntype = u32(b, at + 8);
            long nameAt = at + 12;
            long descAt = nameAt + align4(namesz);
            long next = descAt + align4(descsz);
            if (next > end || !ByteReader.within(b, nameAt, next - nameAt)) {
                return Optional.empty();
            }
            if (ntype == type && namesz == want.length
                    && Arrays.equals(b, (int) nameAt, (int) nameAt + want.length, want, 0, want.length)) {
                return Optional.of(Arrays.copyOfRange(b, (int) descAt, (int) (descAt + descsz)));
            }
            at = next;
        }
        return Optional.empty();
    }

    private static long align4(long v) {
        return (v + 3) & ~3L;
    }
}
