package org.jvmm.pci.testing;

/** One recorded MSI. */
public record Msi(long address, int data) {
}
