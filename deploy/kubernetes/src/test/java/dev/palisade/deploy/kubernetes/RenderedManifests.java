package dev.palisade.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An overlay rendered by {@code kubectl kustomize} (the real tool, offline) and parsed into fabric8's typed
 * model. fabric8 keeps fields it does not know in {@code additionalProperties} instead of failing, so every
 * object is walked and any such field fails the parse with its path: a misspelt or misplaced field cannot
 * pass. Kinds fabric8 has no type for (Strimzi's KafkaTopic) stay generic and are checked by the tests.
 */
record RenderedManifests(String overlay, List<HasMetadata> objects) {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static RenderedManifests render(String overlay) throws IOException, InterruptedException {
        Path dir = Path.of(System.getProperty("palisade.kubernetes.dir", "."), "overlays", overlay);
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(true).start();
        String out = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
            throw new AssertionError("kubectl kustomize " + dir + " failed:\n" + out);
        }
        List<HasMetadata> objects = new ArrayList<>();
        for (String doc : out.split("(?m)^---$")) {
            if (doc.isBlank()) {
                continue;
            }
            HasMetadata object = SERIALIZATION.unmarshal(doc, HasMetadata.class);
            if (!(object instanceof GenericKubernetesResource)) {
                strict(object, object.getKind() + "/" + object.getMetadata().getName());
            }
            objects.add(object);
        }
        return new RenderedManifests(overlay, objects);
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError(overlay + ": no " + type.getSimpleName() + " " + name));
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
    }

    List<GenericKubernetesResource> generic(String kind) {
        return all(GenericKubernetesResource.class).stream().filter(g -> kind.equals(g.getKind())).toList();
    }

    /** Fails on any field the typed model did not recognise, anywhere below {@code value}. */
    private static void strict(Object value, String path) {
        switch (value) {
            case null -> {
            }
            case Map<?, ?> map -> map.forEach((k, v) -> strict(v, path + "." + k));
            case Collection<?> list -> {
                int i = 0;
                for (Object item : list) {
                    strict(item, path + "[" + i++ + "]");
                }
            }
            default -> {
                if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
                    return;
                }
                for (Method getter : value.getClass().getMethods()) {
                    if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                            || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                        continue;
                    }
                    Object child = invoke(getter, value);
                    if (getter.getName().equals("getAdditionalProperties")) {
                        if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                            throw new AssertionError("unknown field(s) " + extra.keySet() + " at " + path);
                        }
                    } else {
                        strict(child, path + "." + decapitalize(getter.getName().substring(3)));
                    }
                }
            }
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + getter, e);
        }
    }

    private static String decapitalize(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
