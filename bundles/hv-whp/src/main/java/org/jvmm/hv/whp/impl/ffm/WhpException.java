package org.jvmm.hv.whp.impl.ffm;

import org.jvmm.hv.api.HypervisorException;

/** A WinHvPlatform call failed: names the function and its HRESULT (hex and, where known, name). */
public final class WhpException extends HypervisorException {
    private static final long serialVersionUID = 1L;

    private final String function;
    private final int hresult;

    public WhpException(String function, int hresult) {
        this(function, hresult, "");
    }

    /** {@code detail} says what was asked for ("processor count 4"); empty for none. */
    public WhpException(String function, int hresult, String detail) {
        super(function + (detail.isEmpty() ? "" : " (" + detail + ")") + " failed: HRESULT "
                + Hresult.describe(hresult));
        this.function = function;
        this.hresult = hresult;
    }

    public String function() {
        return function;
    }

    public int hresult() {
        return hresult;
    }

    /** Throws if {@code hresult} is a failure. */
    public static void check(String function, int hresult) throws WhpException {
        if (Hresult.failed(hresult)) {
            throw new WhpException(function, hresult);
        }
    }
}
