/**
 * The {@code hypervisor:emu} backend: {@link org.jvmm.hv.emu.impl.EmuHypervisorResolver} (DS component)
 * gives an {@link org.jvmm.hv.emu.impl.EmuHypervisor}, whose {@link org.jvmm.hv.emu.impl.EmuPartition}
 * puts the CPU core ({@code impl.cpu}) and the local APICs ({@code impl.apic}) over guest memory;
 * {@code impl.vp} holds one processor's loop, register conversions and start-up states.
 */
package org.jvmm.hv.emu.impl;
