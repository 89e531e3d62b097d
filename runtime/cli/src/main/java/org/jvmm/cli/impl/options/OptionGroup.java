package org.jvmm.cli.impl.options;

import java.util.List;

/** One mixin of {@link CliOptions}: a help heading and the rules for its options. */
public interface OptionGroup {
    /** The help section heading ({@code Storage}). */
    String heading();

    /** One rule per option declared by this group. */
    List<OptionRule> rules(RuleContext ctx);
}
