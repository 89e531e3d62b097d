package org.jvmm.cli.impl.options;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Renders the option list in sections, one per {@link OptionGroup} (the mixin that declares the
 * option), and marks options that are parsed but not implemented yet.
 */
public final class HelpRenderer implements CommandLine.IHelpSectionRenderer {
    static final String MARK = "[not implemented] ";

    private final List<OptionGroup> groups;
    private final OptionValidator validator;

    public HelpRenderer(List<OptionGroup> groups, OptionValidator validator) {
        this.groups = List.copyOf(groups);
        this.validator = validator;
    }

    /** Installs this renderer as the option list section of {@code cl}. */
    public void install(CommandLine cl) {
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, this);
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS,
                help -> "jvmm [OPTIONS]%n".formatted());
    }

    @Override
    public String render(Help help) {
        Map<Class<?>, List<OptionSpec>> byGroup = new LinkedHashMap<>();
        for (OptionGroup g : groups) {
            byGroup.put(g.getClass(), new ArrayList<>());
        }
        for (OptionSpec o : help.commandSpec().options()) {
            if (!o.hidden() && o.userObject() instanceof Field f && byGroup.containsKey(f.getDeclaringClass())) {
                byGroup.get(f.getDeclaringClass()).add(marked(o));
            }
        }
        StringBuilder sb = new StringBuilder();
        for (OptionGroup g : groups) {
            List<OptionSpec> opts = byGroup.get(g.getClass());
            sb.append("%n%s:%n".formatted(g.heading()));
            sb.append(help.optionListExcludingGroups(opts, help.createDefaultLayout(), null, help.parameterLabelRenderer()));
        }
        return sb.toString();
    }

    private OptionSpec marked(OptionSpec o) {
        if (validator.ruleFor(o).isImplemented()) {
            return o;
        }
        String[] desc = o.description().length == 0 ? new String[] {""} : o.description().clone();
        desc[0] = MARK + desc[0];
        return OptionSpec.builder(o).description(desc).build();
    }
}
