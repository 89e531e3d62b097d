package org.jvmm.cli.impl.launch;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ManagedServiceFactory;
import org.osgi.util.tracker.ServiceTracker;

/**
 * {@code --plugins DIR}: Apache Felix FileInstall watches DIR. It is told so through Configuration
 * Admin, as one configuration (named {@value #NAME}) of its factory PID {@value #FACTORY_PID}:
 * FileInstall then installs and starts a bundle jar put in DIR (those already there at once),
 * updates one replaced and uninstalls one removed. Only {@code *.jar} files count: subfolders and
 * configuration files are left alone. jvmm.bndrun gives FileInstall an empty list of folders of its
 * own (its default is {@code ./load}), so without this option nothing is watched.
 */
final class PluginFolder {
    static final String FACTORY_PID = "org.apache.felix.fileinstall";
    static final String NAME = "jvmm-plugins";
    static final long POLL_MILLIS = 500;
    private static final String WATCHER = "(&(" + Constants.OBJECTCLASS + "=" + ManagedServiceFactory.class.getName()
            + ")(" + Constants.SERVICE_PID + "=" + FACTORY_PID + "))";

    private PluginFolder() {
    }

    /** FileInstall's settings for watching {@code dir}. */
    static Dictionary<String, Object> properties(Path dir) {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("felix.fileinstall.dir", dir.toAbsolutePath().normalize().toString());
        p.put("felix.fileinstall.poll", Long.toString(POLL_MILLIS));
        p.put("felix.fileinstall.noInitialDelay", "true");
        p.put("felix.fileinstall.filter", ".*\\.jar");
        p.put("felix.fileinstall.subdir.mode", "skip");
        return p;
    }

    /**
     * Has FileInstall watch {@code dir} and says so on {@code err}; false, after one line on
     * {@code err}, when Configuration Admin or FileInstall is not there.
     */
    static boolean watch(BundleContext ctx, Path dir, PrintStream err) throws InterruptedException {
        // Configuration Admin is a service factory: the object is good only while it is held.
        ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> admin = new ServiceTracker<>(ctx, ConfigurationAdmin.class, null);
        admin.open();
        try {
            return watch(ctx, admin.waitForService(VmLauncher.SERVICE_WAIT_MILLIS), dir, err);
        } finally {
            admin.close();
        }
    }

    private static boolean watch(BundleContext ctx, ConfigurationAdmin admin, Path dir, PrintStream err)
            throws InterruptedException {
        if (admin == null) {
            err.println("jvmm: --plugins: the configuration service is not available (bundle org.apache.felix.configadmin)");
            return false;
        }
        if (!fileInstallPresent(ctx)) {
            err.println("jvmm: --plugins: the folder watcher is not available (bundle org.apache.felix.fileinstall)");
            return false;
        }
        Dictionary<String, Object> properties = properties(dir);
        try {
            Configuration c = admin.getFactoryConfiguration(FACTORY_PID, NAME, null);
            c.update(properties);
        } catch (IOException e) {
            err.println("jvmm: --plugins: cannot configure the folder watcher: " + e.getMessage());
            return false;
        }
        err.println("jvmm: plugins: watching " + properties.get("felix.fileinstall.dir") + " (bundle jars put there"
                + " are installed and started, replaced ones updated, removed ones uninstalled)");
        return true;
    }

    private static boolean fileInstallPresent(BundleContext ctx) throws InterruptedException {
        try {
            return ServiceWait.get(ctx, ctx.createFilter(WATCHER), VmLauncher.SERVICE_WAIT_MILLIS).isPresent();
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(WATCHER, e);
        }
    }
}
