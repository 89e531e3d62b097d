package org.jvmm.cli.impl.spec;

import java.util.Optional;

/** Parses {@code --memory}, {@code --numa} and {@code --numa-distance}. */
public final class MemorySpecParser {
    private static final String[] FLAGS = {"shared", "prefetch", "thp", "hugepages"};
    private static final KeyValueSpec MEMORY = KeyValueSpec.options().flags(FLAGS)
            .values("size", "hugepage_size", "file");
    private static final KeyValueSpec NUMA = KeyValueSpec.options().flags(FLAGS)
            .values("hugepage_size", "host_numa_node", "vps").required("size");

    private MemorySpecParser() {
    }

    /** {@code SIZE} (no {@code =} and no {@code ,}) or the key=value form. */
    public static MemorySpec parse(String s) throws SpecException {
        if (s.indexOf('=') < 0 && s.indexOf(',') < 0) {
            return MemorySpec.ofSize(SizeParser.parse(s));
        }
        KeyValues kv = MEMORY.parse(s);
        MemorySpec m = new MemorySpec(kv.size("size"), kv.toggle("shared"), kv.flag("prefetch"),
                kv.toggle("thp"), kv.flag("hugepages"), kv.size("hugepage_size"), kv.value("file"));
        validate(m);
        return m;
    }

    /** {@code size=SIZE[,shared][,prefetch][,thp][,hugepages][,hugepage_size=][,host_numa_node=N][,vps=[..]]}. */
    public static void parseNumaNode(String s) throws SpecException {
        KeyValues kv = NUMA.parse(s);
        kv.unsigned("host_numa_node", Numbers.U32_MAX);
        kv.value("vps", MemorySpecParser::rangeList);
        MemorySpec m = new MemorySpec(kv.size("size"), kv.toggle("shared"), kv.flag("prefetch"),
                kv.toggle("thp"), kv.flag("hugepages"), kv.size("hugepage_size"), Optional.empty());
        validate(m);
    }

    /** {@code SRC:DST:DISTANCE}, distance 10-255. */
    public static void parseNumaDistance(String s) throws SpecException {
        String[] p = s.split(":", -1);
        if (p.length != 3) {
            throw new SpecException("expected SRC:DST:DISTANCE format, got '" + s + "'");
        }
        Numbers.unsigned(p[0], Numbers.U32_MAX, "source node");
        Numbers.unsigned(p[1], Numbers.U32_MAX, "destination node");
        long distance = Numbers.unsigned(p[2], Numbers.U8_MAX, "distance");
        if (distance < 10) {
            throw new SpecException("distance must be >= 10 (10 = local), got " + distance);
        }
    }

    /** {@code [0,1,4-5]}: bracketed indices and inclusive ranges; {@code []} is empty. */
    static String rangeList(String s) throws SpecException {
        if (!s.startsWith("[") || !s.endsWith("]")) {
            throw new SpecException("expected bracket syntax like [a,b,c], got '" + s + "'");
        }
        String inner = s.substring(1, s.length() - 1);
        if (inner.isEmpty()) {
            return s;
        }
        for (String item : inner.split(",", -1)) {
            String[] range = item.trim().split("-", -1);
            if (range.length > 2) {
                throw new SpecException("invalid list item '" + item + "'");
            }
            long lo = Numbers.unsigned(range[0].trim(), Numbers.U32_MAX, "range bound");
            long hi = range.length == 2 ? Numbers.unsigned(range[1].trim(), Numbers.U32_MAX, "range bound") : lo;
            if (lo > hi) {
                throw new SpecException("invalid range " + lo + "-" + hi);
            }
        }
        return s;
    }

    private static void validate(MemorySpec m) throws SpecException {
        if (m.hugepageSize().isPresent() && !m.hugepages()) {
            throw new SpecException("hugepage_size requires hugepages=on");
        }
        if (m.hugepages() && m.shared().equals(Optional.of(false))) {
            throw new SpecException("hugepages=on conflicts with shared=off");
        }
        if (m.hugepages() && m.file().isPresent()) {
            throw new SpecException("hugepages=on conflicts with file=...");
        }
    }
}
