package org.jvmm.vm.config;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DatabindContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.jsontype.impl.TypeIdResolverBase;
import java.io.IOException;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * The {@code mode} type ids of {@link LoadMode}: the resource id of each variant. Needed
 * because {@link ResourceHandle}'s own {@code kind:id} resolver would otherwise be inherited.
 */
public final class LoadModeTypeIds extends TypeIdResolverBase {
    private JavaType baseType;

    @Override
    public void init(JavaType bt) {
        this.baseType = bt;
    }

    @Override
    public JsonTypeInfo.Id getMechanism() {
        return JsonTypeInfo.Id.NAME;
    }

    @Override
    public String idFromValue(Object value) {
        return ((ResourceHandle) value).id();
    }

    @Override
    public String idFromValueAndType(Object value, Class<?> suggestedType) {
        return value != null ? idFromValue(value) : suggestedType.getAnnotation(
                org.jvmm.vmm.resource.HandleType.class).id();
    }

    @Override
    public JavaType typeFromId(DatabindContext context, String id) throws IOException {
        Class<? extends LoadMode> type = switch (id) {
            case "linux" -> LoadMode.LinuxDirect.class;
            case "uefi" -> LoadMode.Uefi.class;
            case "none" -> LoadMode.None.class;
            default -> null;
        };
        if (type == null) {
            throw InvalidTypeIdException.from(context instanceof DeserializationContext dc ? dc.getParser() : null,
                    "unknown load mode " + id + " (linux, uefi or none)", baseType, id);
        }
        return context.constructSpecializedType(baseType, type);
    }

    @Override
    public String getDescForKnownTypeIds() {
        return "linux, uefi, none";
    }
}
