package org.jvmm.storage.nvme.impl.core;

/**
 * A completion queue entry before its phase tag is known.
 *
 * @param dw0    command specific
 * @param sqid   the submission queue the command came from
 * @param sqhd   that queue's head when the entry was made
 * @param cid    the command identifier
 * @param status  the status (see {@code Status})
 * @param counted the command counts toward its queue's outstanding commands until this is written
 */
record Completion(int dw0, int sqid, int sqhd, int cid, int status, boolean counted) {
}
