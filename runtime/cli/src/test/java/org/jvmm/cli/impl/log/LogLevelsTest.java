package org.jvmm.cli.impl.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.Logger;

class LogLevelsTest {
    @Test
    void defaultIsInfo() {
        assertEquals(new LogLevels(LogLevel.INFO, Map.of(), List.of()), LogLevels.parse(null));
        assertEquals(new LogLevels(LogLevel.INFO, Map.of(), List.of()), LogLevels.parse(" "));
    }

    @Test
    void rootLevelAndOverrides() {
        LogLevels l = LogLevels.parse("warn,org.jvmm.hv.emu=trace, org.jvmm.vm.worker=DEBUG,Events.Bundle=info");
        assertEquals(LogLevel.WARN, l.root());
        assertEquals(Map.of("org.jvmm.hv.emu", LogLevel.TRACE, "org.jvmm.vm.worker", LogLevel.DEBUG,
                "Events.Bundle", LogLevel.INFO), l.overrides());
        assertTrue(l.problems().isEmpty());
        assertTrue(l.anyAtLeast(LogLevel.DEBUG));
        assertFalse(LogLevels.parse("info").anyAtLeast(LogLevel.DEBUG));
    }

    @Test
    void bareNameMeansEverythingAndOffIsAudit() {
        LogLevels l = LogLevels.parse("off,org.jvmm.cli");
        assertEquals(LogLevel.AUDIT, l.root());
        assertEquals(Map.of("org.jvmm.cli", LogLevel.TRACE), l.overrides());
    }

    @Test
    void badDirectivesAreReportedAndIgnored() {
        LogLevels l = LogLevels.parse("debug,x=loud,=info");
        assertEquals(LogLevel.DEBUG, l.root());
        assertEquals(Map.of(), l.overrides());
        assertEquals(List.of(
                "ignoring 'x=loud': expected NAME=LEVEL with LEVEL trace, debug, info, warn, error or off",
                "ignoring '=info': expected NAME=LEVEL with LEVEL trace, debug, info, warn, error or off"), l.problems());
    }

    @Test
    void rootContextKeepsFrameworkEventsQuiet() {
        Map<String, LogLevel> info = LoggerLevels.rootContext(LogLevels.parse("debug,Events.Service=debug"));
        assertEquals(LogLevel.DEBUG, info.get(Logger.ROOT_LOGGER_NAME));
        assertEquals(LogLevel.WARN, info.get("Events.Bundle"));
        assertEquals(LogLevel.WARN, info.get("Events.Framework"));
        assertEquals(LogLevel.DEBUG, info.get("Events.Service"));
        assertEquals(LogLevel.ERROR, LoggerLevels.rootContext(LogLevels.parse("error")).get("Events.Bundle"));
    }
}
