package org.jvmm.storage.disk.impl.crypt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Against the XTS-AES-256 test vectors of IEEE P1619/D16 Annex B (vectors 10 and 11). */
class XtsAes256Test {
    private static final String KEY1 = "2718281828459045235360287471352662497757247093699959574966967627";
    private static final String KEY2 = "3141592653589793238462643383279502884197169399375105820974944592";
    private static final String VECTOR_10 =
            "1c3b3a102f770386e4836c99e370cf9bea00803f5e482357a4ae12d414a3e63b"
            + "5d31e276f8fe4a8d66b317f9ac683f44680a86ac35adfc3345befecb4bb188fd"
            + "5776926c49a3095eb108fd1098baec70aaa66999a72a82f27d848b21d4a741b0"
            + "c5cd4d5fff9dac89aeba122961d03a757123e9870f8acf1000020887891429ca"
            + "2a3e7a7d7df7b10355165c8b9a6d0a7de8b062c4500dc4cd120c0f7418dae3d0"
            + "b5781c34803fa75421c790dfe1de1834f280d7667b327f6c8cd7557e12ac3a0f"
            + "93ec05c52e0493ef31a12d3d9260f79a289d6a379bc70c50841473d1a8cc81ec"
            + "583e9645e07b8d9670655ba5bbcfecc6dc3966380ad8fecb17b6ba02469a020a"
            + "84e18e8f84252070c13e9f1f289be54fbc481457778f616015e1327a02b140f1"
            + "505eb309326d68378f8374595c849d84f4c333ec4423885143cb47bd71c5edae"
            + "9be69a2ffeceb1bec9de244fbe15992b11b77c040f12bd8f6a975a44a0f90c29"
            + "a9abc3d4d893927284c58754cce294529f8614dcd2aba991925fedc4ae74ffac"
            + "6e333b93eb4aff0479da9a410e4450e0dd7ae4c6e2910900575da401fc07059f"
            + "645e8b7e9bfdef33943054ff84011493c27b3429eaedb4ed5376441a77ed4385"
            + "1ad77f16f541dfd269d50d6a5f14fb0aab1cbb4c1550be97f7ab4066193c4caa"
            + "773dad38014bd2092fa755c824bb5e54c4f36ffda9fcea70b9c6e693e148c151";
    private static final String VECTOR_11 =
            "77a31251618a15e6b92d1d66dffe7b50b50bad552305ba0217a610688eff7e11"
            + "e1d0225438e093242d6db274fde801d4cae06f2092c728b2478559df58e837c2"
            + "469ee4a4fa794e4bbc7f39bc026e3cb72c33b0888f25b4acf56a2a9804f1ce6d"
            + "3d6e1dc6ca181d4b546179d55544aa7760c40d06741539c7e3cd9d2f6650b201"
            + "3fd0eeb8c2b8e3d8d240ccae2d4c98320a7442e1c8d75a42d6e6cfa4c2eca179"
            + "8d158c7aecdf82490f24bb9b38e108bcda12c3faf9a21141c3613b58367f922a"
            + "aa26cd22f23d708dae699ad7cb40a8ad0b6e2784973dcb605684c08b8d6998c6"
            + "9aac049921871ebb65301a4619ca80ecb485a31d744223ce8ddc2394828d6a80"
            + "470c092f5ba413c3378fa6054255c6f9df4495862bbb3287681f931b687c888a"
            + "bf844dfc8fc28331e579928cd12bd2390ae123cf03818d14dedde5c0c24c8ab0"
            + "18bfca75ca096f2d531f3d1619e785f1ada437cab92e980558b3dce1474afb75"
            + "bfedbf8ff54cb2618e0244c9ac0d3c66fb51598cd2db11f9be39791abe447c63"
            + "094f7c453b7ff87cb5bb36b7c79efb0872d17058b83b15ab0866ad8a58656c5a"
            + "7e20dbdf308b2461d97c0ec0024a2715055249cf3b478ddd4740de654f75ca68"
            + "6e0d7345c69ed50cdc2a8b332b1f8824108ac937eb050585608ee734097fc090"
            + "54fbff89eeaeea791f4a7ab1f9868294a4f9e27b42af8100cb9d59cef9645803";

    static byte[] key() {
        return HexFormat.of().parseHex(KEY1 + KEY2);
    }

    /** The vectors' plaintext: bytes 00..ff, twice. */
    static byte[] plaintext() {
        byte[] p = new byte[512];
        for (int i = 0; i < 512; i++) {
            p[i] = (byte) i;
        }
        return p;
    }

    @Test
    void ieeeVector10() throws Exception {
        check(0xffL, VECTOR_10);
    }

    @Test
    void ieeeVector11() throws Exception {
        check(0xffffL, VECTOR_11);
    }

    private static void check(long unit, String ciphertext) throws Exception {
        XtsAes256 xts = new XtsAes256(key());
        byte[] buf = plaintext();
        xts.encrypt(buf, 512, unit);
        assertEquals(ciphertext, HexFormat.of().formatHex(buf));
        xts.decrypt(buf, 512, unit);
        assertArrayEquals(plaintext(), buf);
    }

    @Test
    void consecutiveUnitsInOneCallMatchOneByOne() throws Exception {
        XtsAes256 xts = new XtsAes256(key());
        byte[] two = new byte[1024];
        System.arraycopy(plaintext(), 0, two, 0, 512);
        System.arraycopy(plaintext(), 0, two, 512, 512);
        xts.encrypt(two, 512, 0xfe);
        assertEquals(VECTOR_10, HexFormat.of().formatHex(Arrays.copyOfRange(two, 512, 1024)));
    }

    @Test
    void badKeysAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new XtsAes256(new byte[32]));
        byte[] same = new byte[64];
        Arrays.fill(same, (byte) 7);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new XtsAes256(same));
        assertTrue(e.getMessage().contains("halves"));
        assertThrows(IllegalArgumentException.class, () -> new XtsAes256(key()).encrypt(new byte[500], 500, 0));
    }
}
