package org.jvmm.hv.kvm.impl.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.PaddingLayout;
import java.lang.foreign.StructLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles a C file of {@code _Static_assert}s generated from the Java struct layouts (sizes, member
 * offsets and sizes), the ioctl numbers and the constants against {@code <linux/kvm.h>} and
 * {@code <signal.h>} with gcc: a layout mistake fails the compile. Skipped only where gcc is missing.
 */
class AbiHeaderCheckTest {
    @TempDir
    Path dir;

    @Test
    void javaLayoutsMatchTheCHeaders() throws Exception {
        List<String> asserts = new ArrayList<>();
        for (StructLayout s : AbiCatalog.kvmStructs()) {
            structAsserts(s, asserts);
        }
        for (StructLayout s : AbiCatalog.signalStructs()) {
            structAsserts(s, asserts);
        }
        for (Ioctl op : Ioctl.values()) {
            asserts.add(check(op.cName() + " == 0x" + Long.toHexString(op.request()) + "UL", op.cName()));
        }
        for (Map.Entry<String, Integer> c : KvmConstants.all().entrySet()) {
            asserts.add(check(c.getKey() + " == " + c.getValue(), c.getKey()));
        }
        asserts.add(check("SA_RESTART == " + SignalKick.SA_RESTART, "SA_RESTART"));
        assertTrue(asserts.size() > 300, "expected a few hundred checks, generated " + asserts.size());

        Path source = dir.resolve("kvm_abi_check.c");
        String header = "#define _GNU_SOURCE\n#include <stddef.h>\n#include <signal.h>\n#include <linux/kvm.h>\n";
        Files.writeString(source, header + String.join("\n", asserts) + "\n", StandardCharsets.UTF_8);
        CompileResult r = compile(source);
        assertEquals(0, r.exitCode, "gcc rejected the generated ABI checks (" + source + "):\n" + r.output);
    }

    @Test
    void aWrongOffsetFailsTheCompile() throws Exception {
        Path source = dir.resolve("kvm_abi_negative.c");
        Files.writeString(source, "#include <stddef.h>\n#include <linux/kvm.h>\n"
                + check("offsetof(struct kvm_regs, rip) == 8", "deliberately wrong") + "\n");
        CompileResult r = compile(source);
        assertTrue(r.exitCode != 0 && r.output.contains("deliberately wrong"), "gcc accepted a wrong offset: " + r.output);
    }

    /** Size of the struct, then offset and size of every named member, recursing into nested groups. */
    static void structAsserts(StructLayout s, List<String> out) {
        String type = "struct " + s.name().orElseThrow();
        out.add(check("sizeof(" + type + ") == " + s.byteSize(), "sizeof " + type));
        members(type, s, "", 0, out);
    }

    private static void members(String type, GroupLayout group, String prefix, long base, List<String> out) {
        for (MemoryLayout m : group.memberLayouts()) {
            if (m instanceof PaddingLayout) {
                continue;
            }
            String name = m.name().orElseThrow(() -> new AssertionError(type + ": unnamed member in " + group));
            long offset = base + group.byteOffset(PathElement.groupElement(name));
            String path = name.startsWith("$") ? prefix : prefix.isEmpty() ? name : prefix + "." + name;
            if (!name.startsWith("$")) {
                out.add(check("offsetof(" + type + ", " + path + ") == " + offset, type + "." + path + " offset"));
                out.add(check("sizeof(((" + type + " *) 0)->" + path + ") == " + m.byteSize(), type + "." + path + " size"));
            }
            if (m instanceof GroupLayout g) {
                members(type, g, path, offset, out);
            }
        }
    }

    private static String check(String condition, String what) {
        return "_Static_assert(" + condition + ", \"" + what + "\");";
    }

    private record CompileResult(int exitCode, String output) {
    }

    private CompileResult compile(Path source) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("gcc", "-std=c11", "-fsyntax-only", source.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("gcc is not installed, the ABI check cannot run: " + e.getMessage());
            throw e;
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "gcc did not finish");
        return new CompileResult(p.exitValue(), output);
    }
}
