package org.govhub.catalog;

import static io.restassured.RestAssured.given;

import io.agroal.api.AgroalDataSource;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.govhub.testing.Clients;

/**
 * The catalogue as its users drive it, through the real API: valid item documents per type, fresh
 * subject codes so tests never share codes, and the submit / approve / reject steps.
 */
final class CatalogSteps {
    static final String ITEMS = "/api/v1/items";
    static final String CHANGES = "/api/v1/catalog/changes";
    private static final AtomicInteger SUBJECTS = new AtomicInteger();

    private CatalogSteps() {
    }

    /** The clients a test class needs, registered on first use: Wenzhou (3303) and Jinhua (3307). */
    static final class Actors {
        private Clients.Registered editor;
        private Clients.Registered secondEditor;
        private Clients.Registered reviewer;
        private Clients.Registered editorAndReviewer;
        private Clients.Registered outsideEditor;
        private Clients.Registered outsideReviewer;

        String editor() {
            return (editor = editor != null ? editor : Clients.register("3303", "catalog-editor")).token();
        }

        String editorId() {
            editor();
            return editor.clientId();
        }

        String secondEditor() {
            return (secondEditor = secondEditor != null ? secondEditor : Clients.register("3303", "catalog-editor")).token();
        }

        String reviewer() {
            return (reviewer = reviewer != null ? reviewer : Clients.register("3303", "catalog-reviewer")).token();
        }

        String reviewerId() {
            reviewer();
            return reviewer.clientId();
        }

        /** One client holding both roles: it may submit and review, but never its own change. */
        String editorAndReviewer() {
            return (editorAndReviewer = editorAndReviewer != null ? editorAndReviewer
                    : Clients.register("3303", "catalog-editor", "catalog-reviewer")).token();
        }

        String outsideEditor() {
            return (outsideEditor = outsideEditor != null ? outsideEditor : Clients.register("3307", "catalog-editor")).token();
        }

        String outsideReviewer() {
            return (outsideReviewer = outsideReviewer != null ? outsideReviewer
                    : Clients.register("3307", "catalog-reviewer")).token();
        }
    }

    /** A subject code no other test uses: the given 8 region digits and a fresh pair of letters. */
    static String freshSubject(String regionDigits) {
        int n = SUBJECTS.getAndIncrement();
        if (n >= 26 * 26) {
            throw new IllegalStateException("out of fresh department letters");
        }
        return regionDigits + (char) ('A' + n / 26) + (char) ('A' + n % 26);
    }

    /** Longwan district (330303), county level. */
    static String freshSubject() {
        return freshSubject("33030300");
    }

    static String code(String subject, String type, int sequence) {
        return String.format("%s-%s-%04d", subject, type, sequence);
    }

    /** A complete, valid document for the code's type; mutable so tests can break one field. */
    static Map<String, Object> item(String code) {
        String type = code.substring(11, 13);
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("code", code);
        item.put("name", "测试事项" + code);
        item.put("legalBasis", new ArrayList<>(List.of(
                basis("law", "中华人民共和国安全生产法", "第九十四条"),
                basis("local-regulation", "浙江省安全生产条例", "第三十条"))));
        item.put("subject", new LinkedHashMap<>(Map.of("name", "温州市龙湾区安全生产监督管理局", "nature", "statutory-organ")));
        item.put("handlingDepartment", "执法监察科");
        item.put("address", "温州市龙湾区永中街道");
        item.put("phone", "0577-86961234");
        item.put("supervisionPhone", "0577-86965678");
        switch (type) {
            case "XK", "SP" -> {
                item.put("acceptanceConditions", "申请人具备相应的安全生产条件");
                item.put("materials", new ArrayList<>(List.of(
                        new LinkedHashMap<>(Map.of("name", "申请书", "copies", 1)),
                        new LinkedHashMap<>(Map.of("name", "营业执照复印件", "required", false)),
                        new LinkedHashMap<>(Map.of("name", "安全生产管理制度")))));
                item.put("statutoryTimeLimit", limit(20, "working-days"));
                item.put("promisedTimeLimit", limit(10, "working-days"));
                item.put("fees", new LinkedHashMap<>(Map.of("charged", false)));
            }
            case "CF" -> {
                item.put("penaltyKinds", new ArrayList<>(List.of("warning", "fine")));
                item.put("discretionBaseline", new ArrayList<>(List.of(
                        new LinkedHashMap<>(Map.of("penaltyKind", "warning")),
                        new LinkedHashMap<>(Map.of("penaltyKind", "fine", "minYuan", 1000, "maxYuan", 30000)))));
                item.put("resultsPublished", true);
            }
            case "JL" -> {
                item.put("effectiveDate", "2016-01-01");
                item.put("promisedTimeLimit", limit(30, "calendar-days"));
                item.put("resultsPublished", true);
            }
            default -> {
                // the common fields are enough
            }
        }
        return item;
    }

    static Map<String, Object> basis(String rank, String title, String article) {
        return new LinkedHashMap<>(Map.of("rank", rank, "title", title, "article", article));
    }

    static Map<String, Object> limit(int value, String unit) {
        return new LinkedHashMap<>(Map.of("value", value, "unit", unit));
    }

    static Map<String, Object> change(String kind, List<String> sources, List<Map<String, Object>> items) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("reason", "test: " + kind);
        body.put("sources", sources);
        body.put("items", items);
        return body;
    }

    @SafeVarargs
    static Map<String, Object> add(Map<String, Object>... items) {
        return change("add", List.of(), Arrays.asList(items));
    }

    static ValidatableResponse submit(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(ITEMS + "/changes").then();
    }

    static long submitted(String token, Map<String, Object> body) {
        return submit(token, body).statusCode(201).extract().jsonPath().getLong("id");
    }

    static ValidatableResponse approve(String token, long changeId) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("reason", "依法审核通过"))
                .post(CHANGES + "/" + changeId + "/approval").then();
    }

    static ValidatableResponse reject(String token, long changeId, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", reason);
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post(CHANGES + "/" + changeId + "/rejection").then();
    }

    /** Submits a change and has the reviewer approve it; returns the change id. */
    static long approved(Actors actors, Map<String, Object> body) {
        long id = submitted(actors.editor(), body);
        approve(actors.reviewer(), id).statusCode(200);
        return id;
    }

    /** Adds and approves an item; returns its code. */
    static String published(Actors actors, Map<String, Object> item) {
        approved(actors, add(item));
        return (String) item.get("code");
    }

    static ValidatableResponse publicGet(String path) {
        return given().get(path).then();
    }

    static long count(AgroalDataSource db, String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
