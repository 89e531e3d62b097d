package org.jvmm.shell.impl;

import java.util.List;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code vm:read-memory <gpa> <len>}: the hyphenated name of {@link VmCommands#readmemory}. */
@Component(service = Function.class, property = {"osgi.command.scope=vm", "osgi.command.function=read-memory",
    "jvmm.command.description=GPA LEN: hex dump of guest RAM"})
public class ReadMemoryCommand implements Function {
    private final VmCommands commands;

    @Activate
    public ReadMemoryCommand(@Reference(name = "commands") VmCommands commands) {
        this.commands = commands;
    }

    @Override
    public Object execute(CommandSession session, List<Object> arguments) {
        if (arguments.size() != 2) {
            throw new IllegalArgumentException("usage: vm:read-memory <gpa> <len>");
        }
        return commands.readmemory(String.valueOf(arguments.get(0)), String.valueOf(arguments.get(1)));
    }
}
