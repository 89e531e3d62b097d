package org.jvmm.storage.disk.impl.crypt;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * XTS-AES-256 on whole 16-byte blocks (no ciphertext stealing: sectors are multiples of 16).
 * For data unit {@code i}: {@code T = AES(K2, i)}; block {@code j} is {@code C = AES(K1, P ^ T_j) ^ T_j}
 * with {@code T_j = T * alpha^j} in GF(2^128). The masks of a unit are computed first, so the AES
 * work is one ECB call per unit. Thread-safe: ciphers are created per call.
 */
public final class XtsAes256 {
    public static final int KEY_BYTES = 64;
    private static final VarHandle LE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final String AES = "AES/ECB/NoPadding";

    private final SecretKeySpec dataKey;
    private final SecretKeySpec tweakKey;

    /**
     * @param key 64 bytes: the data key, then the tweak key
     * @throws IllegalArgumentException for a wrong length or equal halves (IEEE 1619-2018 forbids them)
     */
    public XtsAes256(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("an XTS-AES-256 key is 64 bytes, got " + key.length);
        }
        byte[] k1 = Arrays.copyOfRange(key, 0, 32);
        byte[] k2 = Arrays.copyOfRange(key, 32, 64);
        if (MessageDigest.isEqual(k1, k2)) {
            throw new IllegalArgumentException("the two halves of an XTS key must differ");
        }
        this.dataKey = new SecretKeySpec(k1, "AES");
        this.tweakKey = new SecretKeySpec(k2, "AES");
        Arrays.fill(k1, (byte) 0);
        Arrays.fill(k2, (byte) 0);
    }

    /** Encrypts {@code buf} in place as consecutive data units of {@code unitSize} bytes numbered from {@code firstUnit}. */
    public void encrypt(byte[] buf, int unitSize, long firstUnit) throws GeneralSecurityException {
        apply(buf, unitSize, firstUnit, Cipher.ENCRYPT_MODE);
    }

    /** Decrypts {@code buf} in place, the inverse of {@link #encrypt}. */
    public void decrypt(byte[] buf, int unitSize, long firstUnit) throws GeneralSecurityException {
        apply(buf, unitSize, firstUnit, Cipher.DECRYPT_MODE);
    }

    private void apply(byte[] buf, int unitSize, long firstUnit, int mode) throws GeneralSecurityException {
        if (unitSize <= 0 || unitSize % 16 != 0 || buf.length % unitSize != 0) {
            throw new IllegalArgumentException("XTS data units must be whole 16-byte blocks: unit " + unitSize
                    + ", buffer " + buf.length);
        }
        Cipher tweak = Cipher.getInstance(AES);
        tweak.init(Cipher.ENCRYPT_MODE, tweakKey);
        Cipher data = Cipher.getInstance(AES);
        data.init(mode, dataKey);
        byte[] mask = new byte[unitSize];
        byte[] t = new byte[16];
        for (int off = 0, unit = 0; off < buf.length; off += unitSize, unit++) {
            Arrays.fill(t, (byte) 0);
            LE64.set(t, 0, firstUnit + unit);
            tweak.doFinal(t, 0, 16, t, 0);
            masks(t, mask);
            xor(buf, off, mask);
            data.doFinal(buf, off, unitSize, buf, off);
            xor(buf, off, mask);
        }
    }

    /** {@code mask[j]} = T * alpha^j for every block of the unit. */
    private static void masks(byte[] t, byte[] mask) {
        long lo = (long) LE64.get(t, 0);
        long hi = (long) LE64.get(t, 8);
        for (int j = 0; j < mask.length; j += 16) {
            LE64.set(mask, j, lo);
            LE64.set(mask, j + 8, hi);
            long carry = hi >>> 63;
            hi = (hi << 1) | (lo >>> 63);
            lo = (lo << 1) ^ (carry * 0x87);
        }
    }

    private static void xor(byte[] buf, int off, byte[] mask) {
        for (int i = 0; i < mask.length; i += 8) {
            LE64.set(buf, off + i, (long) LE64.get(buf, off + i) ^ (long) LE64.get(mask, i));
        }
    }
}
