/**
 * The handle record of the example edu device: {@code pci_device_handle:edu}
 * ({@link org.jvmm.examples.edu.resources.EduDeviceHandle}).
 */
@Export
@Version("1.0.0")
package org.jvmm.examples.edu.resources;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
