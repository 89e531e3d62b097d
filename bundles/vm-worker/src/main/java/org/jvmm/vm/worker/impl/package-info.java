/**
 * The worker. {@link org.jvmm.vm.worker.impl.VmLauncher} builds a VM without OSGi: hypervisor
 * choice, guest memory, partition, a per-VM child registry, the chipset bus and the device graph,
 * then the boot loader; whatever was built is closed again if a step fails.
 * {@link org.jvmm.vm.worker.impl.Vm} is the {@code VmControl}: operations run under one lock
 * and follow the transition table; guest events (power-off, reset, triple fault, emulation
 * failure) come from VP and device threads and are handled on the VM's control thread.
 * {@link org.jvmm.vm.worker.impl.VmWorkerComponent} is the DS face: it registers every launched
 * VM as a {@code VmControl} service until the VM stops.
 */
package org.jvmm.vm.worker.impl;
