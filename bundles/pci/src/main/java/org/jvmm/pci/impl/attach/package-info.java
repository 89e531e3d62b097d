/**
 * What attached functions get: INTx lines wired-OR per GSI ({@code IntxRouter}), the I/O BAR
 * window ({@code IoWindow}), and per-function attachments that track their mappings so a detach
 * can undo them ({@code FunctionAttachment}).
 */
package org.jvmm.pci.impl.attach;
