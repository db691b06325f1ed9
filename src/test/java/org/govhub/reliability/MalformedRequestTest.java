package org.govhub.reliability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.govhub.access.Role;
import org.govhub.supervision.CaseFeedFollower;
import org.govhub.testing.Clients;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.Test;

/**
 * R3: a schema-driven mutation run over every /api/v1 operation of openapi/hub.yaml (read at test
 * time). For each operation a request shape is generated from the contract (path and query parameters,
 * body schema, media type), then broken in one way at a time: wrong types, missing required fields,
 * huge strings, invalid UTF-8, deep nesting, negative and huge numbers, unknown enum values, invalid
 * codes in paths, bad query parameters, wrong content types, non-JSON bodies. Callers hold a token
 * with every role, so requests get past access control and reach validation. Fixed seed: the same
 * requests every run.
 *
 * <p>Asserted: no 5xx; every 4xx is application/problem+json with type, title and status; and the
 * database, compared table by table (row count and a digest of every row), is unchanged except for
 * {@link #MAY_CHANGE}: the audit trail, which records refusals and reads by design.
 */
@QuarkusTest
@HubTest
class MalformedRequestTest {
    static final long SEED = 20261122L;
    static final int PER_OPERATION = 90;
    /** Tables a refused request may legitimately change: the audit trail records refusals and reads. */
    static final Set<String> MAY_CHANGE = Set.of("audit_event", "audit_chain_head");
    /**
     * Tables of the operations that accept a request whose only flaw the contract lets them ignore
     * (an unknown query parameter, an optional note): signing an audit head, approving or rejecting the
     * seeded catalogue change, an alert step, a rule set, enabling/disabling the seeded client. Each such
     * 2xx is printed ("R3 ACCEPTED"); case batches answer 200 with every record refused and store nothing.
     */
    static final Set<String> ACCEPTED_WRITES_MAY_CHANGE = Set.of("audit_head_signature", "catalog_change", "catalog_change_entry",
            "catalog_item", "reporting_source", "supervision_alert", "supervision_alert_step", "supervision_rule_set", "api_client");
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] JUNK = {"", " ", "-1", "0", "99999999999999999999999", "1e308", "NaN", "null", "true",
            "%00", "%C3%28", "%FF%FE", "..%2F..%2Fetc%2Fpasswd", "%27%20OR%201%3D1--", "x".repeat(5000), "%E4%B8%AD%E6%96%87",
            "330300", "33030300AJ-CF-0001", "1.2.156.3005.2.x", "REL-%0A-1", "%F0%9F%80%84", "3303%25", "abc def"};

    @Inject
    AgroalDataSource db;

    @Inject
    CaseFeedFollower follower;

    private final Random random = new Random(SEED);
    private Contract contract;

    @Test
    void mutatedRequestsNeverGet5xxAlwaysGetProblemJsonAndWriteNothing() throws Exception {
        contract = Contract.load();
        TwoRegions regions = TwoRegions.seed(db, follower::catchUp);
        follower.catchUp();
        String token = Clients.register(TwoRegions.OWN, Arrays.stream(Role.values()).map(Role::wireName).toArray(String[]::new)).token();
        Map<String, String> validPathValues = validPathValues(regions.own);
        DatabaseSnapshot before = DatabaseSnapshot.take(db);

        Map<String, Integer> perFamily = new TreeMap<>();
        Map<String, Integer> perKind = new TreeMap<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        List<String> writesAccepted = new ArrayList<>();
        int tried = 0;
        int serverErrors = 0;
        int unsendable = 0;
        long started = System.nanoTime();
        for (Contract.Operation op : contract.operations()) {
            for (int i = 0; i < PER_OPERATION; i++) {
                Mutation m = mutate(op, validPathValues, i);
                Response response;
                try {
                    response = m.send(token);
                } catch (Exception notSendable) {
                    unsendable++; // the HTTP client itself refuses some of these requests
                    continue;
                }
                tried++;
                int status = response.statusCode();
                statuses.merge(status, 1, Integer::sum);
                perFamily.merge(op.family(), 1, Integer::sum);
                perKind.merge(m.kind, 1, Integer::sum);
                if (status >= 500) {
                    serverErrors++;
                }
                String verdict = check(response);
                if (verdict != null && failures.size() < 200) {
                    failures.add(op.key() + " [" + m.kind + ": " + m.describe + "] " + verdict + " -> " + status + " "
                            + abbreviate(response.asString()));
                }
                if (status < 300 && !op.verb().equals("GET") && !op.path().endsWith("/verification") && !op.path().equals("/api/v1/auth/token")) {
                    writesAccepted.add(op.key() + " [" + m.kind + ": " + m.describe + "] -> " + status);
                }
            }
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        DatabaseSnapshot after = DatabaseSnapshot.take(db);
        Map<String, String> changed = before.diff(after);
        Map<String, String> unexpected = new TreeMap<>(changed);
        unexpected.keySet().removeAll(MAY_CHANGE);
        unexpected.keySet().removeAll(ACCEPTED_WRITES_MAY_CHANGE);

        System.out.printf("R3 malformed requests: %d tried over %d operations in %d s (seed %d)%n",
                tried, contract.operations().size(), seconds, SEED);
        System.out.println("R3 requests per endpoint family: " + perFamily);
        System.out.println("R3 requests per mutation kind: " + perKind);
        System.out.println("R3 status histogram: " + statuses);
        System.out.println("R3 5xx seen: " + serverErrors + "; requests the HTTP client could not send: " + unsendable);
        System.out.println("R3 responses breaking the problem+json rule or 5xx: " + failures.size());
        failures.forEach(f -> System.out.println("R3 FAIL " + f));
        System.out.println("R3 writes accepted (2xx on a changing operation): " + writesAccepted.size());
        writesAccepted.forEach(w -> System.out.println("R3 ACCEPTED " + w));
        System.out.println("R3 database: " + before.tables().size() + " tables compared; changed: " + changed.keySet()
                + " (allowed: " + MAY_CHANGE + "); unexpected: " + unexpected);

        assertTrue(tried - unsendable >= 5000, "too few requests: " + tried);
        assertEquals(0, serverErrors, "5xx answers");
        assertEquals(List.of(), failures);
        assertEquals(Map.of(), unexpected, "tables changed by refused requests (partial writes)");
    }

    /** Null when the response follows the rules, else what is wrong with it. */
    private static String check(Response response) {
        int status = response.statusCode();
        if (status >= 500) {
            return "server error";
        }
        if (status < 400 || status == 414) { // 414: the HTTP codec refuses a request line over 4 KiB before the application sees it
            return null;
        }
        String type = response.contentType();
        if (type == null || !type.startsWith("application/problem+json")) {
            return "4xx not application/problem+json (" + type + ")";
        }
        try {
            JsonNode body = JSON.readTree(response.asByteArray());
            if (!body.path("type").isTextual() || !body.path("title").isTextual() || body.path("status").asInt() != status) {
                return "problem without type/title/status";
            }
        } catch (java.io.IOException e) {
            return "problem body is not JSON";
        }
        return null;
    }

    /** One broken request. */
    private record Mutation(String kind, String describe, String verb, String path, Map<String, String> query,
            Consumer<RequestSpecification> body) {
        Response send(String token) {
            RequestSpecification spec = given().urlEncodingEnabled(false)
                    .config(RestAssuredConfig.config().encoderConfig(EncoderConfig.encoderConfig()
                            .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                    .auth().oauth2(token).header("X-Purpose", "reliability mutation run");
            query.forEach((name, value) -> spec.queryParam(name, value.replace(" ", "%20")));
            body.accept(spec);
            return spec.request(verb, path.replace(" ", "%20"));
        }
    }

    private Mutation mutate(Contract.Operation op, Map<String, String> valid, int i) {
        List<JsonNode> params = contract.parameters(op);
        Map<String, JsonNode> bodies = contract.requestBodies(op);
        String mediaType = bodies.isEmpty() ? null : bodies.keySet().iterator().next();
        JsonNode schema = mediaType == null ? null : bodies.get(mediaType);
        part = "metadata";
        if (mediaType != null && mediaType.startsWith("multipart/")) {
            // the JSON part of a multipart operation (metadata, licence) is what gets broken, not the form wrapper
            JsonNode properties = contract.resolve(schema).path("properties");
            for (Iterator<String> names = properties.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                JsonNode property = contract.resolve(properties.get(name));
                if ("object".equals(property.path("type").asText()) || property.has("properties")) {
                    part = name;
                    schema = properties.get(name);
                    break;
                }
            }
        }
        Map<String, String> query = new LinkedHashMap<>();
        boolean pathParams = op.path().contains("{");
        // even-numbered requests keep the path valid so body and query mutations reach deeper
        String path = fillPath(op.path(), valid, pathParams && i % 3 == 1 ? junk() : null);
        String kind;
        String describe;
        Consumer<RequestSpecification> body = s -> { };
        int choice = i % 10;
        if (pathParams && i % 3 == 1) {
            kind = "invalid path code";
            describe = path;
            if (schema != null) {
                JsonNode base = generate(schema, 0);
                body = jsonBody(mediaType, base);
            }
        } else if (schema == null || choice < 3) {
            kind = "bad query parameter";
            List<JsonNode> queryParams = params.stream().filter(p -> "query".equals(p.path("in").asText())).toList();
            if (queryParams.isEmpty()) {
                query.put("unknown" + random.nextInt(5), junk());
            } else {
                for (JsonNode p : queryParams) {
                    if (random.nextBoolean()) {
                        query.put(p.path("name").asText(), junk());
                    }
                }
                JsonNode p = queryParams.get(random.nextInt(queryParams.size()));
                query.put(p.path("name").asText(), badValueFor(contract.resolve(p.path("schema"))));
            }
            describe = query.toString();
            if (schema != null) {
                body = jsonBody(mediaType, mutateTree(generate(schema, 0), "wrong type"));
            }
        } else {
            String[] kinds = {"wrong type", "missing required", "huge string", "invalid UTF-8", "deep nesting",
                    "negative or huge number", "unknown enum", "wrong content type", "not JSON", "wrong top-level shape"};
            kind = kinds[random.nextInt(kinds.length)];
            JsonNode base = generate(schema, 0);
            describe = kind;
            body = switch (kind) {
                case "invalid UTF-8" -> raw(mediaType, invalidUtf8(base));
                case "deep nesting" -> raw(mediaType, ("[".repeat(3000) + "]".repeat(3000)).getBytes(StandardCharsets.US_ASCII));
                case "wrong content type" -> {
                    String[] types = {"text/plain", "application/xml", "application/octet-stream", "application/json; charset=ISO-8859-1",
                            "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "image/png"};
                    String type = types[random.nextInt(types.length)];
                    describe = kind + " " + type;
                    byte[] bytes = base.toString().getBytes(StandardCharsets.UTF_8);
                    yield type.contains("form-urlencoded") ? s -> s.contentType(type).body(new String(bytes, StandardCharsets.ISO_8859_1))
                            : s -> s.contentType(type).body(bytes);
                }
                case "not JSON" -> {
                    String[] texts = {"", "{", "{\"a\":", "null", "[]", "\"text\"", "12", "{\"a\":1,}", "<xml/>", "{'a':1}", "\u0000"};
                    String text = texts[random.nextInt(texts.length)];
                    describe = kind + " " + text.replace("\u0000", "\\0");
                    yield raw(mediaType, text.getBytes(StandardCharsets.UTF_8));
                }
                case "wrong top-level shape" -> jsonBody(mediaType, base.isArray() ? F.objectNode().set("items", base) : F.arrayNode().add(base));
                default -> jsonBody(mediaType, mutateTree(base, kind));
            };
        }
        return new Mutation(kind, abbreviate(describe), op.verb(), path, query, body);
    }

    private Consumer<RequestSpecification> jsonBody(String mediaType, JsonNode node) {
        return raw(mediaType, node.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The JSON part of the multipart operation being mutated (its schema's object property; else metadata). */
    private String part = "metadata";

    /** Sends bytes as the operation's media type; multipart operations get them as their JSON part (and a file). */
    private Consumer<RequestSpecification> raw(String mediaType, byte[] bytes) {
        if (mediaType.startsWith("multipart/")) {
            boolean withFile = random.nextBoolean();
            String name = part;
            return s -> {
                s.multiPart(name, name + ".json", bytes, "application/json");
                if (withFile) {
                    s.multiPart("file", "f.pdf", "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), "application/octet-stream");
                }
            };
        }
        if (mediaType.equals("application/x-www-form-urlencoded")) {
            String form = "grant_type=client_credentials&client_id=" + new String(bytes, StandardCharsets.ISO_8859_1)
                    .replace("&", "%26").replace("=", "%3D");
            return s -> s.contentType(mediaType).body(form);
        }
        return s -> s.contentType(mediaType).body(bytes);
    }

    /** Changes one random node of the tree the way {@code kind} says. */
    private JsonNode mutateTree(JsonNode base, String kind) {
        JsonNode copy = base.deepCopy();
        List<String[]> slots = new ArrayList<>();
        collect(copy, "", slots);
        if (slots.isEmpty()) {
            return kind.equals("huge string") ? F.textNode("x".repeat(300_000)) : F.numberNode(-1);
        }
        String[] slot = slots.get(random.nextInt(slots.size()));
        JsonNode parent = slot[0].isEmpty() ? copy : copy.at(slot[0]);
        JsonNode replacement = switch (kind) {
            case "wrong type" -> pick(F.numberNode(42), F.textNode("forty-two"), F.booleanNode(true), F.arrayNode().add(1),
                    F.objectNode().put("x", 1), F.nullNode());
            case "huge string" -> F.textNode("长".repeat(random.nextBoolean() ? 70_000 : 5_000));
            case "negative or huge number" -> pick(F.numberNode(-1), F.numberNode(Long.MIN_VALUE), F.numberNode(Long.MAX_VALUE),
                    F.numberNode(new BigDecimal("1e400")), F.numberNode(new BigDecimal("-0.000000001")), F.numberNode(Integer.MAX_VALUE + 1L),
                    F.numberNode(new BigDecimal("123456789012345678901234567890.123")));
            case "unknown enum" -> F.textNode(pick("UNKNOWN", "xk", "", "add ", "fine\u0000", "ZZ", "closed-forever"));
            default -> null; // missing required: remove
        };
        if (parent instanceof ObjectNode object) {
            if (replacement == null) {
                object.remove(slot[1]);
            } else {
                object.set(slot[1], replacement);
            }
        } else if (parent instanceof ArrayNode array) {
            int index = Integer.parseInt(slot[1]);
            if (replacement == null) {
                array.remove(index);
            } else {
                array.set(index, replacement);
            }
        }
        return copy;
    }

    private static void collect(JsonNode node, String pointer, List<String[]> slots) {
        if (node instanceof ObjectNode object) {
            Iterator<String> names = object.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                slots.add(new String[] {pointer, name});
                collect(object.get(name), pointer + "/" + name.replace("~", "~0").replace("/", "~1"), slots);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new String[] {pointer, Integer.toString(i)});
                collect(array.get(i), pointer + "/" + i, slots);
            }
        }
    }

    /** A plausible instance of a schema: every property, one array item, the first enum value. */
    private JsonNode generate(JsonNode schemaRef, int depth) {
        JsonNode schema = contract.resolve(schemaRef);
        if (schema == null || depth > 8) {
            return F.nullNode();
        }
        if (schema.has("allOf")) {
            ObjectNode merged = F.objectNode();
            schema.get("allOf").forEach(part -> {
                JsonNode generated = generate(part, depth + 1);
                if (generated instanceof ObjectNode o) {
                    merged.setAll(o);
                }
            });
            return merged;
        }
        for (String alt : List.of("oneOf", "anyOf")) {
            if (schema.has(alt)) {
                return generate(schema.get(alt).get(0), depth + 1);
            }
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        switch (type) {
            case "object": {
                ObjectNode o = F.objectNode();
                schema.path("properties").fields().forEachRemaining(e -> o.set(e.getKey(), generate(e.getValue(), depth + 1)));
                return o;
            }
            case "array":
                return F.arrayNode().add(generate(schema.path("items"), depth + 1));
            case "integer":
                return F.numberNode(schema.path("minimum").asLong(1));
            case "number":
                return F.numberNode(schema.path("minimum").asDouble(1.5));
            case "boolean":
                return F.booleanNode(true);
            default:
                return F.textNode(switch (schema.path("format").asText()) {
                    case "date" -> "2026-11-02";
                    case "date-time" -> "2026-11-02T09:30:00+08:00";
                    case "byte" -> "aGVsbG8=";
                    default -> "示例";
                });
        }
    }

    private String badValueFor(JsonNode schema) {
        String type = schema == null ? "string" : schema.path("type").asText("string");
        return switch (type) {
            case "integer", "number" -> pick("-1", "0", "abc", "1.5", "99999999999999999999", "-9223372036854775809", "1e10", "%00");
            default -> schema != null && schema.has("enum") ? pick("UNKNOWN", "%FF", "", "x".repeat(3000)) : junk();
        };
    }

    private String fillPath(String template, Map<String, String> valid, String junk) {
        StringBuilder out = new StringBuilder();
        for (String segment : template.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            out.append('/');
            if (segment.startsWith("{")) {
                String name = segment.substring(1, segment.length() - 1);
                String value = junk != null ? junk : valid.getOrDefault(template + "#" + name, valid.getOrDefault(name, "1"));
                out.append(junk != null ? junk : URLEncoder.encode(value, StandardCharsets.UTF_8));
            } else {
                out.append(segment);
            }
        }
        return out.toString();
    }

    private Map<String, String> validPathValues(TwoRegions.Region r) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("code", r.itemCode);
        v.put("changeId", Long.toString(r.pendingChangeId));
        v.put("caseNo", r.caseNo);
        v.put("clientId", r.victimClientId);
        v.put("submissionId", r.submissionId);
        v.put("regionPrefix", r.prefix);
        v.put("/api/v1/licences/{id}#id", r.licenceId);
        v.put("/api/v1/licences/{id}/file#id", r.licenceId);
        v.put("/api/v1/licences/{id}/revocation#id", r.licenceId);
        v.put("/api/v1/licences/{id}/forwarded-status#id", r.forwardedLicenceId);
        for (String step : List.of("", "/acknowledgement", "/investigation", "/closure")) {
            v.put("/api/v1/supervision/alerts/{id}" + step + "#id", Long.toString(r.alertId));
        }
        return v;
    }

    private static byte[] invalidUtf8(JsonNode base) {
        String text = base.toString();
        int cut = Math.max(1, text.indexOf('"', 2));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, Math.min(cut, bytes.length));
        out.writeBytes(new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0xED, (byte) 0xA0, (byte) 0x80});
        out.write(bytes, Math.min(cut, bytes.length), bytes.length - Math.min(cut, bytes.length));
        return out.toByteArray();
    }

    private String junk() {
        return JUNK[random.nextInt(JUNK.length)];
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
