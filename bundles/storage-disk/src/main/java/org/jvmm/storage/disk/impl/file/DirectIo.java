package org.jvmm.storage.disk.impl.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * O_DIRECT through the JDK's {@code com.sun.nio.file.ExtendedOpenOption.DIRECT}, looked up by
 * name in the platform class loader so the bundle does not import a JDK-internal package.
 */
final class DirectIo {
    private DirectIo() {
    }

    static OpenOption option() throws IOException {
        try {
            Class<?> type = Class.forName("com.sun.nio.file.ExtendedOpenOption", true,
                    ClassLoader.getPlatformClassLoader());
            for (Object c : type.getEnumConstants()) {
                if (((Enum<?>) c).name().equals("DIRECT")) {
                    return (OpenOption) c;
                }
            }
            throw new IOException("this JDK has no ExtendedOpenOption.DIRECT: direct I/O is not available");
        } catch (ClassNotFoundException e) {
            throw new IOException("this JDK has no com.sun.nio.file.ExtendedOpenOption: direct I/O is not available", e);
        }
    }

    /** The alignment O_DIRECT needs on the file system of {@code path}: its block size. */
    static int alignment(Path path) throws IOException {
        long size = Files.getFileStore(path).getBlockSize();
        if (size <= 0 || size > 65536 || Long.bitCount(size) != 1) {
            throw new IOException("unusable direct-I/O block size " + size + " for " + path);
        }
        return (int) size;
    }
}
