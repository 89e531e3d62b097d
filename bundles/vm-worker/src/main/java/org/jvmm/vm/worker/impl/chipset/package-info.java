/**
 * The chipset buses: {@link org.jvmm.vm.worker.impl.chipset.ChipsetBus} is the VPs'
 * {@code CpuIo}: a 65536-entry port table and a sorted MMIO range array (binary search), both
 * replaced copy-on-write so that the VP hot path reads them without locks. Unclaimed reads give
 * all ones; device errors are counted per device and logged rate-limited.
 * {@link org.jvmm.vm.worker.impl.chipset.InterruptRouter} wires global system interrupts to the
 * PIC and IOAPICs and the controllers to the partition; {@link
 * org.jvmm.vm.worker.impl.chipset.PollLoop} runs device timers on one thread.
 */
package org.jvmm.vm.worker.impl.chipset;
