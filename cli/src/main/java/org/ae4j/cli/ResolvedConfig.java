package org.ae4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The options a command actually runs with, after the command line, the config file and the defaults, keyed by
 * long option name without dashes: exactly what a {@code --config} file may contain.
 */
final class ResolvedConfig {
    private static final Set<String> SKIP = Set.of("config", "help", "version");
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());

    private ResolvedConfig() {
    }

    /** Option name to value, in declaration order; unset optional values are null. */
    static Map<String, Object> of(CommandSpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (OptionSpec o : spec.options()) {
            String key = o.longestName().replaceFirst("^-+", "");
            if (SKIP.contains(key)) {
                continue;
            }
            Object v = o.getValue();
            m.put(key, v instanceof java.nio.file.Path p ? p.toString() : v instanceof List<?> l ? List.copyOf(l) : v);
        }
        return m;
    }

    /** As YAML (a valid config file). */
    static String yaml(Map<String, Object> config) {
        try {
            return YAML.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As one JSON object. */
    static String json(Map<String, Object> config) {
        try {
            return EvalOutput.json().writer().withoutFeatures(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
