/**
 * {@code disk_handle:layered} and {@code disk_layer_handle:disk}. A read walks the layers top
 * down, asking each one only for the sectors no layer above it had, and zeroes what is left; a
 * read-cache layer then gets the sectors it missed (from a bounce buffer, so the guest cannot
 * change them in between). A write, flush or unmap goes to the top layer and on through the
 * write-through layers. Layers are attached bottom-up so each can size itself from the one below.
 */
package org.jvmm.storage.disk.impl.layered;
