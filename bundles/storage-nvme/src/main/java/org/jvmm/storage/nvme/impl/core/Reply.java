package org.jvmm.storage.nvme.impl.core;

/**
 * An admin command's data for the host, or the status it failed with.
 *
 * @param status {@code Status.SUCCESS} when {@code data} is to be transferred
 * @param data   what to copy into the command's PRPs
 */
record Reply(int status, byte[] data) {
    static Reply of(int status) {
        return new Reply(status, null);
    }
}
