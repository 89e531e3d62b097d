package org.jvmm.vmm.resource;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;

/**
 * An immutable, Jackson-serialisable description of a resource (pure data, never a live
 * object). Implementations are records annotated with {@link HandleType}; in JSON they carry
 * their type id as {@code "resource": "kind:id"}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.CUSTOM, include = JsonTypeInfo.As.PROPERTY, property = "resource")
@JsonTypeIdResolver(HandleTypeIdResolver.class)
public interface ResourceHandle {

    /** The resource kind from this record's {@link HandleType}. */
    @JsonIgnore
    default String kind() {
        return HandleTypeLookup.require(getClass()).kind();
    }

    /** The resource id from this record's {@link HandleType}. */
    @JsonIgnore
    default String id() {
        return HandleTypeLookup.require(getClass()).id();
    }

    /** {@code kind:id}. */
    @JsonIgnore
    default String key() {
        return HandleTypeLookup.key(HandleTypeLookup.require(getClass()));
    }

    /** {@code kind:id} of a handle class (IllegalArgumentException when not annotated). */
    static String keyOf(Class<? extends ResourceHandle> type) {
        return HandleTypeLookup.key(HandleTypeLookup.require(type));
    }
}
