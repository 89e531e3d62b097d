/**
 * A resolver that only the in-framework tests use: it proves that a bundle's resolver appears
 * in the registry when the bundle starts and leaves it when the bundle stops.
 */
package org.jvmm.itest.resolver;
