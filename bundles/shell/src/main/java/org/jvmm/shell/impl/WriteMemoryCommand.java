package org.jvmm.shell.impl;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code vm:write-memory <gpa> <hexbytes...>}: the hyphenated name of
 * {@link VmCommands#writememory}; several byte arguments are joined.
 */
@Component(service = Function.class, property = {"osgi.command.scope=vm", "osgi.command.function=write-memory",
    "jvmm.command.description=GPA HEX: write bytes to guest RAM"})
public class WriteMemoryCommand implements Function {
    private final VmCommands commands;

    @Activate
    public WriteMemoryCommand(@Reference(name = "commands") VmCommands commands) {
        this.commands = commands;
    }

    @Override
    public Object execute(CommandSession session, List<Object> arguments) {
        if (arguments.size() < 2) {
            throw new IllegalArgumentException("usage: vm:write-memory <gpa> <hexbytes>");
        }
        String bytes = arguments.subList(1, arguments.size()).stream().map(String::valueOf)
                .collect(Collectors.joining(""));
        return commands.writememory(String.valueOf(arguments.get(0)), bytes);
    }
}
