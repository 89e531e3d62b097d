/**
 * Processor threads. Each VP runs on its own platform thread {@code vp-N}, calling
 * {@code run(bus)} in a loop. Pausing asks every VP to stop and waits, with a time limit, until
 * every thread is parked; a VP that halted with nothing able to wake it waits for an NMI, a reset
 * or the end. Exits that change the VM (shutdown, emulation failure, debug) are posted as
 * {@code GuestEvent}s and the thread parks itself until the VM decides.
 */
package org.jvmm.vm.worker.impl.vp;
