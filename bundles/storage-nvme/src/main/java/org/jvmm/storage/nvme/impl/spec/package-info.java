/**
 * NVMe 2.0 definitions the controller needs: status codes ({@link org.jvmm.storage.nvme.impl.spec.Status}),
 * opcodes, the submission queue entry ({@link org.jvmm.storage.nvme.impl.spec.Command}) and the
 * controller's fixed capabilities ({@link org.jvmm.storage.nvme.impl.spec.Limits}).
 */
package org.jvmm.storage.nvme.impl.spec;
