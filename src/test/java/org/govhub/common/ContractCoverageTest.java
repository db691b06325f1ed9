package org.govhub.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.govhub.access.Allowed;
import org.govhub.access.Public;
import org.junit.jupiter.api.Test;

/** The contract and the code describe the same /api/v1 surface, and every endpoint states who may call it. */
class ContractCoverageTest {
    private static final Map<Class<? extends Annotation>, String> VERBS = Map.of(
            GET.class, "get", POST.class, "post", PUT.class, "put", DELETE.class, "delete",
            PATCH.class, "patch", HEAD.class, "head");

    @Test
    void everyImplementedEndpointIsInTheContractAndViceVersa() throws Exception {
        TreeSet<String> implemented = new TreeSet<>();
        for (Method method : resourceMethods()) {
            implemented.add(operation(method));
        }
        TreeSet<String> specified = specifiedOperations();
        TreeSet<String> missingFromSpec = new TreeSet<>(implemented);
        missingFromSpec.removeAll(specified);
        TreeSet<String> notImplemented = new TreeSet<>(specified);
        notImplemented.removeAll(implemented);
        assertEquals(List.of(), List.copyOf(missingFromSpec), "implemented but not in openapi/hub.yaml");
        assertEquals(List.of(), List.copyOf(notImplemented), "in openapi/hub.yaml but not implemented");
        assertTrue(implemented.size() >= 8, "scan found too few endpoints: " + implemented);
    }

    @Test
    void everyEndpointDeclaresWhoMayCallIt() throws Exception {
        List<String> undeclared = new ArrayList<>();
        for (Method method : resourceMethods()) {
            boolean declared = method.isAnnotationPresent(Allowed.class) || method.isAnnotationPresent(Public.class)
                    || method.getDeclaringClass().isAnnotationPresent(Allowed.class)
                    || method.getDeclaringClass().isAnnotationPresent(Public.class);
            if (!declared) {
                undeclared.add(operation(method));
            }
        }
        assertEquals(List.of(), undeclared, "endpoints without @Allowed or @Public admit nobody");
    }

    static TreeSet<String> specifiedOperations() throws IOException {
        JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(java.nio.file.Path.of("openapi/hub.yaml").toFile());
        TreeSet<String> operations = new TreeSet<>();
        Iterator<Map.Entry<String, JsonNode>> paths = spec.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(verb -> {
                if (VERBS.containsValue(verb)) {
                    operations.add(verb.toUpperCase() + " " + normalise(path.getKey()));
                }
            });
        }
        return operations;
    }

    static List<Method> resourceMethods() throws IOException, ClassNotFoundException {
        java.nio.file.Path classes = java.nio.file.Path.of("target/classes");
        List<Method> methods = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, ContractCoverageTest.class.getClassLoader());
                if (!type.isAnnotationPresent(Path.class)) {
                    continue;
                }
                for (Method method : type.getDeclaredMethods()) {
                    if (VERBS.keySet().stream().anyMatch(method::isAnnotationPresent)) {
                        methods.add(method);
                    }
                }
            }
        }
        return methods;
    }

    private static String operation(Method method) {
        String verb = VERBS.entrySet().stream().filter(e -> method.isAnnotationPresent(e.getKey()))
                .map(Map.Entry::getValue).findFirst().orElseThrow();
        String base = method.getDeclaringClass().getAnnotation(Path.class).value();
        Path sub = method.getAnnotation(Path.class);
        String full = sub == null ? base : base.replaceAll("/$", "") + "/" + sub.value().replaceAll("^/", "");
        return verb.toUpperCase() + " " + normalise(full);
    }

    /** Path templates compare without parameter names or regex constraints. */
    private static String normalise(String path) {
        return path.replaceAll("\\{[^}]*}", "{}").replaceAll("/$", "");
    }
}
