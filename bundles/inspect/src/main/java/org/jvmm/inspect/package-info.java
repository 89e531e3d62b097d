/**
 * The inspect tree (OpenVMM's {@code inspect}): every device, processor and the worker write
 * their state into an {@link InspectNode}; {@code vm:inspect [path]} shows a subtree.
 */
@Export
@Version("1.0.0")
package org.jvmm.inspect;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
