package org.jvmm.cli.impl;

import java.io.PrintStream;

/** Runs a parsed launch request; returns the process exit status. */
@FunctionalInterface
public interface Launcher {
    int launch(LaunchRequest request, PrintStream out, PrintStream err);
}
