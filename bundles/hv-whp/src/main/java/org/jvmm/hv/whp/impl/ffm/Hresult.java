package org.jvmm.hv.whp.impl.ffm;

import java.util.Map;
import java.util.Optional;

/**
 * HRESULT values as WinHvPlatform returns them: names for the common ones, and a readable form
 * ({@code 0x80070057 (E_INVALIDARG)}) for messages. The names under {@code E_*} are checked against
 * mingw-w64's {@code <winerror.h>} by the ABI test; the {@code WHV_E_*} values come from the Windows
 * SDK's {@code winerror.h} (mingw-w64 does not define them).
 */
public final class Hresult {
    public static final int S_OK = 0;

    /** Named HRESULTs; keys are the C macro names. */
    public static final Map<String, Integer> NAMES = Map.ofEntries(
            Map.entry("E_UNEXPECTED", 0x8000FFFF),
            Map.entry("E_NOTIMPL", 0x80004001),
            Map.entry("E_POINTER", 0x80004003),
            Map.entry("E_ABORT", 0x80004004),
            Map.entry("E_FAIL", 0x80004005),
            Map.entry("E_PENDING", 0x8000000A),
            Map.entry("E_ACCESSDENIED", 0x80070005),
            Map.entry("E_HANDLE", 0x80070006),
            Map.entry("E_OUTOFMEMORY", 0x8007000E),
            Map.entry("E_INVALIDARG", 0x80070057),
            Map.entry("HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED)", 0x80070032),
            Map.entry("HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER)", 0x8007007A),
            Map.entry("HRESULT_FROM_WIN32(ERROR_BUSY)", 0x800700AA),
            Map.entry("HRESULT_FROM_WIN32(ERROR_NOT_FOUND)", 0x80070490),
            Map.entry("WHV_E_UNKNOWN_CAPABILITY", 0x80370300),
            Map.entry("WHV_E_INSUFFICIENT_BUFFER", 0x80370301),
            Map.entry("WHV_E_UNKNOWN_PROPERTY", 0x80370302),
            Map.entry("WHV_E_UNSUPPORTED_HYPERVISOR_CONFIG", 0x80370303),
            Map.entry("WHV_E_INVALID_PARTITION_CONFIG", 0x80370304),
            Map.entry("WHV_E_GPA_RANGE_NOT_FOUND", 0x80370305),
            Map.entry("WHV_E_VP_ALREADY_EXISTS", 0x80370306),
            Map.entry("WHV_E_VP_DOES_NOT_EXIST", 0x80370307),
            Map.entry("WHV_E_INVALID_VP_STATE", 0x80370308),
            Map.entry("WHV_E_INVALID_VP_REGISTER_NAME", 0x80370309));

    private static final int FACILITY_WIN32 = 7;
    /** Hypervisor status codes come back as NTSTATUS-style values with facility 0x35. */
    private static final int FACILITY_HYPERVISOR = 0x35;

    private Hresult() {
    }

    public static boolean failed(int hresult) {
        return hresult < 0;
    }

    /** The C name of {@code hresult}, or a family description, or empty for an unknown value. */
    public static Optional<String> name(int hresult) {
        for (Map.Entry<String, Integer> e : NAMES.entrySet()) {
            if (e.getValue() == hresult) {
                return Optional.of(e.getKey());
            }
        }
        int facility = (hresult >>> 16) & 0x1FFF;
        if (failed(hresult) && facility == FACILITY_WIN32) {
            return Optional.of("HRESULT_FROM_WIN32(" + (hresult & 0xFFFF) + ")");
        }
        if ((hresult & 0x3FFF0000) == FACILITY_HYPERVISOR << 16) {
            return Optional.of("hypervisor status 0x" + Integer.toHexString(hresult & 0xFFFF));
        }
        return Optional.empty();
    }

    /** {@code 0x80070057 (E_INVALIDARG)}, or just the hex form for an unknown value. */
    public static String describe(int hresult) {
        String hex = String.format("0x%08X", hresult);
        return name(hresult).map(n -> hex + " (" + n + ")").orElse(hex);
    }
}
