/**
 * The picocli model of the command line: {@link org.jvmm.cli.impl.options.CliOptions} and its
 * mixins (one per help section), the {@link org.jvmm.cli.impl.options.OptionRule} table that says
 * which options are implemented, the validator that applies it, grouped help, and the mapping of
 * picocli's errors to one-line {@link org.jvmm.cli.impl.options.CliException}s.
 */
package org.jvmm.cli.impl.options;
