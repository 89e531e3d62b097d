package org.jvmm.shell.impl;

import java.util.List;
import java.util.stream.Collectors;
import org.jvmm.vmm.resource.ResolverInfo;

/** What {@code vm:resolvers} shows: one line per resolver, {@code kind:id -> bundle [id]}. */
public record ResolverTable(List<Row> rows) {
    public ResolverTable {
        rows = List.copyOf(rows);
    }

    /** One resolver; {@code conflicted} when another bundle claims the same {@code kind:id}. */
    public record Row(String key, String bundle, long bundleId, boolean conflicted) {
        static Row of(ResolverInfo info) {
            return new Row(info.key(), info.bundleSymbolicName(), info.bundleId(), info.conflicted());
        }

        String line(int width) {
            return String.format("%-" + width + "s -> %s [%d]%s", key, bundle, bundleId,
                    conflicted ? "  CONFLICT: another bundle claims " + key : "");
        }
    }

    static ResolverTable of(List<ResolverInfo> infos) {
        return new ResolverTable(infos.stream().map(Row::of).toList());
    }

    @Override
    public String toString() {
        if (rows.isEmpty()) {
            return "no resolvers registered";
        }
        int width = rows.stream().mapToInt(r -> r.key().length()).max().orElse(0);
        return rows.stream().map(r -> r.line(width)).collect(Collectors.joining("\n"));
    }
}
