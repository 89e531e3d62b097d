/**
 * The handle of the pure-Java x86-64 backend: {@code {"resource": "hypervisor:emu"}}.
 */
@Export
@Version("1.0.0")
package org.jvmm.hv.emu.resources;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
