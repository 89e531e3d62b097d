/**
 * Harmless ports (POST 0x80, I/O delay 0xED) that swallow writes and read as all ones.
 */
package org.jvmm.chipset.impl.portsink;
