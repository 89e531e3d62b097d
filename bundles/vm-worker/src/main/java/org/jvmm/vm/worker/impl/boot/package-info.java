/**
 * Boot loading: the context handed to {@code BootLoader}s, and the built-in
 * {@code load_mode:none}, which each VM registers in its own child registry.
 */
package org.jvmm.vm.worker.impl.boot;
