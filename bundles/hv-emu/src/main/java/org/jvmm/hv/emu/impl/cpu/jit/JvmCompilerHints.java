package org.jvmm.hv.emu.impl.cpu.jit;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Asks HotSpot (once per JVM, through its DiagnosticCommand MBean, as {@code jcmd
 * Compiler.directives_add} does) to leave translated regions to its C1 compiler. C2 spends a hundred
 * milliseconds or more on each of these long straight-line methods, on cores the processors need, and
 * its code runs them little faster than C1's (measured on the Debian boot: 25 % less CPU in all, the
 * processor thread no slower). Without that MBean (another JVM) nothing changes.
 */
final class JvmCompilerHints {

    private static final System.Logger LOG = System.getLogger(JvmCompilerHints.class.getName());
    private static final AtomicBoolean DONE = new AtomicBoolean();
    private static final String DIRECTIVE = "[{ match: \"org/jvmm/hv/emu/impl/cpu/jit/Translated*.*\","
            + " c2: { Exclude: true } }]";

    private JvmCompilerHints() {
    }

    static void apply() {
        if (!DONE.compareAndSet(false, true)) {
            return;
        }
        Path file = null;
        try {
            file = Files.createTempFile("jvmm-jit-", ".json");
            Files.writeString(file, DIRECTIVE);
            Object result = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesAdd",
                    new Object[] {new String[] {file.toString()}}, new String[] {String[].class.getName()});
            LOG.log(System.Logger.Level.DEBUG, "compiler directive for translated code: " + result);
        } catch (IOException | JMException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "translated code stays open to C2 (no compiler directive: " + e + ")");
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.DEBUG, "cannot delete " + file + ": " + e);
                }
            }
        }
    }
}
