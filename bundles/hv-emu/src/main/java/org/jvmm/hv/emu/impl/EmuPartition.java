package org.jvmm.hv.emu.impl;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.guestmem.WriteObserver;
import org.jvmm.hv.api.CpuModel;
import org.jvmm.hv.api.DeterministicTime;
import org.jvmm.hv.api.HypervisorException;
import org.jvmm.hv.api.InterruptRequest;
import org.jvmm.hv.api.Partition;
import org.jvmm.hv.api.PartitionConfig;
import org.jvmm.hv.api.SavedBackendState;
import org.jvmm.hv.api.VirtualProcessor;
import org.jvmm.hv.emu.impl.apic.ApicBus;
import org.jvmm.hv.emu.impl.apic.ApicFeatures;
import org.jvmm.hv.emu.impl.cpu.GuestClock;
import org.jvmm.hv.emu.impl.cpu.mmu.CodePages;
import org.jvmm.hv.emu.impl.vp.ChipsetLink;
import org.jvmm.hv.emu.impl.vp.EmuVp;
import org.jvmm.hv.emu.impl.vp.HostClock;
import org.jvmm.hv.emu.impl.vp.InstructionClock;
import org.jvmm.hv.emu.impl.cpu.jit.Jit;
import org.jvmm.hv.emu.impl.cpu.jit.Translator;
import org.jvmm.hv.emu.impl.vp.PartitionParts;
import org.jvmm.inspect.InspectNode;

/**
 * A partition of emulated processors over guest memory: one {@link EmuVp} per processor, each with its
 * local APIC (APIC ID = index, processor 0 the BSP) on one {@link ApicBus}; chipset interrupts go to
 * that bus. All processors share the guest clock: a host-monotonic TSC at the model's frequency, or in
 * deterministic mode an {@link InstructionClock} driven by retired instructions, which the chipset
 * then follows too ({@link #deterministicTime()}).
 */
public final class EmuPartition implements Partition {
    /** Physical address bits the CPU reports (CPUID 0x80000008) and the APIC accepts. */
    private static final int PHYSICAL_ADDRESS_BITS = 40;

    private final PartitionConfig config;
    private final GuestMemory memory;
    private final ApicBus apicBus;
    private final EmuVp[] vps;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Block translation for all processors, or null when it is off. */
    private final Translator translator;
    /** Deterministic time, or null when guest time follows the host clock. */
    private final InstructionClock instructionClock;
    /** Host-following time, or null under deterministic time. */
    private final HostClock hostClock;

    EmuPartition(PartitionConfig config) throws HypervisorException {
        CpuModel model = config.cpuModel();
        if (!model.name().equals(CpuModel.QEMU64.name())) {
            throw new HypervisorException("cpu model " + model.name() + ": hv-emu offers only "
                    + CpuModel.QEMU64.name());
        }
        this.config = config;
        this.memory = config.memory();
        GuestPhysicalMemory phys;
        try {
            phys = new GuestPhysicalMemory(memory);
        } catch (IllegalStateException e) {
            throw new HypervisorException("guest memory: " + e.getMessage(), e);
        }
        instructionClock = config.deterministic() ? new InstructionClock(model.tscFrequencyHz()) : null;
        hostClock = instructionClock != null ? null : new HostClock(model.tscFrequencyHz());
        GuestClock clock = instructionClock != null ? instructionClock : hostClock;
        ChipsetLink chipset = new ChipsetLink();
        ApicFeatures features = new ApicFeatures(model.x2apic(), true, PHYSICAL_ADDRESS_BITS);
        apicBus = new ApicBus(clock, features, chipset::acknowledgePic, chipset::handleEoi);
        int threshold = Jit.configuredThreshold();
        // Deterministic time does not depend on when blocks get translated: a translated region
        // publishes its count at each block boundary (Cpu#regionProgress), so clock reads see what
        // they see under the interpreter.
        translator = threshold == 0 ? null
                : Jit.configuredAsync() ? Translator.background("jvmm-jit") : Translator.synchronous();
        CodePages code = new CodePages(phys.ram().byteSize());
        // Device DMA and loaders write RAM behind the processors' backs: code decoded there is stale.
        memory.observeWrites(code::invalidateRange);
        PartitionParts parts = new PartitionParts(phys, code, clock, apicBus,
                features, chipset, translator == null ? null : new Jit(threshold, translator));
        vps = new EmuVp[config.processorCount()];
        for (int i = 0; i < vps.length; i++) {
            vps[i] = new EmuVp(i, parts);
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
        return memory;
    }

    @Override
    public void requestInterrupt(InterruptRequest request) {
        apicBus.deliver(request);
    }

    @Override
    public void setPicOutput(boolean asserted) {
        apicBus.setPicOutput(asserted);
    }

    @Override
    public Optional<DeterministicTime> deterministicTime() {
        return Optional.ofNullable(instructionClock);
    }

    /** Guest time and the APIC bus's arbitration state, through {@link PartitionSnapshot}. */
    @Override
    public SavedBackendState saveState() {
        long time = instructionClock != null ? instructionClock.nanos() : hostClock.tsc();
        return new SavedBackendState(EmuHypervisor.NAME, PartitionSnapshot.VERSION,
                PartitionSnapshot.save(instructionClock != null, time, apicBus.lowestPriorityCursor()));
    }

    /**
     * Restores guest time (before the processors, whose APIC timers are on its timeline): the
     * instruction clock's nanoseconds, or the host-following TSC, which then goes on from the saved
     * value. A version 1 state of a host-time partition had no time in it: the clock stays as it is.
     */
    @Override
    public void restoreState(SavedBackendState state) throws HypervisorException {
        PartitionSnapshot saved = PartitionSnapshot.read(state);
        if (saved.deterministic() != (instructionClock != null)) {
            throw new HypervisorException("partition: the snapshot was taken " + (saved.deterministic() ? "with" : "without")
                    + " --deterministic; restore it the same way");
        }
        if (instructionClock != null) {
            instructionClock.restoreNanos(saved.time());
        } else if (saved.time() >= 0) {
            hostClock.continueFrom(saved.time());
        }
        apicBus.restoreLowestPriorityCursor(saved.lowestPriorityCursor());
    }

    @Override
    public void reset() {
        for (EmuVp vp : vps) {
            vp.powerOn();
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            memory.observeWrites(WriteObserver.NONE);
            for (EmuVp vp : vps) {
                vp.requestStop();
            }
            if (translator != null) {
                translator.close();
            }
        }
    }

    @Override
    public void inspect(InspectNode node) {
        node.field("backend", EmuHypervisor.NAME)
                .field("processors", vps.length)
                .field("cpuModel", config.cpuModel().name())
                .field("tscHz", config.cpuModel().tscFrequencyHz())
                .field("x2apic", config.cpuModel().x2apic())
                .field("time", config.deterministic() ? "instructions (1 instruction = 1 ns)" : "host")
                .hex("ramBytes", memory.ramSize())
                .field("closed", closed.get());
        node.child("apic", apicBus);
        InspectNode vpNode = node.child("vp");
        for (EmuVp vp : vps) {
            vpNode.child(Integer.toString(vp.index()), vp);
        }
    }
}
