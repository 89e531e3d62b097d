package org.jvmm.cli.impl.spec;

import java.util.Optional;
import java.util.OptionalLong;

/** The backing of a disk as OpenVMM's {@code DiskCliKind} spells it ({@code kind:arg}). */
public sealed interface DiskKindSpec {
    /** {@code mem:<len>}: a RAM disk. */
    record Memory(long length) implements DiskKindSpec {
    }

    /** {@code memdiff:<disk>}: a RAM diff layer over {@code lower}. */
    record MemoryDiff(DiskKindSpec lower) implements DiskKindSpec {
    }

    /** {@code file:<path>[;direct][;create=<len>]}, or a bare path. */
    record File(String path, OptionalLong createLength, boolean direct) implements DiskKindSpec {
    }

    /** {@code sql:<path>[;create=<len>]}. */
    record Sqlite(String path, OptionalLong createLength) implements DiskKindSpec {
    }

    /** {@code sqldiff:<path>[;create]:<disk>}. */
    record SqliteDiff(String path, boolean create, DiskKindSpec lower) implements DiskKindSpec {
    }

    /** {@code autocache:[key]:<disk>}, with the cache directory from the environment. */
    record AutoCache(String cachePath, Optional<String> key, DiskKindSpec lower) implements DiskKindSpec {
    }

    /** {@code prwrap:<disk>}: SCSI persistent reservations emulated over {@code inner}. */
    record PersistentReservations(DiskKindSpec inner) implements DiskKindSpec {
    }

    /** {@code blob:<flat|vhd1>:<url>}: a read-only HTTP blob. */
    record Blob(String format, String url) implements DiskKindSpec {
    }

    /** {@code crypt:<cipher>:<key_file>:<disk>}. */
    record Crypt(String cipher, String keyFile, DiskKindSpec inner) implements DiskKindSpec {
    }
}
