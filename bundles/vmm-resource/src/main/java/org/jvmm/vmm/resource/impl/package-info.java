/**
 * The resolver registry. {@link org.jvmm.vmm.resource.impl.RegistryCore} holds the logic
 * without OSGi: an immutable snapshot map {@code kind:id -> entries} replaced under a lock on
 * every change, so lookups and resolution never block; listeners are told under the writer
 * lock (in order) and their exceptions are logged. Child registries are cores with a parent.
 * {@link org.jvmm.vmm.resource.impl.ResolverRegistryComponent} only maps DS bind/unbind of
 * {@code ResourceResolver} services onto the core.
 */
package org.jvmm.vmm.resource.impl;
