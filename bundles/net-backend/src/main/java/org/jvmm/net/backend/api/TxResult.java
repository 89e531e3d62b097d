package org.jvmm.net.backend.api;

/** What became of a transmitted frame. */
public enum TxResult {
    /** The endpoint took the frame and sent it on. */
    SENT,
    /** The endpoint took the frame and discarded it (no route, no room, a sink endpoint). */
    DROPPED,
    /** The frame's length is outside the Ethernet limits; nothing was sent. */
    INVALID,
    /** The queue is closed; nothing was sent. */
    CLOSED
}
