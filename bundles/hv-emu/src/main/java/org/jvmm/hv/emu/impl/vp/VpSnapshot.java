package org.jvmm.hv.emu.impl.vp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jvmm.hv.emu.impl.apic.LocalApic;
import org.jvmm.hv.emu.impl.cpu.Cpu;

/**
 * A VP's snapshot format. Version 1 is the {@code CpuState} alone ({@link VpStateCodec}), written while
 * the local APIC could only be saved software-disabled. Version 2 follows it with what else the processor
 * holds: NMI blocking (an NMI handler runs until IRET), the RDRAND generator state, the MSRs {@code Msrs}
 * keeps itself; then the local APIC ({@link LocalApic#saveState}); then the VP loop's latched shutdown
 * and deterministic idle-skip state. Guest time lives in the partition's state, restored first.
 *
 * @see org.jvmm.hv.emu.impl.cpu.CpuState
 */
final class VpSnapshot {
    /** The version {@link #save} writes. */
    static final int VERSION = 2;
    /** The CPU state alone; still read (the local APIC and the rest keep their power-on state). */
    static final int CPU_ONLY = 1;

    private VpSnapshot() {
    }

    static byte[] save(Cpu cpu, LocalApic apic, VpLoop loop) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            VpStateCodec.write(out, cpu.s);
            out.writeBoolean(cpu.nmiBlocked);
            out.writeLong(cpu.randomState());
            for (long v : cpu.msrs.hiddenState()) {
                out.writeLong(v);
            }
            apic.saveState(out);
            loop.writeState(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Restores a {@link #CPU_ONLY} or {@link #VERSION} image. The RDRAND state is taken only under
     * deterministic time: with host time each restored copy of a snapshot keeps its own random stream.
     * A malformed image is an {@link IOException} and may leave the processor partly written.
     */
    static void restore(int version, byte[] data, Cpu cpu, LocalApic apic, VpLoop loop, boolean deterministic)
            throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
        VpStateCodec.read(in, cpu.s);
        if (version == CPU_ONLY) {
            apic.setCr8((int) cpu.s.cr8 & 0xF);
            loop.clearShutdown();
        } else {
            cpu.nmiBlocked = in.readBoolean();
            long random = in.readLong();
            if (deterministic) {
                cpu.seedRandom(random);
            }
            long[] hidden = cpu.msrs.hiddenState();
            for (int i = 0; i < hidden.length; i++) {
                hidden[i] = in.readLong();
            }
            cpu.msrs.restoreHiddenState(hidden);
            apic.restoreState(in);
            loop.readState(in);
        }
        apic.setTscOffset(cpu.s.tscOffset);
        if (in.available() > 0) {
            throw new IOException(in.available() + " bytes left over");
        }
    }
}
