package org.jvmm.cli.impl.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Parses {@link SerialSpec} values ({@code --com1..4}, {@code --virtio-console}, {@code --debugcon}, ...). */
public final class SerialSpecParser {
    private static final String DEBUGGER_MODE = "debugger-mode:";

    private SerialSpecParser() {
    }

    /** {@code [debugger-mode:]<serial>}. */
    public static SerialSpec.Com parseCom(String s) throws SpecException {
        if (s.startsWith(DEBUGGER_MODE)) {
            return new SerialSpec.Com(true, parse(s.substring(DEBUGGER_MODE.length())));
        }
        return new SerialSpec.Com(false, parse(s));
    }

    /** {@code <port>,<serial>} (OpenVMM's {@code DebugconSerialConfigCli}): a port (decimal or 0x hex) and its backend. */
    public static SerialSpec.Debugcon parseDebugcon(String s) throws SpecException {
        int comma = s.indexOf(',');
        if (comma < 0) {
            throw new SpecException("invalid format (missing comma between port and serial)");
        }
        int port = (int) Numbers.decimalOrHex(s.substring(0, comma), Numbers.U16_MAX, "port");
        return new SerialSpec.Debugcon(port, parse(s.substring(comma + 1)));
    }

    public static SerialSpec parse(String s) throws SpecException {
        List<String[]> kvs = keyValues(s);
        String key = kvs.getFirst()[0];
        String value = kvs.getFirst()[1];
        if (!key.equals("term")) {
            noExtras(key, kvs);
        }
        if ((key.equals("none") || key.equals("console") || key.equals("stderr")) && value != null) {
            throw new SpecException("invalid serial configuration: '" + key + "' takes no value");
        }
        return switch (key) {
            case "none" -> new SerialSpec.None();
            case "console" -> new SerialSpec.Console();
            case "stderr" -> new SerialSpec.Stderr();
            case "file" -> new SerialSpec.File(required(value, "file requires a value"));
            case "listen" -> listen(required(value, "listen requires a value of tcp:addr or pipe"));
            case "term" -> term(value, kvs);
            default -> throw new SpecException("invalid serial configuration: '" + key + "' is not a known option");
        };
    }

    private static SerialSpec listen(String value) throws SpecException {
        if (value.startsWith("tcp:")) {
            try {
                return new SerialSpec.Tcp(SocketAddressParser.parse(value.substring(4)));
            } catch (SpecException e) {
                throw e.within("invalid tcp address");
            }
        }
        return new SerialSpec.Pipe(value);
    }

    private static SerialSpec term(String program, List<String[]> kvs) throws SpecException {
        Optional<String> title = Optional.empty();
        for (String[] kv : kvs.subList(1, kvs.size())) {
            if (!kv[0].equals("name")) {
                throw new SpecException("invalid serial configuration: unexpected '" + kv[0] + "' after 'term'");
            }
            title = Optional.ofNullable(kv[1]);
        }
        return new SerialSpec.Term(Optional.ofNullable(program), title);
    }

    private static List<String[]> keyValues(String s) throws SpecException {
        if (s.isEmpty()) {
            throw new SpecException("invalid serial configuration: no values supplied");
        }
        List<String[]> out = new ArrayList<>();
        for (String item : s.split(",", -1)) {
            int eq = item.indexOf('=');
            out.add(eq < 0 ? new String[] {item, null} : new String[] {item.substring(0, eq), item.substring(eq + 1)});
        }
        return out;
    }

    private static void noExtras(String key, List<String[]> kvs) throws SpecException {
        if (kvs.size() > 1) {
            throw new SpecException("invalid serial configuration: unexpected '" + kvs.get(1)[0] + "' after '" + key + "'");
        }
    }

    private static String required(String value, String reason) throws SpecException {
        if (value == null || value.isEmpty()) {
            throw new SpecException("invalid serial configuration: " + reason);
        }
        return value;
    }
}
