package org.jvmm.hv.emu.diff;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The differential test of issue 3: every form of {@link Forms} runs {@code diff.cases} (default 200)
 * random cases natively ({@link NativeRunner}) and in hv-emu ({@link EmuRunner}) from the same
 * registers, flags, XMM registers, MXCSR and scratch memory (each form has its own random stream,
 * derived from the seed and its name); registers, the flags the form defines, MXCSR, XMM registers
 * and the scratch memory must be equal. Forms listed in {@link KnownMismatches} are reported but do
 * not fail the test. Properties: {@code diff.cases}, {@code diff.seed}, {@code diff.only} (a regex on
 * form names), {@code diff.verbose=true} (per-form summary), {@code diff.details} (how many
 * mismatching forms are shown in detail, default 15).
 */
class DifferentialTest {

    /** Mismatch counts of one form (key: the form, or the form plus the MXCSR suffix). */
    private static final class Tally {
        final String key;
        int cases;
        int mismatches;
        String first;

        Tally(String key) {
            this.key = key;
        }
    }

    @Test
    void emulatorMatchesTheHostCpu() {
        assumeTrue(NativeRunner.supported(), "the differential test needs Linux on x86-64");
        int perForm = Integer.getInteger("diff.cases", 200);
        long seed = Long.getLong("diff.seed", 0x5EED_0003L);
        Pattern only = Pattern.compile(System.getProperty("diff.only", ".*"));
        List<Form> forms = Forms.all().stream().filter(f -> only.matcher(f.name()).matches()).toList();
        Map<String, Tally> tallies = new LinkedHashMap<>();
        int cases = 0;
        try (NativeRunner host = NativeRunner.open()) {
            EmuRunner emu = new EmuRunner(host.layout());
            byte[] image = new byte[Layout.SCRATCH_SIZE];
            for (Form form : forms) {
                SplittableRandom rnd = new SplittableRandom(seed ^ form.name().hashCode() * 0x9E37_79B9_7F4A_7C15L);
                rnd.nextBytes(image);
                Tally values = new Tally(form.name());
                Tally mxcsr = new Tally(form.name() + KnownMismatches.MXCSR_SUFFIX);
                for (int i = 0; i < perForm; i++, cases++) {
                    runCase(form, rnd, host, emu, image, values, mxcsr);
                }
                mxcsr.cases = values.cases;
                tallies.put(values.key, values);
                tallies.put(mxcsr.key, mxcsr);
            }
        }
        report(tallies, forms.size(), cases, seed, System.getProperty("diff.only") == null);
    }

    private static void runCase(Form form, SplittableRandom rnd, NativeRunner host, EmuRunner emu, byte[] image,
            Tally values, Tally mxcsr) {
        Gen g = new Gen(rnd, host.layout(), image);
        form.emitter().emit(g);
        Case c = g.build(form.name());
        String diff = emu.run(c);
        if (diff != null) {
            diff += " (not run natively)";
        } else {
            State h = host.run(c);
            diff = Differ.compare(c, h, host.scratch(), emu.state(), emu.scratch());
        }
        values.cases++;
        if (diff != null) {
            Tally t = diff.startsWith(Differ.MXCSR_ONLY) ? mxcsr : values;
            t.mismatches++;
            if (t.first == null) {
                t.first = "code " + Differ.bytes(c.nativeCode())
                        + (c.emuCode() != c.nativeCode() ? " (emulator: " + Differ.bytes(c.emuCode()) + ")" : "")
                        + "\n    in: " + c.in().describe() + "\n    diff:" + diff;
            }
        }
    }

    /** Prints the summary; {@code allForms}: every form ran, so an entry without mismatches is stale. */
    private static void report(Map<String, Tally> tallies, int forms, int cases, long seed, boolean allForms) {
        int fresh = 0;
        List<Tally> bad = new ArrayList<>();
        Map<KnownMismatches.Entry, List<String>> known = new LinkedHashMap<>();
        Map<KnownMismatches.Entry, Integer> clean = new LinkedHashMap<>();
        for (Tally t : tallies.values()) {
            KnownMismatches.Entry e = KnownMismatches.find(t.key);
            if (t.mismatches > 0 && e != null) {
                known.computeIfAbsent(e, k -> new ArrayList<>()).add(t.key + " " + t.mismatches + "/" + t.cases);
            } else if (t.mismatches > 0) {
                fresh += t.mismatches;
                bad.add(t);
            } else if (e != null) {
                clean.merge(e, 1, Integer::sum);
            }
        }
        if (Boolean.getBoolean("diff.verbose")) {
            for (Tally t : tallies.values()) {
                if (!t.key.endsWith(KnownMismatches.MXCSR_SUFFIX) || t.mismatches > 0) {
                    System.out.printf("  %-48s %6d cases %6d mismatches%n", t.key, t.cases, t.mismatches);
                }
            }
        }
        System.out.printf("differential: %d forms, %d cases, %d mismatches (seed %x)%n", forms, cases, fresh, seed);
        known.forEach((e, keys) -> System.out.println("known mismatches (" + e.reason() + "): " + String.join(", ", keys)));
        for (KnownMismatches.Entry e : KnownMismatches.ENTRIES) {
            if (allForms && !known.containsKey(e) && clean.containsKey(e) && !e.flaky()) {
                System.out.println("known mismatch entry now passes, remove it from KnownMismatches: " + e.pattern());
            }
        }
        if (!bad.isEmpty()) {
            int details = Integer.getInteger("diff.details", 15);
            StringBuilder b = new StringBuilder(bad.size() + " forms mismatch:\n");
            for (Tally t : bad) {
                b.append("  ").append(t.key).append(": ").append(t.mismatches).append('/').append(t.cases).append('\n');
            }
            b.append("first mismatch of each (up to ").append(details).append(" forms):\n");
            for (Tally t : bad.subList(0, Math.min(bad.size(), details))) {
                b.append(t.key).append(": ").append(t.first).append('\n');
            }
            System.out.println(b);
            fail(b.toString());
        }
    }
}
