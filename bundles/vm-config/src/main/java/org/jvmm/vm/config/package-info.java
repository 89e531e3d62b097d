/**
 * The VM configuration as pure data: records of plain values and resource handles, with a
 * JSON form ({@link org.jvmm.vm.config.VmConfigJson}). It never holds a live object; the VM
 * worker resolves the handles through the resolver registry.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.jvmm.vm.config;
