package org.jvmm.cli.impl.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

class LogLevelsTest {
    @Test
    void defaultIsWarn() {
        assertEquals(new LogLevels(Level.WARNING, Map.of(), List.of()), LogLevels.parse(null));
        assertEquals(new LogLevels(Level.WARNING, Map.of(), List.of()), LogLevels.parse(" , "));
        assertEquals(Optional.empty(), LogLevels.parse(null).warning());
    }

    @Test
    void levelNamesMapToJul() {
        assertEquals(List.of(Level.SEVERE, Level.WARNING, Level.INFO, Level.FINE, Level.FINEST, Level.OFF),
                List.of("error", "warn", "INFO", "Debug", "trace", "off").stream()
                        .map(n -> LogLevels.parse(n).root()).toList());
        assertEquals(Optional.empty(), LogLevels.level("warning"));
    }

    @Test
    void rootLevelThenPrefixes() {
        LogLevels l = LogLevels.parse("warn,org.jvmm.hv.emu=trace, org.jvmm.vm.worker = DEBUG,x=info,x=error");
        assertEquals(Level.WARNING, l.root());
        assertEquals(Map.of("org.jvmm.hv.emu", Level.FINEST, "org.jvmm.vm.worker", Level.FINE, "x", Level.SEVERE),
                l.overrides());
        assertEquals(List.of(), l.badParts());
        assertEquals(Level.FINEST, l.mostVerbose());
        assertEquals(Level.INFO, LogLevels.parse("info").mostVerbose());
    }

    @Test
    void levelOfTakesTheLongestDottedPrefix() {
        LogLevels l = LogLevels.parse("error,org.jvmm=info,org.jvmm.hv.emu=trace");
        assertEquals(Level.FINEST, l.levelOf("org.jvmm.hv.emu"));
        assertEquals(Level.FINEST, l.levelOf("org.jvmm.hv.emu.impl.Cpu"));
        assertEquals(Level.INFO, l.levelOf("org.jvmm.hv.emulator"));
        assertEquals(Level.SEVERE, l.levelOf("org.jvmmx"));
        assertEquals(Level.SEVERE, l.levelOf(null));
    }

    @Test
    void badPartsGiveOneWarningAndKeepTheRest() {
        LogLevels l = LogLevels.parse("debug,x=loud,=info,verbose,org.jvmm=trace");
        assertEquals(Level.FINE, l.root());
        assertEquals(Map.of("org.jvmm", Level.FINEST), l.overrides());
        assertEquals(Optional.of("JVMM_LOG: ignoring 'x=loud', '=info', 'verbose'"
                        + " (expected LEVEL or NAME=LEVEL, LEVEL one of error, warn, info, debug, trace, off)"),
                l.warning());
        assertEquals(Level.WARNING, LogLevels.parse("loud").root());
    }

    @Test
    void frameworkEventsStayAtWarnUnlessNamed() {
        Map<String, Level> debug = LoggerLevels.levels(LogLevels.parse("debug,Events.Service=debug,org.jvmm=info"));
        assertEquals(Map.of("", Level.FINE, "Events", Level.WARNING, "Events.Service", Level.FINE, "org.jvmm", Level.INFO),
                debug);
        assertEquals(Level.SEVERE, LoggerLevels.levels(LogLevels.parse("error")).get("Events"));
        assertEquals(Level.INFO, LoggerLevels.levels(LogLevels.parse("Events=info")).get("Events"));
    }
}
