/**
 * The endpoints of this bundle and their resolvers. {@code null} counts and drops what is sent.
 * {@code loopback} copies each sent frame into a bounded {@link org.jvmm.net.backend.impl.RxBacklog} of
 * the same queue and wakes the frontend (on the transmitting thread, outside the endpoint's locks), so a
 * frame sent comes back as a frame received; frames the guest has no buffers for wait there, and what
 * exceeds the backlog is dropped and counted.
 */
package org.jvmm.net.backend.impl;
