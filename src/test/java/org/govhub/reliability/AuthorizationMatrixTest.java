package org.govhub.reliability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.govhub.access.Role;
import org.govhub.common.HubClock;
import org.govhub.supervision.CaseFeedFollower;
import org.govhub.testing.Clients;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * R4: every /api/v1 operation of the contract × every role in its own and in a foreign region, and with
 * no token, an expired token, a disabled client's token and a tampered token. The expected outcome of
 * each cell follows from the one table {@link #TABLE}; the table's roles are checked against the
 * {@code @Allowed}/{@code @Public} annotations and its operations against openapi/hub.yaml, so neither
 * can drift without this test failing.
 */
@QuarkusTest
@HubTest
class AuthorizationMatrixTest {
    private static final String PURPOSE = "reliability matrix check";
    private static final AtomicLong SEQ = new AtomicLong(System.currentTimeMillis() % 1_000_000L);

    /** How region binding applies to an operation. */
    enum Scope {
        /** No token needed; region irrelevant. */
        PUBLIC,
        /** Node-wide data (status, admin, audit chain): region plays no part. */
        NODE,
        /** One record by id: a foreign caller gets 404/403 and none of its data. */
        READ,
        /** A listing or search: a foreign caller may get 200 but never the other region's records. */
        LIST,
        /** A change to a record or region: a foreign caller gets 403/404 and nothing is written. */
        WRITE,
        /** Content forwarded up by a downstream hub: for a region outside the caller's prefix it is 403, never accepted. */
        FORWARD,
        /** A batch push answered per record: a foreign caller's records are all refused (or the batch is, 403). */
        BATCH
    }

    /** A request aimed at the seeded data of one region. */
    record Call(String path, Map<String, Object> query, Function<RequestSpecification, RequestSpecification> body, String echo) {
        Call(String path, Map<String, Object> query, Function<RequestSpecification, RequestSpecification> body) {
            this(path, query, body, "");
        }
    }

    record Row(String verb, String path, Scope scope, Set<Role> roles, Set<Role> ownHidden, Function<TwoRegions.Region, Call> call) {
        String key() {
            return verb + " " + path;
        }
    }

    private static final Set<Role> ANY = EnumSet.noneOf(Role.class);
    private static final Role ADMIN = Role.ADMIN;
    private static final Role PLATFORM = Role.PLATFORM;
    private static final Role AGGREGATOR = Role.AGGREGATOR;
    private static final Role DEPARTMENT = Role.DEPARTMENT;
    private static final Role EDITOR = Role.CATALOG_EDITOR;
    private static final Role REVIEWER = Role.CATALOG_REVIEWER;
    private static final Role SUPERVISOR = Role.SUPERVISOR;

    /** THE table: every /api/v1 operation, its region scope, the roles that may call it, and a request for one region's data. */
    private static final List<Row> TABLE = List.of(
            row("POST", "/api/v1/auth/token", Scope.PUBLIC, r -> call("/api/v1/auth/token", s -> s.contentType(ContentType.URLENC)
                    .formParam("grant_type", "client_credentials").formParam("client_id", r.clients.get(PLATFORM).clientId())
                    .formParam("client_secret", r.clients.get(PLATFORM).secret()))),
            row("GET", "/api/v1/admin/clients", Scope.LIST, r -> call("/api/v1/admin/clients"), ADMIN),
            row("POST", "/api/v1/admin/clients", Scope.WRITE, r -> call("/api/v1/admin/clients", (Object) (Map.of(
                    "clientId", "matrix-" + SEQ.incrementAndGet(), "name", "matrix client", "roles", List.of("platform"),
                    "regionPrefix", r.prefix))), ADMIN),
            row("GET", "/api/v1/admin/clients/{clientId}", Scope.READ, r -> call("/api/v1/admin/clients/" + r.victimClientId), ADMIN),
            row("POST", "/api/v1/admin/clients/{clientId}/disable", Scope.WRITE, r -> call("/api/v1/admin/clients/" + r.victimClientId + "/disable"), ADMIN),
            row("POST", "/api/v1/admin/clients/{clientId}/enable", Scope.WRITE, r -> call("/api/v1/admin/clients/" + r.victimClientId + "/enable"), ADMIN),
            row("GET", "/api/v1/signing/certificate", Scope.PUBLIC, r -> call("/api/v1/signing/certificate")),
            row("POST", "/api/v1/signing/verification", Scope.PUBLIC, r -> call("/api/v1/signing/verification", (Object) (Map.of(
                    "data", "aGVsbG8=", "signature", Base64.getEncoder().encodeToString(new byte[64]))))),
            row("GET", "/api/v1/node", Scope.PUBLIC, r -> call("/api/v1/node")),
            row("GET", "/api/v1/items", Scope.PUBLIC, r -> call("/api/v1/items")),
            row("GET", "/api/v1/items/{code}", Scope.PUBLIC, r -> call("/api/v1/items/" + r.itemCode)),
            row("GET", "/api/v1/items/{code}/history", Scope.PUBLIC, r -> call("/api/v1/items/" + r.itemCode + "/history")),
            row("GET", "/api/v1/items/export", Scope.PUBLIC, r -> call("/api/v1/items/export")),
            row("POST", "/api/v1/items/codes", Scope.WRITE, r -> call("/api/v1/items/codes", (Object) (Map.of(
                    "subjectCode", r.district + "00MZ", "type", "XK"))), EDITOR),
            row("POST", "/api/v1/items/changes", Scope.WRITE, r -> call("/api/v1/items/changes", (Object) (Map.of(
                    "kind", "cancel", "reason", "矩阵检查", "sources", List.of(r.itemCode), "items", List.of()))), EDITOR),
            row("POST", "/api/v1/items/imports", Scope.WRITE, r -> new Call("/api/v1/items/imports", Map.of("reason", "矩阵检查"),
                    json(List.of(TwoRegions.powerItem(r, r.district + "00" + TwoRegions.letters() + "-CF-0001")))), EDITOR),
            row("GET", "/api/v1/catalog/changes", Scope.LIST, r -> call("/api/v1/catalog/changes"), EDITOR, REVIEWER),
            row("GET", "/api/v1/catalog/changes/{changeId}", Scope.READ, r -> call("/api/v1/catalog/changes/" + r.pendingChangeId), EDITOR, REVIEWER),
            row("POST", "/api/v1/catalog/changes/{changeId}/approval", Scope.WRITE, r -> call("/api/v1/catalog/changes/" + r.pendingChangeId
                    + "/approval", (Object) (Map.of("reason", "矩阵检查"))), REVIEWER),
            row("POST", "/api/v1/catalog/changes/{changeId}/rejection", Scope.WRITE, r -> call("/api/v1/catalog/changes/" + r.pendingChangeId
                    + "/rejection", (Object) (Map.of("reason", "矩阵检查"))), REVIEWER),
            row("GET", "/api/v1/responsibilities", Scope.PUBLIC, r -> call("/api/v1/responsibilities")),
            row("GET", "/api/v1/responsibilities/{id}", Scope.PUBLIC, r -> call("/api/v1/responsibilities/1")),
            row("POST", "/api/v1/responsibilities/changes", Scope.WRITE, r -> call("/api/v1/responsibilities/changes", (Object) (Map.of(
                    "kind", "add", "reason", "矩阵检查", "responsibility", Map.of("subjectCode", r.district + "00MX", "duty", "职责" + r.marker,
                            "basis", List.of(Map.of("rank", "law", "title", "中华人民共和国安全生产法", "article", "第九条")))))), EDITOR),
            row("GET", "/api/v1/special-funds", Scope.PUBLIC, r -> call("/api/v1/special-funds")),
            row("GET", "/api/v1/special-funds/{id}", Scope.PUBLIC, r -> call("/api/v1/special-funds/1")),
            row("POST", "/api/v1/special-funds/changes", Scope.WRITE, r -> call("/api/v1/special-funds/changes", (Object) (Map.of(
                    "kind", "add", "reason", "矩阵检查", "fund", Map.of("subjectCode", r.district + "00MX", "project", "专项" + r.marker,
                            "category", "department-budget", "budgetYuan", 1000, "year", 2026)))), EDITOR),
            row("POST", "/api/v1/cases/batches", Scope.BATCH, r -> call("/api/v1/cases/batches", (Object) (Map.of("records", List.of(Map.of(
                    "caseNo", "REL-M-" + SEQ.incrementAndGet(), "itemCode", r.itemCode, "regionCode", r.district, "dataVersion", 1)))))
                    , PLATFORM),
            row("GET", "/api/v1/cases/changes", Scope.LIST, r -> new Call("/api/v1/cases/changes", Map.of("after", 0, "limit", 1000), s -> s), AGGREGATOR),
            row("GET", "/api/v1/cases/{caseNo}", Scope.READ, r -> call("/api/v1/cases/" + r.caseNo), PLATFORM, AGGREGATOR, DEPARTMENT, SUPERVISOR),
            row("GET", "/api/v1/cases/{caseNo}/versions", Scope.READ, r -> call("/api/v1/cases/" + r.caseNo + "/versions"), PLATFORM, AGGREGATOR, DEPARTMENT, SUPERVISOR),
            row("GET", "/api/v1/cases/{caseNo}/result", Scope.READ, r -> call("/api/v1/cases/" + r.caseNo + "/result"), PLATFORM, AGGREGATOR, DEPARTMENT, SUPERVISOR),
            row("POST", "/api/v1/licences", Scope.WRITE, r -> call("/api/v1/licences", s -> s
                    .multiPart(new MultiPartSpecBuilder(TwoRegions.json(TwoRegions.licence(r, TwoRegions.newLicenceId()))).controlName("metadata")
                            .mimeType("application/json").charset(StandardCharsets.UTF_8).build())
                    .multiPart("file", "l.pdf", "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), "application/octet-stream")), DEPARTMENT),
            row("GET", "/api/v1/licences", Scope.LIST, r -> new Call("/api/v1/licences", Map.of("holderIdNumber", r.holderIdNumber), s -> s), DEPARTMENT),
            row("POST", "/api/v1/licences/verification", Scope.LIST, r -> call("/api/v1/licences/verification", (Object) (Map.of(
                    "id", r.licenceId, "sm3", "0".repeat(64)))), DEPARTMENT, PLATFORM),
            row("GET", "/api/v1/licences/status-list", Scope.PUBLIC, r -> call("/api/v1/licences/status-list")),
            row("GET", "/api/v1/licences/reconciliation", Scope.NODE, r -> call("/api/v1/licences/reconciliation"), ADMIN, SUPERVISOR),
            row("GET", "/api/v1/licences/{id}", Scope.READ, r -> call("/api/v1/licences/" + r.licenceId), DEPARTMENT),
            row("GET", "/api/v1/licences/{id}/file", Scope.READ, r -> call("/api/v1/licences/" + r.licenceId + "/file"), DEPARTMENT),
            row("POST", "/api/v1/licences/{id}/revocation", Scope.WRITE, r -> call("/api/v1/licences/" + r.licenceId + "/revocation",
                    (Object) Map.of("reason", "矩阵检查")), DEPARTMENT),
            row("GET", "/api/v1/ferry/status", Scope.NODE, r -> call("/api/v1/ferry/status"), ADMIN, SUPERVISOR),
            new Row("GET", "/api/v1/ferry/submissions/{submissionId}", Scope.READ,
                    EnumSet.of(PLATFORM, DEPARTMENT, AGGREGATOR, ADMIN, SUPERVISOR), EnumSet.of(DEPARTMENT, AGGREGATOR),
                    r -> call("/api/v1/ferry/submissions/" + r.submissionId)),
            row("GET", "/api/v1/supervision/alerts", Scope.LIST, r -> call("/api/v1/supervision/alerts"), SUPERVISOR),
            row("GET", "/api/v1/supervision/alerts/{id}", Scope.READ, r -> call("/api/v1/supervision/alerts/" + r.alertId), SUPERVISOR),
            row("POST", "/api/v1/supervision/alerts/{id}/acknowledgement", Scope.WRITE, r -> call("/api/v1/supervision/alerts/" + r.alertId
                    + "/acknowledgement", (Object) (Map.of("note", "矩阵检查"))), SUPERVISOR),
            row("POST", "/api/v1/supervision/alerts/{id}/investigation", Scope.WRITE, r -> call("/api/v1/supervision/alerts/" + r.alertId
                    + "/investigation", (Object) (Map.of("note", "矩阵检查"))), SUPERVISOR),
            row("POST", "/api/v1/supervision/alerts/{id}/closure", Scope.WRITE, r -> call("/api/v1/supervision/alerts/" + r.alertId
                    + "/closure", (Object) (Map.of("note", "矩阵检查"))), SUPERVISOR),
            row("GET", "/api/v1/supervision/cases/{caseNo}/replay", Scope.READ, r -> call("/api/v1/supervision/cases/" + r.caseNo + "/replay"), SUPERVISOR),
            row("GET", "/api/v1/supervision/stats", Scope.LIST, r -> new Call("/api/v1/supervision/stats", Map.of("groupBy", "department"), s -> s), SUPERVISOR),
            row("GET", "/api/v1/supervision/rules/{regionPrefix}", Scope.READ, r -> call("/api/v1/supervision/rules/" + r.prefix), SUPERVISOR),
            row("PUT", "/api/v1/supervision/rules/{regionPrefix}", Scope.WRITE, r -> call("/api/v1/supervision/rules/" + r.prefix, (Object) (Map.of(
                    "yellowSharePercent", 50, "correctionLimit", 3, "note", "矩阵检查" + r.marker))), SUPERVISOR),
            row("GET", "/api/v1/supervision/rules/{regionPrefix}/versions", Scope.READ, r -> call("/api/v1/supervision/rules/" + r.prefix + "/versions"), SUPERVISOR),
            row("GET", "/api/v1/aggregation/status", Scope.NODE, r -> call("/api/v1/aggregation/status"), ADMIN, SUPERVISOR),
            row("GET", "/api/v1/supervision/freshness", Scope.NODE, r -> call("/api/v1/supervision/freshness"), ADMIN, SUPERVISOR),
            row("GET", "/api/v1/audit", Scope.LIST, r -> new Call("/api/v1/audit", Map.of("client", r.clients.get(PLATFORM).clientId()), s -> s),
                    ADMIN, SUPERVISOR),
            row("GET", "/api/v1/audit/head", Scope.NODE, r -> call("/api/v1/audit/head"), ADMIN, SUPERVISOR),
            row("POST", "/api/v1/audit/head", Scope.NODE, r -> call("/api/v1/audit/head"), ADMIN, SUPERVISOR),
            row("GET", "/api/v1/audit/archives", Scope.NODE, r -> call("/api/v1/audit/archives"), ADMIN, SUPERVISOR),
            row("GET", "/api/v1/audit/verification", Scope.NODE, r -> call("/api/v1/audit/verification"), ADMIN, SUPERVISOR),
            row("POST", "/api/v1/items/forwarded-changes", Scope.FORWARD, r -> call("/api/v1/items/forwarded-changes", (Object)
                    TwoRegions.forwardedChange(r, r.district + "00" + TwoRegions.letters() + "-CF-0001")), AGGREGATOR),
            row("POST", "/api/v1/licences/forwarded", Scope.FORWARD, r -> forwardedLicence(r), AGGREGATOR),
            row("POST", "/api/v1/licences/{id}/forwarded-status", Scope.WRITE, r -> call("/api/v1/licences/" + r.forwardedLicenceId
                    + "/forwarded-status", (Object) (Map.of("revision", (int) SEQ.incrementAndGet(), "status", "suspended",
                    "since", "2026-11-21T08:00:00Z", "reason", "矩阵检查"))), AGGREGATOR));

    /** A licence of the region forwarded up (new id each time), the licence part remembered as sent. */
    private static Call forwardedLicence(TwoRegions.Region r) {
        String part = TwoRegions.json(TwoRegions.forwardedLicence(r, TwoRegions.newLicenceId(), TwoRegions.FORWARDED_FILE));
        return new Call("/api/v1/licences/forwarded", Map.of(), s -> s
                .multiPart(new MultiPartSpecBuilder(part).controlName("licence").mimeType("application/json").charset(StandardCharsets.UTF_8).build())
                .multiPart("file", "licence.pdf", TwoRegions.FORWARDED_FILE, "application/octet-stream"), part);
    }

    @Inject
    HubClock clock;

    @Inject
    AgroalDataSource db;

    @Inject
    CaseFeedFollower follower;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void tableCoversEveryContractOperationWithTheRolesTheCodeAdmits() {
        Map<String, Set<String>> code = Contract.admittedByCode();
        Set<String> contract = Contract.load().operations().stream().map(Contract.Operation::key).collect(Collectors.toCollection(TreeSet::new));
        Set<String> table = TABLE.stream().map(Row::key).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(contract, table, "the matrix table and openapi/hub.yaml list different /api/v1 operations");
        List<String> drift = new ArrayList<>();
        for (Row row : TABLE) {
            Set<String> declared = row.scope() == Scope.PUBLIC ? Set.of("public")
                    : row.roles().stream().map(Role::wireName).collect(Collectors.toCollection(TreeSet::new));
            Set<String> annotated = code.get(row.verb() + " " + Contract.normalise(row.path()));
            if (!declared.equals(annotated)) {
                drift.add(row.key() + ": table " + declared + ", code " + annotated);
            }
        }
        assertEquals(List.of(), drift, "the matrix table and the @Allowed/@Public annotations disagree");
    }

    @Test
    void noCellLeaksDataOrAdmitsTheWrongCaller() {
        TwoRegions regions = TwoRegions.seed(db, follower::catchUp);
        Clients.Registered omni = Clients.register(TwoRegions.OWN, Arrays.stream(Role.values()).map(Role::wireName).toArray(String[]::new));
        Clients.Registered disabled = Clients.register(TwoRegions.OWN, Arrays.stream(Role.values()).map(Role::wireName).toArray(String[]::new));
        given().auth().oauth2(Clients.adminToken()).post("/api/v1/admin/clients/" + disabled.clientId() + "/disable").then().statusCode(200);
        String tampered = tamper(omni.token());
        TwoRegions.Region target = regions.own;

        List<String> failures = new ArrayList<>();
        Map<String, Integer> byClass = new TreeMap<>();
        Map<String, Integer> byStatus = new TreeMap<>();
        int cells = 0;
        for (Row row : TABLE) {
            List<Cell> plan = new ArrayList<>();
            plan.add(new Cell("no-token", null, Expect.forBadToken(row, true)));
            plan.add(new Cell("expired-token", omni.token(), Expect.forBadToken(row, false)));
            plan.add(new Cell("disabled-client", disabled.token(), Expect.forBadToken(row, false)));
            plan.add(new Cell("tampered-token", tampered, Expect.forBadToken(row, false)));
            List<Cell> allowedOwn = new ArrayList<>();
            for (Role role : Role.values()) {
                boolean allowed = row.scope() == Scope.PUBLIC || row.roles().contains(role);
                Cell foreign = new Cell(role.wireName() + "@foreign", regions.foreign.token(role), Expect.forForeign(row, allowed));
                Cell own = new Cell(role.wireName() + "@own", target.token(role), Expect.forOwn(row, role, allowed));
                plan.add(foreign);
                if (allowed) {
                    allowedOwn.add(own); // writes by permitted callers last, after every refusal was checked
                } else {
                    plan.add(own);
                }
            }
            plan.addAll(allowedOwn);
            for (Cell cell : plan) {
                if (cell.name.equals("expired-token")) {
                    clock.advance(Duration.ofHours(2));
                }
                Call call = row.call().apply(target);
                Response response;
                try {
                    response = send(row.verb(), call, cell.token);
                } finally {
                    clock.reset();
                }
                cells++;
                int status = response.statusCode();
                String body = response.asString();
                byStatus.merge(Integer.toString(status), 1, Integer::sum);
                String verdict = cell.expect.check(status, body, leakTokens(target, call));
                byClass.merge(cell.expect.name + (verdict == null ? "" : " FAILED"), 1, Integer::sum);
                if (verdict != null) {
                    failures.add(row.key() + " [" + cell.name + "] " + verdict + " -> " + status + " "
                            + body.substring(0, Math.min(400, body.length())));
                }
            }
        }
        System.out.printf("R4 authorization matrix: %d operations x %d cells = %d cells checked%n", TABLE.size(), cells / TABLE.size(), cells);
        System.out.println("R4 outcomes by expected class: " + byClass);
        System.out.println("R4 statuses seen: " + byStatus);
        System.out.println("R4 failures (leaks or wrong admissions): " + failures.size());
        failures.forEach(f -> System.out.println("R4 FAIL " + f));
        assertTrue(cells >= TABLE.size() * 18, "too few cells: " + cells);
        assertEquals(List.of(), failures);
    }

    record Cell(String name, String token, Expect expect) {
    }

    /** The expected outcome class of a cell. */
    record Expect(String name, Set<Integer> statuses, boolean leakCheck, boolean admitted) {
        static Expect forBadToken(Row row, boolean none) {
            if (row.scope() == Scope.PUBLIC && none) {
                return new Expect("public, no token: served", Set.of(), false, true);
            }
            return new Expect("bad or missing token: 401", Set.of(401), true, false);
        }

        static Expect forForeign(Row row, boolean allowed) {
            if (!allowed) {
                return new Expect("role not allowed: 403", Set.of(403), true, false);
            }
            return switch (row.scope()) {
                case PUBLIC -> new Expect("public: served", Set.of(), false, true);
                case NODE -> new Expect("allowed, node-wide: served, no record data", Set.of(), true, true);
                case BATCH -> new Expect("foreign batch: every record refused", Set.of(200, 403), true, false);
                case READ -> new Expect("foreign read: 404/403, no data", Set.of(403, 404), true, false);
                case LIST -> new Expect("foreign listing: no foreign records", Set.of(), true, true);
                case WRITE -> new Expect("foreign write: 403/404", Set.of(403, 404), true, false);
                case FORWARD -> new Expect("foreign forwarded content: 403", Set.of(403), true, false);
            };
        }

        static Expect forOwn(Row row, Role role, boolean allowed) {
            if (!allowed) {
                return new Expect("role not allowed: 403", Set.of(403), true, false);
            }
            if (row.scope() == Scope.READ) {
                return row.ownHidden().contains(role)
                        ? new Expect("own region, not this client's record: 404", Set.of(404), true, false)
                        : new Expect("own read: 200", Set.of(200), false, true);
            }
            return new Expect("allowed, own region: admitted", Set.of(), false, true);
        }

        /** Null when the cell behaved, else what went wrong. */
        String check(int status, String body, List<String> leakTokens) {
            if (status >= 500) {
                return "server error";
            }
            if (admitted && statuses.isEmpty() && (status == 401 || status == 403)) {
                return "refused a permitted caller";
            }
            if (!statuses.isEmpty() && !statuses.contains(status)) {
                return "expected " + statuses;
            }
            if (name.startsWith("foreign batch") && status == 200 && !body.contains("\"created\":0")) {
                return "a foreign record was stored";
            }
            if (leakCheck) {
                for (String token : leakTokens) {
                    if (body.contains(token)) {
                        return "LEAK of " + token;
                    }
                }
            }
            return null;
        }
    }

    /** The seeded record's data that a refused or foreign caller must never see (minus what the request itself names). */
    private static List<String> leakTokens(TwoRegions.Region r, Call call) {
        String request = call.path() + call.query() + call.echo();
        return List.of(r.marker, r.caseNo, r.licenceId, r.holderIdNumber, r.submissionId, r.forwardedLicenceId)
                .stream().filter(t -> !request.contains(t)).toList();
    }

    private static Response send(String verb, Call call, String token) {
        RequestSpecification spec = given().header("X-Purpose", PURPOSE).queryParams(call.query());
        if (token != null) {
            spec = spec.auth().oauth2(token);
        }
        spec = call.body().apply(spec);
        return spec.request(verb, call.path());
    }

    /** A validly shaped token whose claims were changed after signing (subject switched to the bootstrap admin). */
    private static String tamper(String token) {
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = claims.replaceAll("\"sub\":\"[^\"]*\"", "\"sub\":\"admin\"");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    private static Row row(String verb, String path, Scope scope, Function<TwoRegions.Region, Call> call, Role... roles) {
        return new Row(verb, path, scope, roles.length == 0 ? ANY : EnumSet.copyOf(Arrays.asList(roles)), ANY, call);
    }

    private static Call call(String path) {
        return new Call(path, Map.of(), s -> s);
    }

    private static Call call(String path, Function<RequestSpecification, RequestSpecification> body) {
        return new Call(path, Map.of(), body);
    }

    private static Function<RequestSpecification, RequestSpecification> json(Object body) {
        return s -> s.contentType(ContentType.JSON).body(body);
    }

    /** A JSON request whose body is remembered, so what the caller itself sent is not mistaken for a leak. */
    private static Call call(String path, Object jsonBody) {
        return new Call(path, Map.of(), json(jsonBody), TwoRegions.json(jsonBody));
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
