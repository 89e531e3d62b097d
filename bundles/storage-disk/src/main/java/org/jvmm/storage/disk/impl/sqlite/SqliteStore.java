package org.jvmm.storage.disk.impl.sqlite;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.jvmm.storage.disk.impl.ScatterGather;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/** The SQL side of an SQLite layer: one connection, one request at a time. */
final class SqliteStore implements AutoCloseable {
    private static final String CREATE_SECTORS = """
            CREATE TABLE sectors (
                -- a sector the layer holds; data NULL means all zeros, else exactly sector_size bytes
                sector INTEGER NOT NULL PRIMARY KEY,
                data   BLOB
            )""";
    private static final String CREATE_META = """
            CREATE TABLE meta (
                -- one row: {"logically_read_only":bool,"sector_count":int,"sector_size":int}
                metadata TEXT NOT NULL
            )""";

    private final Path path;
    private final Connection conn;
    private final SqliteMeta meta;
    private final boolean readOnly;
    private final ReentrantLock lock = new ReentrantLock();

    private SqliteStore(Path path, Connection conn, SqliteMeta meta, boolean readOnly) {
        this.path = path;
        this.conn = conn;
        this.meta = meta;
        this.readOnly = readOnly;
    }

    /** Creates a new layer file; it must not exist. */
    static SqliteStore create(Path path, SqliteMeta meta) throws IOException {
        if (Files.exists(path)) {
            throw new IOException("cannot create SQLite disk " + path + ": the file already exists");
        }
        Connection c = connect(path, false, true);
        try (Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute(CREATE_SECTORS);
            st.execute(CREATE_META);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO meta VALUES (json(?))")) {
                ps.setString(1, meta.toJson());
                ps.executeUpdate();
            }
            c.commit();
            c.setAutoCommit(true);
            st.execute("PRAGMA wal_checkpoint(FULL)");
            return new SqliteStore(path, c, meta, false);
        } catch (SQLException e) {
            closeQuietly(c, e);
            throw io(path, "create", e);
        }
    }

    /** Opens an existing layer file. */
    static SqliteStore open(Path path, boolean readOnly) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IOException("cannot open SQLite disk " + path + ": file not found");
        }
        Connection c = connect(path, readOnly, false);
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT json_extract(metadata, '$.logically_read_only'),"
                     + " json_extract(metadata, '$.sector_count'), json_extract(metadata, '$.sector_size') FROM meta")) {
            if (!rs.next()) {
                throw new SQLException("the meta table is empty");
            }
            SqliteMeta meta = new SqliteMeta(rs.getBoolean(1), rs.getLong(2), rs.getInt(3));
            if (meta.sectorSize() <= 0 || Integer.bitCount(meta.sectorSize()) != 1 || meta.sectorCount() < 0) {
                throw new SQLException("bad metadata " + meta);
            }
            return new SqliteStore(path, c, meta, readOnly);
        } catch (SQLException e) {
            closeQuietly(c, e);
            throw io(path, "open", e);
        }
    }

    private static Connection connect(Path path, boolean readOnly, boolean create) throws IOException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(10_000);
        if (readOnly) {
            config.setReadOnly(true);
        } else {
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        }
        if (!create) {
            config.resetOpenMode(SQLiteOpenMode.CREATE);
        }
        try {
            return config.createConnection("jdbc:sqlite:" + path.toAbsolutePath());
        } catch (SQLException e) {
            throw io(path, "open", e);
        }
    }

    SqliteMeta meta() {
        return meta;
    }

    boolean readOnly() {
        return readOnly;
    }

    Path path() {
        return path;
    }

    /** Fills the sectors the layer holds in {@code [sector, sector + count)} and marks them. */
    void read(long sector, long count, List<MemorySegment> buffers, BitSet present) throws IOException {
        int ss = meta.sectorSize();
        locked("read", () -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT sector, data FROM sectors WHERE sector >= ? AND sector < ? ORDER BY sector")) {
                ps.setLong(1, sector);
                ps.setLong(2, sector + count);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long s = rs.getLong(1);
                        byte[] data = rs.getBytes(2);
                        long at = (s - sector) * ss;
                        if (data == null) {
                            ScatterGather.zero(buffers, at, ss);
                        } else if (data.length != ss) {
                            throw new SQLException("sector " + s + " has " + data.length + " bytes, not " + ss);
                        } else {
                            ScatterGather.scatter(MemorySegment.ofArray(data), 0, buffers, at, ss);
                        }
                        present.set((int) (s - sector));
                    }
                }
            }
        });
    }

    /** Stores the sectors of {@code buffers} at {@code sector}; without {@code overwrite} held sectors are kept. */
    void write(long sector, List<MemorySegment> buffers, boolean overwrite) throws IOException {
        int ss = meta.sectorSize();
        long count = ScatterGather.totalBytes(buffers) / ss;
        String sql = (overwrite ? "INSERT OR REPLACE" : "INSERT OR IGNORE") + " INTO sectors (sector, data) VALUES (?, ?)";
        locked("write", () -> transaction(() -> {
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                for (long i = 0; i < count; i++) {
                    byte[] data = new byte[ss]; // the batch keeps a reference to each array
                    ScatterGather.gather(buffers, i * ss, MemorySegment.ofArray(data), 0, ss);
                    ps.setLong(1, sector + i);
                    if (allZero(data)) {
                        ps.setNull(2, java.sql.Types.BLOB);
                    } else {
                        ps.setBytes(2, data);
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }));
    }

    /** Unmaps: forget the rows when the lower layers read as zero there, else store zero sectors. */
    void unmap(long sector, long count, boolean lowerIsZero) throws IOException {
        locked("unmap", () -> transaction(() -> {
            if (lowerIsZero) {
                try (PreparedStatement ps = conn.prepareStatement("DELETE FROM sectors WHERE sector >= ? AND sector < ?")) {
                    ps.setLong(1, sector);
                    ps.setLong(2, sector + count);
                    ps.executeUpdate();
                }
                return;
            }
            try (PreparedStatement ps = conn.prepareStatement("INSERT OR REPLACE INTO sectors (sector, data) VALUES (?, NULL)")) {
                for (long i = 0; i < count; i++) {
                    ps.setLong(1, sector + i);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }));
    }

    /** Makes every committed transaction durable: syncs the WAL and copies it into the database file. */
    void checkpoint() throws IOException {
        if (readOnly) {
            return;
        }
        locked("flush", () -> {
            try (Statement st = conn.createStatement()) {
                st.execute("PRAGMA wal_checkpoint(FULL)");
            }
        });
    }

    /** The number of sectors the layer holds. */
    long rowCount() throws IOException {
        long[] n = new long[1];
        locked("count", () -> {
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM sectors")) {
                n[0] = rs.next() ? rs.getLong(1) : 0;
            }
        });
        return n[0];
    }

    @FunctionalInterface
    private interface SqlAction {
        void run() throws SQLException;
    }

    private void locked(String what, SqlAction action) throws IOException {
        lock.lock();
        try {
            action.run();
        } catch (SQLException e) {
            throw io(path, what, e);
        } finally {
            lock.unlock();
        }
    }

    private void transaction(SqlAction action) throws SQLException {
        conn.setAutoCommit(false);
        try {
            action.run();
            conn.commit();
        } catch (SQLException | RuntimeException e) {
            conn.rollback();
            throw e;
        } finally {
            conn.setAutoCommit(true);
        }
    }

    private static boolean allZero(byte[] data) {
        for (byte b : data) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static IOException io(Path path, String what, SQLException e) {
        return new IOException("SQLite disk " + path + ": " + what + " failed: " + e.getMessage(), e);
    }

    private static void closeQuietly(Connection c, Exception cause) {
        try {
            c.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            conn.close();
        } catch (SQLException e) {
            throw io(path, "close", e);
        } finally {
            lock.unlock();
        }
    }
}
