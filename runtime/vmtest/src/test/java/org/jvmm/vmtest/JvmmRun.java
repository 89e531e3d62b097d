package org.jvmm.vmtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code jvmm.jar} in a subprocess, headless under hv-emu, with COM1 in a file and
 * QEMU's isa-debug-exit at {@value #DEBUG_EXIT_PORT}; kills it at the time limit.
 */
final class JvmmRun {
    static final String DEBUG_EXIT_PORT = "0xf4";
    /** The exit status a guest asks for with a debug-exit write of V: (V << 1) | 1. */
    static int debugExitStatus(int value) {
        return value << 1 | 1;
    }

    private final Path jar;
    private final Path workDir;
    private final Duration timeout;
    private final Map<String, String> env = new HashMap<>();
    private Path snapshot;

    JvmmRun(Path jar, Path workDir, Duration timeout) {
        this.jar = jar;
        this.workDir = workDir;
        this.timeout = timeout;
    }

    /** Sets an environment variable of the jvmm processes started from now on ({@code JVMM_LOG}, say). */
    JvmmRun withEnv(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Boots {@code kernel} with the given extra jvmm options; {@code name} names the run's folder. */
    VmResult boot(String name, Path kernel, String... options) throws IOException, InterruptedException {
        Launch l = launch(name, kernel, List.of("--no-shell", "--debug-exit", DEBUG_EXIT_PORT), options);
        l.process().getOutputStream().close();
        boolean ended = l.process().waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!ended) {
            kill(l.process());
        }
        return l.result(ended ? l.process().exitValue() : -1, !ended);
    }

    /**
     * Boots headless and kills jvmm with SIGKILL as soon as a COM1 line starts with {@code marker}
     * (or at the timeout): what the guest made durable must survive that.
     */
    VmResult bootAndKill(String name, Path kernel, String marker, String... options)
            throws IOException, InterruptedException {
        Launch l = launch(name, kernel, List.of("--no-shell"), options);
        l.process().getOutputStream().close();
        boolean seen = false;
        while (l.process().isAlive() && l.beforeDeadline() && !seen) {
            seen = lines(l.com1()).stream().anyMatch(line -> line.startsWith(marker));
            if (!seen) {
                Thread.sleep(100);
            }
        }
        kill(l.process());
        return l.result(l.process().exitValue(), !seen);
    }

    /** Something the test does on the host (copies or deletes a file, say) when a step's trigger appears. */
    @FunctionalInterface
    interface HostAction {
        void run() throws IOException;
    }

    /**
     * A shell command typed once {@code trigger} (a line prefix) has appeared on COM1, after the
     * host {@code action} if any (a null command types nothing). With {@code settled}, the next step
     * waits until jvmm's output has one more line containing it than before the step (the step's
     * effect), so steps never queue up in the shell while the guest runs on.
     */
    record Step(String trigger, HostAction action, String command, String settled) {
        Step(String trigger, String command, String settled) {
            this(trigger, null, command, settled);
        }

        Step(String trigger, String command) {
            this(trigger, null, command, null);
        }
    }

    /**
     * Boots with the interactive Gogo shell reading this process's pipe (no {@code --no-shell}) and
     * types each step's command when its trigger line is on COM1, in order; after the last step the
     * shell gets {@code vm:quit} once the VM has stopped or the timeout passes.
     */
    VmResult bootWithShell(String name, Path kernel, List<Step> steps, String... options)
            throws IOException, InterruptedException {
        Launch l = launch(name, kernel, List.of(), options);
        Process p = l.process();
        try (var stdin = new java.io.PrintStream(p.getOutputStream(), true, StandardCharsets.UTF_8)) {
            for (Step step : steps) {
                while (p.isAlive() && l.beforeDeadline()
                        && lines(l.com1()).stream().noneMatch(line -> line.startsWith(step.trigger()))) {
                    Thread.sleep(200);
                }
                long before = outputLines(l, step.settled());
                if (step.action() != null) {
                    step.action().run();
                }
                if (step.command() != null) {
                    stdin.println(step.command());
                }
                while (step.settled() != null && p.isAlive() && l.beforeDeadline()
                        && outputLines(l, step.settled()) <= before) {
                    Thread.sleep(50);
                }
            }
            while (p.isAlive() && l.beforeDeadline() && lines(l.com1()).stream()
                    .noneMatch(line -> line.contains("reboot: Power down"))) {
                Thread.sleep(200);
            }
            stdin.println("vm:quit");
        }
        boolean ended = p.waitFor(Math.max(1, (l.deadline() - System.nanoTime()) / 1_000_000) + 10_000,
                TimeUnit.MILLISECONDS);
        if (!ended) {
            kill(p);
        }
        return l.result(ended ? p.exitValue() : -1, !ended);
    }

    /** How many lines of jvmm's output so far contain {@code text} (0 when {@code text} is null). */
    private static long outputLines(Launch l, String text) throws IOException {
        if (text == null || !Files.exists(l.console())) {
            return 0;
        }
        return Files.readString(l.console(), StandardCharsets.UTF_8).lines().filter(s -> s.contains(text)).count();
    }

    /** A started jvmm: its process, COM1 file, output file and time limit. */
    private record Launch(Process process, Path com1, Path console, long start, long deadline) {
        boolean beforeDeadline() {
            return System.nanoTime() < deadline;
        }

        VmResult result(int exitStatus, boolean timedOut) throws IOException {
            return new VmResult(exitStatus, timedOut, lines(com1), Files.readString(console, StandardCharsets.UTF_8),
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /**
     * Starts the jar (headless hv-emu, COM1 in {@code <name>/com1.txt}, output in
     * {@code <name>/jvmm-output.txt}) with {@code launcherOptions} and then the test's {@code options}.
     */
    private Launch launch(String name, Path kernel, List<String> launcherOptions, String... options)
            throws IOException {
        Path runJar = snapshot();
        Path dir = Files.createDirectories(workDir.resolve(name));
        Path com1 = dir.resolve("com1.txt");
        Path console = dir.resolve("jvmm-output.txt");
        Files.deleteIfExists(com1);
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-jar", runJar.toString()));
        cmd.addAll(launcherOptions);
        cmd.addAll(List.of("--hypervisor", "emu", "--kernel", kernel.toString(), "--com1", "file=" + com1));
        cmd.addAll(Arrays.asList(options));
        long start = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(console.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().putAll(env);
        Process p = pb.start();
        return new Launch(p, com1, console, start, start + timeout.toNanos());
    }

    private static void kill(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    /**
     * A copy of the jar taken at the first boot, so that every run uses the same jvmm even when
     * runtime/app is rebuilt meanwhile (./jvmm rebuilds it when sources change).
     */
    private synchronized Path snapshot() throws IOException {
        if (snapshot == null) {
            if (!Files.isRegularFile(jar)) {
                throw new IOException(jar + " is missing: build runtime/app first (mvn install -pl runtime/app -am)");
            }
            Path copy = Files.createDirectories(workDir).resolve("jvmm.jar");
            Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
            snapshot = copy;
        }
        return snapshot;
    }

    private static List<String> lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).replace("\r", "");
        return text.lines().toList();
    }
}
