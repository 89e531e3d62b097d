package org.jvmm.examples.edu.resources;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * The example edu device on PCI: {@code {"resource":"pci_device_handle:edu"}} in JSON, with an
 * optional {@code "name"}.
 *
 * @param name the device's name in the VM (its chipset device name); null means {@value #DEFAULT_NAME}
 */
@HandleType(kind = "pci_device_handle", id = "edu")
public record EduDeviceHandle(String name) implements ResourceHandle {
    public static final String DEFAULT_NAME = "edu";

    public EduDeviceHandle {
        if (name != null && (name.isBlank() || name.contains("/"))) {
            throw new IllegalArgumentException("pci_device_handle:edu: name must be non-empty without '/', got '"
                    + name + "'");
        }
    }

    /** The name the device takes in the VM. */
    public String deviceName() {
        return name == null ? DEFAULT_NAME : name;
    }
}
