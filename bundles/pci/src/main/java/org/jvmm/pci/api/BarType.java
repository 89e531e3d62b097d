package org.jvmm.pci.api;

/** The kind of a base address register. */
public enum BarType {
    /** Port I/O, 4..256 bytes, within the host's I/O window. */
    IO,
    /** Memory anywhere below 4 GiB. */
    MEMORY32,
    /** Memory anywhere in the 64-bit space; takes two BAR registers. */
    MEMORY64
}
