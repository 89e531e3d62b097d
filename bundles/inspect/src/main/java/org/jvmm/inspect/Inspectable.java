package org.jvmm.inspect;

/** Something that can describe its state into an inspect node. Must not block for long. */
@FunctionalInterface
public interface Inspectable {
    void inspect(InspectNode node);
}
