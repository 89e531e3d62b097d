package org.jvmm.loader.linux.impl.aml;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A small AML encoder (ACPI 6.x, chapter 20): each method returns the bytes of one term, and
 * nesting terms is concatenating them. Covers what the generated DSDT needs: scopes, devices,
 * named objects, integers, strings, EISA ids, buffers and packages.
 */
public final class Aml {
    static final int ZERO_OP = 0x00, ONE_OP = 0x01, NAME_OP = 0x08, BYTE_PREFIX = 0x0A, WORD_PREFIX = 0x0B,
            DWORD_PREFIX = 0x0C, STRING_PREFIX = 0x0D, QWORD_PREFIX = 0x0E, SCOPE_OP = 0x10, BUFFER_OP = 0x11,
            PACKAGE_OP = 0x12, EXT_OP_PREFIX = 0x5B, DEVICE_OP = 0x82, DUAL_NAME_PREFIX = 0x2E,
            MULTI_NAME_PREFIX = 0x2F, ROOT_CHAR = 0x5C, PARENT_PREFIX = 0x5E, METHOD_OP = 0x14, RETURN_OP = 0xA4,
            ARG0_OP = 0x68;

    private Aml() {
    }

    /** {@code Scope(path) { terms }}. */
    public static byte[] scope(String path, byte[]... terms) {
        return op(new int[] {SCOPE_OP}, withLength(cat(nameString(path), cat(terms))));
    }

    /** {@code Device(name) { terms }}. */
    public static byte[] device(String name, byte[]... terms) {
        return op(new int[] {EXT_OP_PREFIX, DEVICE_OP}, withLength(cat(nameString(name), cat(terms))));
    }

    /** {@code Name(name, value)}. */
    public static byte[] name(String name, byte[] value) {
        return op(new int[] {NAME_OP}, cat(nameString(name), value));
    }

    /** The shortest encoding of an unsigned integer: ZeroOp, OneOp or a Byte/Word/DWord/QWord constant. */
    public static byte[] integer(long v) {
        if (v == 0 || v == 1) {
            return new byte[] {(byte) v};
        }
        if ((v & ~0xFFL) == 0) {
            return integerOfWidth(BYTE_PREFIX, v, 1);
        }
        if ((v & ~0xFFFFL) == 0) {
            return integerOfWidth(WORD_PREFIX, v, 2);
        }
        if ((v & ~0xFFFF_FFFFL) == 0) {
            return integerOfWidth(DWORD_PREFIX, v, 4);
        }
        return integerOfWidth(QWORD_PREFIX, v, 8);
    }

    /** A null-terminated ASCII string constant. */
    public static byte[] string(String s) {
        byte[] text = s.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[text.length + 2];
        out[0] = STRING_PREFIX;
        System.arraycopy(text, 0, out, 1, text.length);
        return out;
    }

    /** {@code EisaId("PNP0501")}: the compressed 32-bit id as a DWord constant. */
    public static byte[] eisaId(String id) {
        if (!id.matches("[A-Z]{3}[0-9A-F]{4}")) {
            throw new IllegalArgumentException("EISA id must be 3 letters and 4 hex digits: " + id);
        }
        int v = (id.charAt(0) - 0x40) << 26 | (id.charAt(1) - 0x40) << 21 | (id.charAt(2) - 0x40) << 16
                | Integer.parseInt(id.substring(3), 16);
        return integerOfWidth(DWORD_PREFIX, Integer.reverseBytes(v) & 0xFFFF_FFFFL, 4);
    }

    /** {@code Method(name, argCount, NotSerialized) { terms }}. */
    public static byte[] method(String name, int argCount, byte[]... terms) {
        if (argCount < 0 || argCount > 7) {
            throw new IllegalArgumentException("a method takes 0..7 arguments, got " + argCount);
        }
        return op(new int[] {METHOD_OP}, withLength(cat(nameString(name), new byte[] {(byte) argCount}, cat(terms))));
    }

    /** {@code Return(ArgN)}. */
    public static byte[] returnArg(int n) {
        if (n < 0 || n > 6) {
            throw new IllegalArgumentException("Arg0..Arg6, got Arg" + n);
        }
        return new byte[] {(byte) RETURN_OP, (byte) (ARG0_OP + n)};
    }

    /** {@code Buffer() { bytes }}. */
    public static byte[] buffer(byte[] bytes) {
        return op(new int[] {BUFFER_OP}, withLength(cat(integer(bytes.length), bytes)));
    }

    /** {@code Package() { elements }}: at most 255 elements. */
    public static byte[] pkg(byte[]... elements) {
        if (elements.length > 255) {
            throw new IllegalArgumentException("package of " + elements.length + " elements");
        }
        return op(new int[] {PACKAGE_OP}, withLength(cat(new byte[] {(byte) elements.length}, cat(elements))));
    }

    /**
     * A NameString: {@code \} for the root, {@code ^} for each parent, then dot-separated segments
     * padded with {@code _} to four characters ({@code \_SB.COM1}, {@code _HID}).
     */
    public static byte[] nameString(String path) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < path.length() && (path.charAt(i) == '\\' || path.charAt(i) == '^')) {
            out.write(path.charAt(i) == '\\' ? ROOT_CHAR : PARENT_PREFIX);
            i++;
        }
        String rest = path.substring(i);
        String[] segs = rest.isEmpty() ? new String[0] : rest.split("\\.");
        if (segs.length == 0) {
            out.write(0);
        } else if (segs.length == 2) {
            out.write(DUAL_NAME_PREFIX);
        } else if (segs.length > 2) {
            out.write(MULTI_NAME_PREFIX);
            out.write(segs.length);
        }
        for (String seg : segs) {
            out.writeBytes(nameSeg(seg));
        }
        return out.toByteArray();
    }

    /**
     * The PkgLength encoding of a package whose content is {@code contentLength} bytes: the
     * encoded value counts the PkgLength bytes themselves.
     */
    public static byte[] pkgLength(int contentLength) {
        for (int n = 1; n <= 4; n++) {
            int total = contentLength + n;
            if (n == 1 && total <= 0x3F) {
                return new byte[] {(byte) total};
            }
            if (n > 1 && total < 1 << (4 + 8 * (n - 1))) {
                byte[] out = new byte[n];
                out[0] = (byte) ((n - 1) << 6 | (total & 0xF));
                for (int k = 1; k < n; k++) {
                    out[k] = (byte) (total >>> (4 + 8 * (k - 1)));
                }
                return out;
            }
        }
        throw new IllegalArgumentException("AML package too long: " + contentLength);
    }

    /** Concatenates terms. */
    public static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] nameSeg(String seg) {
        if (!seg.matches("[A-Z_][A-Z0-9_]{0,3}")) {
            throw new IllegalArgumentException("AML name segment must be 1-4 of A-Z, 0-9, _ (not a digit first): "
                    + seg);
        }
        String padded = (seg + "___").substring(0, 4);
        return padded.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] withLength(byte[] content) {
        return cat(pkgLength(content.length), content);
    }

    private static byte[] op(int[] opcode, byte[] body) {
        byte[] out = new byte[opcode.length + body.length];
        for (int i = 0; i < opcode.length; i++) {
            out[i] = (byte) opcode[i];
        }
        System.arraycopy(body, 0, out, opcode.length, body.length);
        return out;
    }

    private static byte[] integerOfWidth(int prefix, long v, int size) {
        byte[] out = new byte[1 + size];
        out[0] = (byte) prefix;
        for (int i = 0; i < size; i++) {
            out[1 + i] = (byte) (v >>> (8 * i));
        }
        return out;
    }
}
