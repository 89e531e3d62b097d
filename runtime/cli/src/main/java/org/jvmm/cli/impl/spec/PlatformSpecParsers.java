package org.jvmm.cli.impl.spec;

import java.util.ArrayList;
import java.util.List;

/** Validators for platform, firmware and control options (parsed; not implemented yet). */
public final class PlatformSpecParsers {
    private static final List<String> BOOT_DEVICES = List.of("optical", "hdd", "net", "floppy");
    private static final KeyValueSpec RPC = KeyValueSpec.options().required("path").values("transport");

    private PlatformSpecParsers() {
    }

    /** {@code reset}, {@code halt}, {@code exit} or {@code exit:<code 0-255>}. */
    public static void powerAction(String s) throws SpecException {
        if (s.equals("reset") || s.equals("halt") || s.equals("exit")) {
            return;
        }
        if (!s.startsWith("exit:")) {
            throw new SpecException("expected reset, halt, exit, or exit:<code>, got '" + s + "'");
        }
        String code = s.substring("exit:".length());
        try {
            Numbers.unsigned(code, Numbers.U8_MAX, "exit code");
        } catch (SpecException e) {
            throw new SpecException("invalid exit code '" + code + "' (expected 0-255)");
        }
    }

    /** {@code disable}, {@code auto=filesize|SIZE}, {@code absolute=ADDR}, {@code vtl2=filesize|SIZE}. */
    public static void vtl2Relocation(String s) throws SpecException {
        if (s.equals("disable")) {
            return;
        }
        if (s.startsWith("auto=") || s.startsWith("vtl2=")) {
            String size = s.substring(5);
            if (!size.equals("filesize")) {
                SizeParser.parseDiskLength(size);
            }
        } else if (s.startsWith("absolute=")) {
            Numbers.decimalOrHex(s.substring("absolute=".length()), -1L, "address");
        } else {
            throw new SpecException("unknown VTL2 relocation type: " + s);
        }
    }

    /** Up to four of {@code optical,hdd,net,floppy}, no duplicates. */
    public static void pcatBootOrder(String s) throws SpecException {
        List<String> seen = new ArrayList<>();
        for (String item : s.split(",", -1)) {
            if (!BOOT_DEVICES.contains(item)) {
                throw new SpecException("unknown boot device type '" + item + "'");
            }
            if (seen.contains(item)) {
                throw new SpecException("cannot pass duplicate boot devices");
            }
            seen.add(item);
        }
    }

    /** {@code major.minor}, each 0-65535. */
    public static void vmbusVersion(String s) throws SpecException {
        String[] p = s.split("\\.", 2);
        try {
            if (p.length != 2) {
                throw new SpecException("missing '.'");
            }
            Numbers.unsigned(p[0], Numbers.U16_MAX, "major");
            Numbers.unsigned(p[1], Numbers.U16_MAX, "minor");
        } catch (SpecException e) {
            throw new SpecException("invalid vmbus version '" + s + "'");
        }
    }

    /** A bare IP literal or a socket address ({@code --vnc-listen}). */
    public static void listenAddress(String s) throws SpecException {
        if (s.startsWith("[") || (SocketAddressParser.isIpv4(s.split(":")[0]) && s.contains(":"))) {
            SocketAddressParser.parse(s);
        } else {
            SocketAddressParser.ip(s);
        }
    }

    /** {@code path=<PATH>[,transport=auto|ttrpc|grpc]}. */
    public static void rpc(String s) throws SpecException {
        RPC.parse(s).value("transport", v -> ValueChecks.choice(v, "auto", "ttrpc", "grpc"));
    }
}
