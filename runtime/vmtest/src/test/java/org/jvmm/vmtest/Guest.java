package org.jvmm.vmtest;

import java.util.Locale;

/** The test guests in {@code src/test/guests}, each a folder of that name, and how each is built. */
enum Guest {
    HELLO(Flavor.C32),
    LONGMODE(Flavor.STANDALONE64),
    PAGEFAULT(Flavor.C64),
    EXCEPTIONS(Flavor.C64),
    INTERRUPTS(Flavor.C64),
    APICTIMER(Flavor.C64),
    SMP(Flavor.C64),
    SNAPCOUNT(Flavor.C64);

    /** What a guest is linked with besides its own folder. */
    enum Flavor {
        /** {@code lib/} and {@code lib32/}: 32-bit code, left in protected mode by Multiboot. */
        C32,
        /** {@code lib/} and {@code lib64/}: boot.S switches to long mode and calls kmain. */
        C64,
        /** Its own folder only (its own Multiboot entry), assembled and linked as 64-bit code. */
        STANDALONE64
    }

    private final Flavor flavor;

    Guest(Flavor flavor) {
        this.flavor = flavor;
    }

    Flavor flavor() {
        return flavor;
    }

    /** The folder name and the prefix of its marker lines. */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
