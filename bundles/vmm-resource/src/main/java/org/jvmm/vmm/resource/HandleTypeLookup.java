package org.jvmm.vmm.resource;

/** Per-class cache of the {@link HandleType} annotation (package private). */
final class HandleTypeLookup {
    private static final ClassValue<HandleType> CACHE = new ClassValue<>() {
        @Override
        protected HandleType computeValue(Class<?> type) {
            return type.getAnnotation(HandleType.class);
        }
    };

    private HandleTypeLookup() {
    }

    /** The annotation of {@code type}, or null when it has none. */
    static HandleType find(Class<?> type) {
        return CACHE.get(type);
    }

    static HandleType require(Class<?> type) {
        HandleType ht = find(type);
        if (ht == null) {
            throw new IllegalArgumentException(type.getName() + " is not annotated with @HandleType");
        }
        return ht;
    }

    static String key(HandleType ht) {
        return ht.kind() + ":" + ht.id();
    }
}
