package org.jvmm.hv.emu.impl.cpu.jit;

import org.jvmm.hv.emu.impl.cpu.decode.Block;
import org.jvmm.hv.emu.impl.cpu.decode.BlockCache;

/**
 * When to translate blocks: a block is handed to its {@link Translator} once it has run
 * {@link #threshold()} times. On by default; the system property {@value #PROPERTY} is {@code off}
 * or another threshold, and {@value #ASYNC_PROPERTY}{@code =false} translates on the processor's own
 * thread instead of a background thread.
 */
public final class Jit {

    public static final String PROPERTY = "jvmm.emu.jit";
    public static final String ASYNC_PROPERTY = "jvmm.emu.jit.async";
    public static final int DEFAULT_THRESHOLD = 20_000;
    private static final System.Logger LOG = System.getLogger(Jit.class.getName());

    private final int threshold;
    private final Translator translator;

    public Jit(int threshold, Translator translator) {
        this.threshold = Math.max(1, threshold);
        this.translator = translator;
    }

    /** A policy that translates synchronously after {@code threshold} runs. */
    public Jit(int threshold) {
        this(threshold, Translator.synchronous());
    }

    /** The configured threshold, or 0 when translation is off. */
    public static int configuredThreshold() {
        String v = System.getProperty(PROPERTY);
        if (v == null || v.isBlank()) {
            return DEFAULT_THRESHOLD;
        }
        if (v.equalsIgnoreCase("off") || v.equals("0")) {
            return 0;
        }
        try {
            return Math.max(1, Integer.parseInt(v.strip()));
        } catch (NumberFormatException e) {
            LOG.log(System.Logger.Level.WARNING, PROPERTY + "=" + v + " is neither off nor a count; using "
                    + DEFAULT_THRESHOLD);
            return DEFAULT_THRESHOLD;
        }
    }

    /** Whether translation should run on a background thread ({@value #ASYNC_PROPERTY}, default true). */
    public static boolean configuredAsync() {
        return !"false".equalsIgnoreCase(System.getProperty(ASYNC_PROPERTY, "true").strip());
    }

    /** The configured synchronous policy (for a CPU without a partition), or null when translation is off. */
    public static Jit fromConfiguration() {
        int t = configuredThreshold();
        return t == 0 ? null : new Jit(t);
    }

    public int threshold() {
        return threshold;
    }

    public Translator translator() {
        return translator;
    }

    /**
     * {@code b} reached the threshold: have it translated together with the hot blocks of its code page
     * in {@code cache} (when the request is dropped, count again).
     */
    public void hot(Block b, BlockCache cache) {
        if (!translator.request(b, cache, threshold / 8)) {
            b.execs = 0;
        }
    }
}
