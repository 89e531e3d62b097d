package org.jvmm.cli.impl.options;

import static org.jvmm.cli.impl.options.OptionRule.implemented;
import static org.jvmm.cli.impl.options.OptionRule.parsedOnly;
import static org.jvmm.cli.impl.options.OptionRule.parsedOnlyFlag;

import java.util.List;
import org.jvmm.cli.impl.spec.Numbers;
import org.jvmm.cli.impl.spec.PlatformSpecParsers;
import org.jvmm.cli.impl.spec.SerialSpecParser;
import org.jvmm.cli.impl.spec.ValueChecks;
import picocli.CommandLine.Option;

/** Serial ports, consoles, graphics and VNC. */
public final class SerialOptions implements OptionGroup {
    private static final String SERIAL = "console | stderr | file=PATH | listen=tcp:IP:PORT | listen=PATH"
            + " | term[=PROGRAM][,name=TITLE] | none; prefix debugger-mode: for KD";
    private static final String VMBUS = "bundle vmbus";
    private static final String GFX = "bundle devices-video";

    @Option(names = "--com1", paramLabel = "SERIAL", description = "COM1 binding: " + SERIAL)
    String com1;

    @Option(names = "--com2", paramLabel = "SERIAL", description = "COM2 binding (see --com1)")
    String com2;

    @Option(names = "--com3", paramLabel = "SERIAL", description = "COM3 binding (see --com1)")
    String com3;

    @Option(names = "--com4", paramLabel = "SERIAL", description = "COM4 binding (see --com1)")
    String com4;

    @Option(names = "--vmbus-com1-serial", paramLabel = "SERIAL", description = "VMBus COM1 binding")
    String vmbusCom1;

    @Option(names = "--vmbus-com2-serial", paramLabel = "SERIAL", description = "VMBus COM2 binding")
    String vmbusCom2;

    @Option(arity = "0", names = "--serial-tx-only", description = "only allow guest to host serial traffic")
    boolean serialTxOnly;

    @Option(names = "--debugcon", paramLabel = "PORT,SERIAL",
            description = "Bochs/QEMU debug console: guest writes to I/O PORT (decimal or 0x hex, e.g. 0xe9) go to"
                    + " SERIAL (as --com1, without debugger-mode:)")
    String debugcon;

    @Option(names = "--virtio-console", paramLabel = "SERIAL", description = "virtio console (/dev/hvc0) backend")
    String virtioConsole;

    @Option(names = "--virtio-console-pcie-port", paramLabel = "PORT", description = "PCIe port of the virtio console")
    String virtioConsolePciePort;

    @Option(arity = "0", names = "--gfx", description = "expose a graphics device")
    boolean gfx;

    @Option(arity = "0", names = "--vtl2-gfx", description = "support a graphics device in VTL2")
    boolean vtl2Gfx;

    @Option(arity = "0", names = "--vnc", description = "listen for VNC connections (implied by --gfx)")
    boolean vnc;

    @Option(names = "--vnc-port", paramLabel = "PORT", description = "VNC port (default: 5900)")
    String vncPort;

    @Option(names = "--vnc-listen", paramLabel = "ADDRESS", description = "VNC listen address (default: 127.0.0.1)")
    String vncListen;

    @Option(names = "--vnc-max-clients", paramLabel = "COUNT", description = "maximum concurrent VNC clients (default: 16)")
    String vncMaxClients;

    @Option(arity = "0", names = "--vnc-evict-oldest", description = "at the client limit, disconnect the oldest client")
    boolean vncEvictOldest;

    @Override
    public String heading() {
        return "Serial ports and consoles";
    }

    @Override
    public List<OptionRule> rules(RuleContext ctx) {
        return List.of(
                implemented("--com1", v -> ComPorts.checkImplemented(v, ctx)),
                implemented("--com2", v -> ComPorts.checkImplemented(v, ctx)),
                implemented("--com3", v -> ComPorts.checkImplemented(v, ctx)),
                implemented("--com4", v -> ComPorts.checkImplemented(v, ctx)),
                parsedOnly("--vmbus-com1-serial", VMBUS, SerialSpecParser::parse),
                parsedOnly("--vmbus-com2-serial", VMBUS, SerialSpecParser::parse),
                parsedOnlyFlag("--serial-tx-only", "bundle chipset (tx-only serial)"),
                implemented("--debugcon", v -> ComPorts.checkDebugcon(v, ctx)),
                implemented("--virtio-console", v -> ComPorts.checkBackend(SerialSpecParser.parse(v), ctx)),
                implemented("--virtio-console-pcie-port", ValueChecks::nonEmpty),
                parsedOnlyFlag("--gfx", GFX),
                parsedOnlyFlag("--vtl2-gfx", GFX),
                parsedOnlyFlag("--vnc", GFX),
                parsedOnly("--vnc-port", GFX, v -> Numbers.unsigned(v, Numbers.U16_MAX, "port")),
                parsedOnly("--vnc-listen", GFX, PlatformSpecParsers::listenAddress),
                parsedOnly("--vnc-max-clients", GFX, v -> Numbers.unsigned(v, Long.MAX_VALUE, "count")),
                parsedOnlyFlag("--vnc-evict-oldest", GFX));
    }

    /** The {@code --debugcon} value, or null. */
    public String virtioConsole() {
        return virtioConsole;
    }

    public String virtioConsolePciePort() {
        return virtioConsolePciePort;
    }

    public String debugcon() {
        return debugcon;
    }

    /** The {@code --comN} values, index 0 = COM1; null where not given. */
    public String[] com() {
        return new String[] {com1, com2, com3, com4};
    }
}
