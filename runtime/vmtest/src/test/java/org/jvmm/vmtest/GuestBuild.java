package org.jvmm.vmtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds a {@link Guest} from {@code src/test/guests} with the machine's gcc and binutils into a
 * Multiboot v1 ELF ({@code <out>/<guest>.elf}, a 32-bit ELF also for 64-bit code, as Multiboot
 * loaders want). A guest is rebuilt only when a file it is made of is newer than its ELF.
 */
final class GuestBuild {
    private static final List<String> CFLAGS = List.of("-ffreestanding", "-fno-pic", "-fno-pie",
            "-fno-stack-protector", "-nostdlib", "-O2", "-Wall", "-Wextra", "-fno-asynchronous-unwind-tables",
            "-mgeneral-regs-only", "-Wa,--noexecstack");
    private static final List<String> CFLAGS_32 = List.of("-m32");
    private static final List<String> CFLAGS_64 = List.of("-m64", "-mno-red-zone", "-mcmodel=small");
    private static final List<String> LDFLAGS = List.of("-nostdlib", "--build-id=none", "-z", "max-page-size=0x1000",
            "-z", "noexecstack");
    private static final long TOOL_TIMEOUT_SECONDS = 60;

    private final Path src;
    private final Path out;

    GuestBuild(Path src, Path out) {
        this.src = src;
        this.out = out;
    }

    /** True when gcc, ld and objcopy can be run. */
    static boolean toolsPresent() {
        for (String tool : List.of("gcc", "ld", "objcopy")) {
            try {
                Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!p.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** The guest's ELF, built now unless it is up to date. */
    synchronized Path build(Guest guest) throws IOException, InterruptedException {
        List<Path> dirs = dirs(guest);
        List<Path> sources = files(dirs, ".c", ".S");
        Path elf = out.resolve(guest.id() + ".elf");
        if (upToDate(elf, dirs)) {
            return elf;
        }
        Path objDir = Files.createDirectories(out.resolve(guest.id()));
        boolean is64 = guest.flavor() != Guest.Flavor.C32;
        List<String> objects = new ArrayList<>();
        for (Path source : sources) {
            Path obj = objDir.resolve(source.getParent().getFileName() + "_" + source.getFileName() + ".o");
            List<String> cmd = new ArrayList<>(List.of("gcc"));
            cmd.addAll(is64 ? CFLAGS_64 : CFLAGS_32);
            cmd.addAll(CFLAGS);
            dirs.forEach(d -> cmd.add("-I" + d));
            cmd.addAll(List.of("-c", source.toString(), "-o", obj.toString()));
            run(cmd);
            objects.add(obj.toString());
        }
        Path linked = is64 ? objDir.resolve(guest.id() + ".elf64") : elf;
        List<String> ld = new ArrayList<>(List.of("ld", "-m", is64 ? "elf_x86_64" : "elf_i386",
                "-T", src.resolve("link.ld").toString()));
        ld.addAll(LDFLAGS);
        ld.addAll(List.of("-o", linked.toString()));
        ld.addAll(objects);
        run(ld);
        if (is64) {
            run(List.of("objcopy", "-O", "elf32-i386", linked.toString(), elf.toString()));
        }
        return elf;
    }

    private List<Path> dirs(Guest guest) {
        return switch (guest.flavor()) {
            case C32 -> List.of(src.resolve("lib"), src.resolve("lib32"), src.resolve(guest.id()));
            case C64 -> List.of(src.resolve("lib"), src.resolve("lib64"), src.resolve(guest.id()));
            case STANDALONE64 -> List.of(src.resolve(guest.id()));
        };
    }

    private boolean upToDate(Path elf, List<Path> dirs) throws IOException {
        if (!Files.exists(elf)) {
            return false;
        }
        FileTime built = Files.getLastModifiedTime(elf);
        List<Path> inputs = new ArrayList<>(files(dirs, ".c", ".S", ".h"));
        inputs.add(src.resolve("link.ld"));
        for (Path input : inputs) {
            if (Files.getLastModifiedTime(input).compareTo(built) > 0) {
                return false;
            }
        }
        return true;
    }

    private static List<Path> files(List<Path> dirs, String... suffixes) throws IOException {
        List<Path> found = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                throw new IOException("guest source folder " + dir + " is missing");
            }
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> Stream.of(suffixes).anyMatch(x -> p.getFileName().toString().endsWith(x)))
                        .sorted().forEach(found::add);
            }
        }
        return found;
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", cmd));
        }
        if (p.exitValue() != 0) {
            throw new IOException("failed (status " + p.exitValue() + "): " + String.join(" ", cmd) + "\n"
                    + new String(output, StandardCharsets.UTF_8));
        }
    }
}
