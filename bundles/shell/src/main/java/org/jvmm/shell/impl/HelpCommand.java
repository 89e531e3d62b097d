package org.jvmm.shell.impl;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * {@code vm:help [COMMAND]}: every command of the {@code vm} scope with its one-line description,
 * found among the registered command services: a method command's {@code @Descriptor}, or the
 * {@value #DESCRIPTION} property of a hyphenated {@code Function} command (whose help Gogo's own
 * {@code help} cannot show, since Java methods cannot carry its name).
 */
@Component(service = HelpCommand.class, property = {"osgi.command.scope=vm", "osgi.command.function=help"})
public class HelpCommand {
    static final String DESCRIPTION = "jvmm.command.description";
    private final BundleContext context;

    @Activate
    public HelpCommand(BundleContext context) {
        this.context = context;
    }

    /** One line per command. */
    record Entry(String name, String description) {
        @Override
        public String toString() {
            return String.format("vm:%-20s %s", name, description);
        }
    }

    @Descriptor("list the vm: commands with what each does")
    public Object help() {
        return String.join("\n", entries().stream().map(Entry::toString).toList());
    }

    @Descriptor("show what one vm: command does")
    public Object help(@Descriptor("the command, with or without vm:") String command) {
        String name = command.startsWith("vm:") ? command.substring(3) : command;
        return entries().stream().filter(e -> e.name().equals(name)).findFirst().map(Entry::toString)
                .orElse("no command vm:" + name + " (vm:help lists them)");
    }

    List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        for (ServiceReference<?> ref : references()) {
            Object service = context.getService(ref);
            try {
                for (String function : functions(ref.getProperty("osgi.command.function"))) {
                    entries.add(new Entry(function, describe(ref.getProperty(DESCRIPTION), service, function)));
                }
            } finally {
                context.ungetService(ref);
            }
        }
        entries.sort((a, b) -> a.name().compareTo(b.name()));
        return entries;
    }

    private List<ServiceReference<?>> references() {
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences(null, "(osgi.command.scope=vm)");
            return refs == null ? List.of() : Arrays.asList(refs);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("the command filter is malformed", e);
        }
    }

    private static List<String> functions(Object property) {
        if (property instanceof String[] names) {
            return Arrays.asList(names);
        }
        return property == null ? List.of() : List.of(property.toString());
    }

    /** The property's text, else the @Descriptor of a public method of that name, else "". */
    static String describe(Object property, Object service, String function) {
        if (property != null) {
            return property.toString();
        }
        return service == null ? "" : descriptor(service.getClass(), function).orElse("");
    }

    private static Optional<String> descriptor(Class<?> type, String function) {
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equalsIgnoreCase(function) && m.isAnnotationPresent(Descriptor.class))
                .sorted((a, b) -> Integer.compare(a.getParameterCount(), b.getParameterCount()))
                .map((Method m) -> m.getAnnotation(Descriptor.class).value()).findFirst();
    }
}
