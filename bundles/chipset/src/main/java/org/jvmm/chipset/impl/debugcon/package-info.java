/**
 * Bochs/QEMU debug console port writing to a serial backend.
 */
package org.jvmm.chipset.impl.debugcon;
