/**
 * {@code disk_layer_handle:qcow2}: read-only qcow2 (versions 2 and 3). The header is checked
 * when the layer is attached: encryption, an external data file, extended L2 entries, zstd
 * compression, the corrupt bit and unknown incompatible features are refused with a message that
 * names them. The L1 table is read then; L2 tables are read on demand and kept in a small LRU
 * cache. A cluster is present when its L2 entry points at data, is a deflate-compressed cluster,
 * or (v3) has the zero flag; unallocated clusters fall through to the layer below. An image with
 * a backing file needs that file as the layer below. Snapshots are ignored (the active L1 is read).
 */
package org.jvmm.storage.disk.impl.qcow2;
