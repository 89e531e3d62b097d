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
        Path p = path(s);
        if (!Files.exists(p)) {
            throw new SpecException("no such file '" + s + "'");
        }
        if (!Files.isRegularFile(p)) {
            throw new SpecException("'" + s + "' is not a regular file");
        }
        if (!Files.isReadable(p)) {
            throw new SpecException("'" + s + "' is not readable");
        }
        return p;
    }

    /** An existing, readable directory. */
    public static Path directory(String s) throws SpecException {
        Path p = path(s);
        if (!Files.exists(p)) {
            throw new SpecException("no such directory '" + s + "'");
        }
        if (!Files.isDirectory(p)) {
            throw new SpecException("'" + s + "' is not a directory");
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
