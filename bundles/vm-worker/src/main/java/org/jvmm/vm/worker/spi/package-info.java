/**
 * The boot loader SPI: a {@code load_mode} resolver ({@code load_mode:linux},
 * {@code load_mode:uefi}) returns a {@link org.jvmm.vm.worker.spi.BootLoader}, which the worker
 * calls after every device is in place, and again after each VM reset.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.jvmm.vm.worker.spi;
