package org.govhub.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.govhub.access.Allowed;
import org.govhub.access.Public;
import org.govhub.access.Role;

/**
 * The /api/v1 surface as openapi/hub.yaml states it, read at test time, and who the code lets call
 * each operation ({@link Allowed}/{@link Public} found by reflection on the compiled resources).
 */
final class Contract {
    private static final Map<Class<? extends Annotation>, String> VERBS = Map.of(
            GET.class, "GET", POST.class, "POST", PUT.class, "PUT", DELETE.class, "DELETE", PATCH.class, "PATCH");

    final JsonNode spec;

    private Contract(JsonNode spec) {
        this.spec = spec;
    }

    static Contract load() {
        try {
            return new Contract(new ObjectMapper(new YAMLFactory()).readTree(java.nio.file.Path.of("openapi/hub.yaml").toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One operation of the contract: verb, path template and its OpenAPI object. */
    record Operation(String verb, String path, JsonNode node) {
        String key() {
            return verb + " " + path;
        }

        String family() {
            String[] parts = path.split("/");
            return parts.length > 3 ? parts[3] : path;
        }
    }

    List<Operation> operations() {
        List<Operation> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = spec.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/api/v1/")) {
                continue;
            }
            path.getValue().fields().forEachRemaining(e -> {
                if (VERBS.containsValue(e.getKey().toUpperCase())) {
                    out.add(new Operation(e.getKey().toUpperCase(), path.getKey(), e.getValue()));
                }
            });
        }
        return out;
    }

    /** Follows a local {@code $ref} (possibly several in a row). */
    JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int i = 0; i < 20 && current != null && current.has("$ref"); i++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                return current;
            }
            current = spec.at(ref.substring(1));
        }
        return current;
    }

    /** The parameters of an operation (path-level and operation-level), resolved. */
    List<JsonNode> parameters(Operation op) {
        List<JsonNode> out = new ArrayList<>();
        spec.path("paths").path(op.path()).path("parameters").forEach(p -> out.add(resolve(p)));
        op.node().path("parameters").forEach(p -> out.add(resolve(p)));
        return out;
    }

    /** Request body media types with their schemas, in contract order. */
    Map<String, JsonNode> requestBodies(Operation op) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        JsonNode body = resolve(op.node().path("requestBody"));
        if (body != null) {
            body.path("content").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().path("schema")));
        }
        return out;
    }

    /** Who the code admits to each operation: "public" or the sorted wire names of the allowed roles. */
    static Map<String, Set<String>> admittedByCode() {
        java.nio.file.Path classes = java.nio.file.Path.of("target/classes");
        Map<String, Set<String>> out = new LinkedHashMap<>();
        try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, Contract.class.getClassLoader());
                if (!type.isAnnotationPresent(Path.class)) {
                    continue;
                }
                for (Method method : type.getDeclaredMethods()) {
                    String verb = VERBS.entrySet().stream().filter(e -> method.isAnnotationPresent(e.getKey()))
                            .map(Map.Entry::getValue).findFirst().orElse(null);
                    if (verb == null) {
                        continue;
                    }
                    String base = type.getAnnotation(Path.class).value();
                    Path sub = method.getAnnotation(Path.class);
                    String full = sub == null ? base : base.replaceAll("/$", "") + "/" + sub.value().replaceAll("^/", "");
                    out.put(verb + " " + normalise(full), admitted(method));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static Set<String> admitted(Method method) {
        if (method.isAnnotationPresent(Public.class)
                || (!method.isAnnotationPresent(Allowed.class) && method.getDeclaringClass().isAnnotationPresent(Public.class))) {
            return Set.of("public");
        }
        Allowed allowed = method.isAnnotationPresent(Allowed.class) ? method.getAnnotation(Allowed.class)
                : method.getDeclaringClass().getAnnotation(Allowed.class);
        return allowed == null ? Set.of() : Arrays.stream(allowed.value()).map(Role::wireName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Path templates compare without parameter names. */
    static String normalise(String path) {
        return path.replaceAll("\\{[^}]*}", "{}").replaceAll("/$", "");
    }
}
