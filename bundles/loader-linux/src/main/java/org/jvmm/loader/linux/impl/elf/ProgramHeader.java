package org.jvmm.loader.linux.impl.elf;

/** One ELF program header (the fields the loader uses). */
public record ProgramHeader(int type, long offset, long vaddr, long paddr, long fileSize, long memSize) {
    public static final int PT_LOAD = 1;
    public static final int PT_NOTE = 4;

    public boolean isLoad() {
        return type == PT_LOAD;
    }
}
