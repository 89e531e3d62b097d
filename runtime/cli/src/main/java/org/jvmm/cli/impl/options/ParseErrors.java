package org.jvmm.cli.impl.options;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** Turns picocli's parse errors into one-line {@link CliException}s naming the option. */
public final class ParseErrors {
    private static final Pattern QUOTED_OPTION = Pattern.compile("option '(-[^']*)'");
    private ParseErrors() {
    }

    public static CliException toCliException(ParameterException e) {
        return switch (e) {
            case UnmatchedArgumentException u -> unmatched(u.getUnmatched());
            case MissingParameterException m -> new CliException(name(first(m.getMissing()), e), "missing value");
            case OverwrittenOptionException o -> new CliException(name(o.getOverwritten(), e),
                    "given more than once");
            default -> new CliException(name(e.getArgSpec(), e), reason(e.getMessage()));
        };
    }

    private static CliException unmatched(List<String> args) {
        String arg = args.isEmpty() ? "?" : args.getFirst();
        if (arg.startsWith("-") && arg.length() > 1) {
            int eq = arg.indexOf('=');
            return new CliException(eq > 0 ? arg.substring(0, eq) : arg, "unknown option");
        }
        return new CliException(arg, "unexpected argument (jvmm takes options only)");
    }

    private static ArgSpec first(List<ArgSpec> specs) {
        return specs == null || specs.isEmpty() ? null : specs.getFirst();
    }

    private static String name(ArgSpec spec, ParameterException e) {
        if (spec instanceof OptionSpec o) {
            return o.longestName();
        }
        Matcher m = QUOTED_OPTION.matcher(String.valueOf(e.getMessage()));
        if (m.find()) {
            OptionSpec o = e.getCommandLine().getCommandSpec().findOption(m.group(1));
            return o != null ? o.longestName() : m.group(1);
        }
        return e.getValue() != null ? e.getValue() : "jvmm";
    }

    /** Picocli's message without its {@code option '--x' (LABEL)} preamble. */
    private static String reason(String message) {
        String m = message == null ? "invalid argument" : message.lines().findFirst().orElse("invalid argument");
        if (m.contains("should be specified without")) {
            return "takes no value";
        }
        int preamble = m.startsWith("option '") ? m.indexOf(") ") : -1;
        if (preamble > 0) {
            return m.substring(preamble + 2);
        }
        return m;
    }
}
