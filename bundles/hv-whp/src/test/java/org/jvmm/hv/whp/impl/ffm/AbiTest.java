package org.jvmm.hv.whp.impl.ffm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java layouts, bit-fields and constants against mingw-w64's {@code <winhvplatform.h>}: a C file of
 * {@code _Static_assert}s generated from them must compile with {@code x86_64-w64-mingw32-gcc}, and the
 * bytes GCC lays out for each bit-field set to all ones must be exactly the bits the Java side uses.
 * Skips (saying so) only where the cross compiler is not installed.
 */
class AbiTest {
    private static final List<Class<?>> CONSTANTS = List.of(ExitReasons.class, RegisterNames.class, WhpCodes.class);

    private static MingwCompiler compiler;

    @TempDir
    Path dir;

    @BeforeAll
    static void findCompiler() {
        compiler = MingwCompiler.find().orElse(null);
    }

    private MingwCompiler requireCompiler() {
        Assumptions.assumeTrue(compiler != null, MingwCompiler.COMMAND + " is not installed: the WHP ABI check "
                + "needs Debian package " + MingwCompiler.PACKAGE + " (test.sh installs it)");
        return compiler;
    }

    @Test
    void layoutsConstantsAndHresultsMatchWinHvPlatformHeader() throws Exception {
        String source = AbiSource.generate(WhpLayouts.CHECKED, CONSTANTS, Hresult.NAMES, BitFields.ALL);
        MingwCompiler.Result r = requireCompiler().compileToAssembly(source, dir);
        assertEquals(0, r.exitCode(), () -> "layout mismatch against <winhvplatform.h>:\n" + r.messages());
        assertTrue(source.lines().filter(l -> l.startsWith("CHECK(")).count() > 300,
                "the generated check is suspiciously small");
    }

    @Test
    void bitFieldsMatchWinHvPlatformHeader() throws Exception {
        List<String> mismatches = bitFieldMismatches(BitFields.ALL);
        assertEquals(List.of(), mismatches);
    }

    @Test
    void aWrongOffsetFailsTheCompile() throws Exception {
        GroupLayout swapped = MemoryLayout.structLayout(ValueLayout.JAVA_LONG.withName("Base"),
                ValueLayout.JAVA_SHORT.withName("Selector"), ValueLayout.JAVA_SHORT.withName("Attributes"),
                ValueLayout.JAVA_INT.withName("Limit")).withName("WHV_X64_SEGMENT_REGISTER");
        MingwCompiler.Result r = requireCompiler().compileToAssembly(
                AbiSource.generate(List.of(swapped), List.of(), Map.of(), List.of()), dir);
        assertNotEquals(0, r.exitCode());
        assertTrue(r.messages().contains("offsetof(WHV_X64_SEGMENT_REGISTER, Limit) == 12"), r.messages());
    }

    @Test
    void aWrongConstantFailsTheCompile() throws Exception {
        MingwCompiler.Result r = requireCompiler().compileToAssembly(
                AbiSource.generate(List.of(), List.of(WrongConstant.class), Map.of("E_INVALIDARG", 0x80070058), List.of()),
                dir);
        assertNotEquals(0, r.exitCode());
        assertTrue(r.messages().contains("WHvRunVpExitReasonX64Halt"), r.messages());
        assertTrue(r.messages().contains("E_INVALIDARG"), r.messages());
    }

    @Test
    void aWrongBitFieldIsReported() throws Exception {
        BitField wrong = new BitField("WHV_X64_IO_PORT_ACCESS_INFO", "AccessSize", 0, 2, 3);
        assertEquals(List.of("WHV_X64_IO_PORT_ACCESS_INFO.AccessSize: expected [1c 0 0 0], GCC laid out [e 0 0 0]"),
                bitFieldMismatches(List.of(wrong)));
    }

    private List<String> bitFieldMismatches(List<BitField> fields) throws IOException, InterruptedException {
        MingwCompiler.Result r = requireCompiler().compileToAssembly(
                AbiSource.generate(List.of(), List.of(), Map.of(), fields), dir);
        assertEquals(0, r.exitCode(), () -> "bit-field initialisers do not compile:\n" + r.messages());
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            BitField f = fields.get(i);
            byte[] laidOut = AssemblyData.bytesOf(r.assembly(), AbiSource.symbol(i)).orElseThrow(
                    () -> new AssertionError("no data for " + f + " in:\n" + r.assembly()));
            byte[] expected = expected(f, laidOut.length);
            if (!Arrays.equals(expected, laidOut)) {
                mismatches.add(f.cType() + "." + f.cField() + ": expected " + hex(expected) + ", GCC laid out "
                        + hex(laidOut));
            }
        }
        return mismatches;
    }

    /** {@code length} zero bytes with the field's bits set in the little-endian word at its offset. */
    private static byte[] expected(BitField f, int length) {
        byte[] b = new byte[length];
        long word = f.set(0, -1L);
        for (int i = 0; i < 8 && f.byteOffset() + i < length; i++) {
            b[f.byteOffset() + i] = (byte) (word >>> (8 * i));
        }
        return b;
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < b.length; i++) {
            sb.append(i == 0 ? "" : " ").append(Integer.toHexString(b[i] & 0xFF));
        }
        return sb.append(']').toString();
    }

    /** A constant with its C name but a wrong value. */
    static final class WrongConstant {
        public static final int WHvRunVpExitReasonX64Halt = 0x9;
    }

    @Test
    void expectedBytesPlaceTheFieldInItsWord() {
        BitField f = new BitField("T", "F", 2, 4, 4);
        assertArrayEquals(new byte[] {0, 0, (byte) 0xF0, 0}, expected(f, 4));
    }
}
