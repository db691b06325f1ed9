package org.govhub.ferry;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.govhub.testing.Clients;
import org.govhub.testing.PerHubStart;

/**
 * Case records and an effective power item for the ferry tests, made through the public APIs as a
 * department would: a catalog-editor submits the item and a catalog-reviewer approves it.
 */
final class FerryCases {
    /** The checked lines of a case-batch entry as JSON trees, for assertions. */
    static List<com.fasterxml.jackson.databind.JsonNode> trees(List<CaseBatchLines.Line> lines) throws java.io.IOException {
        List<com.fasterxml.jackson.databind.JsonNode> trees = new java.util.ArrayList<>();
        for (CaseBatchLines.Line line : lines) {
            trees.add(JSON.readTree(line.json()));
        }
        return trees;
    }

    static final String REGION = "330303";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong SEQ = new AtomicLong(System.nanoTime() % 1_000_000_000L);
    private static final PerHubStart ITEM = new PerHubStart();

    private FerryCases() {
    }

    /** An effective penalty item of Longwan district; made again when the hub restarted on a clean database. */
    static String item() {
        return ITEM.get(code -> given().get("/api/v1/items/" + code).statusCode() == 200, FerryCases::makeItem);
    }

    private static String makeItem() {
        String code = "33030300FY-CF-0001";
        Map<String, Object> change = Map.of("kind", "add", "reason", "网闸测试事项", "sources", List.of(),
                "items", List.of(itemFields(code)));
        long id = given().auth().oauth2(Clients.register("3303", "catalog-editor").token()).contentType(ContentType.JSON)
                .body(change).post("/api/v1/items/changes").then().statusCode(201).extract().jsonPath().getLong("id");
        given().auth().oauth2(Clients.register("3303", "catalog-reviewer").token()).contentType(ContentType.JSON)
                .body(Map.of("reason", "依法审核通过")).post("/api/v1/catalog/changes/" + id + "/approval")
                .then().statusCode(200);
        return code;
    }

    private static Map<String, Object> itemFields(String code) {
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("code", code);
        fields.put("name", "未按规定对从业人员进行安全生产教育和培训");
        fields.put("legalBasis", List.of(Map.of("rank", "law", "title", "中华人民共和国安全生产法", "article", "第九十七条")));
        fields.put("subject", Map.of("name", "温州市龙湾区安全生产监督管理局", "nature", "statutory-organ"));
        fields.put("handlingDepartment", "执法监察科");
        fields.put("address", "温州市龙湾区");
        fields.put("phone", "0577-88961234");
        fields.put("supervisionPhone", "0577-88965678");
        fields.put("penaltyKinds", List.of("warning", "fine"));
        fields.put("discretionBaseline", List.of(Map.of("penaltyKind", "warning"),
                Map.of("penaltyKind", "fine", "minYuan", 1000, "maxYuan", 30000)));
        fields.put("resultsPublished", true);
        return fields;
    }

    static String caseNo(String tag) {
        return "FERRY-" + tag + "-" + SEQ.incrementAndGet();
    }

    /** One realistic finished penalty case as a platform pushes it, as a JSON line. */
    static String line(String caseNo, String regionCode, long dataVersion) {
        return record(caseNo, regionCode, dataVersion).toString();
    }

    static ObjectNode record(String caseNo, String regionCode, long dataVersion) {
        ObjectNode r = JSON.createObjectNode();
        r.put("caseNo", caseNo);
        r.put("itemCode", item());
        r.put("regionCode", regionCode);
        r.put("dataVersion", dataVersion);
        ObjectNode applicant = r.putObject("applicant");
        applicant.put("name", "温州市龙湾区某某化工有限公司");
        applicant.put("idType", "credit-code");
        applicant.put("idNumber", "91330303MA2AB1234X");
        r.put("subject", "关于某某化工有限公司未按规定开展安全生产教育培训的处罚案 v" + dataVersion);
        r.put("acceptedAt", "2026-11-02T09:30:00+08:00");
        r.put("acceptor", "龙湾区行政服务中心安监窗口 王五");
        r.put("promisedWorkingDays", 20);
        r.put("status", "finished");
        ArrayNode steps = r.putArray("steps");
        steps.addObject().put("name", "受理").put("action", "accept").put("post", "窗口").put("actor", "王五")
                .put("opinion", "材料齐全，予以受理").put("startedAt", "2026-11-02T09:30:00+08:00").put("endedAt", "2026-11-02T09:40:00+08:00");
        steps.addObject().put("name", "办结").put("action", "finish").put("post", "窗口").put("actor", "王五")
                .put("opinion", "已送达处罚决定书").put("startedAt", "2026-11-10T09:00:00+08:00").put("endedAt", "2026-11-10T09:30:00+08:00");
        ObjectNode result = r.putObject("result");
        result.put("decision", "给予警告");
        result.put("finishedAt", "2026-11-10T09:30:00+08:00");
        result.put("documentNo", "温龙安监罚〔2026〕12号");
        result.putObject("penalty").put("kind", "warning");
        return r;
    }

    /** The same case as {@link #record} while it is still only accepted: the acceptance step, no result yet. */
    static ObjectNode accepted(String caseNo, String regionCode, long dataVersion) {
        ObjectNode r = record(caseNo, regionCode, dataVersion);
        r.put("status", "accepted");
        ArrayNode steps = (ArrayNode) r.get("steps");
        steps.remove(1);
        r.remove("result");
        return r;
    }

    /** Pushes records as a platform (or a department system) does: {@code POST /api/v1/cases/batches}. */
    static io.restassured.response.Response push(Clients.Registered client, ObjectNode... records) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode array = body.putArray("records");
        for (ObjectNode r : records) {
            array.add(r);
        }
        return given().auth().oauth2(client.token()).contentType(ContentType.JSON).body(body.toString())
                .post("/api/v1/cases/batches");
    }
}
