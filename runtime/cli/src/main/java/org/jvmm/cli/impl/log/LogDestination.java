package org.jvmm.cli.impl.log;

import java.io.IOException;
import java.nio.file.Path;

/** Bundle-private service of {@link LogSetup}: where log output goes. */
public interface LogDestination {
    /** Writes later log output to {@code file} (overwritten) instead of stderr. */
    void useFile(Path file) throws IOException;
}
