package org.jvmm.net.backend.impl;

import java.util.ArrayDeque;

/** Received frames waiting for the frontend: a bounded FIFO that counts what it had to drop. Thread-safe. */
final class RxBacklog {
    /** What {@link #offer} did. */
    enum Offer {
        /** Queued behind other waiting frames. */
        QUEUED,
        /** Queued into an empty backlog: the frontend must be woken. */
        FIRST,
        /** The backlog was full: dropped. */
        DROPPED
    }

    private final int capacity;
    private final ArrayDeque<byte[]> frames = new ArrayDeque<>();
    private long queued;
    private long dropped;
    private long discarded;

    /** @throws IllegalArgumentException if {@code capacity < 1} */
    RxBacklog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("backlog capacity " + capacity + " < 1");
        }
        this.capacity = capacity;
    }

    synchronized Offer offer(byte[] frame) {
        if (frames.size() >= capacity) {
            dropped++;
            return Offer.DROPPED;
        }
        frames.addLast(frame);
        queued++;
        return frames.size() == 1 ? Offer.FIRST : Offer.QUEUED;
    }

    /** The oldest waiting frame, or null. */
    synchronized byte[] poll() {
        return frames.pollFirst();
    }

    /** Discards every waiting frame (the queue closed). */
    synchronized void clear() {
        discarded += frames.size();
        frames.clear();
    }

    synchronized int size() {
        return frames.size();
    }

    synchronized long dropped() {
        return dropped;
    }

    synchronized long queued() {
        return queued;
    }

    synchronized long discarded() {
        return discarded;
    }

    int capacity() {
        return capacity;
    }
}
