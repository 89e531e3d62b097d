package org.jvmm.vmm.resource;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the resource a handle record describes: {@code kind} is what it resolves to (one of
 * {@link ResourceKinds}), {@code id} which implementation ({@code file}, {@code kvm}, ...).
 * Together they form the stable JSON type id {@code kind:id}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface HandleType {
    String kind();

    String id();
}
