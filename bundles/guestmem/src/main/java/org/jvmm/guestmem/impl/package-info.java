/**
 * How guest RAM is backed: a memfd mapped shared (Linux), a named file mapped shared, or, where
 * memfd does not exist, shared-arena memory. Each backing owns its arena and, for memfd, the fd;
 * closing it unmaps the RAM and closes the fd.
 */
package org.jvmm.guestmem.impl;
