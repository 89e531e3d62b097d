package org.jvmm.cli.impl;

import org.jvmm.vm.config.VmConfig;

/** What a successfully parsed command line asks for. */
public sealed interface CliOutcome {
    /** Print {@code text} ({@code --help}, {@code --version}) and exit 0. */
    record Text(String text) implements CliOutcome {
    }

    /** Print the config as JSON and exit 0 ({@code --print-config}). */
    record PrintConfig(VmConfig config) implements CliOutcome {
    }

    /** Build and run the VM. */
    record Launch(LaunchRequest request) implements CliOutcome {
    }
}
