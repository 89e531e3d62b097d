package org.jvmm.cli.impl.launch;

import java.util.Arrays;
import java.util.concurrent.Callable;
import org.jvmm.cli.impl.BuiltinHandleTypes;
import org.jvmm.cli.impl.CliMain;
import org.jvmm.vmm.resource.HandleTypes;
import org.jvmm.vmm.resource.ResolverRegistry;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The program's main: bnd's launcher registers itself as a service with the command line in the
 * property {@value #ARGUMENTS} ({@code String[]}), then calls the {@code Callable<Integer>}
 * registered with {@code main.thread=true} on the main thread and exits with its result (after
 * stopping the framework). This component is that callable: it runs {@link CliMain} on the
 * arguments.
 */
@Component(service = Callable.class, property = "main.thread=true")
public final class CliLauncherComponent implements Callable<Integer> {
    /** The launcher service property holding the command line. */
    static final String ARGUMENTS = "launcher.arguments";
    static final String LAUNCHER_FILTER = "(" + ARGUMENTS + "=*)";

    private final BundleContext ctx;

    @Activate
    public CliLauncherComponent(BundleContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        String version = ctx.getBundle().getVersion().toString();
        CliMain main = new CliMain(version, System.getenv(), this::handleTypes, new VmLauncher(ctx, ShellTerminal::system));
        return main.run(arguments(), System.out, System.err);
    }

    /** The launcher's {@value #ARGUMENTS}; registered before the launcher calls us. */
    String[] arguments() {
        try {
            ServiceReference<?>[] refs = ctx.getServiceReferences((String) null, LAUNCHER_FILTER);
            for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
                if (ref.getProperty(ARGUMENTS) instanceof String[] args) {
                    return Arrays.copyOf(args, args.length);
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(LAUNCHER_FILTER, e);
        }
        return new String[0];
    }

    /** Handle classes of the resolvers registered now, for reading {@code --config}. */
    private HandleTypes handleTypes() {
        ServiceReference<ResolverRegistry> ref = ctx.getServiceReference(ResolverRegistry.class);
        ResolverRegistry registry = ref == null ? null : ctx.getService(ref);
        try {
            return registry == null ? BuiltinHandleTypes.all() : registry.handleTypes();
        } finally {
            if (registry != null) {
                ctx.ungetService(ref);
            }
        }
    }
}
