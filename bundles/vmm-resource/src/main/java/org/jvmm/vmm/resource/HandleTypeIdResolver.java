package org.jvmm.vmm.resource;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DatabindContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.jsontype.impl.TypeIdResolverBase;
import java.io.IOException;

/**
 * Jackson type ids for {@link ResourceHandle}: writes {@code kind:id} from the record's
 * {@link HandleType}; reads through the {@link HandleTypes} catalog stored as the
 * {@code HandleTypes.class} attribute of the Jackson context (see {@link HandleJson#reader}).
 */
public final class HandleTypeIdResolver extends TypeIdResolverBase {
    private JavaType baseType;

    @Override
    public void init(JavaType bt) {
        this.baseType = bt;
    }

    @Override
    public JsonTypeInfo.Id getMechanism() {
        return JsonTypeInfo.Id.CUSTOM;
    }

    @Override
    public String idFromValue(Object value) {
        return idFromValueAndType(value, value.getClass());
    }

    @Override
    public String idFromValueAndType(Object value, Class<?> suggestedType) {
        Class<?> type = value != null ? value.getClass() : suggestedType;
        return HandleTypeLookup.key(HandleTypeLookup.require(type));
    }

    @Override
    public JavaType typeFromId(DatabindContext context, String id) throws IOException {
        Class<?> type = lookup(context, id);
        if (type == null) {
            throw unknown(context, id);
        }
        return context.constructSpecializedType(baseType, type);
    }

    @Override
    public String getDescForKnownTypeIds() {
        return "kind:id of a registered resource handle";
    }

    private Class<?> lookup(DatabindContext context, String id) {
        Object attr = context.getAttribute(HandleTypes.class);
        if (attr instanceof HandleTypes types) {
            Class<?> found = types.find(id).orElse(null);
            if (found != null) {
                return found;
            }
        }
        Class<?> raw = baseType == null ? null : baseType.getRawClass();
        HandleType own = raw == null ? null : HandleTypeLookup.find(raw);
        return own != null && HandleTypeLookup.key(own).equals(id) ? raw : null;
    }

    private InvalidTypeIdException unknown(DatabindContext context, String id) {
        String msg = "unknown resource " + id;
        if (context instanceof DeserializationContext dc) {
            return InvalidTypeIdException.from(dc.getParser(), msg, baseType, id);
        }
        return InvalidTypeIdException.from(null, msg, baseType, id);
    }
}
