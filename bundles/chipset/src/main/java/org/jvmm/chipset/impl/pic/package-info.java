/**
 * 8259A PIC pair: {@code Pic8259} (one chip), {@code DualPic} (cascade, INTA, spurious IRQ 7/15),
 * {@code PicDevice} (ports 0x20/0xA0/0x4D0, the {@code InterruptController}) and its resolver.
 */
package org.jvmm.chipset.impl.pic;
