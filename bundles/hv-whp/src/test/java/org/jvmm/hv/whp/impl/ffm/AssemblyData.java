package org.jvmm.hv.whp.impl.ffm;

import java.io.ByteArrayOutputStream;
import java.util.Optional;

/** The initialised bytes of a data symbol in GCC's x86 assembly output (.byte/.word/.long/.quad/.space). */
final class AssemblyData {
    private AssemblyData() {
    }

    static Optional<byte[]> bytesOf(String assembly, String symbol) {
        String[] lines = assembly.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].trim().equals(symbol + ":")) {
                return Optional.of(collect(lines, i + 1));
            }
        }
        return Optional.empty();
    }

    private static byte[] collect(String[] lines, int from) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = from; i < lines.length; i++) {
            String[] parts = lines[i].trim().split("\\s+", 2);
            int size = switch (parts[0]) {
                case ".byte" -> 1;
                case ".word", ".value", ".short" -> 2;
                case ".long" -> 4;
                case ".quad" -> 8;
                case ".space", ".zero" -> 0;
                default -> -1;
            };
            if (size < 0) {
                break;
            }
            String[] items = parts[1].split(",");
            if (size == 0) {
                out.writeBytes(new byte[Integer.decode(items[0].trim())]);
                continue;
            }
            for (String item : items) {
                long v = Long.decode(item.trim());
                for (int b = 0; b < size; b++) {
                    out.write((int) (v >>> (8 * b)));
                }
            }
        }
        return out.toByteArray();
    }
}
