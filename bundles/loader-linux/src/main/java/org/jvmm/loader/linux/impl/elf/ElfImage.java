package org.jvmm.loader.linux.impl.elf;

import org.jvmm.loader.linux.impl.ImageException;
import static org.jvmm.loader.linux.impl.ByteReader.u16;
import static org.jvmm.loader.linux.impl.ByteReader.u32;
import static org.jvmm.loader.linux.impl.ByteReader.u64;
import static org.jvmm.loader.linux.impl.ByteReader.u8;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jvmm.loader.linux.impl.ByteReader;

/**
 * A little-endian ELF executable (32- or 64-bit) and its program headers.
 *
 * @param data    the whole file
 * @param elf64   ELFCLASS64
 * @param machine e_machine (3 = i386, 62 = x86-64)
 * @param entry   e_entry
 * @param headers the program headers, in file order
 */
public record ElfImage(byte[] data, boolean elf64, int machine, long entry, List<ProgramHeader> headers) {
    public static final int EM_386 = 3;
    public static final int EM_X86_64 = 62;
    private static final int ET_EXEC = 2;
    private static final int ET_DYN = 3;

    public ElfImage {
        headers = List.copyOf(headers);
    }

    public static boolean isElf(byte[] b) {
        return b.length >= 52 && b[0] == 0x7F && b[1] == 'E' && b[2] == 'L' && b[3] == 'F';
    }

    /**
     * Parses the header and program headers.
     *
     * @throws ImageException if this is not a little-endian x86 executable or a header lies outside the file
     */
    public static ElfImage parse(byte[] b) throws ImageException {
        if (!isElf(b)) {
            throw new ImageException("not an ELF file");
        }
        int cls = u8(b, 4);
        if ((cls != 1 && cls != 2) || u8(b, 5) != 1) {
            throw new ImageException("not a little-endian ELF32/ELF64 file");
        }
        boolean is64 = cls == 2;
        int type = u16(b, 16);
        int machine = u16(b, 18);
        if (type != ET_EXEC && type != ET_DYN) {
            throw new ImageException("ELF type " + type + " is not an executable");
        }
        if (machine != EM_386 && machine != EM_X86_64) {
            throw new ImageException("ELF machine " + machine + " is not x86");
        }
        long entry = is64 ? u64(b, 24) : u32(b, 24);
        long phoff = is64 ? u64(b, 32) : u32(b, 28);
        int phentsize = u16(b, is64 ? 54 : 42);
        int phnum = u16(b, is64 ? 56 : 44);
        if (phentsize < (is64 ? 56 : 32) || !ByteReader.within(b, phoff, (long) phentsize * phnum)) {
            throw new ImageException("program headers outside the file");
        }
        List<ProgramHeader> headers = new ArrayList<>(phnum);
        for (int i = 0; i < phnum; i++) {
            ProgramHeader ph = header(b, phoff + (long) i * phentsize, is64);
            if (ph.isLoad() && !ByteReader.within(b, ph.offset(), ph.fileSize())) {
                throw new ImageException("segment %d's data lies outside the file".formatted(i));
            }
            if (ph.isLoad() && ph.fileSize() > ph.memSize()) {
                throw new ImageException("segment %d: file size larger than memory size".formatted(i));
            }
            headers.add(ph);
        }
        return new ElfImage(b, is64, machine, entry, headers);
    }

    /** The loadable segments. */
    public List<ProgramHeader> loads() {
        return headers.stream().filter(ProgramHeader::isLoad).toList();
    }

    /**
     * The descriptor of the first note named {@code name} with type {@code type} in a PT_NOTE
     * segment, if any.
     */
    public Optional<byte[]> note(String name, int type) {
        for (ProgramHeader ph : headers) {
            if (ph.type() == ProgramHeader.PT_NOTE && ByteReader.within(data, ph.offset(), ph.fileSize())) {
                Optional<byte[]> d = ElfNotes.find(data, ph.offset(), ph.fileSize(), name, type);
                if (d.isPresent()) {
                    return d;
                }
            }
        }
        return Optional.empty();
    }

    private static ProgramHeader header(byte[] b, long at, boolean is64) {
        if (is64) {
            return new ProgramHeader((int) u32(b, at), u64(b, at + 8), u64(b, at + 16), u64(b, at + 24),
                    u64(b, at + 32), u64(b, at + 40));
        }
        return new ProgramHeader((int) u32(b, at), u32(b, at + 4), u32(b, at + 8), u32(b, at + 12), u32(b, at + 16),
                u32(b, at + 20));
    }
}
