package org.jvmm.hv.whp.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.guestmem.RamRange;
import org.jvmm.hv.api.CpuIo;
import org.jvmm.hv.api.HypervisorException;
import org.jvmm.hv.api.InterruptRequest;
import org.jvmm.hv.api.Partition;
import org.jvmm.hv.api.PartitionConfig;
import org.jvmm.hv.api.VirtualProcessor;
import org.jvmm.hv.whp.impl.ffm.PartitionCalls;
import org.jvmm.hv.whp.impl.ffm.VpCalls;
import org.jvmm.hv.whp.impl.ffm.WhpCalls;
import org.jvmm.hv.whp.impl.ffm.WhpCodes;
import org.jvmm.hv.whp.impl.ffm.WhpException;
import org.jvmm.inspect.InspectNode;

/**
 * A WHP partition over guest memory: every RAM range of the layout mapped (read, write, execute) at its
 * guest-physical address straight from the shared RAM segment, the MMIO hole left unmapped so that
 * accesses to it exit; one {@link WhpVp} per processor, with the hypervisor's local APICs (APIC ID =
 * processor index). Interrupt requests go to {@code WHvRequestInterrupt}; the PIC's output and ExtINT
 * requests are injected by the processors themselves ({@link ExtIntInjector}).
 */
final class WhpPartition implements Partition {
    private static final System.Logger LOG = System.getLogger(WhpPartition.class.getName());
    private static final int MAP_FLAGS = WhpCodes.WHvMapGpaRangeFlagRead | WhpCodes.WHvMapGpaRangeFlagWrite
            | WhpCodes.WHvMapGpaRangeFlagExecute;
    private static final long DEBUG_EXCEPTION_BIT = 1L << WhpCodes.WHvX64ExceptionTypeDebugTrapOrFault;
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private final PartitionConfig config;
    private final PartitionCalls calls;
    private final PartitionSettings settings;
    private final List<RamRange> mapped;
    private final WhpVp[] vps;
    private final long[] dr7;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong interrupts = new AtomicLong();
    private final AtomicLong interruptFailures = new AtomicLong();
    private final AtomicLong interruptsDropped = new AtomicLong();
    private volatile String lastInterruptProblem = "";
    private volatile boolean picAsserted;
    private volatile long exceptionBitmap;

    private WhpPartition(PartitionConfig config, PartitionCalls calls, PartitionSettings settings,
            List<RamRange> mapped, List<VpCalls> processors) {
        this.config = config;
        this.calls = calls;
        this.settings = settings;
        this.mapped = List.copyOf(mapped);
        this.vps = new WhpVp[processors.size()];
        this.dr7 = new long[vps.length];
        CpuidPolicy cpuid = new CpuidPolicy(settings.x2apic());
        for (int i = 0; i < vps.length; i++) {
            VpCalls vp = processors.get(i);
            ExtIntInjector injector = new ExtIntInjector(vp, i == 0 ? () -> picAsserted : () -> false);
            vps[i] = new WhpVp(vp, config.memory(), injector, cpuid, this::debugRegistersSet);
        }
    }

    /**
     * Creates, configures and sets up the partition, maps guest RAM and creates the processors in their
     * power-on state. On failure everything created so far is deleted again.
     */
    static WhpPartition create(PartitionConfig config, WhpCalls whp) throws HypervisorException {
        if (config.deterministic()) {
            throw new HypervisorException("hypervisor:whp: deterministic guest time needs instruction counting, "
                    + "which hardware virtualization lacks; use --hypervisor emu");
        }
        GuestMemory memory = config.memory();
        if ((memory.segment().address() & 0xFFF) != 0) {
            throw new HypervisorException("hypervisor:whp: guest RAM at 0x" + Long.toHexString(memory.segment().address())
                    + " is not page aligned");
        }
        PlatformFeatures features = PlatformFeatures.query(whp);
        PartitionCalls calls = whp.createPartition();
        List<RamRange> mapped = new ArrayList<>();
        List<VpCalls> processors = new ArrayList<>();
        try {
            PartitionSettings settings = PartitionSettings.apply(calls, config, features);
            calls.setup();
            for (RamRange range : memory.layout().ranges()) {
                calls.mapGpaRange(memory.segment().asSlice(range.offset(), range.size()), range.gpa(), MAP_FLAGS);
                mapped.add(range);
            }
            for (int i = 0; i < config.processorCount(); i++) {
                processors.add(calls.createVirtualProcessor(i));
            }
            WhpPartition partition = new WhpPartition(config, calls, settings, mapped, processors);
            for (WhpVp vp : partition.vps) {
                vp.powerOn();
            }
            return partition;
        } catch (HypervisorException | RuntimeException e) {
            release(calls, processors, mapped, e);
            throw e;
        }
    }

    private static void release(PartitionCalls calls, List<VpCalls> processors, List<RamRange> mapped, Exception cause) {
        for (VpCalls vp : processors) {
            try {
                vp.delete();
            } catch (WhpException e) {
                cause.addSuppressed(e);
            }
        }
        for (RamRange range : mapped) {
            try {
                calls.unmapGpaRange(range.gpa(), range.size());
            } catch (WhpException e) {
                cause.addSuppressed(e);
            }
        }
        try {
            calls.close();
        } catch (WhpException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public int processorCount() {
        return vps.length;
    }

    @Override
    public VirtualProcessor processor(int index) {
        if (index < 0 || index >= vps.length) {
            throw new IndexOutOfBoundsException("processor " + index + ": the partition has " + vps.length);
        }
        return vps[index];
    }

    @Override
    public GuestMemory memory() {
        return config.memory();
    }

    @Override
    public void requestInterrupt(InterruptRequest request) {
        switch (InterruptRoute.of(request)) {
            case InterruptRoute.Apic a -> {
                try {
                    calls.requestInterrupt(a.typeModes(), a.destination(), a.vector());
                    interrupts.incrementAndGet();
                } catch (WhpException e) {
                    lastInterruptProblem = e.getMessage();
                    boolean first = interruptFailures.incrementAndGet() == 1;
                    LOG.log(first ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG,
                            request + ": " + e.getMessage() + (first ? " (further failures are logged at DEBUG)" : ""), e);
                }
            }
            case InterruptRoute.ExtInt x -> extIntTarget(x).requestExtInt();
            case InterruptRoute.Drop d -> {
                interruptsDropped.incrementAndGet();
                lastInterruptProblem = d.reason();
                LOG.log(System.Logger.Level.DEBUG, () -> "dropped " + request + ": " + d.reason());
            }
        }
    }

    /** The processor with the physical APIC ID; processor 0 for logical destinations (virtual wire). */
    private WhpVp extIntTarget(InterruptRoute.ExtInt x) {
        return !x.logical() && x.destination() < vps.length ? vps[x.destination()] : vps[0];
    }

    /** The PIC's INTR line to processor 0; {@link CpuIo#acknowledgePicInterrupt()} takes the vector. */
    @Override
    public void setPicOutput(boolean asserted) {
        boolean was = picAsserted;
        picAsserted = asserted;
        if (asserted && !was) {
            vps[0].kick();
        }
    }

    @Override
    public void reset() {
        for (WhpVp vp : vps) {
            try {
                vp.powerOn();
            } catch (WhpException e) {
                throw new IllegalStateException("reset of processor " + vp.index() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Intercepts #DB while the host has any hardware breakpoint enabled in some processor's DR7. */
    private synchronized void debugRegistersSet(int vp, long value) throws WhpException {
        dr7[vp] = value;
        boolean any = false;
        for (long d : dr7) {
            any |= (d & 0xFF) != 0;
        }
        long bitmap = any ? DEBUG_EXCEPTION_BIT : 0;
        if (bitmap != exceptionBitmap && settings.exceptionExits()) {
            calls.setProperty(WhpCodes.WHvPartitionPropertyCodeExceptionExitBitmap, bitmap);
            exceptionBitmap = bitmap;
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (WhpVp vp : vps) {
            vp.retire();
        }
        try {
            for (WhpVp vp : vps) {
                if (!vp.awaitNotRunning(CLOSE_WAIT_MILLIS)) {
                    LOG.log(System.Logger.Level.ERROR, "hypervisor:whp: processor " + vp.index()
                            + " is still running after " + CLOSE_WAIT_MILLIS + " ms; the partition is left undeleted");
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.log(System.Logger.Level.ERROR, "hypervisor:whp: interrupted while closing; the partition is left undeleted");
            return;
        }
        HypervisorException failures = new HypervisorException("hypervisor:whp: closing the partition");
        List<VpCalls> processors = new ArrayList<>();
        for (WhpVp vp : vps) {
            processors.add(vp.calls());
        }
        release(calls, processors, mapped, failures);
        for (Throwable t : failures.getSuppressed()) {
            LOG.log(System.Logger.Level.WARNING, t.getMessage(), t);
        }
    }

    @Override
    public void inspect(InspectNode node) {
        node.field("backend", WhpHypervisor.NAME)
                .field("processors", vps.length)
                .field("cpuModel", config.cpuModel().name())
                .field("localApic", settings.x2apic() ? "x2apic" : "xapic")
                .hex("extendedExits", settings.extendedExits())
                .hex("exceptionExitBitmap", exceptionBitmap)
                .field("interrupts", interrupts.get())
                .field("interruptFailures", interruptFailures.get())
                .field("interruptsDropped", interruptsDropped.get())
                .field("picAsserted", picAsserted)
                .field("closed", closed.get());
        if (!lastInterruptProblem.isEmpty()) {
            node.field("lastInterruptProblem", lastInterruptProblem);
        }
        InspectNode ram = node.child("ram");
        for (RamRange r : mapped) {
            ram.field("0x" + Long.toHexString(r.gpa()), "0x" + Long.toHexString(r.size()) + " bytes");
        }
        InspectNode vpNode = node.child("vp");
        for (WhpVp vp : vps) {
            vpNode.child(Integer.toString(vp.index()), vp);
        }
    }
}
