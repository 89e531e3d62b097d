/**
 * The VM worker: {@link org.jvmm.vm.worker.VmWorker#launch} turns a
 * {@link org.jvmm.vm.config.VmConfig} into a running VM by resolving its resource graph through
 * the resolver registry, and hands back a {@link org.jvmm.vm.worker.VmControl}. Each launched
 * VM is also registered as a {@code VmControl} service with the property {@code vm.name}, so
 * that the shell and other bundles can find "the current VM".
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.4.0")
package org.jvmm.vm.worker;
