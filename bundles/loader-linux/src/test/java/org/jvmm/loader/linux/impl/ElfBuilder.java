package org.jvmm.loader.linux.impl;

import java.util.ArrayList;
import java.util.List;

/** Builds small little-endian x86 ELF executables (32 or 64 bit) with PT_LOAD and PT_NOTE segments. */
final class ElfBuilder {
    private final boolean is64;
    private long entry;
    private final List<Seg> segments = new ArrayList<>();
    private final List<byte[]> notes = new ArrayList<>();

    private record Seg(long vaddr, long paddr, byte[] data, long memSize) {
    }

    ElfBuilder(boolean is64) {
        this.is64 = is64;
    }

    ElfBuilder entry(long value) {
        entry = value;
        return this;
    }

    ElfBuilder load(long vaddr, long paddr, byte[] data, long memSize) {
        segments.add(new Seg(vaddr, paddr, data, memSize));
        return this;
    }

    ElfBuilder note(String name, int type, byte[] desc) {
        byte[] n = (name + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ByteWriter w = new ByteWriter().u32(n.length).u32(desc.length).u32(type).bytes(n).align(4).bytes(desc).align(4);
        notes.add(w.toByteArray());
        return this;
    }

    byte[] build() {
        int ehsize = is64 ? 64 : 52;
        int phentsize = is64 ? 56 : 32;
        int phnum = segments.size() + (notes.isEmpty() ? 0 : 1);
        int noteOffset = ehsize + phentsize * phnum;
        byte[] noteBytes = cat(notes);
        int dataOffset = (int) BootAddresses.alignUp(noteOffset + noteBytes.length, 16);
        ByteWriter w = new ByteWriter();
        w.u8(0x7F).u8('E').u8('L').u8('F').u8(is64 ? 2 : 1).u8(1).u8(1).zeros(9);
        w.u16(2).u16(is64 ? 62 : 3).u32(1);
        if (is64) {
            w.u64(entry).u64(ehsize).u64(0);
        } else {
            w.u32(entry).u32(ehsize).u32(0);
        }
        w.u32(0).u16(ehsize).u16(phentsize).u16(phnum).u16(0).u16(0).u16(0);
        int at = dataOffset;
        for (Seg s : segments) {
            header(w, 1, at, s.vaddr(), s.paddr(), s.data().length, s.memSize());
            at += s.data().length;
        }
        if (!notes.isEmpty()) {
            header(w, 4, noteOffset, 0, 0, noteBytes.length, noteBytes.length);
        }
        w.bytes(noteBytes);
        w.zeros(dataOffset - w.size());
        segments.forEach(s -> w.bytes(s.data()));
        return w.toByteArray();
    }

    private void header(ByteWriter w, int type, long offset, long vaddr, long paddr, long fileSize, long memSize) {
        if (is64) {
            w.u32(type).u32(7).u64(offset).u64(vaddr).u64(paddr).u64(fileSize).u64(memSize).u64(16);
        } else {
            w.u32(type).u32(offset).u32(vaddr).u32(paddr).u32(fileSize).u32(memSize).u32(7).u32(16);
        }
    }

    private static byte[] cat(List<byte[]> parts) {
        ByteWriter w = new ByteWriter();
        parts.forEach(w::bytes);
        return w.toByteArray();
    }
}
