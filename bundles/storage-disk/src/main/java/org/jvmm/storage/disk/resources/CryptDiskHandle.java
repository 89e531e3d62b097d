package org.jvmm.storage.disk.resources;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * An encrypted view of another disk (OpenVMM's {@code DiskCryptHandle}): each sector is
 * encrypted with XTS-AES-256 using its sector number as the tweak, as dm-crypt's
 * {@code aes-xts-plain64}. Confidentiality only: no integrity.
 *
 * @param disk    the {@code disk_handle} holding the ciphertext
 * @param cipher  {@value #XTS_AES_256}
 * @param keyFile a file of exactly 64 bytes: the data key, then the tweak key
 */
@HandleType(kind = "disk_handle", id = "crypt")
public record CryptDiskHandle(ResourceHandle disk, String cipher, String keyFile) implements ResourceHandle {
    public static final String XTS_AES_256 = "xts-aes-256";
    private static final String KEY = Checks.DISK + "crypt";

    public CryptDiskHandle {
        Checks.required(KEY, "disk", disk);
        if (!XTS_AES_256.equals(cipher)) {
            throw new IllegalArgumentException(KEY + ": cipher must be " + XTS_AES_256 + ", got " + cipher);
        }
        Checks.path(KEY, "keyFile", keyFile);
    }
}
