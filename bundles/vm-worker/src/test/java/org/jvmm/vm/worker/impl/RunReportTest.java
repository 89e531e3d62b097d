package org.jvmm.vm.worker.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.vm.worker.impl.WorkerFixture.config;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RunReportTest {
    private static final long SECOND = 1_000_000_000L;

    private final WorkerFixture f = new WorkerFixture().withEmu();
    private final Logger vmLogger = Logger.getLogger(Vm.class.getName());
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @AfterEach
    void cleanUp() {
        vmLogger.removeHandler(capture);
        f.close();
    }

    @Test
    void pausedTimeIsNotRunningTime() {
        AtomicLong now = new AtomicLong(100);
        RunReport report = new RunReport(now::get);
        report.resumed();
        now.addAndGet(5 * SECOND);
        report.halted();
        now.addAndGet(3 * SECOND);
        report.halted();
        report.resumed();
        now.addAndGet(SECOND);
        report.resumed();
        now.addAndGet(SECOND);
        assertEquals(7 * SECOND, report.runningNanos());
        report.halted();
        now.addAndGet(SECOND);
        assertEquals(7 * SECOND, report.runningNanos());
    }

    @Test
    void lineNamesEveryCountingProcessorTheTotalAndTheRate() {
        assertEquals("vm1 stopped (powered off) after 2.500 s: vp0 20000000 instructions, total 20000000 (8.0 M/s)",
                RunReport.stopLine("vm1", "powered off", 2_500_000_000L, new long[] {20_000_000}));
        assertEquals("vm2 stopped (guest exit status 3) after 1.000 s: vp0 100 instructions, vp2 400 instructions,"
                + " total 500 (0.0 M/s)", RunReport.stopLine("vm2", "guest exit status 3", SECOND, new long[] {100, -1, 400}));
    }

    @Test
    void unknownCountsAndNoRunningTimeLeaveTheirPartsOut() {
        assertEquals("vm1 stopped (stopped by request) after 1.250 s",
                RunReport.stopLine("vm1", "stopped by request", 1_250_000_000L, new long[] {-1, -1}));
        assertEquals("vm1 stopped (stopped by request) after 0.000 s: vp0 0 instructions, total 0",
                RunReport.stopLine("vm1", "stopped by request", 0, new long[] {0}));
    }

    @Test
    void stoppingAVmLogsTheLineWithTheProcessorsCounts() throws Exception {
        vmLogger.addHandler(capture);
        Level before = vmLogger.getLevel();
        vmLogger.setLevel(Level.INFO);
        try {
            f.script = p -> {
                p.vp(0).retired(1234);
                p.vp(1).retired(-1);
            };
            Vm vm = f.launch(config().processors(2).build());
            vm.start();
            Thread.sleep(20);
            vm.stop();
        } finally {
            vmLogger.setLevel(before);
        }
        List<String> lines = records.stream().filter(r -> r.getLevel() == Level.INFO).map(LogRecord::getMessage)
                .toList();
        assertEquals(1, lines.size(), lines.toString());
        String line = lines.getFirst();
        assertTrue(line.matches("vm1 stopped \\(stopped by request\\) after \\d+\\.\\d{3} s: vp0 1234 instructions,"
                + " total 1234 \\(\\d+\\.\\d M/s\\)"), line);
        double seconds = Double.parseDouble(line.replaceAll(".* after (\\S+) s:.*", "$1"));
        assertTrue(seconds >= 0.02 && seconds < 10, line);
    }
}
