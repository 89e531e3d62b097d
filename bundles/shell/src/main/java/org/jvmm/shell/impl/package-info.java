/**
 * Gogo commands in the {@code vm} scope. {@link org.jvmm.shell.impl.VmCommands} holds most of them;
 * they all act on "the current VM" that {@link org.jvmm.shell.impl.CurrentVm} holds: the
 * {@code VmControl} service the worker registers for each launched VM (bound dynamically, so
 * commands say "no VM is running" when there is none).
 * Gogo finds a command's method by its name, so the hyphenated names {@code read-memory} and
 * {@code write-memory} are small {@code Function} services that call the same methods
 * ({@code vm:readmemory} and {@code vm:writememory} also work and carry the help text).
 * Commands return objects whose {@code toString} is the display form.
 */
package org.jvmm.shell.impl;
