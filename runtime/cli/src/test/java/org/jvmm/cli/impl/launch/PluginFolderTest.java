package org.jvmm.cli.impl.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Dictionary;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What FileInstall is told for {@code --plugins DIR}. */
class PluginFolderTest {
    private final Dictionary<String, Object> p = PluginFolder.properties(Path.of("plugins/../my-plugins"));

    @Test
    void theFolderIsAbsoluteAndJarsThereAreInstalledAtOnce() {
        assertEquals(Path.of("my-plugins").toAbsolutePath().toString(), p.get("felix.fileinstall.dir"));
        assertEquals("true", p.get("felix.fileinstall.noInitialDelay"));
        assertEquals("500", p.get("felix.fileinstall.poll"));
    }

    @Test
    void onlyJarFilesCountNotConfigurationsOrSubfolders() {
        Pattern filter = Pattern.compile((String) p.get("felix.fileinstall.filter"));
        assertTrue(filter.matcher("edu-device-0.1.0.jar").matches());
        assertFalse(filter.matcher("org.jvmm.x.cfg").matches());
        assertFalse(filter.matcher("edu-device-0.1.0.jar.part").matches());
        assertFalse(filter.matcher("notes-jar").matches());
        assertEquals("skip", p.get("felix.fileinstall.subdir.mode"));
    }
}
