package org.jvmm.hv.whp.impl.ffm;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The mingw-w64 cross compiler (Debian package {@code gcc-mingw-w64-x86-64}), if installed. */
final class MingwCompiler {
    static final String COMMAND = "x86_64-w64-mingw32-gcc";
    static final String PACKAGE = "gcc-mingw-w64-x86-64";

    private final Path executable;

    private MingwCompiler(Path executable) {
        this.executable = executable;
    }

    static Optional<MingwCompiler> find() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, COMMAND);
            if (Files.isExecutable(candidate)) {
                return Optional.of(new MingwCompiler(candidate));
            }
        }
        return Optional.empty();
    }

    /** The result of compiling to assembly: exit code, compiler messages, the assembly text (if any). */
    record Result(int exitCode, String messages, String assembly) {
    }

    Result compileToAssembly(String source, Path dir) throws IOException, InterruptedException {
        Path c = dir.resolve("abi.c");
        Path s = dir.resolve("abi.s");
        Files.writeString(c, source);
        Process p = new ProcessBuilder(executable.toString(), "-std=gnu11", "-O0", "-S", "-o", s.toString(),
                c.toString()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(COMMAND + " did not finish in 120 s");
        }
        String assembly = Files.exists(s) ? Files.readString(s) : "";
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), assembly);
    }
}
