package org.ae4j.core.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Binds {@code key=value} strings onto a config record: each key names a record component, values are converted
 * to the component's type, and the record's compact constructor validates the result.
 *
 * <p>Supported component types: double, float, int, long, boolean, String, enums (case-insensitive, '-' as '_'),
 * and lists of those (elements separated by '/' or ';').
 */
public final class ConfigBinder {
    private ConfigBinder() {
    }

    /** A new record: the defaults with the given options applied. Errors name the plugin and the field. */
    public static <C extends Record> C bind(Class<C> type, C defaults, Map<String, String> options, String owner) {
        RecordComponent[] comps = type.getRecordComponents();
        Object[] args = new Object[comps.length];
        Map<String, String> remaining = new LinkedHashMap<>(options);
        for (int i = 0; i < comps.length; i++) {
            RecordComponent c = comps[i];
            String raw = remaining.remove(c.getName());
            try {
                args[i] = raw == null ? c.getAccessor().invoke(defaults) : convert(raw, c.getGenericType(), c.getName());
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + type.getName(), e);
            }
        }
        if (!remaining.isEmpty()) {
            String known = Arrays.stream(comps).map(RecordComponent::getName).collect(Collectors.joining(", "));
            throw new IllegalArgumentException(owner + ": unknown option '" + remaining.keySet().iterator().next()
                    + "'; known options: " + (known.isEmpty() ? "(none)" : known));
        }
        return construct(type, comps, args, owner);
    }

    /** The record's components and their values, in declaration order, as strings (lists joined by '/'). */
    public static Map<String, String> describe(Record config) {
        Map<String, String> out = new LinkedHashMap<>();
        for (RecordComponent c : config.getClass().getRecordComponents()) {
            try {
                Object v = c.getAccessor().invoke(config);
                out.put(c.getName(), format(v));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** The option string of a config, e.g. {@code rho=0.05,beta=3.0}. */
    public static String toOptionString(Record config) {
        return describe(config).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    private static String format(Object v) {
        if (v instanceof List<?> list) {
            return list.stream().map(ConfigBinder::format).collect(Collectors.joining("/"));
        }
        if (v instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
        return String.valueOf(v);
    }

    private static <C extends Record> C construct(Class<C> type, RecordComponent[] comps, Object[] args, String owner) {
        Class<?>[] types = Arrays.stream(comps).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            Constructor<C> ctor = type.getDeclaredConstructor(types);
            ctor.setAccessible(true);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException iae) {
                throw new IllegalArgumentException(owner + ": " + iae.getMessage(), iae);
            }
            throw new IllegalStateException(owner + ": config constructor failed", cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(owner + ": cannot construct " + type.getName(), e);
        }
    }

    private static Object convert(String raw, Type type, String field) {
        String s = raw.trim();
        try {
            if (type instanceof ParameterizedType pt && pt.getRawType() == List.class) {
                Type elem = pt.getActualTypeArguments()[0];
                List<Object> out = new ArrayList<>();
                if (!s.isEmpty()) {
                    for (String part : s.split("[/;]")) {
                        out.add(convert(part, elem, field));
                    }
                }
                return List.copyOf(out);
            }
            Class<?> c = (Class<?>) type;
            if (c == double.class || c == Double.class) {
                return Double.parseDouble(s);
            }
            if (c == float.class || c == Float.class) {
                return Float.parseFloat(s);
            }
            if (c == int.class || c == Integer.class) {
                return Integer.parseInt(s);
            }
            if (c == long.class || c == Long.class) {
                return Long.parseLong(s);
            }
            if (c == boolean.class || c == Boolean.class) {
                if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
                    return Boolean.parseBoolean(s);
                }
                throw new IllegalArgumentException(field + ": expected true or false, got '" + raw + "'");
            }
            if (c == String.class) {
                return s;
            }
            if (c.isEnum()) {
                return parseEnum(c, s, field);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": expected a number, got '" + raw + "'", e);
        }
        throw new IllegalStateException(field + ": unsupported config type " + type);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object parseEnum(Class<?> c, String s, String field) {
        String key = s.toUpperCase(Locale.ROOT).replace('-', '_');
        for (Object constant : c.getEnumConstants()) {
            if (((Enum) constant).name().equals(key)) {
                return constant;
            }
        }
        String allowed = Arrays.stream(c.getEnumConstants())
                .map(o -> ((Enum<?>) o).name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .collect(Collectors.joining("|"));
        throw new IllegalArgumentException(field + ": expected one of " + allowed + ", got '" + s + "'");
    }
}
