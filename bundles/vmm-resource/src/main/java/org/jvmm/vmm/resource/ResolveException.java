package org.jvmm.vmm.resource;

import java.util.Objects;

/**
 * A configuration-time failure to resolve a handle. The message is one line and always
 * names {@code kind:id} and the config path.
 */
public class ResolveException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why resolution failed. */
    public enum Reason { MISSING, DUPLICATE, FAILED, WRONG_TYPE, TOO_DEEP }

    private final Reason reason;
    private final String kind;
    private final String id;
    private final String path;

    public ResolveException(Reason reason, String kind, String id, String path, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.id = Objects.requireNonNull(id, "id");
        this.path = path == null ? "" : path;
    }

    /** {@code no resolver for disk_handle:sqlite at disks[0] — install or start bundle storage-disk}. */
    public static ResolveException missing(String kind, String id, String path, String providerHint) {
        String msg = "no resolver for " + kind + ":" + id + " at " + where(path)
                + (providerHint == null ? "" : " — install or start bundle " + providerHint);
        return new ResolveException(Reason.MISSING, kind, id, path, msg, null);
    }

    /** Two resolvers claim {@code kind:id}; names both bundles. */
    public static ResolveException duplicate(String kind, String id, String bundleA, String bundleB) {
        return duplicate(kind, id, "", bundleA, bundleB);
    }

    /** Two resolvers claim {@code kind:id}; names both bundles and the path. */
    public static ResolveException duplicate(String kind, String id, String path, String bundleA, String bundleB) {
        String msg = "two resolvers for " + kind + ":" + id + " at " + where(path) + ": bundles "
                + bundleA + " and " + bundleB + " — stop one of them";
        return new ResolveException(Reason.DUPLICATE, kind, id, path, msg, null);
    }

    /** The resolver failed; the cause's message is appended. */
    public static ResolveException failed(String kind, String id, String path, Throwable cause) {
        String detail = cause == null ? "unknown error" : describe(cause);
        String msg = kind + ":" + id + " at " + where(path) + " failed: " + detail;
        return new ResolveException(Reason.FAILED, kind, id, path, msg, cause);
    }

    /** The resolver failed with a message of its own. */
    public static ResolveException failed(String kind, String id, String path, String detail) {
        String msg = kind + ":" + id + " at " + where(path) + " failed: " + detail;
        return new ResolveException(Reason.FAILED, kind, id, path, msg, null);
    }

    /** The resolver produces (or produced) {@code actual}, not the requested {@code expected}. */
    public static ResolveException wrongType(String kind, String id, String path, Class<?> expected, Class<?> actual) {
        String msg = kind + ":" + id + " at " + where(path) + " resolves to "
                + (actual == null ? "null" : actual.getName()) + ", not the requested " + expected.getName();
        return new ResolveException(Reason.WRONG_TYPE, kind, id, path, msg, null);
    }

    /** The sub-resolution chain is too deep or loops. */
    public static ResolveException tooDeep(String kind, String id, String path, int depth) {
        String msg = "resolution too deep (cycle?) at " + kind + ":" + id + " at " + where(path)
                + " (depth " + depth + ")";
        return new ResolveException(Reason.TOO_DEEP, kind, id, path, msg, null);
    }

    public Reason reason() {
        return reason;
    }

    public String kind() {
        return kind;
    }

    public String id() {
        return id;
    }

    /** {@code kind:id}. */
    public String key() {
        return kind + ":" + id;
    }

    /** The config path; "" for the root. */
    public String path() {
        return path;
    }

    private static String where(String path) {
        return path == null || path.isEmpty() ? "<root>" : path;
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m.replace('\n', ' ');
    }
}
