/**
 * The program's entry in the framework: the {@code main.thread} callable that bnd's launcher
 * runs with the command line, and the launch of a VM through the VM worker, followed by the
 * interactive Gogo shell or, headless, a wait until the VM ends.
 */
package org.jvmm.cli.impl.launch;
