package org.jvmm.vm.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns Jackson exceptions into one-line config messages. Package private. */
final class ConfigErrors {
    private static final Pattern MISSING_TYPE_ID = Pattern.compile("missing type id property '([^']+)'");
    private static final Pattern LEADING_FIELD = Pattern.compile("^([A-Za-z][A-Za-z0-9]*(?:\\.[A-Za-z][A-Za-z0-9]*)*): ");

    private ConfigErrors() {
    }

    static String describe(JacksonException e) {
        if (!(e instanceof JsonMappingException m)) {
            return "config: invalid JSON at " + location(e.getLocation()) + ": " + oneLine(e.getOriginalMessage());
        }
        String path = path(m.getPath());
        String where = at(path);
        return switch (m) {
            case ValueInstantiationException v when v.getCause() instanceof IllegalArgumentException iae ->
                    invariant(m.getPath(), oneLine(iae.getMessage()));
            case InvalidTypeIdException t when t.getTypeId() != null ->
                    "config: " + oneLine(t.getOriginalMessage()) + where;
            case InvalidTypeIdException t -> missingTypeId(t) + where;
            case UnrecognizedPropertyException u -> "config: unknown field \"" + u.getPropertyName() + "\""
                    + at(path(u.getPath().subList(0, u.getPath().size() - 1)));
            default -> m.getOriginalMessage() != null && m.getOriginalMessage().startsWith("No content to map")
                    ? "config: empty input"
                    : "config: " + oneLine(m.getOriginalMessage()) + where;
        };
    }

    /**
     * The record's own message ({@code field: detail} or {@code outer.field: detail}) with its
     * field placed under the record's JSON path: {@code disks[0].controller: detail}.
     */
    private static String invariant(List<JsonMappingException.Reference> refs, String message) {
        String path = path(refs);
        Matcher m = LEADING_FIELD.matcher(message);
        if (path.isEmpty()) {
            return message;
        }
        if (!m.find()) {
            return path + ": " + message;
        }
        String name = m.group(1);
        String field = name.substring(name.lastIndexOf('.') + 1);
        String detail = message.substring(m.end());
        return field.equals(last(refs)) ? path + ": " + detail : path + "." + field + ": " + detail;
    }

    private static String at(String path) {
        return path.isEmpty() ? "" : " at " + path;
    }

    private static String missingTypeId(InvalidTypeIdException t) {
        Matcher m = MISSING_TYPE_ID.matcher(String.valueOf(t.getOriginalMessage()));
        return m.find() ? "config: missing \"" + m.group(1) + "\" property" : "config: " + oneLine(t.getOriginalMessage());
    }

    /** {@code disks[0].disk} from Jackson's reference chain. */
    static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            } else if (r.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(r.getFieldName());
            }
        }
        return sb.toString();
    }

    private static String last(List<JsonMappingException.Reference> refs) {
        JsonMappingException.Reference r = refs.getLast();
        return r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]";
    }

    private static String location(JsonLocation loc) {
        return loc == null ? "unknown position" : "line " + loc.getLineNr() + " column " + loc.getColumnNr();
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        return s.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
