/**
 * The handle of the Windows Hypervisor Platform backend: {@code {"resource": "hypervisor:whp"}}.
 */
@Export
@Version("1.0.0")
package org.jvmm.hv.whp.resources;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
