/**
 * The handle of the Linux KVM backend: {@code {"resource": "hypervisor:kvm"}}.
 */
@Export
@Version("1.0.0")
package org.jvmm.hv.kvm.resources;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
