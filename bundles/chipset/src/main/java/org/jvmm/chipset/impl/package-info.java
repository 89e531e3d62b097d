/**
 * The PC chipset devices. Each device lives in its own package with the same roles: a state
 * machine (registers and their side effects, no ports, no locking), a {@code *Device} that does the
 * I/O plumbing (port or MMIO decoding, access sizes, locking, polling, interrupt lines, inspect) and
 * a {@code *Resolver} DS component for its {@code chipset_device_handle} id.
 */
package org.jvmm.chipset.impl;
