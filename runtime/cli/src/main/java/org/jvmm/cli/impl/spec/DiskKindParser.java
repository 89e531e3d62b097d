package org.jvmm.cli.impl.spec;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Parses {@link DiskKindSpec} the way OpenVMM's {@code DiskCliKind::from_str} does. */
public final class DiskKindParser {
    /** The environment variable naming the {@code autocache:} directory (OpenVMM's name). */
    public static final String AUTO_CACHE_ENV = "OPENVMM_AUTO_CACHE_PATH";

    private final Map<String, String> env;

    /** {@code env} supplies {@link #AUTO_CACHE_ENV}. */
    public DiskKindParser(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public DiskKindSpec parse(String s) throws SpecException {
        int colon = s.indexOf(':');
        if (colon < 0) {
            return file(s);
        }
        String kind = s.substring(0, colon);
        String arg = s.substring(colon + 1);
        return switch (kind) {
            case "mem" -> new DiskKindSpec.Memory(SizeParser.parseDiskLength(arg));
            case "memdiff" -> new DiskKindSpec.MemoryDiff(parse(arg));
            case "file" -> file(arg);
            case "sql" -> sqlite(arg);
            case "sqldiff" -> sqliteDiff(arg);
            case "autocache" -> autoCache(arg);
            case "prwrap" -> new DiskKindSpec.PersistentReservations(parse(arg));
            case "blob" -> blob(arg);
            case "crypt" -> crypt(arg);
            default -> rootedPath(kind, s);
        };
    }

    private DiskKindSpec.File file(String arg) throws SpecException {
        FileOpts o = FileOpts.parse(arg);
        if (o.path.isEmpty()) {
            throw new SpecException("missing file path");
        }
        return new DiskKindSpec.File(o.path, o.create, o.direct);
    }

    private DiskKindSpec sqlite(String arg) throws SpecException {
        FileOpts o = FileOpts.parse(arg);
        if (o.direct) {
            throw new SpecException("'direct' is not supported for 'sql' disks");
        }
        return new DiskKindSpec.Sqlite(o.path, o.create);
    }

    private DiskKindSpec sqliteDiff(String arg) throws SpecException {
        int colon = arg.indexOf(':');
        if (colon < 0) {
            throw new SpecException("expected path[;opts]:kind");
        }
        String pathAndOpts = arg.substring(0, colon);
        DiskKindSpec lower = parse(arg.substring(colon + 1));
        int semi = pathAndOpts.indexOf(';');
        if (semi < 0) {
            return new DiskKindSpec.SqliteDiff(pathAndOpts, false, lower);
        }
        if (!pathAndOpts.substring(semi + 1).equals("create")) {
            throw new SpecException("invalid syntax after ';', expected 'create'");
        }
        return new DiskKindSpec.SqliteDiff(pathAndOpts.substring(0, semi), true, lower);
    }

    private DiskKindSpec autoCache(String arg) throws SpecException {
        int colon = arg.indexOf(':');
        if (colon < 0) {
            throw new SpecException("expected [key]:kind");
        }
        String cache = env.get(AUTO_CACHE_ENV);
        if (cache == null) {
            throw new SpecException("must set cache path via " + AUTO_CACHE_ENV);
        }
        String key = arg.substring(0, colon);
        return new DiskKindSpec.AutoCache(cache, key.isEmpty() ? Optional.empty() : Optional.of(key),
                parse(arg.substring(colon + 1)));
    }

    private static DiskKindSpec blob(String arg) throws SpecException {
        int colon = arg.indexOf(':');
        if (colon < 0) {
            throw new SpecException("expected kind:url");
        }
        String format = arg.substring(0, colon);
        if (!format.equals("flat") && !format.equals("vhd1")) {
            throw new SpecException("unknown blob kind " + format);
        }
        return new DiskKindSpec.Blob(format, arg.substring(colon + 1));
    }

    private DiskKindSpec crypt(String arg) throws SpecException {
        String[] p = arg.split(":", 3);
        if (p.length < 3) {
            throw new SpecException("expected cipher:key_file:kind");
        }
        if (!p[0].equals("xts-aes-256")) {
            throw new SpecException("invalid cipher: '" + p[0] + "' (expected xts-aes-256)");
        }
        return new DiskKindSpec.Crypt(p[0], p[1], parse(p[2]));
    }

    /** An unknown {@code kind:} is still a file when the whole thing is a rooted path ({@code d:\x}). */
    private DiskKindSpec rootedPath(String kind, String whole) throws SpecException {
        DiskKindSpec.File f = file(whole);
        if (hasRoot(f.path())) {
            return f;
        }
        throw new SpecException("invalid disk kind " + kind);
    }

    private static boolean hasRoot(String path) {
        try {
            return Path.of(path).getRoot() != null;
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** {@code <path>[;direct][;create=<len>]}. */
    private record FileOpts(String path, OptionalLong create, boolean direct) {
        static FileOpts parse(String arg) throws SpecException {
            int semi = arg.indexOf(';');
            if (semi < 0) {
                return new FileOpts(arg, OptionalLong.empty(), false);
            }
            OptionalLong create = OptionalLong.empty();
            boolean direct = false;
            for (String opt : arg.substring(semi + 1).split(";", -1)) {
                if (opt.startsWith("create=")) {
                    create = OptionalLong.of(SizeParser.parseDiskLength(opt.substring("create=".length())));
                } else if (opt.equals("direct")) {
                    direct = true;
                } else {
                    throw new SpecException("invalid file option '" + opt + "', expected 'create=<len>' or 'direct'");
                }
            }
            return new FileOpts(arg.substring(0, semi), create, direct);
        }
    }
}
