package org.jvmm.chipset.impl.serial.backend;

import java.io.IOException;
import java.io.PrintStream;

/**
 * The terminal on stdin in raw mode, as a serial line: no echo, no line editing, no signals (so
 * Ctrl-C, 0x03, goes to the guest), no flow control. Output post-processing stays on, so jvmm's
 * own lines on stderr still start at the left margin. The settings found at {@link #enter} are
 * put back once, by whichever comes first: {@link #restore} (the backend closes, the user typed
 * the escape byte) or the JVM's shutdown (a shutdown hook, for exits that skip the close).
 */
final class RawTerminal {
    /** The {@code stty} flags for raw mode. */
    static final String[] RAW = {"raw", "-echo", "opost"};

    /** Registers and removes JVM shutdown hooks ({@link Runtime} in production). */
    interface ShutdownHooks {
        void add(Thread hook);

        void remove(Thread hook);

        static ShutdownHooks runtime() {
            return new ShutdownHooks() {
                @Override
                public void add(Thread hook) {
                    Runtime.getRuntime().addShutdownHook(hook);
                }

                @Override
                public void remove(Thread hook) {
                    Runtime.getRuntime().removeShutdownHook(hook);
                }
            };
        }
    }

    private final Stty stty;
    private final String saved;
    private final ShutdownHooks hooks;
    private final PrintStream err;
    private final Thread hook;
    private boolean restored;

    private RawTerminal(Stty stty, String saved, ShutdownHooks hooks, PrintStream err) {
        this.stty = stty;
        this.saved = saved;
        this.hooks = hooks;
        this.err = err;
        this.hook = Thread.ofPlatform().name("jvmm-console-restore").unstarted(this::restoreAtShutdown);
    }

    /** Saves the settings, registers the shutdown hook, then switches to raw mode. */
    static RawTerminal enter(Stty stty, ShutdownHooks hooks, PrintStream err) throws IOException {
        RawTerminal t = new RawTerminal(stty, stty.save(), hooks, err);
        hooks.add(t.hook);
        try {
            stty.set(RAW);
        } catch (IOException e) {
            t.restore();
            throw e;
        }
        return t;
    }

    /** Puts the saved settings back (once) and drops the shutdown hook. */
    void restore() {
        if (putBack()) {
            try {
                hooks.remove(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs, finds the terminal restored, and ends
            }
        }
    }

    synchronized boolean isRestored() {
        return restored;
    }

    private void restoreAtShutdown() {
        putBack();
    }

    /** True when this call restored the settings; false when they already were. */
    private synchronized boolean putBack() {
        if (restored) {
            return false;
        }
        restored = true;
        try {
            stty.set(saved);
        } catch (IOException e) {
            err.println("jvmm: console: cannot restore the terminal (run `stty sane`): " + e.getMessage());
        }
        return true;
    }
}
