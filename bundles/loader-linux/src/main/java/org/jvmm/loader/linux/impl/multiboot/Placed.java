package org.jvmm.loader.linux.impl.multiboot;

/** A loaded Multiboot kernel: guest-physical {@code [start, end)} and its physical entry point. */
record Placed(long start, long end, long entry) {
}
