package org.jvmm.hv.emu.impl.cpu;

import org.jvmm.hv.emu.impl.cpu.decode.Block;
import org.jvmm.hv.emu.impl.cpu.decode.BlockBuilder;
import org.jvmm.hv.emu.impl.cpu.decode.BlockCache;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;
import org.jvmm.hv.emu.impl.cpu.decode.Op;
import org.jvmm.hv.emu.impl.cpu.exec.Exec;
import org.jvmm.hv.emu.impl.cpu.jit.CompiledBlock;
import org.jvmm.hv.emu.impl.cpu.jit.Jit;
import org.jvmm.hv.emu.impl.cpu.mmu.CodePages;
import org.jvmm.hv.emu.impl.cpu.mmu.Mmu;
import org.jvmm.hv.emu.impl.cpu.sys.Interrupts;

/**
 * One x86-64 processor: the execution loop over decoded blocks, interrupt acceptance at block
 * boundaries, exception delivery. Not thread-safe except {@link #kick()} and {@link #requestStop()},
 * which other threads may call at any time.
 */
public final class Cpu {

    public final CpuState s = new CpuState();
    public final Mmu mmu;
    public final IoBus io;
    public final Cpuid cpuid;
    public final Msrs msrs;
    private final BlockCache cache;
    private final BlockBuilder builder;
    private final CodePages codePages;
    private GuestClock clock;
    private InterruptSource irq = InterruptSource.NONE;
    private ApicLink apicLink;
    /** Execution history for diagnosis, or null (the default: no per-block work). */
    private CpuTrace trace = CpuTrace.fromConfiguration();

    private volatile boolean attention;
    private volatile boolean stopRequested;
    private boolean pollIrq;
    /** An NMI is being handled: further NMIs wait for IRET. */
    public boolean nmiBlocked;
    private long retired;
    /** The instructions of the running translated region's finished blocks (0 outside regions). */
    private long regionRetired;
    /** RDRAND/RDSEED's source, a SplitMix64 state: seeded from the host, or fixed for deterministic runs. */
    private long randomState = new java.security.SecureRandom().nextLong();
    /** Block translation policy, or null when every block is interpreted. */
    private Jit jit = Jit.fromConfiguration();
    /** Set by a translated region that stops early: the address of the instruction that left something pending. */
    public long jitRip;
    private String shutdownReason;
    private boolean emulationFailure;

    /** A CPU with its own code-page tracking (a single-processor machine). */
    public Cpu(PhysicalMemory memory, IoBus io) {
        this(memory, io, new CodePages(memory.ram().byteSize()), 0);
    }

    /** A CPU sharing {@code code} with the other processors of its machine. */
    public Cpu(PhysicalMemory memory, IoBus io, CodePages code, int apicId) {
        this.io = io;
        this.mmu = new Mmu(s, memory, io, code);
        this.cache = new BlockCache(code);
        this.codePages = code;
        this.builder = new BlockBuilder(mmu);
        this.clock = GuestClock.host(2_000_000_000L);
        this.cpuid = new Cpuid(apicId, 1);
        this.msrs = new Msrs(this);
        s.reset();
        mmu.syncPrivilege();
    }

    /** The execution history, or null when tracing is off. */
    public CpuTrace trace() {
        return trace;
    }

    public void setTrace(CpuTrace trace) {
        this.trace = trace;
    }

    public GuestClock clock() {
        return clock;
    }

    public void setClock(GuestClock clock) {
        this.clock = clock;
    }

    public void setInterruptSource(InterruptSource source) {
        this.irq = source;
        kick();
    }

    /** The local APIC behind CR8 and the APIC MSRs, or null (then {@link CpuState} holds them). */
    public ApicLink apicLink() {
        return apicLink;
    }

    public void setApicLink(ApicLink link) {
        this.apicLink = link;
    }

    /** Something changed for this CPU (an interrupt became pending): look at it at the next boundary. */
    public void kick() {
        attention = true;
    }

    /** Makes {@link #run} return {@link Outcome#STOP_REQUESTED} at the next block boundary. */
    public void requestStop() {
        stopRequested = true;
        attention = true;
    }

    /** True when something asked this CPU to look at its interrupts or to stop (translated loops poll it). */
    public boolean attention() {
        return attention;
    }

    /** The next value for RDRAND and RDSEED (SplitMix64: a golden-ratio step, then a 64-bit mix). */
    public long nextRandom() {
        long z = randomState += 0x9E37_79B9_7F4A_7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Makes RDRAND and RDSEED return a fixed sequence (deterministic runs); with a value from
     * {@link #randomState()} the sequence continues where that left off (snapshots).
     */
    public void seedRandom(long seed) {
        randomState = seed;
    }

    /** The generator's state, for {@link #seedRandom}. */
    public long randomState() {
        return randomState;
    }

    public Jit jit() {
        return jit;
    }

    public void setJit(Jit jit) {
        this.jit = jit;
    }

    /**
     * Instructions retired since creation. Inside a translated region this includes the region's
     * blocks finished so far, so a guest clock read in a block sees the count at that block's start,
     * as it does when the interpreter runs the block: under deterministic time what the guest sees
     * then does not depend on which blocks are translated.
     */
    public long retired() {
        return retired + regionRetired;
    }

    /** Called by translated code at each block boundary inside a region: {@code done} instructions so far. */
    public void regionProgress(long done) {
        regionRetired = done;
    }

    public String shutdownReason() {
        return shutdownReason;
    }

    /** Power-on reset. */
    public void reset() {
        s.reset();
        mmu.flush();
        mmu.syncPrivilege();
        cache.clear();
        nmiBlocked = false;
        shutdownReason = null;
        emulationFailure = false;
    }

    /** Call after CR0, EFER, CS or SS changed: recomputes CPL and sizes. */
    public void modeChanged() {
        s.updateMode();
        mmu.syncPrivilege();
    }

    /**
     * Ends execution at instruction {@code in}, which this CPU cannot run (no handler, or bytes the
     * decoder does not know): {@link Outcome#SHUTDOWN} with {@link #emulationFailure()} set and RIP at it.
     */
    public void unimplemented(Insn in) {
        s.rip = in.rip;
        emulationFailure = true;
        shutdown("instruction not implemented (" + Op.name(in.op) + ")");
    }

    /** The last shutdown was an instruction this CPU cannot run, not a guest triple fault. */
    public boolean emulationFailure() {
        return emulationFailure;
    }

    /** Ends execution with {@link Outcome#SHUTDOWN}. */
    public void shutdown(String reason) {
        shutdownReason = reason;
        s.pending |= CpuState.P_SHUTDOWN;
    }

    /**
     * Runs until HLT, shutdown, a stop request or {@code maxInstructions} retired instructions.
     * Returns one of the {@link Outcome} codes.
     */
    public int run(long maxInstructions) {
        CpuState s = this.s;
        long left = maxInstructions;
        Block prev = null;
        while (true) {
            if (attention) {
                attention = false;
                // Before the stop check: a kick that came with a stop request must not be lost.
                pollIrq = true;
                if (stopRequested) {
                    stopRequested = false;
                    return Outcome.STOP_REQUESTED;
                }
            }
            s.pending = 0;
            if (pollIrq && !s.shadow) {
                // Polled at every block boundary while an interrupt waits for IF; chaining stops only
                // when one is delivered.
                int taken = acceptInterrupt();
                if (taken == TRIPLE_FAULT) {
                    return Outcome.SHUTDOWN;
                }
                if (taken == DELIVERED) {
                    prev = null;
                }
            }
            if (s.halted) {
                return Outcome.HALT;
            }
            if (left <= 0) {
                return Outcome.BUDGET_EXHAUSTED;
            }
            Block b = prev != null ? chained(prev) : null;
            if (b == null) {
                b = block();
                if (b == null) {
                    if ((s.pending & CpuState.P_SHUTDOWN) != 0 || !deliverPending()) {
                        return Outcome.SHUTDOWN;
                    }
                    prev = null;
                    continue;
                }
                if (prev != null) {
                    prev.link(b);
                }
            }
            prev = null;
            int n = b.count;
            boolean singleStep = (s.flags & Flags.TF) != 0 && !s.shadow;
            boolean whole = true;
            if (s.shadow || singleStep) {
                n = 1;
                s.shadow = false;
                whole = false;
            }
            if (n > left) {
                n = (int) left;
                whole = false;
            }
            Insn[] ins = b.insns;
            CompiledBlock compiled = b.compiled;
            if (compiled == null && jit != null && ++b.execs == jit.threshold()) {
                jit.hot(b, cache);
                compiled = b.compiled;
            }
            if (compiled != null && whole) {
                int outcome = runCompiled(compiled, b, left);
                if (outcome != 0) {
                    return outcome;
                }
                left -= lastRun;
                if (lastPending == 0) {
                    prev = b;
                }
                continue;
            }
            int i = Exec.run(this, ins, 0, n);
            if (trace != null) {
                trace.block(b, i < n ? i + 1 : n);
            }
            if (i == b.count) {
                prev = b;
            }
            if (i < n) {
                int p = s.pending;
                if ((p & CpuState.P_EXC) != 0) {
                    if (s.excSoftware) {
                        i++;
                    } else {
                        s.rip = ins[i].rip;
                    }
                    retired += i;
                    left -= i;
                    if (!deliverPending()) {
                        return Outcome.SHUTDOWN;
                    }
                    continue;
                }
                i++;
                if ((p & CpuState.P_HALT) != 0) {
                    s.halted = true;
                }
                if ((p & CpuState.P_SHUTDOWN) != 0) {
                    retired += i;
                    return Outcome.SHUTDOWN;
                }
            }
            retired += i;
            left -= i;
            if (singleStep && !s.halted) {
                prev = null;
                s.dr[6] |= 0x4000;
                if (!deliver(1, Interrupts.EXCEPTION, false, 0)) {
                    return Outcome.SHUTDOWN;
                }
            }
        }
    }

    /** Instructions retired by the last {@link #runCompiled}, and what it left pending. */
    private long lastRun;
    private int lastPending;

    /**
     * Runs a translated region and settles what it left pending as the interpreter would; returns an
     * {@link Outcome} to stop with, or 0 to go on.
     */
    private int runCompiled(CompiledBlock compiled, Block b, long left) {
        long done = compiled.run(this, left);
        regionRetired = 0;
        int p = s.pending;
        if (p != 0) {
            if ((p & CpuState.P_EXC) != 0 && !s.excSoftware) {
                s.rip = jitRip;
            } else {
                done++;
            }
        }
        retired += done;
        lastRun = done;
        lastPending = p;
        if (trace != null) {
            trace.block(b, b.count);
        }
        if ((p & CpuState.P_EXC) != 0) {
            return deliverPending() ? 0 : Outcome.SHUTDOWN;
        }
        if ((p & CpuState.P_HALT) != 0) {
            s.halted = true;
        }
        return (p & CpuState.P_SHUTDOWN) != 0 ? Outcome.SHUTDOWN : 0;
    }

    /**
     * The block {@code prev} was seen to continue with at the current RIP, if still valid: one in the same
     * page (same mapping as {@code prev}), or one in another page that the TLB still maps the same way.
     */
    private Block chained(Block prev) {
        Block b = prev.successor(s.rip, codePages);
        if (b != null) {
            return b;
        }
        b = prev.farSuccessor(s.rip, codePages);
        if (b == null || b.codeSize != s.codeSize) {
            return null;
        }
        long lin = s.long64 ? s.rip : (s.segBase[CpuState.CS] + s.rip) & 0xFFFF_FFFFL;
        return mmu.fetchHit(lin) == b.host ? b : null;
    }

    private Block block() {
        CpuState s = this.s;
        long lin = s.long64 ? s.rip : (s.segBase[CpuState.CS] + s.rip) & 0xFFFF_FFFFL;
        long host = mmu.hostForFetch(lin);
        if (host < 0) {
            if (host == Mmu.NOT_RAM) {
                shutdown("instruction fetch from non-RAM address " + Long.toHexString(lin));
            }
            return null;
        }
        Block b = cache.get(host, s.rip, s.codeSize);
        if (b != null && (b.host2 < 0 || mmu.hostForFetch(b.lin2) == b.host2)) {
            return b;
        }
        if (s.faulted()) {
            return null;
        }
        b = builder.build(host, lin, s.rip, s.codeSize, s.long64);
        if (b == null) {
            if (builder.nonRam) {
                shutdown("instruction fetch from non-RAM after " + Long.toHexString(lin));
            }
            return null;
        }
        cache.put(b);
        return b;
    }

    private boolean deliverPending() {
        CpuState s = this.s;
        int vector = s.excVector;
        int kind = s.excSoftware ? Interrupts.SOFTWARE : Interrupts.EXCEPTION;
        boolean hasCode = s.excHasCode;
        int code = s.excCode;
        s.pending = 0;
        s.excSoftware = false;
        return deliver(vector, kind, hasCode, code);
    }

    private boolean deliver(int vector, int kind, boolean hasCode, int code) {
        if (trace != null) {
            trace.event(vector, kind, code, s.rip, s.cr2);
        }
        if (!Interrupts.deliver(this, vector, kind, hasCode, code)) {
            if (shutdownReason == null) {
                shutdownReason = "triple fault";
            }
            return false;
        }
        return true;
    }

    /** {@link #acceptInterrupt} results. */
    private static final int NONE = 0, DELIVERED = 1, TRIPLE_FAULT = 2;

    /** Takes a pending NMI or maskable interrupt if allowed: NONE, DELIVERED or TRIPLE_FAULT. */
    private int acceptInterrupt() {
        if (!nmiBlocked && irq.nmiPending()) {
            irq.acknowledgeNmi();
            nmiBlocked = true;
            s.halted = false;
            return deliver(2, Interrupts.EXTERNAL, false, 0) ? DELIVERED : TRIPLE_FAULT;
        }
        if ((s.flags & Flags.IF) == 0) {
            return NONE;
        }
        int v = irq.pendingVector();
        if (v < 0) {
            pollIrq = false;
            return NONE;
        }
        irq.acknowledge(v);
        s.halted = false;
        return deliver(v, Interrupts.EXTERNAL, false, 0) ? DELIVERED : TRIPLE_FAULT;
    }
}
