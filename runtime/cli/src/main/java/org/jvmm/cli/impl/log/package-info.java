/**
 * Logging: levels from {@code JVMM_LOG} applied through the Log Service's LoggerAdmin, and a
 * LogListener that writes {@code ts LEVEL logger: message} lines to stderr or {@code --log-file},
 * never to stdout (the guest console).
 */
package org.jvmm.cli.impl.log;
