package org.jvmm.cli.impl.options;

import static org.jvmm.cli.impl.options.OptionRule.implemented;
import static org.jvmm.cli.impl.options.OptionRule.implementedFlag;
import static org.jvmm.cli.impl.options.OptionRule.parsedOnly;
import static org.jvmm.cli.impl.options.OptionRule.unsupported;

import java.util.List;
import org.jvmm.cli.impl.spec.PathChecks;
import org.jvmm.cli.impl.spec.PlatformSpecParsers;
import org.jvmm.cli.impl.spec.ValueChecks;
import picocli.CommandLine.Option;

/** The VMM process: start state, log and pid files, control sockets. */
public final class ProcessOptions implements OptionGroup {
    private static final String RPC = "the control socket (bundle control-rpc)";
    private static final String INTERNAL = "an OpenVMM multi-process internal; jvmm runs in one process";

    @Option(arity = "0", names = {"-P", "--paused"}, description = "start in paused state")
    boolean paused;

    @Option(names = "--log-file", paramLabel = "PATH", description = "write log output to this file (overwritten) instead of stderr")
    String logFile;

    @Option(names = "--pidfile", paramLabel = "PATH", description = "write the process id to this file; removed on exit")
    String pidfile;

    @Option(names = "--ttrpc", paramLabel = "SOCKETPATH", description = "[deprecated] run as a ttrpc server")
    String ttrpc;

    @Option(names = "--grpc", paramLabel = "SOCKETPATH", description = "[deprecated] run as a grpc server")
    String grpc;

    @Option(names = "--rpc", paramLabel = "path=PATH[,transport=auto|ttrpc|grpc]", description = "run as an RPC server")
    String rpc;

    @Option(arity = "0", names = "--single-process", description = "do not launch child processes (jvmm always runs in one process)")
    boolean singleProcess;

    @Option(names = "--internal-worker", arity = "0..1", paramLabel = "NAME", hidden = true, description = "mesh worker host name")
    String internalWorker;

    @Option(names = "--relay-console-path", paramLabel = "PATH", hidden = true, description = "relay console path")
    String relayConsolePath;

    @Option(names = "--relay-console-title", paramLabel = "TITLE", hidden = true, description = "relay console title")
    String relayConsoleTitle;

    @Override
    public String heading() {
        return "Process and control";
    }

    @Override
    public List<OptionRule> rules(RuleContext ctx) {
        return List.of(
                implementedFlag("--paused"),
                implemented("--log-file", PathChecks::writableFile),
                implemented("--pidfile", PathChecks::writableFile),
                parsedOnly("--ttrpc", RPC, ValueChecks::nonEmpty),
                parsedOnly("--grpc", RPC, ValueChecks::nonEmpty),
                parsedOnly("--rpc", RPC, PlatformSpecParsers::rpc),
                implementedFlag("--single-process"),
                unsupported("--internal-worker", INTERNAL, v -> { }),
                unsupported("--relay-console-path", INTERNAL, ValueChecks::nonEmpty),
                unsupported("--relay-console-title", INTERNAL, v -> { }));
    }

    public boolean paused() {
        return paused;
    }

    public String logFile() {
        return logFile;
    }

    public String pidfile() {
        return pidfile;
    }
}
