package com.facetrust.application.liveness;

import org.eclipse.microprofile.config.Config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Locale;

/**
 * Reads a settings record from MicroProfile Config, one key per record component: {@code prefix} + the component
 * name in kebab case (e.g. {@code ActiveChallengeConfig.turnDegrees} under {@code facetrust.liveness.active} is
 * {@code facetrust.liveness.active.turn-degrees}); a missing key keeps the record's default. Supports the component
 * types the liveness settings use (numbers, booleans, strings, {@link java.time.Duration} as ISO-8601, e.g. PT30S).
 * One reader for all of them, so every documented key really is read and a new component needs no new code.
 */
final class RecordSettings {

    private RecordSettings() {
    }

    static <R extends Record> R read(Config config, String prefix, R defaults) {
        RecordComponent[] components = defaults.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                RecordComponent c = components[i];
                types[i] = c.getType();
                Object fallback = c.getAccessor().invoke(defaults);
                values[i] = config.getOptionalValue(prefix + "." + kebab(c.getName()), boxed(c.getType()))
                        .map(v -> (Object) v).orElse(fallback);
            }
            Constructor<?> canonical = defaults.getClass().getDeclaredConstructor(types);
            canonical.setAccessible(true);
            @SuppressWarnings("unchecked")
            R result = (R) canonical.newInstance(values);
            return result;
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("invalid settings under " + prefix + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read settings record " + defaults.getClass().getName(), e);
        }
    }

    /** {@code minNonRigid} → {@code min-non-rigid}. */
    static String kebab(String camel) {
        StringBuilder b = new StringBuilder();
        for (char ch : camel.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                b.append('-').append(Character.toLowerCase(ch));
            } else {
                b.append(ch);
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    private static Class<?> boxed(Class<?> t) {
        if (!t.isPrimitive()) {
            return t;
        }
        if (t == int.class) {
            return Integer.class;
        }
        if (t == long.class) {
            return Long.class;
        }
        if (t == double.class) {
            return Double.class;
        }
        if (t == boolean.class) {
            return Boolean.class;
        }
        if (t == float.class) {
            return Float.class;
        }
        throw new IllegalArgumentException("unsupported setting type " + t);
    }
}
