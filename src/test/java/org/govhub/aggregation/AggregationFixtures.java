package org.govhub.aggregation;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.govhub.common.PrivateFiles;
import org.govhub.testing.Clients;

/**
 * What the aggregation tests need from the rest of the hub, made through its real API: effective
 * penalty items (an editor submits, another client approves), case records as a platform pushes
 * them, and the clients behind the upstream and downstream links, whose secrets are handed to the
 * hub as files.
 */
final class AggregationFixtures {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final AtomicLong SEQ = new AtomicLong(System.nanoTime() % 1_000_000_000L);
    /** Department letters counted down from ZZ in the 33030400 (Ouhai) region, away from other tests' codes. */
    private static final AtomicInteger LETTERS = new AtomicInteger(26 * 26 - 1);

    private AggregationFixtures() {
    }

    /** An effective penalty item (warning, or a fine of 1,000 to 30,000 yuan) for subjects of the given 8 region digits. */
    static String effectivePenaltyItem(String regionDigits) {
        int n = LETTERS.getAndDecrement();
        String code = regionDigits + (char) ('A' + n / 26) + (char) ('A' + n % 26) + "-CF-0001";
        String prefix = regionDigits.substring(0, 4);
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("code", code);
        item.put("name", "未按规定对从业人员进行安全生产教育和培训" + code);
        item.put("legalBasis", new ArrayList<>(List.of(
                Map.of("rank", "law", "title", "中华人民共和国安全生产法", "article", "第九十七条"))));
        item.put("subject", Map.of("name", "温州市应急管理局", "nature", "statutory-organ"));
        item.put("handlingDepartment", "执法监察科");
        item.put("address", "温州市鹿城区");
        item.put("phone", "0577-88961234");
        item.put("supervisionPhone", "0577-88965678");
        item.put("penaltyKinds", List.of("warning", "fine"));
        item.put("discretionBaseline", List.of(Map.of("penaltyKind", "warning"),
                Map.of("penaltyKind", "fine", "minYuan", 1000, "maxYuan", 30000)));
        item.put("resultsPublished", true);
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("kind", "add");
        change.put("reason", "逐级汇总测试事项");
        change.put("sources", List.of());
        change.put("items", List.of(item));
        long id = given().auth().oauth2(Clients.register(prefix, "catalog-editor").token()).contentType(ContentType.JSON)
                .body(change).post("/api/v1/items/changes").then().statusCode(201).extract().jsonPath().getLong("id");
        given().auth().oauth2(Clients.register(prefix, "catalog-reviewer").token()).contentType(ContentType.JSON)
                .body(Map.of("reason", "依法审核通过")).post("/api/v1/catalog/changes/" + id + "/approval")
                .then().statusCode(200);
        return code;
    }

    static String caseNo(String tag) {
        return tag + "-" + SEQ.incrementAndGet();
    }

    /** A penalty case as a platform pushes it, with Chinese text (and one character outside the BMP) and an exact decimal. */
    static ObjectNode record(String caseNo, String itemCode, String regionCode, long dataVersion) {
        ObjectNode r = F.objectNode();
        r.put("caseNo", caseNo);
        r.put("itemCode", itemCode);
        r.put("regionCode", regionCode);
        r.put("dataVersion", dataVersion);
        ObjectNode applicant = r.putObject("applicant");
        applicant.put("name", "温州市某某化工有限公司𠀀");
        applicant.put("idType", "other");
        applicant.put("idNumber", "TEST" + caseNo.hashCode());
        applicant.put("contact", "0577-86900000");
        r.put("subject", "关于某某化工有限公司未按规定开展安全生产教育培训的处罚案");
        r.put("acceptedAt", "2026-11-02T09:30:00+08:00");
        r.put("acceptor", "行政服务中心安监窗口 王五");
        r.put("promisedWorkingDays", 20);
        r.put("status", "accepted");
        ArrayNode steps = r.putArray("steps");
        ObjectNode step = steps.addObject();
        step.put("name", "受理");
        step.put("action", "accept");
        step.put("post", "窗口");
        step.put("actor", "王五");
        step.put("opinion", "材料齐全，予以受理 v" + dataVersion);
        step.put("startedAt", "2026-11-02T09:30:00+08:00");
        step.put("endedAt", "2026-11-02T09:40:00+08:00");
        r.putArray("materials").addObject().put("name", "现场检查记录").put("required", true).put("submitted", true);
        r.putObject("facts").putObject("area").put("value", new BigDecimal("1250.50")).put("unit", "m2");
        return r;
    }

    static JsonPath push(String token, List<ObjectNode> records) {
        ObjectNode body = F.objectNode();
        records.forEach(body.putArray("records")::add);
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body.toString())
                .post("/api/v1/cases/batches").then().statusCode(200).extract().jsonPath();
    }

    /**
     * Registers a client with the given id (the one the hub's configuration names) unless it exists,
     * and hands its secret to the hub in the configured secret file.
     */
    static void linkClient(String clientId, String regionPrefix, String... roles) {
        Path file = Path.of(AggregationTestResource.secretFile(clientId));
        if (Files.exists(file)) {
            return;
        }
        String secret = given().auth().oauth2(Clients.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("clientId", clientId, "name", "aggregation link " + clientId, "roles", List.of(roles),
                        "regionPrefix", regionPrefix))
                .post("/api/v1/admin/clients").then().statusCode(201).extract().path("clientSecret");
        try {
            PrivateFiles.writeString(file, secret);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
