package org.jvmm.cli.impl.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LogFormatTest {
    static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");
    private final LogFormat format = new LogFormat(LogLevels.parse("warn,org.jvmm.hv=debug"));

    static LogRecord record(Level level, String logger, String message, Throwable t, Object... params) {
        LogRecord r = new LogRecord(level, message);
        r.setInstant(T0);
        r.setLoggerName(logger);
        r.setThrown(t);
        r.setParameters(params.length == 0 ? null : params);
        return r;
    }

    @Test
    void oneLinePerRecord() {
        assertEquals("2026-01-02T03:04:05.678Z INFO org.jvmm.vm.worker.impl.Vm: vm1 started on 2 processors"
                        + System.lineSeparator(),
                format.format(record(Level.INFO, "org.jvmm.vm.worker.impl.Vm", "vm1 started\n  on {0} processors", null, 2)));
        assertEquals("2026-01-02T03:04:05.678Z WARN root: x" + System.lineSeparator(),
                format.format(record(Level.WARNING, "", "x", null)));
    }

    @Test
    void levelNames() {
        assertEquals(List.of("ERROR", "WARN", "INFO", "DEBUG", "DEBUG", "TRACE", "TRACE"),
                List.of(Level.SEVERE, Level.WARNING, Level.INFO, Level.CONFIG, Level.FINE, Level.FINER, Level.FINEST)
                        .stream().map(LogFormat::levelName).toList());
    }

    @Test
    void causeLineBelowDebug() {
        Throwable t = new UncheckedIOException("reading disk0", new IOException("disk\ngone"));
        assertEquals(List.of("2026-01-02T03:04:05.678Z ERROR org.jvmm.vm.worker: failed",
                        "    cause: java.io.UncheckedIOException: reading disk0; caused by java.io.IOException: disk gone"),
                format.format(record(Level.SEVERE, "org.jvmm.vm.worker", "failed", t)).lines().toList());
    }

    @Test
    void stackTraceWhereTheLoggerIsAtDebug() {
        List<String> lines = format.format(record(Level.SEVERE, "org.jvmm.hv.emu", "failed", new IOException("gone")))
                .lines().toList();
        assertEquals("2026-01-02T03:04:05.678Z ERROR org.jvmm.hv.emu: failed", lines.get(0));
        assertEquals("    java.io.IOException: gone", lines.get(1));
        assertTrue(lines.size() > 2 && lines.get(2).startsWith("    \tat "), lines.toString());
    }
}
