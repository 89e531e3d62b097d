package org.jvmm.vmm.resource;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** Jackson set up for handle records and configs built from them. */
public final class HandleJson {
    private HandleJson() {
    }

    /**
     * A new mapper: records, unknown properties and trailing tokens are errors, properties in
     * declaration order. A missing primitive record component reads as 0/false.
     */
    public static ObjectMapper mapper() {
        return JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .build();
    }

    /** A reader of {@code mapper} that resolves {@code kind:id} type ids through {@code types}. */
    public static ObjectReader reader(ObjectMapper mapper, HandleTypes types) {
        return mapper.reader().withAttribute(HandleTypes.class, types);
    }

    /** A writer of {@code mapper} with two-space indentation and "\n" line ends. */
    public static ObjectWriter prettyWriter(ObjectMapper mapper) {
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        return mapper.writer(pp);
    }
}
