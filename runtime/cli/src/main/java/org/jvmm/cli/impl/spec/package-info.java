/**
 * Parsers for OpenVMM's option value syntaxes (sizes, disks, serial bindings, NICs, memory,
 * key=value lists, PCIe topology, ...): pure functions that return records or throw a
 * {@link org.jvmm.cli.impl.spec.SpecException} whose message is the one-line reason.
 */
package org.jvmm.cli.impl.spec;
