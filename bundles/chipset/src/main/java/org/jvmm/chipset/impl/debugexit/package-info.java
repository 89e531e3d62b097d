/**
 * QEMU isa-debug-exit: power off with exit status (V << 1) | 1.
 */
package org.jvmm.chipset.impl.debugexit;
