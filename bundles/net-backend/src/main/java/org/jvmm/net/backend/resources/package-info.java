/**
 * Handle records of the endpoints of this bundle, kind {@code net_endpoint_handle}:
 * {@code null} (a sink: transmitted frames are dropped, nothing is ever received) and {@code loopback}
 * (a test endpoint: transmitted frames come back as received frames), and the catalog of them for JSON
 * ({@link org.jvmm.net.backend.resources.NetEndpointHandleTypes}). Each resolves to an
 * {@link org.jvmm.net.backend.api.Endpoint}.
 */
@Export
@Version("1.0.0")
package org.jvmm.net.backend.resources;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
