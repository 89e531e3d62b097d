/**
 * A pure-Java x86-64 processor, independent of OSGi and hv-api (wrapped by {@code impl.vp}).
 *
 * <p>{@link org.jvmm.hv.emu.impl.cpu.Cpu#run} executes decoded blocks ({@code decode}: prefixes, ModRM/SIB,
 * one- and two-byte maps, a {@code Specializer} for common 64-bit forms) cached by RAM offset and
 * chained within a code page; {@code exec.Exec} dispatches each {@code Insn} with one switch over an
 * int operation. Arithmetic flags are lazy ({@link org.jvmm.hv.emu.impl.cpu.Flags}). Guest faults are not
 * Java exceptions: an instruction records a pending exception in
 * {@link org.jvmm.hv.emu.impl.cpu.CpuState} and the loop delivers it ({@code sys.Interrupts}).
 * Memory goes through {@code mmu.Mmu}, a software TLB of plain arrays over one RAM
 * {@link java.lang.foreign.MemorySegment} ({@link org.jvmm.hv.emu.impl.cpu.PhysicalMemory}); anything not RAM
 * is MMIO on the {@link org.jvmm.hv.emu.impl.cpu.IoBus}. {@code mmu.CodePages} tracks pages holding
 * decoded code: a CPU write to one invalidates its blocks (self-modifying code); writers that bypass
 * the CPU (DMA, loaders) must call {@code CodePages.invalidateRange}. {@code sys} holds segmentation,
 * gates, far transfers, control registers and SYSCALL/SYSENTER; {@code fpu} x87 (as doubles),
 * SSE/SSE2/SSE3 and FXSAVE.
 */
package org.jvmm.hv.emu.impl.cpu;
