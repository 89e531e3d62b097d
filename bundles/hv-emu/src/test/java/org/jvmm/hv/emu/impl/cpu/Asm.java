package org.jvmm.hv.emu.impl.cpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Assembles test snippets with the host's GNU binutils ({@code as}, {@code ld}) into flat binaries
 * linked at a given address. Results are cached under target/asm-cache by content hash.
 */
final class Asm {

    private static final Path CACHE = Path.of("target", "asm-cache");
    private static Boolean available;

    private Asm() {
    }

    /** True when {@code as} and {@code ld} can be run. */
    static synchronized boolean available() {
        if (available == null) {
            available = run(List.of("as", "--version"), Path.of(".")) && run(List.of("ld", "--version"), Path.of("."));
        }
        return available;
    }

    private static boolean run(List<String> cmd, Path dir) {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            if (p.exitValue() != 0) {
                System.err.println(String.join(" ", cmd) + ":\n" + new String(out, StandardCharsets.UTF_8));
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Assembles many position-independent Intel-syntax snippets in one run of {@code as}; returns the
     * bytes of each.
     */
    static java.util.List<byte[]> assembleMany(java.util.List<String> snippets) {
        StringBuilder src = new StringBuilder(".intel_syntax noprefix\n.text\n");
        for (int i = 0; i < snippets.size(); i++) {
            src.append("s_").append(i).append(":\n").append(snippets.get(i)).append("\ne_").append(i).append(":\n");
        }
        String full = src.toString();
        try {
            String key = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(full.getBytes(StandardCharsets.UTF_8))).substring(0, 24);
            Files.createDirectories(CACHE);
            Path bin = CACHE.resolve(key + ".many");
            byte[] all;
            String syms;
            if (Files.exists(bin) && Files.exists(CACHE.resolve(key + ".syms"))) {
                all = Files.readAllBytes(bin);
                syms = Files.readString(CACHE.resolve(key + ".syms"));
            } else {
                Path dir = Files.createTempDirectory(CACHE, "asm");
                Files.writeString(dir.resolve("t.s"), full);
                if (!run(List.of("as", "--64", "-o", "t.o", "t.s"), dir)
                        || !run(List.of("objcopy", "-O", "binary", "-j", ".text", "t.o", "t.bin"), dir)) {
                    throw new IllegalStateException("assembly failed");
                }
                Process p = new ProcessBuilder("nm", "t.o").directory(dir.toFile()).start();
                syms = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                p.waitFor();
                all = Files.readAllBytes(dir.resolve("t.bin"));
                Files.write(bin, all);
                Files.writeString(CACHE.resolve(key + ".syms"), syms);
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        Files.delete(f);
                    }
                }
                Files.delete(dir);
            }
            java.util.Map<String, Integer> at = new java.util.HashMap<>();
            for (String line : syms.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 3) {
                    at.put(f[2], Integer.parseInt(f[0], 16));
                }
            }
            java.util.List<byte[]> out = new java.util.ArrayList<>();
            for (int i = 0; i < snippets.size(); i++) {
                out.add(java.util.Arrays.copyOfRange(all, at.get("s_" + i), at.get("e_" + i)));
            }
            return out;
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Assembles Intel-syntax {@code source} (starting in 64-bit mode unless it says otherwise) at {@code origin}. */
    static byte[] assemble(String source, long origin) {
        String full = ".intel_syntax noprefix\n.text\n.globl _start\n_start:\n" + source + "\n";
        try {
            String key = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest((origin + "\n" + full).getBytes(StandardCharsets.UTF_8))).substring(0, 24);
            Files.createDirectories(CACHE);
            Path bin = CACHE.resolve(key + ".bin");
            if (Files.exists(bin)) {
                return Files.readAllBytes(bin);
            }
            Path dir = Files.createTempDirectory(CACHE, "asm");
            Files.writeString(dir.resolve("t.s"), full);
            if (!run(List.of("as", "--64", "-o", "t.o", "t.s"), dir)
                    || !run(List.of("ld", "-m", "elf_x86_64", "-Ttext=0x" + Long.toHexString(origin), "-e", "_start",
                            "--oformat=binary", "-o", "t.bin", "t.o"), dir)) {
                throw new IllegalStateException("assembly failed:\n" + full);
            }
            byte[] code = Files.readAllBytes(dir.resolve("t.bin"));
            Files.write(bin, code);
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
            return code;
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
