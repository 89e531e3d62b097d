/**
 * WinHvPlatform.dll through the FFM API: {@link org.jvmm.hv.whp.impl.ffm.WhpLayouts} (every structure,
 * described once), {@link org.jvmm.hv.whp.impl.ffm.BitFields}, the enum values under their C names,
 * the exit-context decoder, HRESULT naming, and {@link org.jvmm.hv.whp.impl.ffm.WinHvPlatform}, the only
 * class that binds the DLL (lazily, on first use). The structures are checked against mingw-w64's
 * {@code <winhvplatform.h>} by the ABI test.
 */
package org.jvmm.hv.whp.impl.ffm;
