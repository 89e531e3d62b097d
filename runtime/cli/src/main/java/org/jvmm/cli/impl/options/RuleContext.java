package org.jvmm.cli.impl.options;

import java.util.Map;
import org.jvmm.cli.impl.spec.PathChecks;
import org.jvmm.cli.impl.spec.SpecException;

/**
 * What option checks may depend on besides the value: the environment (OpenVMM reads
 * {@code OPENVMM_AUTO_CACHE_PATH}) and whether files the guest uses must exist now. They need
 * not for {@code --print-config}, which prints paths as given without touching them.
 */
public record RuleContext(Map<String, String> env, boolean checkGuestFiles) {
    public RuleContext {
        env = Map.copyOf(env);
    }

    /** A file the guest reads (kernel, initrd): must exist and be readable, when checked. */
    public void guestInputFile(String path) throws SpecException {
        if (checkGuestFiles) {
            PathChecks.readableFile(path);
        } else if (path.isEmpty()) {
            throw new SpecException("empty path");
        }
    }

    /** A file the VM writes (serial log, RAM file): its directory must exist, when checked. */
    public void guestOutputFile(String path) throws SpecException {
        if (checkGuestFiles) {
            PathChecks.writableFile(path);
        } else if (path.isEmpty()) {
            throw new SpecException("empty path");
        }
    }
}
