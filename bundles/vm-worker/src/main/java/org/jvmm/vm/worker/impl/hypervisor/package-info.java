/**
 * Choosing the hypervisor backend: every backend is a {@code hypervisor:<name>} resolver whose
 * handle the worker builds from the resolver's own handle class ({@code {"resource":
 * "hypervisor:kvm"}}), so the worker needs no backend's types. Automatic choice tries kvm, whp,
 * emu, then any other registered backend, and keeps the reason each one was skipped.
 */
package org.jvmm.vm.worker.impl.hypervisor;
