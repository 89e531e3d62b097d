package org.jvmm.cli.impl.options;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jvmm.cli.impl.spec.SpecException;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Checks the options picocli matched against the {@link OptionRule}s: first the syntax of every
 * value (in command-line order), then that every option given is implemented.
 */
public final class OptionValidator {
    private final Map<String, OptionRule> rules;

    public OptionValidator(CliOptions options, RuleContext ctx) {
        Map<String, OptionRule> byName = new LinkedHashMap<>();
        for (OptionGroup g : options.groups()) {
            for (OptionRule r : g.rules(ctx)) {
                if (byName.put(r.name(), r) != null) {
                    throw new IllegalStateException("two rules for " + r.name());
                }
            }
        }
        this.rules = Collections.unmodifiableMap(byName);
    }

    /** Every rule by option name, in help order. */
    public Map<String, OptionRule> rules() {
        return rules;
    }

    public void validate(ParseResult result) throws CliException {
        Set<OptionSpec> matched = new LinkedHashSet<>(result.matchedOptions());
        for (OptionSpec spec : matched) {
            checkValues(spec);
        }
        for (OptionSpec spec : matched) {
            OptionRule rule = ruleFor(spec);
            if (!rule.isImplemented()) {
                throw new CliException(rule.name(), rule.notImplementedReason());
            }
        }
    }

    /** The rule of {@code spec}; every option of {@link CliOptions} has one. */
    public OptionRule ruleFor(OptionSpec spec) {
        OptionRule rule = rules.get(spec.longestName());
        if (rule == null) {
            throw new IllegalStateException("no rule for option " + spec.longestName());
        }
        return rule;
    }

    private void checkValues(OptionSpec spec) throws CliException {
        OptionRule rule = ruleFor(spec);
        if (rule.check() == null) {
            return;
        }
        for (String value : spec.originalStringValues()) {
            try {
                rule.check().check(value);
            } catch (SpecException e) {
                throw new CliException(rule.name(), e.getMessage());
            }
        }
    }
}
