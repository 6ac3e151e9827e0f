package dev.palisade.deploy.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Whether a service really reads an environment variable, decided from its sources (not from a list kept in
 * the test): a {@code ${VAR}} or {@code ${dotted.name}} in application.properties, a {@code "VAR"} literal
 * (the driver's options), a {@code @ConfigProperty} name, or a path through a {@code @ConfigMapping}
 * interface ({@code PALISADE_HEP_CONTROLLER_KUBERNETES_CONFIG} → {@code kubernetes().config()}), or a Quarkus
 * property of an extension the service configures ({@code QUARKUS_DATASOURCE_PASSWORD} where
 * application.properties sets {@code quarkus.datasource.*}).
 */
final class ConfigKeys {

    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\(prefix = \"([^\"]+)\"\\)");

    private final String properties;
    private final String java;

    private ConfigKeys(String properties, String java) {
        this.properties = properties;
        this.java = java;
    }

    static ConfigKeys of(String module) {
        Path root = Path.of(System.getProperty("palisade.repo.dir", "../.."), module, "src", "main");
        Path props = root.resolve("resources/application.properties");
        try (Stream<Path> files = Files.walk(root.resolve("java"))) {
            StringBuilder java = new StringBuilder();
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                java.append(Files.readString(f)).append('\n');
            }
            return new ConfigKeys(Files.exists(props) ? Files.readString(props) : "", java.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sources of " + module, e);
        }
    }

    boolean reads(String env) {
        String dotted = env.toLowerCase(Locale.ROOT).replace('_', '.');
        if (properties.contains("${" + env + "}") || properties.contains("${" + env + ":")
                || properties.contains("${" + dotted + "}") || properties.contains("${" + dotted + ":")
                || java.contains("\"" + env + "\"") || java.contains("name = \"" + dotted + "\"")) {
            return true;
        }
        String[] words = dotted.split("\\.");
        if (env.startsWith("QUARKUS_") && words.length > 2
                && properties.contains("\n" + words[0] + "." + words[1] + ".")) {
            return true;
        }
        Matcher m = MAPPING.matcher(java);
        while (m.find()) {
            String prefix = m.group(1).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_";
            if (env.startsWith(prefix) && path(Arrays.asList(env.substring(prefix.length()).split("_")))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the words split into consecutive groups, each a method of the mapping ({@code ingestUrl()}). */
    private boolean path(List<String> words) {
        for (int end = 1; end <= words.size(); end++) {
            String method = camel(words.subList(0, end));
            if (java.contains(" " + method + "();") && (end == words.size() || path(words.subList(end, words.size())))) {
                return true;
            }
        }
        return false;
    }

    private static String camel(List<String> words) {
        StringBuilder s = new StringBuilder(words.get(0).toLowerCase(Locale.ROOT));
        words.subList(1, words.size()).forEach(w -> s.append(w.charAt(0)).append(w.substring(1).toLowerCase(Locale.ROOT)));
        return s.toString();
    }
}
