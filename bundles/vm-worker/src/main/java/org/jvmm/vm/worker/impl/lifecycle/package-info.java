/**
 * The VM lifecycle: {@link org.jvmm.vm.worker.impl.lifecycle.VmTransitions} is the whole
 * transition table; {@link org.jvmm.vm.worker.impl.lifecycle.VmStateCell} holds the current
 * state, the stop reason and the listeners, and refuses any change the table does not allow.
 */
package org.jvmm.vm.worker.impl.lifecycle;
