package org.jvmm.cli.impl.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.log.LogLevel;

/** The whole path: System.Logger and OSGi Log Service entries, through JUL, to stderr or a file. */
class LogSetupTest {
    private static final long T0 = 1_767_323_045_678L; // 2026-01-02T03:04:05.678Z
    private static final String TS = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z ";

    @TempDir
    Path dir;

    private final FakeLogService log = new FakeLogService();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream savedOut = System.out;
    private Handler[] rootHandlers;

    @BeforeEach
    void captureStdout() {
        rootHandlers = Logger.getLogger("").getHandlers();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() throws IOException {
        System.setOut(savedOut);
        LogManager.getLogManager().readConfiguration();
    }

    private LogSetup setup(String jvmmLog) {
        return new LogSetup(log, log, Map.of(LogLevels.ENV, jvmmLog), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** The stderr lines, each checked to start with a timestamp and then given without it. */
    private List<String> errLines() {
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        lines.forEach(l -> assertTrue(l.matches(TS + ".*"), l));
        return lines.stream().map(l -> l.replaceFirst(TS, "")).toList();
    }

    @Test
    void systemLoggerRecordsFollowJvmmLog() {
        LogSetup s = setup("warn,org.jvmm.test.emu=trace,bogus=x");
        Handler[] handlers = Logger.getLogger("").getHandlers();
        assertEquals(1, handlers.length);
        assertInstanceOf(LogHandler.class, handlers[0]);
        System.getLogger("org.jvmm.test.emu.impl.Cpu").log(Level.TRACE, "step {0}", 7);
        System.getLogger("org.jvmm.test.other").log(Level.INFO, "below warn: dropped");
        System.getLogger("org.jvmm.test.other").log(Level.WARNING, "slow");
        System.getLogger("org.jvmm.test.emulator").log(Level.DEBUG, "not under org.jvmm.test.emu: dropped");
        assertEquals(List.of(
                "WARN org.jvmm.cli.impl.log: JVMM_LOG: ignoring 'bogus=x'"
                        + " (expected LEVEL or NAME=LEVEL, LEVEL one of error, warn, info, debug, trace, off)",
                "TRACE org.jvmm.test.emu.impl.Cpu: step 7",
                "WARN org.jvmm.test.other: slow"), errLines());
        assertEquals(Map.of(org.osgi.service.log.Logger.ROOT_LOGGER_NAME, LogLevel.TRACE), log.contexts.get(null));
        s.deactivate();
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void osgiEntriesGoThroughJulByBundleName() {
        log.history.add(FakeLogService.entry(T0, FakeLogService.bundle("early.bundle"), LogLevel.ERROR, "x", "failed", null));
        log.history.add(FakeLogService.entry(T0, null, LogLevel.INFO, "early", "chatter: not replayed", null));
        LogSetup s = setup("info,org.apache.felix.scr=debug");
        log.log(FakeLogService.entry(T0, FakeLogService.bundle("org.apache.felix.scr"), LogLevel.DEBUG, "ROOT", "bound", null));
        log.log(FakeLogService.entry(T0, FakeLogService.bundle("org.jvmm.test.b"), LogLevel.DEBUG, "ROOT", "dropped", null));
        log.log(FakeLogService.entry(T0, FakeLogService.bundle("org.jvmm.test.b"), LogLevel.INFO,
                "Events.Bundle.org.jvmm.test.b", "BundleEvent STARTED", null));
        log.log(FakeLogService.entry(T0, FakeLogService.bundle("org.jvmm.test.b"), LogLevel.ERROR,
                "Events.Framework.org.jvmm.test.b", "FrameworkEvent ERROR", null));
        s.deactivate();
        log.log(FakeLogService.entry(T0, null, LogLevel.ERROR, "late", "after deactivation", null));
        assertEquals(List.of(
                "2026-01-02T03:04:05.678Z ERROR early.bundle: failed",
                "2026-01-02T03:04:05.678Z DEBUG org.apache.felix.scr: bound",
                "2026-01-02T03:04:05.678Z ERROR Events.Framework.org.jvmm.test.b: FrameworkEvent ERROR"),
                err.toString(StandardCharsets.UTF_8).lines().toList());
        assertEquals(Map.of(org.osgi.service.log.Logger.ROOT_LOGGER_NAME, LogLevel.DEBUG), log.contexts.get(null));
        assertTrue(log.listeners.isEmpty());
    }

    @Test
    void logFileTakesOverFromStderrAndDeactivationRestoresJul() throws IOException {
        LogSetup s = setup("");
        System.getLogger("org.jvmm.test.file").log(Level.WARNING, "to stderr");
        Path file = dir.resolve("jvmm.log");
        s.useFile(file);
        System.getLogger("org.jvmm.test.file").log(Level.ERROR, "to the file", new IOException("disk gone"));
        System.getLogger("org.jvmm.test.file").log(Level.INFO, "below the default warn: dropped");
        s.deactivate();
        assertEquals(List.of("WARN org.jvmm.test.file: to stderr"), errLines());
        List<String> lines = Files.readAllLines(file);
        lines.forEach(l -> assertTrue(l.matches(TS + ".*") || l.startsWith("    "), l));
        assertEquals(List.of("ERROR org.jvmm.test.file: to the file", "    cause: java.io.IOException: disk gone"),
                lines.stream().map(l -> l.replaceFirst(TS, "")).toList());
        assertArrayEquals(rootHandlers, Logger.getLogger("").getHandlers());
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }
}
