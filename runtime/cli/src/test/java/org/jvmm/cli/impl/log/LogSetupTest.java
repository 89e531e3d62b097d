package org.jvmm.cli.impl.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.Logger;

class LogSetupTest {
    private static final long T0 = 1_767_323_045_678L; // 2026-01-02T03:04:05.678Z

    @TempDir
    Path dir;

    @Test
    void formatsOneLinePerEntry() {
        assertEquals("2026-01-02T03:04:05.678Z INFO org.jvmm.vm.worker: vm1 started on 2 processors",
                LogFormat.format(FakeLogService.entry(T0, LogLevel.INFO, "org.jvmm.vm.worker", "vm1 started\n on 2 processors",
                        null), false));
        assertEquals("2026-01-02T03:04:05.678Z ERROR x: failed (java.io.IOException: disk gone)",
                LogFormat.format(FakeLogService.entry(T0, LogLevel.ERROR, "x", "failed", new IOException("disk gone")), false));
        String traced = LogFormat.format(FakeLogService.entry(T0, LogLevel.ERROR, "x", "failed", new IOException("gone")), true);
        assertTrue(traced.lines().skip(1).allMatch(l -> l.startsWith("    ")), traced);
        assertTrue(traced.lines().count() > 2, traced);
    }

    @Test
    void appliesJvmmLogAndWritesEntries() throws IOException {
        FakeLogService log = new FakeLogService();
        log.history.add(FakeLogService.entry(T0, LogLevel.ERROR, "early", "bundle failed", null));
        log.history.add(FakeLogService.entry(T0, LogLevel.INFO, "early", "chatter", null));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        LogSetup setup;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            setup = new LogSetup(log, log, Map.of(LogLevels.ENV, "warn,org.jvmm.hv.emu=trace,bogus=x"));
            log.log(FakeLogService.entry(T0, LogLevel.WARN, "org.jvmm.hv.emu", "slow", null));
            log.log(FakeLogService.entry(T0, LogLevel.INFO, "org.jvmm.vm.worker", "below warn: dropped", null));
            log.log(FakeLogService.entry(T0, LogLevel.DEBUG, "org.jvmm.hv.emu.impl.Cpu", "child of a trace logger", null));
            log.log(FakeLogService.entry(T0, LogLevel.INFO, "Events.Bundle.org.jvmm.cli", "BundleEvent STARTED", null));
        } finally {
            System.setErr(saved);
        }
        assertEquals(LogLevel.WARN, log.contexts.get(null).get(Logger.ROOT_LOGGER_NAME));
        assertEquals(LogLevel.TRACE, log.contexts.get(null).get("org.jvmm.hv.emu"));
        assertEquals(Map.of(Logger.ROOT_LOGGER_NAME, LogLevel.TRACE), log.contexts.get("org.jvmm.hv.emu"));
        assertEquals(List.of(
                "jvmm: JVMM_LOG: ignoring 'bogus=x': expected NAME=LEVEL with LEVEL trace, debug, info, warn, error or off",
                "2026-01-02T03:04:05.678Z ERROR early: bundle failed",
                "2026-01-02T03:04:05.678Z WARN org.jvmm.hv.emu: slow",
                "2026-01-02T03:04:05.678Z DEBUG org.jvmm.hv.emu.impl.Cpu: child of a trace logger"),
                err.toString(StandardCharsets.UTF_8).lines().toList());

        Path file = dir.resolve("jvmm.log");
        setup.useFile(file);
        log.log(FakeLogService.entry(T0, LogLevel.ERROR, "org.jvmm.cli", "to the file", null));
        setup.deactivate();
        assertEquals(List.of("2026-01-02T03:04:05.678Z ERROR org.jvmm.cli: to the file"), Files.readAllLines(file));
        assertTrue(log.listeners.isEmpty());
    }
}
