/**
 * Logging: one path for every bundle. Code logs through {@code System.getLogger(name)} (JDK
 * platform logging, backed by java.util.logging); {@link org.jvmm.cli.impl.log.LogSetup} sets
 * JUL's levels from {@code JVMM_LOG}, installs the one handler, which writes
 * {@code ts LEVEL logger: message} lines to stderr or {@code --log-file}, never to stdout (the
 * guest console), and forwards the OSGi Log Service's entries into JUL.
 */
package org.jvmm.cli.impl.log;
