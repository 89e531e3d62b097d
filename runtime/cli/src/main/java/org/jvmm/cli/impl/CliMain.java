package org.jvmm.cli.impl;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jvmm.cli.impl.options.CliException;
import org.jvmm.cli.impl.options.CliOptions;
import org.jvmm.cli.impl.options.HelpRenderer;
import org.jvmm.cli.impl.options.OptionValidator;
import org.jvmm.cli.impl.options.ParseErrors;
import org.jvmm.cli.impl.options.RuleContext;
import org.jvmm.vm.config.VmConfig;
import org.jvmm.vm.config.VmConfigJson;
import org.jvmm.vmm.resource.HandleTypes;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The jvmm command line: parse, check, build the {@link VmConfig}, then print it or launch it.
 * Every CLI or config error is one line {@code jvmm: <option>: <reason>} on stderr and exit
 * status 2; nothing is printed to stdout except help, version and {@code --print-config}.
 */
public final class CliMain {
    private final String version;
    private final Map<String, String> env;
    private final Supplier<HandleTypes> handleTypes;
    private final Launcher launcher;

    /**
     * @param version     printed by {@code --version}
     * @param env         the process environment
     * @param handleTypes the handle classes known now, for reading {@code --config}
     * @param launcher    runs a launch request
     */
    public CliMain(String version, Map<String, String> env, Supplier<HandleTypes> handleTypes, Launcher launcher) {
        this.version = version;
        this.env = Map.copyOf(env);
        this.handleTypes = handleTypes;
        this.launcher = launcher;
    }

    /** Runs the command line; returns the exit status. */
    public int run(String[] args, PrintStream out, PrintStream err) {
        CliOutcome outcome;
        try {
            outcome = parse(args);
        } catch (CliException e) {
            err.println(e.line());
            return CliException.EXIT_STATUS;
        }
        return switch (outcome) {
            case CliOutcome.Text t -> print(out, t.text());
            case CliOutcome.PrintConfig p -> print(out, VmConfigJson.write(p.config()));
            case CliOutcome.Launch l -> launcher.launch(l.request(), out, err);
        };
    }

    /** Parses and checks {@code args}; no side effects besides reading {@code --config}. */
    public CliOutcome parse(String[] args) throws CliException {
        CliOptions options = new CliOptions();
        CommandLine cl = commandLine(options);
        ParseResult result;
        try {
            result = cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw ParseErrors.toCliException(e);
        }
        if (cl.isUsageHelpRequested()) {
            return new CliOutcome.Text(cl.getUsageMessage(CommandLine.Help.Ansi.OFF));
        }
        if (cl.isVersionHelpRequested()) {
            return new CliOutcome.Text("jvmm " + version + System.lineSeparator());
        }
        boolean printOnly = options.jvmm().printConfig();
        new OptionValidator(options, new RuleContext(env, !printOnly)).validate(result);
        String configFile = options.jvmm().config();
        Optional<VmConfig> base = configFile == null ? Optional.empty()
                : Optional.of(ConfigFiles.read(configFile, handleTypes.get()));
        VmConfig config = ConfigBuilder.build(options, base, env);
        if (printOnly) {
            return new CliOutcome.PrintConfig(config);
        }
        return new CliOutcome.Launch(new LaunchRequest(config, options.jvmm().noShell(),
                Optional.ofNullable(options.process().pidfile()).map(Path::of),
                Optional.ofNullable(options.process().logFile()).map(Path::of),
                Optional.ofNullable(options.machine().restoreSnapshot()).map(Path::of),
                Optional.ofNullable(options.jvmm().plugins()).map(Path::of)));
    }

    private CommandLine commandLine(CliOptions options) {
        CommandLine cl = new CommandLine(options);
        cl.setExpandAtFiles(false);
        cl.setUnmatchedArgumentsAllowed(false);
        cl.setOverwrittenOptionsAllowed(false);
        new HelpRenderer(options.groups(), new OptionValidator(options, new RuleContext(env, false))).install(cl);
        return cl;
    }

    private static int print(PrintStream out, String text) {
        out.print(text);
        out.flush();
        return 0;
    }
}
