package org.jvmm.vm.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Virtual processors; in JSON just the count ({@code "processors": 2}). */
public record ProcessorConfig(@JsonValue int count) {
    public static final int MAX = 256;

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ProcessorConfig {
        if (count < 1 || count > MAX) {
            throw new IllegalArgumentException("processors: must be 1.." + MAX + ", got " + count);
        }
    }
}
