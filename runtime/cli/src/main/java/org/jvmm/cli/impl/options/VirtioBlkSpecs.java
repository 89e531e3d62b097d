package org.jvmm.cli.impl.options;

import java.util.Map;
import org.jvmm.cli.impl.spec.SpecException;
import org.jvmm.storage.disk.resources.DiskSpec;
import org.jvmm.storage.disk.resources.DiskSpecParser;

/**
 * {@code --virtio-blk DISK}: OpenVMM's disk syntax, parsed into {@code disk_handle}s by bundle
 * storage-disk's parser. {@code ro} and {@code pcie_port=} apply; the controller flags
 * ({@code dvd}, {@code on=}, {@code nsid=}, {@code lun=}) do not.
 */
public final class VirtioBlkSpecs {
    private VirtioBlkSpecs() {
    }

    static void check(String value, Map<String, String> env) throws SpecException {
        parse(value, env);
    }

    public static DiskSpec parse(String value, Map<String, String> env) throws SpecException {
        DiskSpec spec;
        try {
            spec = new DiskSpecParser(env).parse(value);
        } catch (IllegalArgumentException e) {
            throw new SpecException(e.getMessage());
        }
        if (spec.dvd()) {
            throw new SpecException("dvd is not a virtio-blk option");
        }
        if (spec.controller().isPresent() || spec.nsid().isPresent() || spec.lun().isPresent()) {
            throw new SpecException("on=, nsid= and lun= name a storage controller, not a virtio-blk device");
        }
        return spec;
    }
}
