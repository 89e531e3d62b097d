/**
 * The {@code hypervisor:whp} backend over WinHvPlatform.dll. {@link org.jvmm.hv.whp.impl.WhpHypervisorResolver}
 * (DS component) gives a {@link org.jvmm.hv.whp.impl.WhpHypervisor}; its probe checks the OS, the DLL and
 * the hypervisor's capabilities. A {@link org.jvmm.hv.whp.impl.WhpPartition} maps guest RAM and owns
 * {@link org.jvmm.hv.whp.impl.WhpVp}s, whose run loop hands exits to the
 * {@link org.jvmm.hv.whp.impl.ExitHandler}: port I/O and MMIO to the chipset (MMIO and string I/O through
 * the pure-Java instruction emulator in {@code impl.emulate}), CPUID and unhandled MSRs answered here,
 * HLT, triple faults and debug exceptions to hv-api exits. The local APICs are the hypervisor's; the
 * legacy PIC is injected as ExtINT by {@link org.jvmm.hv.whp.impl.ExtIntInjector}. All native calls go
 * through the interfaces of {@code impl.ffm}, so everything here is tested with fakes on any host.
 */
package org.jvmm.hv.whp.impl;
