package org.jvmm.cli.impl.spec;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Checks of file paths given on the command line, done at parse time. */
public final class PathChecks {
    private PathChecks() {
    }

    /** An existing, readable regular file. */
    public static Path readableFile(String s) throws SpecException {
        return readable(s, "file", Files::isRegularFile, "a regular file");
    }

    /** An existing, readable directory. */
    public static Path directory(String s) throws SpecException {
        return readable(s, "directory", Files::isDirectory, "a directory");
    }

    /** An existing, readable path that {@code is} the kind wanted ({@code what}). */
    private static Path readable(String s, String noun, java.util.function.Predicate<Path> is, String what)
            throws SpecException {
        Path p = path(s);
        if (!Files.exists(p)) {
            throw new SpecException("no such " + noun + " '" + s + "'");
        }
        if (!is.test(p)) {
            throw new SpecException("'" + s + "' is not " + what);
        }
        if (!Files.isReadable(p)) {
            throw new SpecException("'" + s + "' is not readable");
        }
        return p;
    }

    /** A file that can be created or overwritten: its directory exists and is writable. */
    public static Path writableFile(String s) throws SpecException {
        Path p = path(s);
        if (Files.isDirectory(p)) {
            throw new SpecException("'" + s + "' is a directory");
        }
        Path dir = p.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new SpecException("directory of '" + s + "' does not exist");
        }
        if (!Files.isWritable(dir) || (Files.exists(p) && !Files.isWritable(p))) {
            throw new SpecException("'" + s + "' is not writable");
        }
        return p;
    }

    private static Path path(String s) throws SpecException {
        if (s.isEmpty()) {
            throw new SpecException("empty path");
        }
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            throw new SpecException("invalid path '" + s + "'");
        }
    }
}
