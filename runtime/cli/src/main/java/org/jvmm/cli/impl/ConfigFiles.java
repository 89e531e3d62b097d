package org.jvmm.cli.impl;

import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jvmm.cli.impl.options.CliException;
import org.jvmm.vm.config.VmConfig;
import org.jvmm.vm.config.VmConfigException;
import org.jvmm.vm.config.VmConfigJson;
import org.jvmm.vmm.resource.HandleTypes;
import org.jvmm.vmm.resource.ProviderHints;

/** Reads {@code --config} files; every failure is a one-line {@code --config} error. */
final class ConfigFiles {
    private static final String PREFIX = "config: ";

    private ConfigFiles() {
    }

    static VmConfig read(String file, HandleTypes types) throws CliException {
        String json;
        try {
            json = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("--config", file + ": cannot read: " + e.getMessage());
        }
        try {
            return VmConfigJson.read(json, types);
        } catch (VmConfigException e) {
            String msg = e.getMessage().startsWith(PREFIX) ? e.getMessage().substring(PREFIX.length()) : e.getMessage();
            throw new CliException("--config", file + ": " + msg + providerHint(e));
        }
    }

    /** For an unknown {@code kind:id}: which bundle would provide it. */
    private static String providerHint(VmConfigException e) {
        if (e.getCause() instanceof InvalidTypeIdException t && t.getTypeId() != null) {
            int colon = t.getTypeId().indexOf(':');
            if (colon > 0) {
                Optional<String> bundle = ProviderHints.bundleFor(t.getTypeId().substring(0, colon),
                        t.getTypeId().substring(colon + 1));
                return bundle.map(b -> " — install or start bundle " + b).orElse("");
            }
        }
        return "";
    }
}
