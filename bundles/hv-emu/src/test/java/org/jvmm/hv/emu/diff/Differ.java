package org.jvmm.hv.emu.diff;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.MemorySegment;
import java.util.HexFormat;

/** Compares the host's and the emulator's results of one case and describes the differences. */
final class Differ {

    static final String MXCSR_ONLY = "only MXCSR differs:";

    private Differ() {
    }

    /**
     * Null when equal; else the differing registers, flags (defined ones), MXCSR and memory bytes. A
     * difference in MXCSR alone (instructions change only its exception flags) is reported starting
     * with {@link #MXCSR_ONLY}, so it can be counted apart from wrong results.
     */
    static String compare(Case c, State host, MemorySegment hostMem, State emu, MemorySegment emuMem) {
        String d = values(c, host, hostMem, emu, emuMem);
        if (host.mxcsr == emu.mxcsr) {
            return d;
        }
        String mx = String.format(" mxcsr host=%x emu=%x (%s);", host.mxcsr, emu.mxcsr,
                mxcsrNames(host.mxcsr ^ emu.mxcsr));
        return d == null ? MXCSR_ONLY + mx : d + mx;
    }

    private static String mxcsrNames(int bits) {
        String[] n = {"IE", "DE", "ZE", "OE", "UE", "PE", "DAZ", "IM", "DM", "ZM", "OM", "UM", "PM", "RC0", "RC1", "FZ"};
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n.length; i++) {
            if ((bits & 1 << i) != 0) {
                b.append(b.isEmpty() ? "" : ",").append(n[i]);
            }
        }
        return b.toString();
    }

    private static String values(Case c, State host, MemorySegment hostMem, State emu, MemorySegment emuMem) {
        StringBuilder d = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (host.gpr[i] != emu.gpr[i]) {
                d.append(String.format(" %s host=%x emu=%x;", State.GPR[i], host.gpr[i], emu.gpr[i]));
            }
        }
        long diff = (host.flags ^ emu.flags) & c.flagMask();
        if (diff != 0) {
            d.append(String.format(" flags %s differ (host=%x emu=%x, compared %s);", Fl.names(diff), host.flags,
                    emu.flags, Fl.names(c.flagMask())));
        }
        for (int i = 0; i < 16; i++) {
            if (host.xmm[2 * i] != emu.xmm[2 * i] || host.xmm[2 * i + 1] != emu.xmm[2 * i + 1]) {
                d.append(String.format(" xmm%d host=%016x:%016x emu=%016x:%016x;", i, host.xmm[2 * i + 1],
                        host.xmm[2 * i], emu.xmm[2 * i + 1], emu.xmm[2 * i]));
            }
        }
        long at = hostMem.mismatch(emuMem);
        if (at >= 0) {
            long last = at;
            int count = 0;
            for (long i = at; i < hostMem.byteSize(); i++) {
                if (hostMem.get(JAVA_BYTE, i) != emuMem.get(JAVA_BYTE, i)) {
                    last = i;
                    count++;
                }
            }
            long len = Math.min(last - at + 1, 32);
            d.append(String.format(" memory differs in %d bytes from scratch+%x: host=%s emu=%s;", count, at,
                    hex(hostMem, at, len), hex(emuMem, at, len)));
        }
        return d.isEmpty() ? null : d.toString();
    }

    private static String hex(MemorySegment m, long at, long len) {
        return HexFormat.of().formatHex(m.asSlice(at, len).toArray(JAVA_BYTE));
    }

    static String bytes(byte[] code) {
        return HexFormat.ofDelimiter(" ").formatHex(code);
    }
}
