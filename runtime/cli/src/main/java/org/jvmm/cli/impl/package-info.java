/**
 * The jvmm command line (private). {@link org.jvmm.cli.impl.CliMain} parses the arguments with
 * picocli ({@code options}: OpenVMM's full option set, one mixin per help section, each option
 * with a rule saying how its value is checked and whether it is implemented), checks every value
 * with the parsers in {@code spec} (pure functions, OpenVMM's syntax), builds the
 * {@link org.jvmm.vm.config.VmConfig} ({@link org.jvmm.cli.impl.ConfigBuilder}, pure, optionally
 * on top of a {@code --config} file) and then prints it or hands it to a
 * {@link org.jvmm.cli.impl.Launcher}. In the framework, {@code launch} holds the bnd launcher's
 * main-thread component and the launch itself; {@code log} owns java.util.logging (what
 * {@code System.Logger} uses): levels from {@code JVMM_LOG}, one handler to stderr or
 * {@code --log-file}, with OSGi Log Service entries forwarded into it.
 */
package org.jvmm.cli.impl;
