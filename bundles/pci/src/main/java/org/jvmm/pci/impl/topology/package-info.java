/**
 * Functions as config cycles see them: the host bridge, type-1 bridges (root ports, switch
 * ports) with their PCIe capability and hot-plug slot, and attached endpoints; buses, decoding
 * of device 0 only on links. Guarded by the root complex's lock.
 */
package org.jvmm.pci.impl.topology;
