package org.ae4j.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code --config FILE}: a YAML or JSON mapping whose keys are a command's long option names without the dashes
 * ({@code layers: [256, 64]}, {@code regularizer: [kl-sparsity:rho=0.05, weight-decay:lambda=1e-4]},
 * {@code tied: true}). Each key becomes the same option on the command line, so values go through exactly the
 * conversions and checks flags do; an option given on the command line wins over the file, and the file over the
 * defaults; a null value ({@code corruption: null}, as the resolved config prints unset options) keeps the
 * default. A regularizer may also be written as a mapping: {@code - kl-sparsity: {rho: 0.05, beta: 3}}.
 */
final class ConfigFile {
    private static final Set<String> NOT_IN_FILES = Set.of("config", "help", "version");

    private ConfigFile() {
    }

    /** A config file that cannot be read or does not fit the command; the message names the file and key. */
    static final class ConfigException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConfigException(String message) {
            super(message);
        }
    }

    /**
     * The arguments with the config file's options appended, for the options the arguments do not give.
     * Arguments that do not parse, or name no config file, come back unchanged (picocli reports them).
     */
    static String[] expand(Supplier<CommandLine> fresh, String[] args) {
        ParseResult pr;
        try {
            pr = fresh.get().parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            return args;
        }
        List<String> path = new ArrayList<>();
        ParseResult sub = pr;
        while (sub.hasSubcommand()) {
            sub = sub.subcommand();
            path.add(sub.commandSpec().name());
        }
        CommandSpec spec = sub.commandSpec();
        OptionSpec configOption = spec.findOption("--config");
        if (configOption == null || !sub.hasMatchedOption(configOption)) {
            return args;
        }
        String file = sub.matchedOptionValue("--config", (String) null);
        List<String> extra = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : entries(read(Path.of(file)), file)) {
            String key = e.getKey();
            OptionSpec option = NOT_IN_FILES.contains(key) ? null : spec.findOption("--" + key);
            if (option == null || !option.longestName().equals("--" + key)) {
                throw new ConfigException(file + ": unknown key '" + key + "'; known: " + String.join(", ", keys(spec)));
            }
            if (!sub.hasMatchedOption(option) && !e.getValue().isNull()) {
                extra.addAll(toArgs(file, key, option, e.getValue()));
            }
        }
        checkParses(fresh, file, path, extra);
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(extra);
        return all.toArray(new String[0]);
    }

    /** The keys a config file may use for a command: its long option names without dashes. */
    static List<String> keys(CommandSpec spec) {
        Set<String> keys = new TreeSet<>();
        for (OptionSpec o : spec.options()) {
            String k = o.longestName().replaceFirst("^-+", "");
            if (!NOT_IN_FILES.contains(k)) {
                keys.add(k);
            }
        }
        return List.copyOf(keys);
    }

    /** Parses a YAML or JSON file (JSON by extension or a leading brace; YAML otherwise) into a tree. */
    static JsonNode read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("--config: " + file + ": no such file");
        } catch (IOException e) {
            throw new ConfigException("--config: cannot read " + file + ": " + Errors.message(e));
        }
        boolean json = file.toString().toLowerCase(Locale.ROOT).endsWith(".json") || text.stripLeading().startsWith("{");
        ObjectMapper mapper = json ? new ObjectMapper() : new YAMLMapper();
        try {
            JsonNode root = mapper.readTree(text);
            if (root == null || root.isMissingNode() || root.isNull()) {
                throw new ConfigException(file + ": expected a mapping of option names to values, got an empty file");
            }
            if (!root.isObject()) {
                throw new ConfigException(file + ": expected a mapping of option names to values, got a "
                        + root.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            return root;
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
            String msg = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
            throw new ConfigException(file + ": " + where + "not valid " + (json ? "JSON" : "YAML") + " (" + msg + ")");
        }
    }

    private static List<Map.Entry<String, JsonNode>> entries(JsonNode root, String file) {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = root.properties().iterator();
        while (it.hasNext()) {
            out.add(it.next());
        }
        if (out.isEmpty()) {
            throw new ConfigException(file + ": expected a mapping of option names to values, got an empty mapping");
        }
        return out;
    }

    /** The command-line arguments that say what {@code key: value} says. */
    static List<String> toArgs(String file, String key, OptionSpec option, JsonNode value) {
        String flag = "--" + key;
        String where = file + ": " + key + ": ";
        if (value == null || value.isNull()) {
            throw new ConfigException(where + "expected a value, got none");
        }
        if (option.arity().max() == 0) {
            if (!value.isBoolean() && !(value.isTextual() && value.asText().matches("(?i)true|false"))) {
                throw new ConfigException(where + "expected true or false, got '" + value.asText() + "'");
            }
            return Boolean.parseBoolean(value.asText()) ? List.of(flag) : List.of();
        }
        List<String> out = new ArrayList<>();
        if (option.isMultiValue()) {
            List<String> items = new ArrayList<>();
            if (value.isArray()) {
                for (JsonNode item : value) {
                    items.add(pluginOrScalar(where, item));
                }
            } else {
                items.add(pluginOrScalar(where, value));
            }
            if (!option.splitRegex().isEmpty()) {
                out.add(flag);
                out.add(String.join(",", items));
            } else {
                for (String item : items) {
                    out.add(flag);
                    out.add(item);
                }
            }
            return out;
        }
        out.add(flag);
        out.add(pluginOrScalar(where, value));
        return out;
    }

    /** A scalar as text, or a one-entry mapping {@code name: {k: v, ...}} as the plugin spec {@code name:k=v,...}. */
    private static String pluginOrScalar(String where, JsonNode node) {
        if (node.isValueNode()) {
            return node.asText();
        }
        if (node.isObject() && node.size() == 1) {
            Map.Entry<String, JsonNode> e = node.properties().iterator().next();
            JsonNode opts = e.getValue();
            if (opts == null || opts.isNull() || (opts.isObject() && opts.isEmpty())) {
                return e.getKey();
            }
            if (opts.isObject()) {
                StringBuilder sb = new StringBuilder(e.getKey()).append(':');
                Iterator<Map.Entry<String, JsonNode>> it = opts.properties().iterator();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> o = it.next();
                    if (!o.getValue().isValueNode()) {
                        throw new ConfigException(where + "option '" + o.getKey() + "' of " + e.getKey()
                                + ": expected a single value");
                    }
                    sb.append(o.getKey()).append('=').append(o.getValue().asText());
                    if (it.hasNext()) {
                        sb.append(',');
                    }
                }
                return sb.toString();
            }
        }
        throw new ConfigException(where + "expected a value" + " or a plugin as 'name: {option: value}', got " + node);
    }

    /** Parses the file's arguments alone, so a bad value is reported against the file rather than a flag. */
    private static void checkParses(Supplier<CommandLine> fresh, String file, List<String> path, List<String> extra) {
        List<String> args = new ArrayList<>(path);
        args.addAll(extra);
        try {
            fresh.get().parseArgs(args.toArray(new String[0]));
        } catch (CommandLine.ParameterException e) {
            String m = e.getMessage() == null ? "bad value" : e.getMessage().lines().findFirst().orElse("");
            throw new ConfigException(file + ": " + m);
        }
    }
}
