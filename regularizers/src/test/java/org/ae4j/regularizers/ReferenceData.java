package org.ae4j.regularizers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ae4j.core.model.ModelGraph;
import org.ae4j.core.spi.Activation;

/**
 * The reference values in {@code reference/penalties.json}, written by
 * {@code regularizers/src/test/python/make_reference.py} (PyTorch, float64).
 */
final class ReferenceData {
    private static final String RESOURCE = "/reference/penalties.json";
    private static List<Case> cases;

    private ReferenceData() {
    }

    /** One penalty of one case: the spec as users type it, its PyTorch value and the noise it was computed with. */
    record Penalty(String spec, double value, Map<String, double[]> noise) {
        String provider() {
            int colon = spec.indexOf(':');
            return colon < 0 ? spec : spec.substring(0, colon);
        }
    }

    /** One encoder with fixed inputs and parameters. */
    record Case(String name, int inputDim, int batch, List<Integer> units, List<Activation> activations, double[] x,
                Map<String, double[]> parameters, List<Penalty> penalties) {
        ModelGraph graph(String regularizer) {
            return Models.withRegularizer(units, activations, regularizer, inputDim, batch);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static synchronized List<Case> cases() {
        if (cases == null) {
            cases = load();
        }
        return cases;
    }

    @SuppressWarnings("unchecked")
    private static List<Case> load() {
        String text;
        try (InputStream in = ReferenceData.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + RESOURCE
                        + "; run regularizers/src/test/python/make_reference.py");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> doc = (Map<String, Object>) Json.parse(text);
        List<Case> out = new ArrayList<>();
        for (Object o : (List<Object>) doc.get("cases")) {
            Map<String, Object> c = (Map<String, Object>) o;
            List<Integer> units = new ArrayList<>();
            for (Object u : (List<Object>) c.get("units")) {
                units.add(((Double) u).intValue());
            }
            List<Activation> acts = new ArrayList<>();
            for (Object a : (List<Object>) c.get("activations")) {
                acts.add(Activation.valueOf(((String) a).toUpperCase(Locale.ROOT)));
            }
            Map<String, double[]> params = new LinkedHashMap<>();
            ((Map<String, Object>) c.get("parameters")).forEach((name, p) ->
                    params.put(name, doubles(((Map<String, Object>) p).get("values"))));
            List<Penalty> penalties = new ArrayList<>();
            for (Object po : (List<Object>) c.get("penalties")) {
                Map<String, Object> p = (Map<String, Object>) po;
                Map<String, double[]> noise = new LinkedHashMap<>();
                Object n = p.get("noise");
                if (n != null) {
                    ((Map<String, Object>) n).forEach((k, v) -> noise.put(k, doubles(v)));
                }
                penalties.add(new Penalty((String) p.get("spec"), (Double) p.get("value"), noise));
            }
            out.add(new Case((String) c.get("name"), ((Double) c.get("inputDim")).intValue(),
                    ((Double) c.get("batch")).intValue(), units, acts, doubles(c.get("x")), params, penalties));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static double[] doubles(Object list) {
        List<Object> l = (List<Object>) list;
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (Double) l.get(i);
        }
        return out;
    }
}
