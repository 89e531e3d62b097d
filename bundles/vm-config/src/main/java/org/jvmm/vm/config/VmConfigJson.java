package org.jvmm.vm.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jvmm.vmm.resource.HandleJson;
import org.jvmm.vmm.resource.HandleTypes;

/** Reads and writes {@link VmConfig} as JSON. Thread-safe. */
public final class VmConfigJson {
    private static final ObjectMapper MAPPER = HandleJson.mapper();
    private static final HandleTypes BUILTIN = HandleTypes.of(ConsoleSerialHandle.class, StderrSerialHandle.class,
            FileSerialHandle.class, TcpSerialHandle.class, UnixSerialHandle.class, NoneSerialHandle.class);

    private VmConfigJson() {
    }

    /** The handle types defined in this package (the {@code serial_handle} records). */
    public static HandleTypes builtinTypes() {
        return BUILTIN;
    }

    /**
     * Pretty JSON, fields in record declaration order, ending with a newline.
     *
     * @throws IllegalArgumentException when a handle in the config is not a {@code @HandleType} record
     */
    public static String write(VmConfig config) {
        try {
            return HandleJson.prettyWriter(MAPPER).writeValueAsString(config) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("config cannot be written: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads a config; handles are looked up in {@code types} and then {@link #builtinTypes()}.
     *
     * @throws VmConfigException with a one-line message for invalid JSON, unknown resources,
     *                           unknown fields, wrong value types and violated invariants
     */
    public static VmConfig read(String json, HandleTypes types) throws VmConfigException {
        try {
            return HandleJson.reader(MAPPER, withBuiltins(types)).forType(VmConfig.class).readValue(json);
        } catch (JacksonException e) {
            throw new VmConfigException(ConfigErrors.describe(e), e);
        }
    }

    private static HandleTypes withBuiltins(HandleTypes types) {
        HandleTypes.Builder b = HandleTypes.builder().addAll(types == null ? HandleTypes.EMPTY : types);
        BUILTIN.keys().forEach(k -> BUILTIN.find(k).ifPresent(b::addIfAbsent));
        return b.build();
    }
}
