package org.jvmm.hv.emu.impl.cpu.jit;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jvmm.hv.emu.impl.cpu.decode.Block;
import org.jvmm.hv.emu.impl.cpu.decode.BlockCache;
import org.jvmm.hv.emu.impl.cpu.decode.Op;

/**
 * Translates blocks with {@link BlockCompiler}, either on the caller's thread or on a background
 * thread of its own (one per partition), so that a processor keeps interpreting while its hot blocks
 * are translated. A translated block is published through {@link Block#compiled}: at once when
 * translating on the caller's thread, once HotSpot has compiled the translation on the background
 * thread ({@link CompileWait}). Counts what it did.
 */
public final class Translator implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Translator.class.getName());
    private static final int QUEUE = 4096;
    private static final int MAX_FAILURE_REPORTS = 10;
    /** How often the background thread looks at translations waiting for HotSpot. */
    private static final long PROBE_INTERVAL_MILLIS = 1;

    private final BlockingQueue<Request> queue;
    private final Thread thread;
    private final AtomicLong translated = new AtomicLong();
    private final AtomicLong blocks = new AtomicLong();
    private final AtomicLong declined = new AtomicLong();
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    /** Translations waiting for HotSpot's compiler (background thread only; null when synchronous). */
    private final CompileWait compileWait;

    private Translator(boolean background, String name) {
        JvmCompilerHints.apply();
        if (background) {
            queue = new ArrayBlockingQueue<>(QUEUE);
            compileWait = new CompileWait();
            thread = Thread.ofPlatform().daemon().name(name).unstarted(this::work);
            thread.start();
        } else {
            queue = null;
            compileWait = null;
            thread = null;
        }
    }

    /** Translates on the thread that asks. */
    public static Translator synchronous() {
        return new Translator(false, null);
    }

    /** Translates on a daemon thread named {@code name}; stop it with {@link #close()}. */
    public static Translator background(String name) {
        return new Translator(true, name);
    }

    /**
     * Asks for {@code b} to be translated. Returns false when the request was dropped (the background
     * queue is full): the caller may ask again later.
     */
    public boolean request(Block b, BlockCache cache, int minExecs) {
        Request r = new Request(b, cache, minExecs);
        if (queue == null) {
            translate(r);
            return true;
        }
        return queue.offer(r);
    }

    /** A block to translate, with the decoded blocks around it and how often they must have run. */
    private record Request(Block block, BlockCache cache, int minExecs) {
    }

    private void work() {
        try {
            while (true) {
                Request r = compileWait.isEmpty() ? queue.take()
                        : queue.poll(PROBE_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
                if (r != null) {
                    translate(r);
                }
                compileWait.publishReady();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void translate(Request request) {
        Block b = request.block();
        Region region = Region.discover(b, request.cache(), request.minExecs());
        if (!BlockCompiler.eligible(region)) {
            region = Region.single(b);
            if (!BlockCompiler.eligible(region)) {
                declined.incrementAndGet();
                return;
            }
        }
        long start = System.nanoTime();
        CompiledBlock c;
        try {
            c = BlockCompiler.compile(region);
            if (c == null && region.blocks().size() > 1) {
                region = Region.single(b);
                c = BlockCompiler.compile(region);
            }
            if (c != null) {
                blocks.addAndGet(region.blocks().size());
            }
        } catch (IllegalStateException e) {
            if (failures.getAndIncrement() < MAX_FAILURE_REPORTS) {
                LOG.log(System.Logger.Level.WARNING, e.getMessage() + " (ops " + ops(b) + "); it stays interpreted", e);
            }
            c = null;
        }
        nanos.addAndGet(System.nanoTime() - start);
        (c == null ? declined : translated).incrementAndGet();
        if (c != null && compileWait != null) {
            compileWait.add(b, c);
        } else {
            b.compiled = c;
        }
    }

    private static String ops(Block b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b.count; i++) {
            sb.append(i == 0 ? "" : " ").append(Op.name(b.insns[i].op));
        }
        return sb.toString();
    }

    /** Blocks waiting for the background thread (0 when translating synchronously). */
    public int backlog() {
        return queue == null ? 0 : queue.size();
    }

    public long translated() {
        return translated.get();
    }

    /** Blocks covered by the translations made (a translation covers its entry block and its region). */
    public long blocks() {
        return blocks.get();
    }

    public long declined() {
        return declined.get();
    }

    public long translateNanos() {
        return nanos.get();
    }

    public long failures() {
        return failures.get();
    }

    /** Translations published once HotSpot had compiled them (background thread). */
    public long publishedCompiled() {
        return compileWait == null ? 0 : compileWait.byProbe();
    }

    /** Translations published after the longest wait, not seen compiled (background thread). */
    public long publishedUncompiled() {
        return compileWait == null ? 0 : compileWait.byTimeout();
    }

    /** Stops the background thread; requests made afterwards are dropped. */
    @Override
    public void close() {
        if (thread != null) {
            thread.interrupt();
        }
    }
}
