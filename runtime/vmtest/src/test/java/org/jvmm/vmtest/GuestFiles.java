package org.jvmm.vmtest;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The guest files ./test.sh prepares and passes on in environment variables (JVMM_GUEST_*). */
final class GuestFiles {
    private GuestFiles() {
    }

    /** The file environment variable {@code name} names; the test is skipped when there is none. */
    static Path env(String name) {
        String value = System.getenv(name);
        assumeTrue(value != null && Files.isRegularFile(Path.of(value)), name + " does not name a file: run the"
                + " tests through ./test.sh, which fetches the Debian guests and builds the tiny kernel");
        return Path.of(value);
    }
}
