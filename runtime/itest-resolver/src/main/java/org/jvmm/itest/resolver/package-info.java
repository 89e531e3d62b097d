/**
 * Resolvers that only the in-framework tests use, in a bundle the tests install, start and stop:
 * {@code chipset_device_handle:itest-probe} proves that a bundle's resolver appears in the registry
 * when the bundle starts and leaves it when the bundle stops; {@code hypervisor:itest} is a backend
 * whose processors run no code, so that the worker and the shell can drive a real VM lifecycle
 * without a hypervisor bundle.
 */
package org.jvmm.itest.resolver;
