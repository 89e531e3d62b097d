package org.jvmm.vm.config;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;
import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * How the guest is started: a Linux kernel loaded directly, UEFI firmware, or nothing. Each
 * mode is a {@code load_mode} resource handle ({@code load_mode:linux}, {@code load_mode:uefi},
 * {@code load_mode:none}) that a loader bundle resolves; in JSON it is written
 * {@code {"mode": "linux", ...}} ({@link LoadModeTypeIds} maps the names; a plain
 * {@code @JsonSubTypes} would not work because {@link ResourceHandle}'s id resolver is inherited).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "mode")
@JsonTypeIdResolver(LoadModeTypeIds.class)
public sealed interface LoadMode extends ResourceHandle {

    /**
     * A Linux kernel (bzImage or vmlinux) loaded directly, OpenVMM's {@code --kernel}.
     *
     * @param kernel  path of the kernel image
     * @param initrd  path of the initial ramdisk, or null
     * @param cmdline kernel command line ("" for none)
     * @param pvh     boot a vmlinux through its PVH entry point instead of the 64-bit entry
     */
    @HandleType(kind = "load_mode", id = "linux")
    record LinuxDirect(String kernel, String initrd, String cmdline, boolean pvh) implements LoadMode {
        public LinuxDirect {
            Check.notBlank(kernel, "load.kernel");
            Check.optionalNotBlank(initrd, "load.initrd");
            cmdline = cmdline == null ? "" : cmdline;
        }
    }

    /**
     * UEFI firmware, OpenVMM's {@code --uefi}.
     *
     * @param firmware path of the firmware image (OVMF)
     * @param nvram    path of the variable store file, or null for a fresh in-memory one
     */
    @HandleType(kind = "load_mode", id = "uefi")
    record Uefi(String firmware, String nvram) implements LoadMode {
        public Uefi {
            Check.notBlank(firmware, "load.firmware");
            Check.optionalNotBlank(nvram, "load.nvram");
        }
    }

    /** Nothing is loaded; the guest starts at the reset vector with whatever devices provide. */
    @HandleType(kind = "load_mode", id = "none")
    record None() implements LoadMode {
    }
}
