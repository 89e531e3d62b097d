/**
 * The instruction emulation behind MMIO and string I/O exits. WHP reports an MMIO access with the
 * faulting guest-physical address and the instruction's bytes, but does not perform it; rather than
 * call {@code WHvEmulatorTryMmioEmulation} in WinHvEmulation.dll (which would call back into Java
 * through upcall stubs for every register and memory access), this backend decodes those bytes itself,
 * as OpenVMM's own x86 emulator does: a small, pure-Java decoder for the instructions that reach
 * MMIO in practice, testable on any host. Guest registers and memory come through
 * {@link org.jvmm.hv.whp.impl.emulate.EmulatorCpu} and {@link org.jvmm.hv.whp.impl.emulate.EmulatorMemory}.
 */
package org.jvmm.hv.whp.impl.emulate;
