package org.jvmm.cli.impl.spec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/** Parses {@link NicSpec} values ({@code --net}, {@code --virtio-net}, {@code --mana}). */
public final class NicSpecParser {
    private static final Pattern CIDR = Pattern.compile("([0-9.]+)/(3[0-2]|[12]?\\d)");

    private NicSpecParser() {
    }

    public static NicSpec parse(String s) throws SpecException {
        boolean vtl2 = false;
        boolean uh = false;
        OptionalInt queues = OptionalInt.empty();
        Optional<String> pciePort = Optional.empty();
        String rest = s;
        for (int colon = rest.indexOf(':'); colon >= 0; colon = rest.indexOf(':')) {
            String opt = rest.substring(0, colon);
            if (opt.equals("vtl2")) {
                vtl2 = true;
            } else if (opt.equals("uh")) {
                uh = true;
            } else if (opt.startsWith("queues=")) {
                queues = OptionalInt.of(queueCount(opt.substring("queues=".length())));
            } else if (opt.startsWith("pcie_port=")) {
                pciePort = Optional.of(portName(opt.substring("pcie_port=".length())));
            } else {
                break;
            }
            rest = rest.substring(colon + 1);
        }
        if (uh && vtl2) {
            throw new SpecException("`uh` is incompatible with `vtl2`");
        }
        if (pciePort.isPresent() && (uh || vtl2)) {
            throw new SpecException("`pcie_port` is incompatible with `uh` and `vtl2`");
        }
        return new NicSpec(vtl2, uh, queues, pciePort, endpoint(rest));
    }

    static NicSpec.Endpoint endpoint(String s) throws SpecException {
        List<String> parts = Arrays.asList(s.split(":", -1));
        String head = parts.getFirst();
        List<String> tail = parts.subList(1, parts.size());
        if (head.equals("none") && tail.isEmpty()) {
            return new NicSpec.NoEndpoint();
        }
        if (head.equals("loopback") && tail.isEmpty()) {
            return new NicSpec.Loopback();
        }
        if (head.equals("consomme")) {
            return consomme(String.join(":", tail));
        }
        if (head.equals("dio")) {
            return new NicSpec.Dio(tail.isEmpty() ? Optional.empty() : Optional.of(tail.getFirst()));
        }
        if (head.equals("tap") && tail.size() == 1 && !tail.getFirst().isEmpty()) {
            return new NicSpec.Tap(tail.getFirst());
        }
        throw new SpecException("invalid network backend '" + s + "' (expected consomme, dio, tap:<name>, loopback or none)");
    }

    private static NicSpec.Consomme consomme(String options) throws SpecException {
        Optional<String> cidr = Optional.empty();
        List<NicSpec.HostForward> fwds = new ArrayList<>();
        for (String opt : options.split(",")) {
            if (opt.isEmpty()) {
                continue;
            }
            if (opt.startsWith("hostfwd=")) {
                fwds.add(HostForwardParser.parse(opt.substring("hostfwd=".length())));
            } else if (cidr.isEmpty()) {
                cidr = Optional.of(cidr(opt));
            } else {
                throw new SpecException("unexpected consomme option '" + opt + "'");
            }
        }
        return new NicSpec.Consomme(cidr, fwds);
    }

    private static String cidr(String s) throws SpecException {
        var m = CIDR.matcher(s);
        if (!m.matches() || !SocketAddressParser.isIpv4(m.group(1))) {
            throw new SpecException("invalid consomme network '" + s + "', expected a.b.c.d/len");
        }
        return s;
    }

    private static int queueCount(String s) throws SpecException {
        try {
            return (int) Numbers.unsigned(s, Numbers.U16_MAX, "queue count");
        } catch (SpecException e) {
            throw new SpecException("failed to parse queue count '" + s + "'");
        }
    }

    private static String portName(String s) throws SpecException {
        if (s.isEmpty()) {
            throw new SpecException("`pcie_port=` requires port name argument");
        }
        return s;
    }
}
