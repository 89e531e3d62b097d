package org.jvmm.cli.impl;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs {@link CliMain} in memory and keeps what it printed and what it asked to launch. */
final class CliRun {
    final List<LaunchRequest> launched = new ArrayList<>();
    final int status;
    final String out;
    final String err;

    private CliRun(Map<String, String> env, int launchStatus, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        CliMain main = new CliMain("1.2.3", env, BuiltinHandleTypes::all, (request, out, err) -> {
            launched.add(request);
            return launchStatus;
        });
        status = main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
    }

    static CliRun of(String... args) {
        return new CliRun(Map.of(), 0, args);
    }

    static CliRun withLaunchStatus(int status, String... args) {
        return new CliRun(Map.of(), status, args);
    }
}
