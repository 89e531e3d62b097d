package org.jvmm.storage.disk.resources;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * OpenVMM's command-line disk syntax ({@code openvmm_entry} {@code DiskCli}): {@code KIND[,FLAG...]}.
 *
 * <pre>
 * KIND:  PATH                               a raw file (a bare path, or a rooted one such as /a:b)
 *        file:PATH[;direct][;create=LEN]    a raw file; direct = O_DIRECT; create = new file of LEN
 *        mem:LEN                            a RAM disk
 *        memdiff:KIND                       a RAM diff layer over KIND (KIND opened read-only)
 *        sql:PATH[;create=LEN]              an SQLite disk (.dbhd)
 *        sqldiff:PATH[;create]:KIND         an SQLite diff layer over KIND (KIND opened read-only)
 *        autocache:[KEY]:KIND               an SQLite read cache in $OPENVMM_AUTO_CACHE_PATH/KEY
 *                                           (KEY empty: the disk id of KIND)
 *        crypt:xts-aes-256:KEYFILE:KIND     KIND encrypted with XTS-AES-256, 64-byte key file
 *        delay:MS:KIND                      KIND with MS milliseconds added to each request (jvmm)
 *        qcow2:PATH                         a qcow2 image, read-only (jvmm; put memdiff: over it to write)
 * FLAG:  ro | dvd | pcie_port=NAME | on=NAME | nsid=N | lun=N
 * LEN:   bytes with an optional K, M, G or T suffix (powers of 1024) and optional B: 1G, 512MB, 4096
 * </pre>
 * OpenVMM's {@code blob:} and {@code prwrap:} kinds and its OpenHCL flags ({@code vtl2},
 * {@code uh}, {@code uh-nvme}, {@code relay}) are recognised and refused. Every malformed spec
 * throws {@link IllegalArgumentException} with a one-line message naming the wrong part.
 */
public final class DiskSpecParser {
    /** The environment variable naming the {@code autocache:} directory (OpenVMM's name). */
    public static final String AUTO_CACHE_ENV = "OPENVMM_AUTO_CACHE_PATH";
    private static final Set<String> OPENHCL = Set.of("vtl2", "uh", "uh-nvme", "relay");

    private final DiskKinds kinds;

    /** A parser that reads {@link #AUTO_CACHE_ENV} from the process environment. */
    public DiskSpecParser() {
        this(System::getenv);
    }

    /** A parser that reads {@link #AUTO_CACHE_ENV} from {@code env}. */
    public DiskSpecParser(Map<String, String> env) {
        this(Map.copyOf(env)::get);
    }

    private DiskSpecParser(Function<String, String> env) {
        this.kinds = new DiskKinds(() -> env.apply(AUTO_CACHE_ENV));
    }

    /** Parses {@code KIND[,FLAG...]}. */
    public DiskSpec parse(String spec) {
        if (spec == null || spec.isEmpty()) {
            throw new IllegalArgumentException("empty disk spec");
        }
        String[] parts = spec.split(",", -1);
        Flags f = new Flags();
        for (int i = 1; i < parts.length; i++) {
            f.add(spec, parts[i]);
        }
        f.checkCombinations(spec);
        ResourceHandle disk = parseKind(parts[0], f.readOnly || f.dvd);
        return new DiskSpec(disk, f.readOnly || f.dvd, f.dvd, Optional.ofNullable(f.pciePort),
                Optional.ofNullable(f.controller), f.nsid, f.lun);
    }

    /** Parses the {@code KIND} part alone into a {@code disk_handle}, read-only or not. */
    public ResourceHandle parseKind(String kind, boolean readOnly) {
        if (kind == null || kind.isEmpty()) {
            throw new IllegalArgumentException("empty disk kind");
        }
        return kinds.diskHandle(kind, readOnly);
    }

    /** The flags after the kind. */
    private static final class Flags {
        final Set<String> seen = new HashSet<>();
        boolean readOnly;
        boolean dvd;
        String pciePort;
        String controller;
        OptionalLong nsid = OptionalLong.empty();
        OptionalInt lun = OptionalInt.empty();

        void add(String spec, String part) {
            int eq = part.indexOf('=');
            String key = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? null : part.substring(eq + 1);
            if (!seen.add(key)) {
                throw bad(spec, "option '" + key + "' given twice");
            }
            switch (key) {
                case "ro" -> readOnly = flag(spec, key, value);
                case "dvd" -> dvd = flag(spec, key, value);
                case "pcie_port" -> pciePort = value(spec, key, value);
                case "on" -> controller = value(spec, key, value);
                case "nsid" -> nsid = OptionalLong.of(number(spec, key, value, 1, 0xFFFF_FFFEL));
                case "lun" -> lun = OptionalInt.of((int) number(spec, key, value, 0, 255));
                default -> throw bad(spec, OPENHCL.contains(key)
                        ? "option '" + key + "' needs OpenHCL, which jvmm does not have"
                        : "unknown option '" + part + "' (expected ro, dvd, pcie_port=, on=, nsid= or lun=)");
            }
        }

        void checkCombinations(String spec) {
            if (pciePort != null && dvd) {
                throw bad(spec, "'pcie_port' is incompatible with 'dvd'");
            }
            if (controller != null && pciePort != null) {
                throw bad(spec, "'on' is incompatible with 'pcie_port'");
            }
            if (nsid.isPresent() && controller == null) {
                throw bad(spec, "'nsid' requires 'on'");
            }
            if (lun.isPresent() && controller == null) {
                throw bad(spec, "'lun' requires 'on'");
            }
            if (nsid.isPresent() && lun.isPresent()) {
                throw bad(spec, "'nsid' and 'lun' are mutually exclusive");
            }
        }

        private static boolean flag(String spec, String key, String value) {
            if (value != null) {
                throw bad(spec, "flag '" + key + "' takes no value");
            }
            return true;
        }

        private static String value(String spec, String key, String value) {
            if (value == null || value.isEmpty()) {
                throw bad(spec, "option '" + key + "' needs a value: " + key + "=NAME");
            }
            return value;
        }

        private static long number(String spec, String key, String value, long min, long max) {
            String v = value(spec, key, value);
            try {
                long n = v.startsWith("0x") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
                if (n < min || n > max) {
                    throw bad(spec, "'" + key + "' must be " + min + ".." + max + ", got " + v);
                }
                return n;
            } catch (NumberFormatException e) {
                throw bad(spec, "'" + key + "' is not a number: '" + v + "'");
            }
        }
    }

    static IllegalArgumentException bad(String spec, String what) {
        return new IllegalArgumentException("bad disk '" + spec + "': " + what);
    }
}
