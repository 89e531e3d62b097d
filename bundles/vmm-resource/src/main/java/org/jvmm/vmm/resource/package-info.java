/**
 * The resource model: handle records (pure data with a stable {@code kind:id} type id), the
 * resolver SPI that turns handles into live objects, and the registry that tracks resolvers
 * contributed by bundles. Modelled on OpenVMM's {@code vm_resource} crate.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.jvmm.vmm.resource;
