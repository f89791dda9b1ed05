package org.ae4j.core.checkpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The generic content of a checkpoint file: named, typed values in insertion order. Getters fail with a
 * {@link MalformedCheckpointException} that names the missing or mistyped entry.
 */
final class Entries {
    /** The value types a file can hold, with their one-byte tags. */
    enum Type {
        LONG(1, Long.class), DOUBLE(2, Double.class), STRING(3, String.class), FLOATS(4, float[].class),
        INTS(5, int[].class), DOUBLES(6, double[].class);

        final int tag;
        final Class<?> javaType;

        Type(int tag, Class<?> javaType) {
            this.tag = tag;
            this.javaType = javaType;
        }

        static Type ofTag(int tag) {
            for (Type t : values()) {
                if (t.tag == tag) {
                    return t;
                }
            }
            return null;
        }

        static Type of(Object value) {
            for (Type t : values()) {
                if (t.javaType.isInstance(value)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("no checkpoint entry type for " + value.getClass().getName());
        }
    }

    private final Map<String, Object> values = new LinkedHashMap<>();

    /** Adds an entry; names are unique. */
    Entries put(String name, Object value) {
        Type.of(value);
        if (values.putIfAbsent(name, value) != null) {
            throw new IllegalArgumentException("duplicate checkpoint entry '" + name + "'");
        }
        return this;
    }

    /** Every entry, in order (values are not copied). */
    Map<String, Object> all() {
        return Collections.unmodifiableMap(values);
    }

    long getLong(String name) {
        return get(name, Type.LONG, Long.class);
    }

    int getInt(String name) {
        long v = getLong(name);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new MalformedCheckpointException("entry '" + name + "': expected an int, got " + v);
        }
        return (int) v;
    }

    boolean getBoolean(String name) {
        long v = getLong(name);
        if (v != 0 && v != 1) {
            throw new MalformedCheckpointException("entry '" + name + "': expected 0 or 1, got " + v);
        }
        return v == 1;
    }

    double getDouble(String name) {
        return get(name, Type.DOUBLE, Double.class);
    }

    String getString(String name) {
        return get(name, Type.STRING, String.class);
    }

    float[] getFloats(String name) {
        return get(name, Type.FLOATS, float[].class);
    }

    int[] getInts(String name) {
        return get(name, Type.INTS, int[].class);
    }

    double[] getDoubles(String name) {
        return get(name, Type.DOUBLES, double[].class);
    }

    /** The float arrays whose names start with prefix, keyed by the rest of the name, in file order. */
    Map<String, float[]> floatsUnder(String prefix) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                out.put(e.getKey().substring(prefix.length()), getFloats(e.getKey()));
            }
        }
        return out;
    }

    /** The double arrays whose names start with prefix, keyed by the rest of the name, in file order. */
    Map<String, double[]> doublesUnder(String prefix) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                out.put(e.getKey().substring(prefix.length()), getDoubles(e.getKey()));
            }
        }
        return out;
    }

    private <T> T get(String name, Type type, Class<T> cls) {
        Object v = values.get(name);
        if (v == null) {
            throw new MalformedCheckpointException("missing entry '" + name + "' (" + type + ")");
        }
        if (!cls.isInstance(v)) {
            throw new MalformedCheckpointException("entry '" + name + "': expected " + type + ", found "
                    + Type.of(v));
        }
        return cls.cast(v);
    }
}
