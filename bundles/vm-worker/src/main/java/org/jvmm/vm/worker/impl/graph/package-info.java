/**
 * Resolving a config's device graph in a fixed order: serial ports and chipset devices (added
 * to the chipset bus), then PCI devices, virtio devices, disks and NICs. Kinds whose attachment
 * does not exist yet are resolved (so a missing bundle is named) and then refused with a clear
 * "not implemented yet".
 */
package org.jvmm.vm.worker.impl.graph;
