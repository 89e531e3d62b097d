package org.jvmm.hv.api;

import java.util.Objects;

/**
 * The CPU model presented to the guest. {@code name} is a QEMU-style model name ({@code qemu64},
 * {@code host}); {@code tscFrequencyHz} is announced through CPUID leaf 0x40000010 where the
 * backend controls CPUID; {@code x2apic} offers x2APIC.
 */
public record CpuModel(String name, long tscFrequencyHz, boolean x2apic) {
    public static final CpuModel QEMU64 = new CpuModel("qemu64", 2_000_000_000L, true);

    public CpuModel {
        Objects.requireNonNull(name, "name");
        if (tscFrequencyHz <= 0) {
            throw new IllegalArgumentException("tscFrequencyHz: must be positive, got " + tscFrequencyHz);
        }
    }
}
