package org.jvmm.storage.disk.resources;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * The {@code KIND} part of a disk spec, turned into handles the way OpenVMM's {@code disk_open}
 * does: kinds that are layers ({@code mem}, {@code memdiff}, {@code sql}, {@code sqldiff},
 * {@code autocache}, {@code qcow2}) collect into one layered disk; a kind that is a whole disk
 * ({@code file}, {@code crypt}, {@code delay}) is that disk, or the bottom layer under layers.
 */
final class DiskKinds {
    private final Supplier<String> autoCachePath;

    DiskKinds(Supplier<String> autoCachePath) {
        this.autoCachePath = autoCachePath;
    }

    /** The {@code disk_handle} for {@code kind}. */
    ResourceHandle diskHandle(String kind, boolean readOnly) {
        List<DiskLayerDescription> layers = new ArrayList<>();
        ResourceHandle bottom = collect(kind, readOnly, layers);
        if (bottom != null && layers.isEmpty()) {
            return bottom;
        }
        if (bottom != null) {
            layers.add(DiskLayerDescription.of(new DiskLayerHandle(bottom)));
        }
        return make(kind, () -> new LayeredDiskHandle(layers, readOnly));
    }

    /** Adds the layers of {@code kind} to {@code layers}; returns the whole disk at the bottom, if any. */
    private ResourceHandle collect(String kind, boolean readOnly, List<DiskLayerDescription> layers) {
        int colon = kind.indexOf(':');
        if (colon < 0) {
            return file(kind, kind, readOnly);
        }
        String k = kind.substring(0, colon);
        String arg = kind.substring(colon + 1);
        switch (k) {
            case "file":
                return file(kind, arg, readOnly);
            case "mem":
                layers.add(layer(kind, () -> RamLayerHandle.of(size(kind, arg))));
                return null;
            case "memdiff":
                layers.add(DiskLayerDescription.of(RamLayerHandle.diff()));
                return collect(sub(kind, arg, "DISK"), true, layers);
            case "sql":
                return sql(kind, arg, layers);
            case "sqldiff":
                return sqlDiff(kind, arg, layers);
            case "autocache":
                return autoCache(kind, arg, readOnly, layers);
            case "crypt":
                return crypt(kind, arg, readOnly);
            case "delay":
                return delay(kind, arg, readOnly);
            case "qcow2":
                layers.add(layer(kind, () -> new Qcow2LayerHandle(arg)));
                return null;
            case "blob":
                throw bad(kind, "'blob' (HTTP) disks are not supported by jvmm yet");
            case "prwrap":
                throw bad(kind, "'prwrap' (SCSI persistent reservations) is not supported by jvmm");
            default:
                if (rooted(kind)) {
                    return file(kind, kind, readOnly);
                }
                throw bad(kind, "unknown disk kind '" + k + "' (expected file, mem, memdiff, sql, sqldiff,"
                        + " autocache, crypt, delay or qcow2)");
        }
    }

    private ResourceHandle file(String kind, String arg, boolean readOnly) {
        FileOptions o = FileOptions.parse(kind, arg);
        if (o.path().isEmpty()) {
            throw bad(kind, "missing file path");
        }
        return make(kind, () -> new FileDiskHandle(o.path(), readOnly, o.create(), o.direct(), 0));
    }

    private ResourceHandle sql(String kind, String arg, List<DiskLayerDescription> layers) {
        FileOptions o = FileOptions.parse(kind, arg);
        if (o.direct()) {
            throw bad(kind, "'direct' is not supported for 'sql' disks");
        }
        if (o.path().isEmpty()) {
            throw bad(kind, "missing SQLite file path");
        }
        layers.add(layer(kind, () -> new SqliteLayerHandle(o.path(),
                o.create() == null ? null : new SqliteFormat(false, o.create(), 0))));
        return null;
    }

    private ResourceHandle sqlDiff(String kind, String arg, List<DiskLayerDescription> layers) {
        int colon = arg.indexOf(':');
        if (colon < 0) {
            throw bad(kind, "expected sqldiff:PATH[;create]:DISK");
        }
        String pathAndOpts = arg.substring(0, colon);
        int semi = pathAndOpts.indexOf(';');
        String path = semi < 0 ? pathAndOpts : pathAndOpts.substring(0, semi);
        if (semi >= 0 && !pathAndOpts.substring(semi + 1).equals("create")) {
            throw bad(kind, "invalid option '" + pathAndOpts.substring(semi + 1) + "' after ';', expected 'create'");
        }
        if (path.isEmpty()) {
            throw bad(kind, "missing SQLite file path");
        }
        layers.add(layer(kind, () -> new SqliteLayerHandle(path, semi < 0 ? null : new SqliteFormat(false, null, 0))));
        return collect(sub(kind, arg.substring(colon + 1), "DISK"), true, layers);
    }

    private ResourceHandle autoCache(String kind, String arg, boolean readOnly, List<DiskLayerDescription> layers) {
        int colon = arg.indexOf(':');
        if (colon < 0) {
            throw bad(kind, "expected autocache:[KEY]:DISK");
        }
        String cache = autoCachePath.get();
        if (cache == null || cache.isEmpty()) {
            throw bad(kind, "autocache needs the cache directory in " + DiskSpecParser.AUTO_CACHE_ENV);
        }
        String key = arg.substring(0, colon);
        ResourceHandle cacheLayer = make(kind, () -> new SqliteAutoCacheLayerHandle(cache, key.isEmpty() ? null : key));
        layers.add(new DiskLayerDescription(cacheLayer, true, false));
        return collect(sub(kind, arg.substring(colon + 1), "DISK"), readOnly, layers);
    }

    private ResourceHandle crypt(String kind, String arg, boolean readOnly) {
        String[] p = arg.split(":", 3);
        if (p.length < 3) {
            throw bad(kind, "expected crypt:CIPHER:KEYFILE:DISK");
        }
        if (!p[0].equals(CryptDiskHandle.XTS_AES_256)) {
            throw bad(kind, "invalid cipher '" + p[0] + "' (expected " + CryptDiskHandle.XTS_AES_256 + ")");
        }
        if (p[1].isEmpty()) {
            throw bad(kind, "missing key file");
        }
        ResourceHandle inner = diskHandle(sub(kind, p[2], "DISK"), readOnly);
        return make(kind, () -> new CryptDiskHandle(inner, p[0], p[1]));
    }

    private ResourceHandle delay(String kind, String arg, boolean readOnly) {
        int colon = arg.indexOf(':');
        if (colon < 0) {
            throw bad(kind, "expected delay:MS:DISK");
        }
        String ms = arg.substring(0, colon);
        long millis;
        try {
            millis = Long.parseLong(ms);
        } catch (NumberFormatException e) {
            throw bad(kind, "invalid delay '" + ms + "' (milliseconds)");
        }
        ResourceHandle inner = diskHandle(sub(kind, arg.substring(colon + 1), "DISK"), readOnly);
        return make(kind, () -> new DelayDiskHandle(inner, millis));
    }

    private static String sub(String kind, String inner, String what) {
        if (inner.isEmpty()) {
            throw bad(kind, "missing " + what);
        }
        return inner;
    }

    private static boolean rooted(String path) {
        try {
            return Path.of(path).getRoot() != null;
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** OpenVMM's {@code parse_memory}: digits, an optional K/M/G/T (powers of 1024), an optional B. */
    static long size(String kind, String s) {
        String digits = s.endsWith("B") ? s.substring(0, s.length() - 1) : s;
        long unit = 1;
        if (!digits.isEmpty()) {
            unit = switch (digits.charAt(digits.length() - 1)) {
                case 'K' -> 1L << 10;
                case 'M' -> 1L << 20;
                case 'G' -> 1L << 30;
                case 'T' -> 1L << 40;
                default -> 1;
            };
            digits = unit == 1 ? digits : digits.substring(0, digits.length() - 1);
        }
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw bad(kind, "invalid size '" + s + "'");
        }
        try {
            return Math.multiplyExact(Long.parseLong(digits), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw bad(kind, "size '" + s + "' is too large");
        }
    }

    private static DiskLayerDescription layer(String kind, Supplier<ResourceHandle> handle) {
        return DiskLayerDescription.of(make(kind, handle));
    }

    /** Builds a handle; its own argument checks become parse errors naming the spec part. */
    private static <T> T make(String kind, Supplier<T> handle) {
        try {
            return handle.get();
        } catch (IllegalArgumentException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(PREFIX) ? e : bad(kind, e.getMessage());
        }
    }

    private static final String PREFIX = "bad disk kind '";

    private static IllegalArgumentException bad(String kind, String what) {
        return new IllegalArgumentException(PREFIX + kind + "': " + what);
    }

    /** {@code PATH[;direct][;create=LEN]}. */
    private record FileOptions(String path, Long create, boolean direct) {
        static FileOptions parse(String kind, String arg) {
            int semi = arg.indexOf(';');
            if (semi < 0) {
                return new FileOptions(arg, null, false);
            }
            Long create = null;
            boolean direct = false;
            for (String opt : arg.substring(semi + 1).split(";", -1)) {
                if (opt.startsWith("create=")) {
                    create = size(kind, opt.substring("create=".length()));
                } else if (opt.equals("direct")) {
                    direct = true;
                } else {
                    throw bad(kind, "invalid file option '" + opt + "', expected 'create=LEN' or 'direct'");
                }
            }
            return new FileOptions(arg.substring(0, semi), create, direct);
        }
    }
}
