/**
 * {@code disk_layer_handle:sqlite} and {@code :sqlite-autocache}: a sparse layer in an SQLite
 * database through sqlite-jdbc (used as a bundle; the driver is instantiated directly, not found
 * through {@code DriverManager}, which does not see bundle class loaders).
 *
 * <h2>Schema (a {@code .dbhd} file)</h2>
 * <pre>
 * CREATE TABLE sectors (
 *     sector INTEGER NOT NULL PRIMARY KEY,  -- sector number
 *     data   BLOB                           -- NULL: an all-zero sector; else exactly sector_size bytes
 * );
 * CREATE TABLE meta (
 *     metadata TEXT NOT NULL                -- one row, JSON:
 * );                                        -- {"logically_read_only":false,"sector_count":N,"sector_size":512}
 * </pre>
 * A sector is present in the layer when it has a row. The same two tables and JSON keys as
 * OpenVMM's {@code disklayer_sqlite}. The database runs in WAL mode with
 * {@code synchronous=NORMAL}: each request is one transaction (durable against a killed process
 * once it completes); a flush or FUA write also checkpoints the WAL ({@code wal_checkpoint(FULL)},
 * which syncs it and the database file), so flushed data survives power loss as well.
 * One connection per layer, used by one request at a time.
 */
package org.jvmm.storage.disk.impl.sqlite;
