package org.jvmm.itest;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.List;

/**
 * Reads the objects that {@code vm:*} commands return. Their classes live in the shell bundle's
 * private package, so the test reads them by accessor name, as Gogo does when it formats them.
 */
final class ShellObjects {
    private ShellObjects() {
    }

    /** The record component {@code name} of {@code record}. */
    static Object component(Object record, String name) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        assertNotNull(components, record.getClass().getName() + " is not a record");
        for (RecordComponent c : components) {
            if (c.getName().equals(name)) {
                return invoke(record, c.getAccessor());
            }
        }
        return fail(record.getClass().getName() + " has no component " + name);
    }

    /** The record component {@code name}, a list. */
    static List<?> list(Object record, String name) {
        return (List<?>) component(record, name);
    }

    /** The result of the public no-argument method {@code name} of {@code object}. */
    static Object call(Object object, String name) {
        try {
            return invoke(object, object.getClass().getMethod(name));
        } catch (NoSuchMethodException e) {
            return fail(object.getClass().getName() + " has no method " + name + "()");
        }
    }

    private static Object invoke(Object target, Method method) {
        try {
            return method.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return fail("cannot call " + method, e);
        }
    }
}
