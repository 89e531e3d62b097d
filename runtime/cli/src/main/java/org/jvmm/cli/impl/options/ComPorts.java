package org.jvmm.cli.impl.options;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import org.jvmm.cli.impl.spec.SerialSpec;
import org.jvmm.cli.impl.spec.SerialSpecParser;
import org.jvmm.cli.impl.spec.SpecException;

/**
 * Which serial bindings jvmm implements for {@code --com1..4} and {@code --debugcon}: console,
 * stderr, file, TCP listen and none.
 */
final class ComPorts {
    private ComPorts() {
    }

    static SerialSpec checkImplemented(String value, RuleContext ctx) throws SpecException {
        SerialSpec.Com com = SerialSpecParser.parseCom(value);
        if (com.debuggerMode()) {
            throw new SpecException("debugger-mode: is not implemented yet");
        }
        return implementedBackend(com.backend(), ctx);
    }

    /** {@code PORT,SERIAL}, with a backend jvmm implements. */
    static SerialSpec checkDebugcon(String value, RuleContext ctx) throws SpecException {
        return implementedBackend(SerialSpecParser.parseDebugcon(value).backend(), ctx);
    }

    /** A serial binding jvmm implements, e.g. for {@code --virtio-console}. */
    static SerialSpec checkBackend(SerialSpec backend, RuleContext ctx) throws SpecException {
        return implementedBackend(backend, ctx);
    }

    private static SerialSpec implementedBackend(SerialSpec backend, RuleContext ctx) throws SpecException {
        return switch (backend) {
            case SerialSpec.Term t -> throw new SpecException("term is not implemented yet");
            case SerialSpec.Pipe p -> {
                ctx.guestOutputFile(p.path());
                if (Files.exists(Path.of(p.path()), LinkOption.NOFOLLOW_LINKS)) {
                    throw new SpecException("'" + p.path() + "' already exists (listen=PATH creates a Unix socket there)");
                }
                yield p;
            }
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
