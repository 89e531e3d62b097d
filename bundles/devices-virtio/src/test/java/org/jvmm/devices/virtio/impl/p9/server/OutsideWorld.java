package org.jvmm.devices.virtio.impl.p9.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A temporary directory holding an export root and, beside it, an "outside" tree with a secret that
 * symlinks in the root point at; remembers the outside's state so a test can prove nothing there (or in
 * /etc, where other links point) was touched.
 */
public final class OutsideWorld {
    public static final String SECRET = "TOP SECRET\n";
    /** Names the tests try to create through links; none may ever exist in /etc. */
    public static final List<String> PWNED = List.of("pwned", "jvmm-p9-pwned");

    public final Path tmp;
    public final Path root;
    public final Path outside;
    private final Map<String, String> before;

    public OutsideWorld(Path tmp) throws IOException {
        this.tmp = tmp;
        outside = Files.createDirectory(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), SECRET);
        Files.createDirectory(outside.resolve("dir"));
        root = Files.createDirectory(tmp.resolve("root"));
        Files.writeString(root.resolve("inside.txt"), "inside\n");
        Files.createDirectory(root.resolve("dir"));
        Files.createSymbolicLink(root.resolve("rel_out"), Path.of("../outside"));
        Files.createSymbolicLink(root.resolve("abs_out"), outside);
        Files.createSymbolicLink(root.resolve("etc"), Path.of("/etc"));
        Files.createSymbolicLink(root.resolve("secret_link"), outside.resolve("secret.txt"));
        before = state();
    }

    /** Every path under the outside tree and the temp dir's top level, with type, size, content and mtime. */
    private Map<String, String> state() throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(outside)) {
            for (Path p : s.toList()) {
                String v = Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? Files.readString(p) : "dir";
                m.put(outside.relativize(p).toString(), v + "|" + Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS)
                        + "|" + Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS)
                        + "|" + Files.getAttribute(p, "unix:nlink", LinkOption.NOFOLLOW_LINKS));
            }
        }
        try (Stream<Path> s = Files.list(tmp)) {
            m.put("<top>", s.map(p -> p.getFileName().toString()).sorted().toList().toString());
        }
        return m;
    }

    /** Fails if anything outside the root changed, or /etc gained a file the tests tried to plant. */
    public void assertUntouched() {
        try {
            assertEquals(before, state(), "the outside tree is unchanged");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String n : PWNED) {
            assertFalse(Files.exists(Path.of("/etc", n), LinkOption.NOFOLLOW_LINKS), "/etc/" + n + " must not exist");
        }
    }
}
