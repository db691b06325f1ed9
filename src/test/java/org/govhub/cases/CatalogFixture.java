package org.govhub.cases;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.govhub.testing.Clients;
import org.govhub.testing.PerHubStart;

/**
 * Effective power items for case tests, made the way a department makes them: a catalog-editor
 * submits an item through the catalogue's API and a different catalog-reviewer approves it. Each
 * item gets a subject code no other test uses (fresh department letters, counting down from ZZ so
 * they never meet the catalogue's own tests, which count up from AA).
 */
final class CatalogFixture {
    private static final AtomicInteger LETTERS = new AtomicInteger(26 * 26 - 1);
    private static final PerHubStart LUCHENG_ITEM = new PerHubStart();

    private final String regionPrefix;
    private Clients.Registered editor;
    private Clients.Registered reviewer;

    /** For items in the region of the given prefix (e.g. 3303). */
    CatalogFixture(String regionPrefix) {
        this.regionPrefix = regionPrefix;
    }

    /**
     * One effective penalty item of Lucheng district (330302), shared by the case tests; made again
     * when the hub restarted on a cleaned database (a test class with another profile) since.
     */
    static String luchengItem() {
        return LUCHENG_ITEM.get(CatalogFixture::published, () -> new CatalogFixture("3303").effectivePenaltyItem("33030200"));
    }

    private static boolean published(String code) {
        return given().get("/api/v1/items/" + code).statusCode() == 200;
    }

    /** A fresh code for an item of the given 8 region digits and type, e.g. 33030200ZY-CF-0001. */
    static String freshCode(String regionDigits, String type) {
        int n = LETTERS.getAndDecrement();
        return regionDigits + (char) ('A' + n / 26) + (char) ('A' + n % 26) + "-" + type + "-0001";
    }

    /** An effective penalty item whose baseline is a warning, or a fine of 1,000 to 30,000 yuan. */
    String effectivePenaltyItem(String regionDigits) {
        String code = freshCode(regionDigits, "CF");
        approve(submit(penaltyItem(code)));
        return code;
    }

    /** A penalty item submitted for review but not approved: not effective. */
    String proposedPenaltyItem(String regionDigits) {
        String code = freshCode(regionDigits, "CF");
        submit(penaltyItem(code));
        return code;
    }

    private static Map<String, Object> penaltyItem(String code) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("code", code);
        item.put("name", "未按规定对从业人员进行安全生产教育和培训" + code);
        item.put("legalBasis", new ArrayList<>(List.of(
                Map.of("rank", "law", "title", "中华人民共和国安全生产法", "article", "第九十七条"))));
        item.put("subject", Map.of("name", "温州市安全生产监督管理局", "nature", "statutory-organ"));
        item.put("handlingDepartment", "执法监察科");
        item.put("address", "温州市鹿城区");
        item.put("phone", "0577-88961234");
        item.put("supervisionPhone", "0577-88965678");
        item.put("penaltyKinds", List.of("warning", "fine"));
        item.put("discretionBaseline", List.of(Map.of("penaltyKind", "warning"),
                Map.of("penaltyKind", "fine", "minYuan", 1000, "maxYuan", 30000)));
        item.put("resultsPublished", true);
        return item;
    }

    private long submit(Map<String, Object> item) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("kind", "add");
        change.put("reason", "案件测试事项");
        change.put("sources", List.of());
        change.put("items", List.of(item));
        return given().auth().oauth2(editor().token()).contentType(ContentType.JSON).body(change)
                .post("/api/v1/items/changes").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private void approve(long changeId) {
        given().auth().oauth2(reviewer().token()).contentType(ContentType.JSON).body(Map.of("reason", "依法审核通过"))
                .post("/api/v1/catalog/changes/" + changeId + "/approval").then().statusCode(200);
    }

    private Clients.Registered editor() {
        return editor != null ? editor : (editor = Clients.register(regionPrefix, "catalog-editor"));
    }

    private Clients.Registered reviewer() {
        return reviewer != null ? reviewer : (reviewer = Clients.register(regionPrefix, "catalog-reviewer"));
    }
}
