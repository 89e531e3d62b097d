/**
 * Guest RAM: one shared {@link java.lang.foreign.MemorySegment} (a mapping of a memfd or of a
 * file) and one narrow, bounds-checked access API by guest-physical address.
 *
 * <p>{@link org.jvmm.guestmem.GuestMemoryLayout} says which guest-physical ranges are RAM and
 * where each lives in the segment; {@link org.jvmm.guestmem.GuestMemory} owns the mapping and
 * never lets a guest address reach host memory outside it.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.jvmm.guestmem;
