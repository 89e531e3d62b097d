package org.jvmm.cli.impl.options;

import java.util.Map;
import org.jvmm.cli.impl.spec.SpecException;
import org.jvmm.storage.disk.resources.DiskSpec;
import org.jvmm.storage.disk.resources.DiskSpecParser;

/**
 * {@code --nvme DISK}: OpenVMM's disk syntax for a namespace of the VM's NVMe controller, parsed by
 * bundle storage-disk; {@code ro} applies, the placement flags ({@code pcie_port=}, {@code on=},
 * {@code nsid=}, {@code lun=}, {@code dvd}) are not implemented for it yet.
 */
public final class NvmeSpecs {
    private NvmeSpecs() {
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
        if (spec.dvd() || spec.pciePort().isPresent() || spec.controller().isPresent() || spec.nsid().isPresent()
                || spec.lun().isPresent()) {
            throw new SpecException("dvd, pcie_port=, on=, nsid= and lun= are not implemented for --nvme yet");
        }
        return spec;
    }
}
