package org.jvmm.cli.impl.options;

import org.jvmm.cli.impl.spec.SerialSpec;
import org.jvmm.cli.impl.spec.SerialSpecParser;
import org.jvmm.cli.impl.spec.SpecException;

/** Which {@code --comN} bindings jvmm implements: console, stderr, file, TCP listen and none. */
final class ComPorts {
    private ComPorts() {
    }

    static SerialSpec checkImplemented(String value, RuleContext ctx) throws SpecException {
        SerialSpec.Com com = SerialSpecParser.parseCom(value);
        if (com.debuggerMode()) {
            throw new SpecException("debugger-mode: is not implemented yet");
        }
        return switch (com.backend()) {
            case SerialSpec.Term t -> throw new SpecException("term is not implemented yet");
            case SerialSpec.Pipe p -> throw new SpecException(
                    "listen=PATH (pipe or Unix socket) is not implemented yet; use listen=tcp:IP:PORT");
            case SerialSpec.File f -> {
                ctx.guestOutputFile(f.path());
                yield f;
            }
            case SerialSpec.None n -> n;
            case SerialSpec.Console c -> c;
            case SerialSpec.Stderr s -> s;
            case SerialSpec.Tcp t -> t;
        };
    }
}
