/**
 * {@code disk_handle:crypt}: XTS-AES-256 (IEEE 1619, NIST SP 800-38E) over another disk, built on
 * the JDK's {@code AES/ECB/NoPadding}. The data unit is one sector and its tweak is the sector
 * number as a 128-bit little-endian integer, which is dm-crypt's {@code aes-xts-plain64} for
 * 512-byte sectors. The 64-byte key file holds the data key then the tweak key. Confidentiality
 * only: no integrity, as in OpenVMM. Unmap is not offered (unmapped ciphertext would decrypt to
 * noise).
 */
package org.jvmm.storage.disk.impl.crypt;
