/**
 * Native calls for guest RAM: {@code memfd_create} and {@code close} through the FFM API, with
 * errno captured and turned into an {@link java.io.IOException} naming the call.
 */
package org.jvmm.guestmem.impl.ffm;
